"""The classification and the yes / no retrospective live, through the real pipeline: phones
answering with the plain form and over the WebSocket, the writer keyed by (participant,
activity), the control view's close, show, reveal and hide, the phone's own correction, the
projector's matrix marked row by row."""

import re

import pytest
from channels.db import database_sync_to_async
from django.test import Client
from django.urls import reverse

from live import sessions, stage
from live.models import ActivityRun, Response
from tests.factories import (
    classification,
    make_workshop,
    moved_to_kind,
    plain_step,
    step_with_activity,
)
from tests.live import (
    answer_message,
    as_read,
    client_id_of,
    connected,
    join_as,
    phone_cookie,
    phone_page,
    post_answer,
    receive_until,
    user_cookie,
)
from tests.quizzes.test_classify import DECK_SOLUTION as SOLUTION

RETRO = {"followup": "Si oui, comment l'avez-vous vécu ?", "opens_on": "oui", "max_length": 500}


@pytest.fixture
def workshop(facilitator):
    """A cover, the deck's classification (its ten actions, four médiations) and its
    retrospective (yes / no, then how it went)."""
    workshop = make_workshop(facilitator=facilitator)
    plain_step(workshop, "cover")
    classification(workshop, SOLUTION)
    step_with_activity(
        workshop,
        "retro",
        config=RETRO,
        title="Rétrospective FNEg2",
        prompt="Y avait-il des participants présents lors de ces ateliers ?",
    )
    return workshop


@pytest.fixture
def classify_step(live_session):
    return moved_to_kind(live_session, "classify")


@pytest.fixture
def control(facilitator):
    """The facilitator's browser, apart from the phones' (`client`)."""
    browser = Client()
    browser.force_login(facilitator)
    return browser


def classify_fields(activity, **overrides) -> dict:
    """The phone form's radio fields: the deck's solution, with `overrides` {item text:
    category title}."""
    config = activity.config
    categories = {c["title"]: c["key"] for c in config["categories"]}
    chosen = {**SOLUTION, **overrides}
    return {f"item-{i['key']}": categories[chosen[i["text"]]] for i in config["items"]}


def act(client, session, action):
    return client.post(reverse("workshops:control_action", args=[session.pk]), {"action": action})


