"""The idea board live: phones posting ideas and voting over the WebSocket, the projector
following, the control view's phases and moderation — real sockets, real channel layer."""

import re
import uuid

import pytest
from channels.db import database_sync_to_async
from django.urls import reverse

from live import sessions
from live.answers import Submission, record_answers
from live.models import ActivityRun, Response
from tests.live import (
    answer_message,
    communicator,
    join_as,
    phone_cookie,
    post_answer,
    receive_until,
    user_cookie,
)


async def connected(path: str, cookie: str = ""):
    comm = communicator(path, cookie)
    ok, _ = await comm.connect()
    assert ok
    return comm


def client_id_of(html: str) -> str:
    return re.search(r'name="client_id" value="([0-9a-f-]+)"', html).group(1)


def store_idea(participant, activity, text, column="economique"):
    [outcome] = record_answers(
        [
            Submission(
                client_id=str(uuid.uuid4()),
                session_id=participant.session_id,
                participant_id=participant.pk,
                activity_id=activity.pk,
                answer={"column": column, "text": text},
            )
        ]
    )
    assert outcome.ok, outcome.error
    return outcome.response


# Over the WebSocket ----------------------------------------------------------------------------
@pytest.mark.django_db(transaction=True)
@pytest.mark.asyncio
async def test_posting_ideas_reaches_the_screen_and_gives_the_phone_a_fresh_form(
    client, facilitator, live_session, participant, ideas_step
):
    screen = await connected(
        f"/ws/ecran/{live_session.pk}/",
        await database_sync_to_async(user_cookie)(client, facilitator),
    )
    board = await receive_until(screen, 'id="screen-stage"')
    assert "Un enjeu de santé" in board  # the columns show from the start
    phone = await connected(
        f"/ws/atelier/{live_session.pk}/", await database_sync_to_async(phone_cookie)(participant)
    )
    snapshot = await receive_until(phone, 'id="phone-stage"')
    assert "Dans quelle colonne ?" in snapshot
    first_id = client_id_of(snapshot)
    await phone.send_to(
        text_data=answer_message(
            ideas_step.activity_id, first_id, what="idea", column="sante", text="Ateliers en EHPAD"
        )
    )
    ack = await receive_until(phone, "Réponse enregistrée")
    # The next idea gets a new id, an empty text box and the list of one's ideas.
    assert 'id="phone-activity-' in ack
    assert client_id_of(ack) != first_id
    assert "Votre idée (1)" in ack
    assert "« Ateliers en EHPAD »" in ack
    assert re.search(r"<textarea[^>]*></textarea>", ack)
    pushed = await receive_until(screen, "Ateliers en EHPAD")
    assert 'id="screen-results"' in pushed
    # The same idea sent again (a lost ack) stays one idea; a second one is another.
    await phone.send_to(
        text_data=answer_message(
            ideas_step.activity_id, first_id, what="idea", column="sante", text="Ateliers en EHPAD"
        )
    )
    await receive_until(phone, "Réponse enregistrée")
    await phone.send_to(
        text_data=answer_message(
            ideas_step.activity_id, client_id_of(ack), what="idea", column="cohesion", text="Bus"
        )
    )
    assert "Vos idées (2)" in await receive_until(phone, "Réponse enregistrée")
    assert await database_sync_to_async(Response.objects.count)() == 2
    await phone.disconnect()
    await screen.disconnect()


@pytest.mark.django_db(transaction=True)
@pytest.mark.asyncio
async def test_a_refused_idea_keeps_the_form_as_typed(live_session, participant, ideas_step):
    phone = await connected(
        f"/ws/atelier/{live_session.pk}/", await database_sync_to_async(phone_cookie)(participant)
    )
    await receive_until(phone, 'id="phone-stage"')
    await phone.send_to(
        text_data=answer_message(
            ideas_step.activity_id, what="idea", column="", text="Sans colonne"
        )
    )
    refused = await receive_until(phone, "error")
    assert "Choisissez la colonne de votre idée" in refused
    assert 'id="phone-activity-' not in refused  # only the message: what was typed stays
    assert await database_sync_to_async(Response.objects.count)() == 0
    await phone.disconnect()


