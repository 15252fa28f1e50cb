"""The live WebSockets, through the real ASGI application and the real channel layer."""

import asyncio
import statistics
import time
import uuid

import pytest
from asgiref.sync import sync_to_async
from channels.db import database_sync_to_async
from channels.layers import get_channel_layer
from django.db import transaction

from live import sessions
from live.broadcast import answers_changed, screen_group
from live.models import Response
from tests.factories import workshop_with
from tests.live import (
    answer,
    answer_message,
    communicator,
    connected,
    phone_cookie,
    receive_until,
    user_cookie,
)

pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.asyncio]


@pytest.fixture
def workshop(facilitator):
    """A cover, the tour de table, the governance vote, then a step to move on to."""
    return workshop_with(["cover", "icebreaker", "vote", "content"], facilitator=facilitator)


async def facilitator_screen(client, facilitator, session):
    cookie = await database_sync_to_async(user_cookie)(client, facilitator)
    return await connected(f"/ws/ecran/{session.pk}/", cookie)


async def store_vote_without_push(session, participant, vote_step) -> None:
    """An answer written straight to the database: no push announces it."""
    await database_sync_to_async(Response.objects.create)(
        client_id=uuid.uuid4(),
        session=session,
        activity_id=vote_step.activity_id,
        participant=participant,
        data={"choices": [0]},
    )


async def refused_with(path: str, cookie: str = "", origin: bool = True) -> int | None:
    comm = communicator(path, cookie, origin=origin)
    ok, code = await comm.connect()
    if ok:  # accepted, then closed with an explicit code
        message = await comm.receive_output(timeout=3)
        assert message["type"] == "websocket.close"
        code = message.get("code")
    await comm.disconnect()
    return code


# Rights ----------------------------------------------------------------------------------
async def test_a_phone_without_a_participant_of_this_session_is_refused(live_session):
    assert await refused_with(f"/ws/atelier/{live_session.pk}/") == 4403


async def test_a_participant_cannot_open_another_sessions_socket(
    live_session, participant, workshop, other_facilitator
):
    other = await database_sync_to_async(sessions.start_session)(
        workshop=workshop, user=other_facilitator
    )
    cookie = await database_sync_to_async(phone_cookie)(participant)
    assert await refused_with(f"/ws/atelier/{other.pk}/", cookie) == 4403


async def test_the_projector_needs_a_facilitator_of_the_workshop(
    client, live_session, other_facilitator, plain_user
):
    path = f"/ws/ecran/{live_session.pk}/"
    assert await refused_with(path) == 4403
    for user in (other_facilitator, plain_user):
        cookie = await database_sync_to_async(user_cookie)(client, user)
        assert await refused_with(path, cookie) == 4403
    assert await refused_with(f"/ws/regie/{live_session.pk}/") == 4403


async def test_a_participant_cannot_open_the_control_view(live_session, participant):
    cookie = await database_sync_to_async(phone_cookie)(participant)
    assert await refused_with(f"/ws/regie/{live_session.pk}/", cookie) == 4403


async def test_the_secret_screen_link_works_until_revoked(live_session):
    token = live_session.screen_token
    comm = await connected(f"/ws/ecran-lien/{token}/")
    await receive_until(comm, 'id="screen-stage"')
    await database_sync_to_async(sessions.revoke_screen_link)(session=live_session)
    # The connected projector is closed; the old link no longer connects.
    message = await comm.receive_output(timeout=3)
    while message["type"] != "websocket.close":
        message = await comm.receive_output(timeout=3)
    assert message["code"] == 4403
    assert await refused_with(f"/ws/ecran-lien/{token}/") == 4403


async def test_a_socket_without_allowed_origin_is_rejected(live_session, participant):
    cookie = await database_sync_to_async(phone_cookie)(participant)
    comm = communicator(f"/ws/atelier/{live_session.pk}/", cookie, origin=False)
    ok, _ = await comm.connect()
    assert not ok