# Over HTTP: both kinds, resend, close, reveal ----------------------------------------------------
def test_participants_classify_then_the_reveal_marks_rows_and_corrects_each_phone(
    client, control, live_session, classify_step
):
    activity = classify_step.activity
    alex = join_as(client, live_session, "Alex")
    page = phone_page(client, live_session)
    # One radio group per item, every category in each: the deck's 10 × 4.
    assert page.count("<fieldset") == 10
    assert len(re.findall(r'type="radio" name="item-', page)) == 40
    assert "Rangez chacun des 10 éléments dans une catégorie" in page

    # A partial answer is refused, says what is left, and keeps the ticks.
    partial = classify_fields(activity)
    scratch, caf = (i["key"] for i in activity.config["items"][:2])
    del partial[f"item-{scratch}"], partial[f"item-{caf}"]
    refused = post_answer(client, live_session, activity.pk, partial)
    assert refused.status_code == 400
    html = refused.content.decode()
    assert "Il reste 2 éléments à classer" in html
    assert "« Apprendre la programmation avec Scratch »" in html
    assert html.count("(à classer)") == 2
    assert len(re.findall(r" checked", html)) == 8
    assert not Response.objects.exists()

    # Alex answers twice with the same id (a lost acknowledgement): one answer, updated.
    client_id = client_id_of(page)
    wrong = {"Apprendre à naviguer sur internet": "médiation sociale"}
    assert (
        post_answer(
            client, live_session, activity.pk, classify_fields(activity), client_id=client_id
        ).status_code
        == 302
    )
    assert (
        post_answer(
            client,
            live_session,
            activity.pk,
            classify_fields(activity, **wrong),
            client_id=client_id,
        ).status_code
        == 302
    )
    assert Response.objects.filter(participant=alex, activity=activity).count() == 1
    assert "10 éléments classés." in phone_page(client, live_session)

    # Two more phones: one all right, one hesitating on Scratch.
    sam_client, lou_client = Client(), Client()
    join_as(sam_client, live_session, "Sam")
    join_as(lou_client, live_session, "Lou")
    post_answer(sam_client, live_session, activity.pk, classify_fields(activity))
    post_answer(
        lou_client,
        live_session,
        activity.pk,
        classify_fields(
            activity, **{"Apprendre la programmation avec Scratch": "médiation numérique"}
        ),
    )
    assert Response.objects.filter(activity=activity).count() == 3

    # Hidden until shown: the projector says so, then shows the matrix.
    screen = as_read(stage.render_results(session=live_session).html)
    assert "Les résultats s'afficheront quand l'animation les montrera." in screen
    assert "classify-matrix" not in screen
    act(control, live_session, "show_results")
    screen = as_read(stage.render_results(session=live_session).html)
    assert "classify-matrix" in screen
    assert "verdict" not in screen  # no correction before the reveal

    # Closing keeps what was answered and refuses the rest.
    act(control, live_session, "close")
    late = post_answer(
        client,
        live_session,
        activity.pk,
        classify_fields(activity, **{"S'initier à la robotique": "médiation culturelle"}),
        client_id=client_id,
    )
    assert late.status_code == 400
    assert "Cette question est fermée" in late.content.decode()
    stored = Response.objects.get(participant=alex, activity=activity)
    robotique = next(i for i in activity.config["items"] if i["text"] == "S'initier à la robotique")
    assert stored.data["choices"][robotique["key"]] == "mediation-scientifique"

    # The reveal: the projector marks every row; each phone gets its own correction.
    act(control, live_session, "reveal")
    screen = as_read(stage.render_results(session=live_session).html)
    rows = re.findall(r'<tr class="classify-row[^"]*">\s*<th scope="row">([^<]+)</th>', screen)
    assert len(rows) == 10
    assert screen.count("classify-row--right") == 10  # the room got each one (2 of 3 at least)
    assert "67 % de la salle" in screen  # Scratch, Internet: 2 of 3
    assert "100 % de la salle" in screen
    assert screen.count("classify-cell--expected") == 10
    alex_phone = phone_page(client, live_session)
    assert "Correction" in alex_phone
    assert "Vous avez bien classé 9 éléments sur 10." in alex_phone
    assert "votre choix : médiation sociale ; la réponse : médiation numérique" in alex_phone
    sam_phone = phone_page(sam_client, live_session)
    assert "Vous avez bien classé 10 éléments sur 10." in sam_phone
    assert "votre choix" not in sam_phone
    # The room's results as text on the phone, with each item's share right.
    assert "bonne réponse : médiation scientifique, trouvée par 67 % de la salle" in sam_phone


def test_a_phone_that_did_not_answer_gets_the_solution_at_the_reveal(
    client, control, live_session, classify_step
):
    join_as(client, live_session)
    act(control, live_session, "reveal")
    page = phone_page(client, live_session)
    assert "Vous n'avez pas répondu. La solution :" in page
    assert "Apprendre à utiliser le site de la CAF → médiation sociale" in page


