"""A phone answers the step on screen only: an activity of an earlier step, left open when the
facilitator moved on, takes no more answers (the facilitator sees and moderates the current
step only) until the facilitator goes back to it. Both ways in obey: the plain form and the
WebSocket."""

import pytest
from channels.db import database_sync_to_async

from live import sessions
from live.models import ActivityRun, Response
from tests.live import (
    answer_message,
    communicator,
    join_as,
    phone_cookie,
    post_answer,
    receive_until,
)

NOT_CURRENT = "Cette question n&#x27;est plus en cours : votre réponse précédente est conservée."


def move_on(session) -> None:
    """The facilitator goes to the next step without closing the vote."""
    sessions.go_to_step(session=session, step=sessions.step_by_offset(session=session, offset=1))


def post_vote(client, session, vote_step, choice: str):
    return post_answer(client, session, vote_step.activity_id, {"choice": choice})


def test_the_plain_form_answers_only_the_step_on_screen(client, live_session, vote_step):
    participant = join_as(client, live_session)
    assert post_vote(client, live_session, vote_step, "0").status_code == 302
    move_on(live_session)
    assert ActivityRun.objects.get(session=live_session, activity=vote_step.activity).is_open
    refused = post_vote(client, live_session, vote_step, "1")
    assert refused.status_code == 400
    assert NOT_CURRENT in refused.content.decode()
    assert Response.objects.get(participant=participant).data == {"choices": [0]}
    # Back on the vote, still open: answers are taken again.
    sessions.go_to_step(session=live_session, step=vote_step)
    assert post_vote(client, live_session, vote_step, "1").status_code == 302
    assert Response.objects.get(participant=participant).data == {"choices": [1]}


@pytest.mark.django_db(transaction=True)
@pytest.mark.asyncio
async def test_the_websocket_answers_only_the_step_on_screen(live_session, participant, vote_step):
    phone = communicator(
        f"/ws/atelier/{live_session.pk}/", await database_sync_to_async(phone_cookie)(participant)
    )
    assert (await phone.connect())[0]
    await receive_until(phone, 'id="phone-stage"')
    await database_sync_to_async(move_on)(live_session)
    await phone.send_to(text_data=answer_message(vote_step.activity_id, choice="0"))
    await receive_until(phone, NOT_CURRENT)
    assert not await Response.objects.filter(participant=participant).aexists()
    await database_sync_to_async(sessions.go_to_step)(session=live_session, step=vote_step)
    await phone.send_to(text_data=answer_message(vote_step.activity_id, choice="0"))
    await receive_until(phone, "Réponse enregistrée")
    assert await Response.objects.filter(participant=participant).aexists()
    await phone.disconnect()