@pytest.mark.django_db(transaction=True)
@pytest.mark.asyncio
async def test_the_dot_vote_over_the_socket_and_the_ranking_on_screen(
    client, facilitator, live_session, participant, other_participant, ideas_step
):
    activity = ideas_step.activity
    fonds = await database_sync_to_async(store_idea)(participant, activity, "Un fonds local")
    bus = await database_sync_to_async(store_idea)(
        other_participant, activity, "Un bus", "cohesion"
    )
    screen = await connected(
        f"/ws/ecran/{live_session.pk}/",
        await database_sync_to_async(user_cookie)(client, facilitator),
    )
    await receive_until(screen, "Un fonds local")
    phone = await connected(
        f"/ws/atelier/{live_session.pk}/", await database_sync_to_async(phone_cookie)(participant)
    )
    await receive_until(phone, 'id="phone-stage"')
    run = await database_sync_to_async(ActivityRun.objects.get)(
        session=live_session, activity=activity
    )
    await database_sync_to_async(sessions.perform_action)(
        session=live_session, run=run, action="vote", form={"votes": ["1"]}
    )
    ballot = await receive_until(phone, 'name="vote"')
    assert "Vous avez 1 vote" in ballot
    assert f'value="{bus.pk}"' in ballot
    await receive_until(screen, "0 participant·es ont voté")
    await phone.send_to(
        text_data=answer_message(activity.pk, what="votes", vote=[str(fonds.pk), str(bus.pk)])
    )
    refused = await receive_until(phone, "error")
    assert "Vous avez 1 vote et vous avez choisi 2 idées : retirez-en 1." in refused.replace(
        "&#x27;", "'"
    )
    await phone.send_to(text_data=answer_message(activity.pk, what="votes", vote=[str(bus.pk)]))
    voted = await receive_until(phone, "Réponse enregistrée")
    assert "1 vote enregistré." in voted
    assert re.search(rf'value="{bus.pk}" checked', voted)
    await receive_until(screen, "1 participant·e a voté")
    await database_sync_to_async(run.refresh_from_db)()
    await database_sync_to_async(sessions.perform_action)(
        session=live_session, run=run, action="ranking"
    )
    ranking = await receive_until(screen, "idea-ranking")
    assert ranking.index("Un bus") < ranking.index("Un fonds local")
    assert "1 vote" in ranking
    shown = await receive_until(phone, "Classement des idées")
    assert 'name="vote"' not in shown  # no more voting: the ranking, as text
    await phone.disconnect()
    await screen.disconnect()


@pytest.mark.django_db(transaction=True)
@pytest.mark.asyncio
async def test_moderation_reaches_the_screen_and_the_phones(
    client, facilitator, live_session, participant, other_participant, ideas_step
):
    activity = ideas_step.activity
    fonds = await database_sync_to_async(store_idea)(participant, activity, "Un fonds local")
    bus = await database_sync_to_async(store_idea)(
        other_participant, activity, "Un bus", "cohesion"
    )
    spam = await database_sync_to_async(store_idea)(other_participant, activity, "<b>PUB</b>")
    run = await database_sync_to_async(ActivityRun.objects.get)(
        session=live_session, activity=activity
    )
    await database_sync_to_async(sessions.perform_action)(
        session=live_session, run=run, action="vote", form={"votes": ["2"]}
    )
    screen = await connected(
        f"/ws/ecran/{live_session.pk}/",
        await database_sync_to_async(user_cookie)(client, facilitator),
    )
    await receive_until(screen, "&lt;b&gt;PUB&lt;/b&gt;")
    phone = await connected(
        f"/ws/atelier/{live_session.pk}/", await database_sync_to_async(phone_cookie)(participant)
    )
    await receive_until(phone, "&lt;b&gt;PUB&lt;/b&gt;")
    await database_sync_to_async(sessions.hide_response)(
        session=live_session, response=spam, hidden=True
    )
    refreshed = await receive_until(phone, 'id="phone-stage"')
    assert "PUB" not in refreshed
    assert "PUB" not in await receive_until(screen, "2 idées")
    await database_sync_to_async(sessions.perform_response_action)(
        session=live_session, response=fonds, action="merge", form={"into": [str(bus.pk)]}
    )
    merged = await receive_until(screen, "Regroupée avec")
    assert "« Un fonds local »" in merged
    assert f'value="{fonds.pk}"' not in await receive_until(phone, 'id="phone-stage"')
    await phone.disconnect()
    await screen.disconnect()


@pytest.mark.django_db(transaction=True)
@pytest.mark.asyncio
async def test_while_ideas_are_posted_moderation_leaves_the_typing_phones_alone(
    client, facilitator, live_session, participant, other_participant, ideas_step
):
    spam = await database_sync_to_async(store_idea)(
        other_participant, ideas_step.activity, "<b>PUB</b>"
    )
    screen = await connected(
        f"/ws/ecran/{live_session.pk}/",
        await database_sync_to_async(user_cookie)(client, facilitator),
    )
    await receive_until(screen, "PUB")
    phone = await connected(
        f"/ws/atelier/{live_session.pk}/", await database_sync_to_async(phone_cookie)(participant)
    )
    await receive_until(phone, 'id="phone-stage"')
    await database_sync_to_async(sessions.hide_response)(
        session=live_session, response=spam, hidden=True
    )
    assert "PUB" not in await receive_until(screen, 'id="screen-results"')
    assert await phone.receive_nothing(timeout=0.5)  # what is being typed there stays
    await phone.disconnect()
    await screen.disconnect()