def test_the_retrospective_keeps_the_text_after_yes_only(client, control, live_session):
    step = moved_to_kind(live_session, "retro")
    activity = step.activity
    join_as(client, live_session, "Alex")
    page = phone_page(client, live_session)
    assert "Y avait-il des participants présents lors de ces ateliers ?" in page
    assert "Si oui, comment l&#x27;avez-vous vécu ?" in page
    assert 'value="oui" data-opens' in page
    # No choice: refused, the text kept as typed.
    refused = post_answer(client, live_session, activity.pk, {"text": "Très riche"})
    assert refused.status_code == 400
    assert "Répondez par oui ou par non avant d&#x27;envoyer." in refused.content.decode()
    assert "Très riche</textarea>" in refused.content.decode()
    client_id = client_id_of(page)

    def alex_says(choice: str):  # with the id of Alex's form: a resend after a change
        fields = {"choice": choice, "text": "Très riche"}
        return post_answer(client, live_session, activity.pk, fields, client_id=client_id)

    alex_says("oui")
    other = Client()
    join_as(other, live_session, "Sam")
    post_answer(other, live_session, activity.pk, {"choice": "non", "text": "<b>ignoré</b>"})
    assert sorted(Response.objects.values_list("data", flat=True), key=str) == [
        {"choice": "non", "text": ""},
        {"choice": "oui", "text": "Très riche"},
    ]
    # Resent with the same id after changing one's mind: one answer, the text dropped.
    alex_says("non")
    assert Response.objects.filter(activity=activity).count() == 2
    assert Response.objects.get(participant__pseudonym="Alex").data == {"choice": "non", "text": ""}
    alex_says("oui")
    act(control, live_session, "show_results")
    screen = as_read(stage.render_results(session=live_session).html)
    assert '<li class="retro-card">Très riche</li>' in screen
    assert "ignoré" not in screen
    assert "1 réponse <span" in screen  # Oui: 1, Non: 1
    # Hiding an answer in the control view takes it off the wall.
    answer = Response.objects.get(participant__pseudonym="Alex")
    control.post(
        reverse("workshops:control_hide", args=[live_session.pk, answer.pk]), {"hidden": "1"}
    )
    screen = as_read(stage.render_results(session=live_session).html)
    assert "Très riche" not in screen
    assert "Pas encore de réponse écrite" in screen
    # The control view has no reveal button for it: it is not graded.
    control = control.get(reverse("workshops:control", args=[live_session.pk]))
    assert "Dévoiler la correction" not in control.content.decode()


# Over the WebSocket ------------------------------------------------------------------------------
@pytest.mark.django_db(transaction=True)
@pytest.mark.asyncio
async def test_a_classification_over_the_socket_fills_the_screen_then_is_marked(
    client, facilitator, live_session, participant, classify_step
):
    activity = classify_step.activity
    run = await database_sync_to_async(ActivityRun.objects.get)(
        session=live_session, activity=activity
    )
    await database_sync_to_async(sessions.set_run)(session=live_session, run=run, show_results=True)
    screen = await connected(
        f"/ws/ecran/{live_session.pk}/",
        await database_sync_to_async(user_cookie)(client, facilitator),
    )
    await receive_until(screen, "classify-matrix")
    phone = await connected(
        f"/ws/atelier/{live_session.pk}/", await database_sync_to_async(phone_cookie)(participant)
    )
    snapshot = await receive_until(phone, 'id="phone-stage"')
    client_id = client_id_of(snapshot)
    fields = classify_fields(activity)
    one = next(iter(fields))
    partial = {k: v for k, v in fields.items() if k != one}
    await phone.send_to(text_data=answer_message(activity.pk, client_id, **partial))
    refused = await receive_until(phone, "error")
    assert "Il reste 1 élément à classer : « Apprendre la programmation avec Scratch »." in (
        refused.replace("&#x27;", "'")
    )
    await phone.send_to(text_data=answer_message(activity.pk, client_id, **fields))
    ack = await receive_until(phone, "Réponse enregistrée")
    assert "10 éléments classés." in ack
    filled = await receive_until(screen, 'data-count="1"')
    assert "100 %" in filled
    # The same answer sent again (a lost ack) stays one answer.
    await phone.send_to(text_data=answer_message(activity.pk, client_id, **fields))
    await receive_until(phone, "Réponse enregistrée")
    assert await database_sync_to_async(Response.objects.count)() == 1
    await database_sync_to_async(run.refresh_from_db)()
    await database_sync_to_async(sessions.set_run)(session=live_session, run=run, is_revealed=True)
    marked = await receive_until(screen, "classify-row--right")
    assert marked.count("verdict--right") == 10
    corrected = await receive_until(phone, "Vous avez bien classé")
    assert "Vous avez bien classé 10 éléments sur 10." in corrected
    await phone.disconnect()
    await screen.disconnect()
