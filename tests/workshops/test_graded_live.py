"""The graded kinds live, through the real pipeline: phones post their answers (the plain form's
view and the WebSocket), a resend updates, a closed question keeps the previous answer, and the
reveal gives each phone its correction while the projector marks the right option or fills the
text in."""

import re
import uuid

import pytest
from channels.db import database_sync_to_async

from live import sessions, stage
from live.models import ActivityRun, Response
from tests.factories import go_to, make_workshop, plain_step, step_with_activity, who_am_i
from tests.live import (
    answer_message,
    as_read,
    client_id_of,
    communicator,
    new_phone,
    phone_cookie,
    phone_page,
    post_answer,
    receive_until,
    user_cookie,
)
from tests.quizzes.test_blanks import BANK, DECK

ALL_RIGHT = {
    "blank-1": "Confiant et critique",
    "blank-2": "dans tous les aspects de la vie",
    "blank-3": "compétences",
    "blank-4": "ordinateurs",
    "blank-5": "informations",
    "blank-6": "sociaux",
}


SOCIALE = (
    "Je suis : “Le processus de création et de réparation du lien social et de règlement des "
    "conflits de la vie quotidienne…”"
)


@pytest.fixture
def workshop(facilitator):
    """A cover, the deck's text with blanks (the UNESCO definition, its word bank) and its
    first "Qui suis-je ???" (the médiation sociale)."""
    workshop = make_workshop(facilitator=facilitator)
    plain_step(workshop, "cover")
    step_with_activity(
        workshop,
        "blanks",
        config={"text": DECK, "word_bank": True, "bank": BANK},
        title="Texte à trous",
    )
    who_am_i(workshop, "médiation sociale", prompt=SOCIALE)
    return workshop


@pytest.fixture
def quiz_step(live_session):
    """The "Qui suis-je ???": the definition of the médiation sociale."""
    return go_to(live_session, live_session.workshop.steps.get(activity__kind="choice"))


@pytest.fixture
def blanks_step(live_session):
    return go_to(live_session, live_session.workshop.steps.get(activity__kind="blanks"))


def run_of(session, step) -> ActivityRun:
    return ActivityRun.objects.get(session=session, activity=step.activity)


def text_of(html: str) -> str:
    """The page's text, tags dropped and spaces collapsed (apostrophes unescaped)."""
    return " ".join(re.sub(r"<[^>]+>", " ", html).replace("&#x27;", "'").split())


# Multiple choice -------------------------------------------------------------------------------
def test_a_quiz_answered_closed_and_revealed(live_session, quiz_step):
    alex = new_phone(live_session, "Alex")
    sam = new_phone(live_session, "Sam")
    page = phone_page(alex, live_session)
    assert "Je suis : “Le processus de création et de réparation du lien social" in page
    assert page.count('type="radio" name="choice"') == 4
    client_id = client_id_of(page)
    assert (
        post_answer(
            alex, live_session, quiz_step.activity_id, {"choice": "0"}, client_id=client_id
        ).status_code
        == 302
    )
    # The same answer sent again (a lost ack), then changed: still one answer.
    post_answer(alex, live_session, quiz_step.activity_id, {"choice": "0"}, client_id=client_id)
    assert (
        post_answer(alex, live_session, quiz_step.activity_id, {"choice": "1"}).status_code == 302
    )
    assert post_answer(sam, live_session, quiz_step.activity_id, {"choice": "2"}).status_code == 302
    answers = Response.objects.filter(activity=quiz_step.activity)
    assert sorted(answers.values_list("participant__pseudonym", "data")) == [
        ("Alex", {"choices": [1]}),
        ("Sam", {"choices": [2]}),
    ]
    # The distribution stays off the projector until shown or revealed.
    screen = as_read(stage.render_results(session=live_session).html)
    assert "Les résultats s'afficheront quand l'animation les montrera." in text_of(screen)
    assert "bar__fill" not in screen

    # Closed: a late answer is refused and the previous one kept.
    sessions.set_run(session=live_session, run=run_of(live_session, quiz_step), is_open=False)
    late = post_answer(
        sam, live_session, quiz_step.activity_id, {"choice": "1"}, client_id=str(uuid.uuid4())
    )
    assert late.status_code == 400
    assert "Cette question est fermée : votre réponse précédente est conservée." in text_of(
        late.content.decode()
    )
    assert answers.get(participant__pseudonym="Sam").data == {"choices": [2]}

    # The reveal: each phone its own correction, the projector the right option.
    sessions.set_run(session=live_session, run=run_of(live_session, quiz_step), is_revealed=True)
    right = text_of(phone_page(alex, live_session))
    assert "Correction ✓ Bonne réponse !" in right
    wrong = text_of(phone_page(sam, live_session))
    assert "✗ La bonne réponse était : médiation sociale." in wrong
    assert "Vous avez répondu : médiation numérique" in wrong
    assert "médiation sociale : 1 réponse (50 %) — bonne réponse" in wrong  # the room
    screen = as_read(stage.render_results(session=live_session).html)
    [marked] = re.findall(r'<li class="bar bar--correct">(.*?)</li>', screen, re.S)
    assert "médiation sociale" in marked
    assert "✓ bonne réponse" in text_of(marked)
    assert "1 bonne réponse sur 2 (50 %)." in text_of(screen)