# Snapshot and pushes -----------------------------------------------------------------------
async def test_every_connection_starts_with_a_snapshot(
    client, facilitator, live_session, participant, vote_step
):
    phone = await connected(
        f"/ws/atelier/{live_session.pk}/", await database_sync_to_async(phone_cookie)(participant)
    )
    snapshot = await receive_until(phone, 'id="phone-stage"')
    assert "Validez-vous la gouvernance proposée ?" in snapshot
    assert 'name="choice"' in snapshot
    screen_cookie = await database_sync_to_async(user_cookie)(client, facilitator)
    screen = await connected(f"/ws/ecran/{live_session.pk}/", screen_cookie)
    snapshot = await receive_until(screen, 'id="screen-stage"')
    assert "Validez-vous la gouvernance proposée ?" in snapshot
    assert live_session.code[:3] in snapshot
    assert 'role="img"' in snapshot  # the QR code, with its accessible name
    await phone.disconnect()
    await screen.disconnect()


async def test_an_answer_is_acknowledged_after_commit_and_reaches_the_screen(
    client, facilitator, live_session, participant, vote_step
):
    screen = await connected(
        f"/ws/ecran/{live_session.pk}/",
        await database_sync_to_async(user_cookie)(client, facilitator),
    )
    await receive_until(screen, 'id="screen-stage"')
    await database_sync_to_async(sessions.set_run)(
        session=live_session,
        run=await database_sync_to_async(sessions.run_for)(session=live_session, step=vote_step),
        show_results=True,
    )
    await receive_until(screen, "0 voix")
    phone = await connected(
        f"/ws/atelier/{live_session.pk}/", await database_sync_to_async(phone_cookie)(participant)
    )
    await receive_until(phone, 'id="phone-stage"')
    await phone.send_to(text_data=answer_message(vote_step.activity_id, choice="0"))
    ack = await receive_until(phone, "Réponse enregistrée")
    assert "Pour" in ack
    # The acknowledgement came after the commit: the row is there.
    stored = await database_sync_to_async(list)(Response.objects.values_list("data", flat=True))
    assert stored == [{"choices": [0]}]
    pushed = await receive_until(screen, 'id="screen-results"')
    assert "1 réponse" in pushed
    assert "1 voix" in pushed
    await phone.disconnect()
    await screen.disconnect()


async def test_nothing_is_pushed_for_a_rolled_back_write(
    client, facilitator, live_session, participant, vote_step
):
    screen = await connected(
        f"/ws/ecran/{live_session.pk}/",
        await database_sync_to_async(user_cookie)(client, facilitator),
    )
    await receive_until(screen, 'id="screen-stage"')

    def write_then_fail():
        with transaction.atomic():
            answer(participant, vote_step, {"choices": [1]})
            answers_changed(session_id=live_session.pk, activity_id=vote_step.activity_id)
            raise RuntimeError("rollback")

    with pytest.raises(RuntimeError):
        await database_sync_to_async(write_then_fail)()
    assert await screen.receive_nothing(timeout=0.5)
    assert await database_sync_to_async(Response.objects.count)() == 0
    await screen.disconnect()


async def test_sending_the_same_answer_again_never_duplicates_it(
    live_session, participant, vote_step
):
    phone = await connected(
        f"/ws/atelier/{live_session.pk}/", await database_sync_to_async(phone_cookie)(participant)
    )
    await receive_until(phone, 'id="phone-stage"')
    client_id = str(uuid.uuid4())
    for choice in ("0", "0", "2"):  # a lost ack, then a change of mind
        await phone.send_to(
            text_data=answer_message(vote_step.activity_id, client_id, choice=choice)
        )
        await receive_until(phone, "Réponse enregistrée")
    # Even with another id (a reload), one person has one vote.
    await phone.send_to(text_data=answer_message(vote_step.activity_id, choice="1"))
    await receive_until(phone, "Réponse enregistrée")
    rows = await database_sync_to_async(list)(Response.objects.values_list("data", flat=True))
    assert rows == [{"choices": [1]}]
    await phone.disconnect()