# Over HTTP --------------------------------------------------------------------------------------
def test_the_plain_form_posts_ideas_one_after_the_other(client, live_session, ideas_step):
    join_as(client, live_session)
    for text in ("Une première idée", "Une seconde idée"):
        page = client.get(reverse("workshops:phone", args=[live_session.pk])).content.decode()
        fields = {"what": "idea", "column": "politique", "text": text}
        response = post_answer(
            client, live_session, ideas_step.activity_id, fields, client_id=client_id_of(page)
        )
        assert response.status_code == 302
    page = client.get(reverse("workshops:phone", args=[live_session.pk])).content.decode()
    assert "Vos idées (2)" in page
    assert sorted(Response.objects.values_list("data__text", flat=True)) == [
        "Une première idée",
        "Une seconde idée",
    ]


def test_a_refused_plain_vote_keeps_the_boxes_ticked(client, live_session, ideas_step, participant):
    ideas = [store_idea(participant, ideas_step.activity, f"Idée {n}") for n in range(3)]
    run = ActivityRun.objects.get(session=live_session, activity=ideas_step.activity)
    sessions.perform_action(session=live_session, run=run, action="vote", form={"votes": ["2"]})
    join_as(client, live_session, "Sam")
    fields = {"what": "votes", "vote": [str(i.pk) for i in ideas]}
    response = post_answer(client, live_session, ideas_step.activity_id, fields)
    assert response.status_code == 400
    html = response.content.decode()
    assert "Vous avez 2 votes et vous avez choisi 3 idées : retirez-en 1." in html
    assert all(re.search(rf'value="{i.pk}" checked', html) for i in ideas)
    assert not Response.objects.filter(slot="votes").exists()


def test_the_control_view_switches_phases_and_moves_and_merges(
    facilitator_client, live_session, ideas_step, participant
):
    activity = ideas_step.activity
    fonds = store_idea(participant, activity, "Un fonds local")
    bus = store_idea(participant, activity, "Un bus", "cohesion")
    page = facilitator_client.get(reverse("workshops:control", args=[live_session.pk]))
    html = page.content.decode()
    assert "Votes par participant·e" in html
    assert f'id="move-{fonds.pk}"' in html
    assert f'id="merge-{fonds.pk}"' in html
    facilitator_client.post(
        reverse("workshops:control_action", args=[live_session.pk]),
        {"action": "kind:vote", "votes": "4"},
    )
    run = ActivityRun.objects.get(session=live_session, activity=activity)
    assert run.state == {"phase": "vote", "votes": 4}
    action_url = reverse("workshops:control_response_action", args=[live_session.pk, fonds.pk])
    facilitator_client.post(action_url, {"action": "move", "column": "sante"})
    facilitator_client.post(action_url, {"action": "merge", "into": str(bus.pk)})
    run.refresh_from_db()
    assert run.state["moves"] == {str(fonds.pk): "sante"}
    assert run.state["merged"] == {str(fonds.pk): bus.pk}
    html = facilitator_client.get(reverse("workshops:control", args=[live_session.pk])).content
    # Ideas are numbered by their place on the board (posting order), not their database id.
    posted = Response.objects.filter(session=live_session, activity=activity)
    posted = [r.pk for r in posted.order_by("created_at", "pk") if "votes" not in r.data]
    assert f"regroupée dans l'idée n° {posted.index(bus.pk) + 1}" in html.decode()
    # A refused action says why.
    response = facilitator_client.post(
        action_url, {"action": "merge", "into": str(bus.pk)}, follow=True
    )
    assert "avec elle-même" in response.content.decode()


def test_response_actions_are_for_the_workshops_facilitators_only(
    client, other_facilitator, live_session, ideas_step, participant
):
    idea = store_idea(participant, ideas_step.activity, "Un fonds local")
    url = reverse("workshops:control_response_action", args=[live_session.pk, idea.pk])
    assert client.post(url, {"action": "move", "column": "sante"}).status_code == 302  # login
    client.force_login(other_facilitator)
    assert client.post(url, {"action": "move", "column": "sante"}).status_code == 404
    assert ActivityRun.objects.get(activity=ideas_step.activity).state == {}


def test_the_column_of_the_last_idea_stays_chosen(client, live_session, ideas_step):
    join_as(client, live_session)
    page = client.get(reverse("workshops:phone", args=[live_session.pk])).content.decode()
    fields = {"what": "idea", "column": "sante", "text": "EHPAD"}
    post_answer(client, live_session, ideas_step.activity_id, fields, client_id=client_id_of(page))
    page = client.get(reverse("workshops:phone", args=[live_session.pk])).content.decode()
    assert re.search(r'value="sante" checked', page)
    assert not re.search(r'value="economique" checked', page)