def test_a_participant_who_did_not_answer_gets_the_right_answer(live_session, quiz_step):
    lou = new_phone(live_session, "Lou")
    sessions.set_run(session=live_session, run=run_of(live_session, quiz_step), is_revealed=True)
    page = text_of(phone_page(lou, live_session))
    assert "Vous n'avez pas répondu à cette question. La bonne réponse était : médiation" in page


def test_once_revealed_an_answer_can_no_longer_be_changed(live_session, quiz_step, blanks_step):
    alex = new_phone(live_session, "Alex")
    kept = {"1": "", "2": "", "3": "", "4": "ordis", "5": "", "6": ""}
    for step, first, second, stored in (
        (quiz_step, {"choice": "0"}, {"choice": "1"}, {"choices": [0]}),
        (blanks_step, {"blank-4": "ordis"}, {"blank-4": "ordinateurs"}, {"blanks": kept}),
    ):
        go_to(live_session, step)
        form_id = client_id_of(phone_page(alex, live_session))
        assert (
            post_answer(alex, live_session, step.activity_id, first, client_id=form_id).status_code
            == 302
        )
        run = run_of(live_session, step)
        assert run.is_open
        sessions.set_run(session=live_session, run=run, is_revealed=True)  # left open
        # The phone shows the answer and no form any more; a crafted or stale post is refused.
        assert 'name="client_id"' not in phone_page(alex, live_session)
        refused = post_answer(alex, live_session, step.activity_id, second, client_id=form_id)
        assert refused.status_code == 400
        assert "La correction est dévoilée : votre réponse précédente est conservée." in (
            text_of(refused.content.decode())
        )
        assert Response.objects.get(activity=step.activity).data == stored


def test_a_choice_outside_the_options_is_refused_with_the_form_kept(live_session, quiz_step):
    alex = new_phone(live_session, "Alex")
    refused = post_answer(alex, live_session, quiz_step.activity_id, {"choice": "9"})
    assert refused.status_code == 400
    assert "Ce choix ne fait pas partie des réponses." in text_of(refused.content.decode())
    assert not Response.objects.exists()