async def test_an_answer_after_close_is_refused_and_the_previous_one_kept(
    live_session, participant, vote_step
):
    phone = await connected(
        f"/ws/atelier/{live_session.pk}/", await database_sync_to_async(phone_cookie)(participant)
    )
    await receive_until(phone, 'id="phone-stage"')
    await phone.send_to(text_data=answer_message(vote_step.activity_id, choice="0"))
    await receive_until(phone, "Réponse enregistrée")
    run = await database_sync_to_async(sessions.run_for)(session=live_session, step=vote_step)
    await database_sync_to_async(sessions.set_run)(session=live_session, run=run, is_open=False)
    closed = await receive_until(phone, "Cette question est fermée")
    assert 'name="choice"' not in closed  # no form any more
    await phone.send_to(text_data=answer_message(vote_step.activity_id, choice="1"))
    refused = await receive_until(phone, "Cette question est fermée")
    assert "votre réponse précédente est conservée" in refused
    rows = await database_sync_to_async(list)(Response.objects.values_list("data", flat=True))
    assert rows == [{"choices": [0]}]
    await phone.disconnect()


async def test_invalid_answers_get_a_french_error_and_nothing_is_stored(
    live_session, participant, vote_step
):
    phone = await connected(
        f"/ws/atelier/{live_session.pk}/", await database_sync_to_async(phone_cookie)(participant)
    )
    await receive_until(phone, 'id="phone-stage"')
    await phone.send_to(text_data=answer_message(vote_step.activity_id))
    assert "Choisissez une réponse avant d&#x27;envoyer." in await receive_until(phone, "error")
    await phone.send_to(text_data=answer_message(vote_step.activity_id, choice=["0", "1"]))
    assert "Une seule réponse est possible." in await receive_until(phone, "error")
    await phone.send_to(text_data=answer_message(vote_step.activity_id, choice="9"))
    assert "ne fait pas partie des réponses" in await receive_until(phone, "error")
    assert await database_sync_to_async(Response.objects.count)() == 0
    await phone.disconnect()


async def test_the_phone_follows_the_facilitator(live_session, participant, vote_step):
    phone = await connected(
        f"/ws/atelier/{live_session.pk}/", await database_sync_to_async(phone_cookie)(participant)
    )
    await receive_until(phone, "Validez-vous")
    step = await database_sync_to_async(sessions.step_by_offset)(session=live_session, offset=1)
    await database_sync_to_async(sessions.go_to_step)(session=live_session, step=step)
    moved = await receive_until(phone, 'id="phone-stage"')
    assert step.title.replace("'", "&#x27;") in moved
    await phone.disconnect()


async def test_user_text_is_escaped_on_the_screen(
    client, facilitator, live_session, participant, icebreaker_step
):
    screen = await connected(
        f"/ws/ecran/{live_session.pk}/",
        await database_sync_to_async(user_cookie)(client, facilitator),
    )
    await receive_until(screen, 'id="screen-stage"')
    phone = await connected(
        f"/ws/atelier/{live_session.pk}/", await database_sync_to_async(phone_cookie)(participant)
    )
    await receive_until(phone, 'id="phone-stage"')
    await phone.send_to(
        text_data=answer_message(
            icebreaker_step.activity_id,
            fonctions="<script>alert(1)</script>",
            structure="",
            lien="<img src=x onerror=alert(1)>",
        )
    )
    ack = await receive_until(phone, "Réponse enregistrée")
    assert "<script>" not in ack
    assert "&lt;script&gt;" in ack
    run = await database_sync_to_async(sessions.run_for)(session=live_session, step=icebreaker_step)
    await database_sync_to_async(sessions.perform_action)(
        session=live_session, run=run, action="start"
    )
    card = await receive_until(screen, "icebreaker-card")
    assert "<img" not in card
    assert "&lt;img src=x onerror=alert(1)&gt;" in card
    await phone.disconnect()
    await screen.disconnect()


async def test_the_screen_converges_to_the_stored_totals_even_if_a_push_is_lost(
    client, facilitator, live_session, participant, vote_step
):
    screen = await facilitator_screen(client, facilitator, live_session)
    await receive_until(screen, 'data-count="0"')
    # As if the channel layer had dropped the push.
    await store_vote_without_push(live_session, participant, vote_step)
    assert 'data-count="1"' in await receive_until(screen, 'data-count="1"', timeout=5)
    await screen.disconnect()


async def test_answers_redraw_only_the_live_part_of_the_control_view(
    client, facilitator, live_session, participant, vote_step
):
    cookie = await database_sync_to_async(user_cookie)(client, facilitator)
    control = await connected(f"/ws/regie/{live_session.pk}/", cookie)
    await receive_until(control, 'id="control-panel"')
    phone = await connected(
        f"/ws/atelier/{live_session.pk}/", await database_sync_to_async(phone_cookie)(participant)
    )
    await phone.send_to(text_data=answer_message(vote_step.activity_id, choice="1"))
    update = await receive_until(control, "1 réponse")
    assert 'id="control-activity-live"' in update
    assert 'id="control-panel"' not in update  # the buttons the facilitator may be about to press
    assert "Alex" in update  # the moderation list names who answered
    await phone.disconnect()
    await control.disconnect()


async def test_after_a_step_change_each_phone_sees_its_own_answer(
    live_session, participant, other_participant, vote_step
):
    phones = []
    for who in (participant, other_participant):
        phone = await connected(
            f"/ws/atelier/{live_session.pk}/", await database_sync_to_async(phone_cookie)(who)
        )
        await receive_until(phone, 'id="phone-stage"')
        phones.append(phone)
    await phones[0].send_to(text_data=answer_message(vote_step.activity_id, choice="2"))
    await receive_until(phones[0], "Réponse enregistrée")
    # Away from the vote and back: both phones redraw the vote from the same shared view.
    step_by_offset = database_sync_to_async(sessions.step_by_offset)
    for offset in (1, -1):
        step = await step_by_offset(session=live_session, offset=offset)
        await database_sync_to_async(sessions.go_to_step)(session=live_session, step=step)
        await database_sync_to_async(live_session.refresh_from_db)()
    first = await receive_until(phones[0], "Validez-vous")
    second = await receive_until(phones[1], "Validez-vous")
    assert "Votre réponse" in first
    assert "Abstention" in first.split("Votre réponse")[1]
    assert "Votre réponse" not in second
    assert "Envoyer" in second
    for phone in phones:
        await phone.disconnect()


async def test_a_push_reaches_the_projector_while_the_database_thread_is_busy(
    client, facilitator, live_session, participant, vote_step
):
    """The thread of synchronous code is shared by the participants' pages and every
    consumer's database work; a room joining keeps it busy. The projector's pushes must not
    queue there (Channels' dispatch used to make a round trip to it for every message)."""
    screen = await facilitator_screen(client, facilitator, live_session)
    await receive_until(screen, 'data-count="0"')
    await store_vote_without_push(live_session, participant, vote_step)
    busy = asyncio.create_task(sync_to_async(time.sleep, thread_sensitive=True)(3))
    await asyncio.sleep(0.1)  # the sleep holds the thread now
    started = time.monotonic()
    await get_channel_layer().group_send(
        screen_group(live_session.pk),
        {"type": "answers.changed", "activity_id": vote_step.activity_id},
    )
    await receive_until(screen, 'data-count="1"', timeout=1.5)
    assert time.monotonic() - started < 1.5
    assert not busy.done()  # it was shown while the thread was still busy
    await busy
    await screen.disconnect()


async def test_each_answer_shows_at_once_and_a_burst_in_a_few_renders(
    client, facilitator, live_session, vote_step
):
    """An answer that comes just after the projector drew the previous one is drawn at once,
    not after a fixed pause (it used to wait 20 ms after every render); answers coming faster
    than the projector draws are drawn together."""
    screen = await facilitator_screen(client, facilitator, live_session)
    await receive_until(screen, 'data-count="0"')
    room = [
        await database_sync_to_async(sessions.join)(session=live_session, pseudonym=f"P{i}")
        for i in range(40)
    ]
    delays = []
    for shown, person in enumerate(room[:10], start=1):
        await database_sync_to_async(answer)(person, vote_step, {"choices": [0]})
        committed = time.monotonic()  # the push leaves when the answer commits
        await receive_until(screen, f'data-count="{shown}"')
        delays.append(time.monotonic() - committed)
    assert statistics.median(delays) < 0.02, delays

    def burst():  # one transaction, hence one push, per answer
        for person in room[10:]:
            answer(person, vote_step, {"choices": [1]})

    await database_sync_to_async(burst)()
    renders = [await receive_until(screen, 'id="screen-results"')]
    while 'data-count="40"' not in renders[-1]:
        renders.append(await receive_until(screen, 'id="screen-results"'))
    assert len(renders) < 30
    await screen.disconnect()