# Fill-in-the-blank ---------------------------------------------------------------------------
def test_a_texte_a_trous_answered_closed_and_revealed(live_session, blanks_step):
    alex = new_phone(live_session, "Alex")
    sam = new_phone(live_session, "Sam")
    page = phone_page(alex, live_session)
    assert page.count('class="blank-field__input"') == 6
    assert 'list="word-bank-list-' in page
    client_id = client_id_of(page)
    assert (
        post_answer(
            alex, live_session, blanks_step.activity_id, ALL_RIGHT, client_id=client_id
        ).status_code
        == 302
    )
    assert (
        post_answer(
            alex, live_session, blanks_step.activity_id, ALL_RIGHT, client_id=client_id
        ).status_code
        == 302
    )
    sams = {**ALL_RIGHT, "blank-2": "", "blank-6": "<b>réseaux</b>"}
    assert post_answer(sam, live_session, blanks_step.activity_id, sams).status_code == 302
    assert Response.objects.filter(activity=blanks_step.activity).count() == 2
    # What was typed comes back in the phone's form.
    assert 'value="&lt;b&gt;réseaux&lt;/b&gt;"' in phone_page(sam, live_session)

    # Refused answers: too long, or nothing; the stored one stays.
    too_long = post_answer(sam, live_session, blanks_step.activity_id, {"blank-4": "x" * 81})
    assert too_long.status_code == 400
    assert "Le trou n°4 est trop long : 81 caractères pour 80 au plus." in text_of(
        too_long.content.decode()
    )
    assert 'value="xxxxxxxx' in too_long.content.decode()  # the form as typed
    empty = post_answer(sam, live_session, blanks_step.activity_id, {"blank-1": " "})
    assert "Complétez au moins un trou avant d'envoyer." in text_of(empty.content.decode())

    # The projector, once the facilitator shows the results: the rate of each blank, sessions.
    run = run_of(live_session, blanks_step)
    sessions.set_run(session=live_session, run=run, show_results=True)
    screen = as_read(stage.render_results(session=live_session).html)
    rates = re.findall(r'<span class="blank__rate blank__rate--\w+">([^<]*)<', screen)
    assert rates == ["100 %", "50 %", "100 %", "100 %", "100 %", "50 %"]
    assert "blank--filled" not in screen
    assert "dans tous les aspects" not in screen

    # Closed: Sam's late fix is refused, the previous answer kept.
    sessions.set_run(session=live_session, run=run, is_open=False)
    late = post_answer(
        sam, live_session, blanks_step.activity_id, ALL_RIGHT, client_id=str(uuid.uuid4())
    )
    assert late.status_code == 400
    stored = Response.objects.get(participant__pseudonym="Sam").data["blanks"]
    assert (stored["2"], stored["6"]) == ("", "<b>réseaux</b>")

    # The reveal: the text filled in on the projector, each phone its blanks marked.
    sessions.set_run(session=live_session, run=run, is_revealed=True)
    screen = text_of(as_read(stage.render_results(session=live_session).html))
    assert "l'utilisation Trou n°1 : confiante et critique 100 % de réussite d'une gamme" in screen
    assert "de base Trou n°2 : dans tous les aspects de la vie. 50 % de réussite Il" in screen
    mine = text_of(phone_page(alex, live_session))
    assert "Tout est juste !" in mine
    sams_page = phone_page(sam, live_session)
    assert "<b>" not in sams_page
    corrected = text_of(sams_page)
    assert "4 trous justes sur 6." in corrected
    assert "Trou n°2 : ✗ sans réponse — réponse attendue : « dans tous les aspects" in corrected
    assert "Trou n°6 : ✗ « <b>réseaux</b> » — réponse attendue : « sociaux »" in (
        corrected.replace("&lt;", "<").replace("&gt;", ">")
    )
    assert "Trou n°4 : ✓ « ordinateurs » — juste" in corrected
    assert "Réussite par trou" in corrected  # the room's table


# Over the WebSocket ------------------------------------------------------------------------------
@pytest.mark.django_db(transaction=True)
@pytest.mark.asyncio
async def test_blanks_over_the_socket_reach_the_projectors_rates(
    client, facilitator, live_session, participant, blanks_step
):
    run = await database_sync_to_async(run_of)(live_session, blanks_step)
    await database_sync_to_async(sessions.set_run)(session=live_session, run=run, show_results=True)
    ok, _ = await (
        screen := communicator(
            f"/ws/ecran/{live_session.pk}/",
            await database_sync_to_async(user_cookie)(client, facilitator),
        )
    ).connect()
    assert ok
    await receive_until(screen, "blank__rate--none")
    ok, _ = await (
        phone := communicator(
            f"/ws/atelier/{live_session.pk}/",
            await database_sync_to_async(phone_cookie)(participant),
        )
    ).connect()
    assert ok
    snapshot = await receive_until(phone, 'id="phone-stage"')
    client_id = client_id_of(snapshot)
    message = answer_message(
        blanks_step.activity_id, client_id, **{"blank-4": "Ordinateurs", "blank-6": "réseaux"}
    )
    await phone.send_to(text_data=message)
    ack = await receive_until(phone, "Réponse enregistrée")
    assert "Trou n°4 : « Ordinateurs »" in text_of(ack)
    pushed = await receive_until(screen, "blank__rate--high")
    assert re.findall(r'<span class="blank__rate blank__rate--\w+">([^<]*)<', pushed) == [
        "0 %",
        "0 %",
        "0 %",
        "100 %",
        "0 %",
        "0 %",
    ]
    # Sent again with the same id: still one answer.
    await phone.send_to(text_data=message)
    await receive_until(phone, "Réponse enregistrée")
    count = await database_sync_to_async(Response.objects.filter(participant=participant).count)()
    assert count == 1
    await phone.disconnect()
    await screen.disconnect()
