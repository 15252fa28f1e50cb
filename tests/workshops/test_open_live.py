"""The open question live, through the real pipeline: phones answering by the plain form and
the WebSocket, the one writer (record_answers), the projector's grouped cloud, the control
view's moderation and the approval hold."""

import io
import re
import uuid

import pytest
from channels.db import database_sync_to_async
from django.urls import reverse
from docx import Document

from live import sessions, stage
from live.models import ActivityRun, Response
from quizzes.kinds import get_kind
from tests.factories import go_to, make_workshop, plain_step, step_with_activity
from tests.live import (
    answer,
    answer_message,
    client_id_of,
    connected,
    new_phone,
    phone_cookie,
    phone_page,
    post_answer,
    receive_until,
    user_cookie,
)
from tests.live import (
    submit as submit_answer,
)


@pytest.fixture
def question(facilitator):
    """The deck's open question: Qu'est-ce que l'illectronisme ? (a word cloud of up to three
    answers of 40 characters), after a cover; the governance vote follows."""
    workshop = make_workshop(facilitator=facilitator)
    plain_step(workshop, "cover")
    step = step_with_activity(
        workshop,
        "open_question",
        config={"display": "cloud", "max_entries": 3, "max_length": 40, "hold": False},
        title="Question",
        prompt="Qu'est-ce que l'illectronisme ?",
    )
    step_with_activity(workshop, "vote")
    return step


@pytest.fixture
def workshop(question):
    return question.workshop


@pytest.fixture
def open_step(live_session, question):
    """The session moved to the question."""
    return go_to(live_session, question)


@pytest.fixture
def held_step(open_step):
    """The same question, every answer held for the facilitator's approval."""
    activity = open_step.activity
    activity.config = {**activity.config, "hold": True}
    activity.full_clean()
    activity.save()
    return open_step


def run_of(session, step) -> ActivityRun:
    return ActivityRun.objects.get(session=session, activity=step.activity)


def show_results(session, step):
    sessions.set_run(session=session, run=run_of(session, step), show_results=True)


def post_entries(client, session, step, *entries, client_id=None):
    return post_answer(
        client, session, step.activity_id, {"entry": list(entries)}, client_id=client_id
    )


def submit(participant, step, *entries, client_id=None):
    return submit_answer(
        participant, step.activity, {"entries": list(entries)}, client_id=client_id
    )


def ranking(session, step) -> list[tuple[str, int]]:
    responses = list(sessions.visible_responses(session=session, activity=step.activity))
    results = get_kind("open_question").results_context(
        activity=step.activity, run=run_of(session, step), responses=responses
    )
    return [(group.text, group.count) for group in results["ranking"]]


def screen_results(session, step) -> str:
    session.refresh_from_db()
    return stage.render_results(session=session).html


# Answering by the plain form ---------------------------------------------------------------------
def test_three_phones_answer_and_the_projector_groups_their_entries(live_session, open_step):
    phones = [new_phone(live_session, name) for name in ("Alex", "Sam", "Lou")]
    page = phone_page(phones[0], live_session)
    assert "Jusqu'à 3 réponses, quelques mots chacune" in page.replace("&#x27;", "'")
    assert page.count('name="entry"') == 3
    assert "40 caractères au plus par réponse" in page
    for phone, entries in zip(
        phones,
        [
            ("Exclusion", "Fracture numérique"),
            ("exclusions", "Isolement", "fracture-numérique"),
            ("EXCLUSION !", "Précarité"),
        ],
        strict=True,
    ):
        assert post_entries(phone, live_session, open_step, *entries).status_code == 302
    assert Response.objects.filter(activity=open_step.activity).count() == 3
    html = screen_results(live_session, open_step)
    assert (
        "Les résultats s'afficheront quand l'animation les montrera." in html
    )  # hidden until shown
    assert "Exclusion" not in html
    show_results(live_session, open_step)
    html = screen_results(live_session, open_step)
    assert 'class="word-cloud" aria-hidden="true"' in html
    assert "3 réponses" in html
    assert ranking(live_session, open_step) == [
        ("Exclusion", 3),
        ("Fracture numérique", 2),
        ("Isolement", 1),
        ("Précarité", 1),
    ]
    listed = html[html.index('class="cloud-ranking"') :]
    assert re.search(r"Exclusion</span> <span class=\"cloud-ranking__count\">3 fois", listed)


def test_sending_again_updates_the_one_answer_and_the_phone_shows_it(live_session, open_step):
    phone = new_phone(live_session, "Alex")
    client_id = client_id_of(phone_page(phone, live_session))
    post_entries(phone, live_session, open_step, "Exclusion", client_id=client_id)
    post_entries(phone, live_session, open_step, "Exclusion", client_id=client_id)  # lost ack
    post_entries(phone, live_session, open_step, "Isolement", "Précarité", client_id=client_id)
    assert Response.objects.get().data == {"entries": ["Isolement", "Précarité"]}
    # A new id from the same phone still updates the participant's one answer.
    post_entries(phone, live_session, open_step, "Illettrisme", client_id=str(uuid.uuid4()))
    assert list(Response.objects.values_list("data", flat=True)) == [{"entries": ["Illettrisme"]}]
    page = phone_page(phone, live_session)
    assert "Modifier ma réponse" in page
    assert 'value="Illettrisme"' in page
    assert '<ul class="answer-text open-own"><li>Illettrisme</li></ul>' in page


def test_a_refused_answer_says_why_in_french_and_keeps_what_was_typed(live_session, open_step):
    phone = new_phone(live_session, "Alex")
    response = post_entries(phone, live_session, open_step, "Exclusion", "", "exclusions")
    assert response.status_code == 400
    html = response.content.decode()
    assert "Les réponses 1 et 3 disent la même chose (« exclusions ») : changez-en une." in html
    assert 'value="Exclusion"' in html
    assert 'value="exclusions"' in html
    response = post_entries(phone, live_session, open_step, "y" * 41)
    assert "La réponse 1 est trop longue : 41 caractères pour 40 au plus." in (
        response.content.decode()
    )
    assert not Response.objects.exists()


def test_markup_is_stored_and_shown_as_text(
    facilitator_client, live_session, open_step, participant
):
    assert submit(participant, open_step, "<script>alert(1)</script>").ok
    show_results(live_session, open_step)
    html = screen_results(live_session, open_step)
    assert "<script>alert" not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    control = facilitator_client.get(reverse("workshops:control", args=[live_session.pk]))
    assert "<script>alert" not in control.content.decode()


def test_an_answer_after_closing_is_refused_and_the_previous_one_kept(live_session, open_step):
    phone = new_phone(live_session, "Alex")
    post_entries(phone, live_session, open_step, "Exclusion")
    sessions.set_run(session=live_session, run=run_of(live_session, open_step), is_open=False)
    response = post_entries(
        phone, live_session, open_step, "Isolement", client_id=str(uuid.uuid4())
    )
    assert "Cette question est fermée : votre réponse précédente est conservée." in (
        response.content.decode().replace("&#x27;", "'")
    )
    assert Response.objects.get().data == {"entries": ["Exclusion"]}
    page = phone_page(phone, live_session)
    assert "Votre réponse est conservée." in page
    assert 'name="entry"' not in page


# Moderation ------------------------------------------------------------------------------------
def test_hiding_an_answer_removes_its_entries_from_the_cloud(
    facilitator_client, live_session, open_step, participant, other_participant
):
    submit(participant, open_step, "Exclusion", "Isolement")
    spam = submit(other_participant, open_step, "Exclusion", "PUBLICITÉ").response
    show_results(live_session, open_step)
    assert ("PUBLICITÉ", 1) in ranking(live_session, open_step)
    control = facilitator_client.get(reverse("workshops:control", args=[live_session.pk]))
    assert "Exclusion · PUBLICITÉ" in control.content.decode()  # the moderation list
    facilitator_client.post(
        reverse("workshops:control_hide", args=[live_session.pk, spam.pk]), {"hidden": "1"}
    )
    # The whole answer goes: both of its entries.
    assert ranking(live_session, open_step) == [("Exclusion", 1), ("Isolement", 1)]
    assert "PUBLICITÉ" not in screen_results(live_session, open_step)
    control = facilitator_client.get(reverse("workshops:control", args=[live_session.pk]))
    assert "Réafficher" in control.content.decode()


def test_hiding_one_word_of_the_cloud_hides_it_whoever_gave_it_and_nothing_else(
    facilitator_client, live_session, open_step, participant, other_participant
):
    submit(participant, open_step, "Exclusion", "Isolement")
    submit(other_participant, open_step, "exclusions", "PUBLICITÉ")
    show_results(live_session, open_step)
    control_url = reverse("workshops:control", args=[live_session.pk])
    action_url = reverse("workshops:control_action", args=[live_session.pk])
    page = facilitator_client.get(control_url).content.decode()
    assert "Mots du nuage" in page
    assert 'name="word" value="publicite"' in page
    assert 'Masquer de l\'écran<span class="visually-hidden"> : « PUBLICITÉ »' in page

    facilitator_client.post(action_url, {"action": "kind:hide_word", "word": "publicite"})
    assert ranking(live_session, open_step) == [("Exclusion", 2), ("Isolement", 1)]
    assert "PUBLICITÉ" not in screen_results(live_session, open_step)
    # The answers themselves are kept, whole: only the word is out of the cloud.
    assert Response.objects.filter(activity=open_step.activity, hidden=False).count() == 2
    page = facilitator_client.get(control_url).content.decode()
    assert "masqué" in page
    assert "Réafficher" in page

    # A word given again later stays hidden; showing it brings every spelling back.
    submit(live_session.participants.create(number=9, pseudonym="Lou"), open_step, "Publicité")
    assert "Publicité" not in screen_results(live_session, open_step)
    facilitator_client.post(action_url, {"action": "kind:show_word", "word": "publicite"})
    # Two spellings, one each: the first seen shows.
    assert ("PUBLICITÉ", 2) in ranking(live_session, open_step)


def test_an_empty_word_to_hide_is_refused_in_french(facilitator_client, live_session, open_step):
    response = facilitator_client.post(
        reverse("workshops:control_action", args=[live_session.pk]),
        {"action": "kind:hide_word", "word": ""},
        follow=True,
    )
    assert "Mot introuvable : rechargez la régie." in response.content.decode()
    assert run_of(live_session, open_step).state.get("hidden_words", []) == []


def test_held_answers_wait_for_the_facilitators_approval(
    facilitator_client, live_session, held_step, participant, other_participant
):
    show_results(live_session, held_step)
    first = submit(participant, held_step, "Exclusion", client_id=str(uuid.uuid4()))
    assert first.ok
    assert first.response.hidden
    submit(other_participant, held_step, "Isolement")
    assert ranking(live_session, held_step) == []
    assert "Exclusion" not in screen_results(live_session, held_step)
    html = facilitator_client.get(
        reverse("workshops:control", args=[live_session.pk])
    ).content.decode()
    assert html.count("en attente de validation") == 2
    assert ">Valider<" in html
    stored = Response.objects.get(participant=participant)
    facilitator_client.post(
        reverse("workshops:control_hide", args=[live_session.pk, stored.pk]), {"hidden": "0"}
    )
    assert ranking(live_session, held_step) == [("Exclusion", 1)]
    assert "Exclusion" in screen_results(live_session, held_step)
    # The same answer sent again (a lost ack) stays approved; a changed one waits again.
    again = submit(participant, held_step, "Exclusion", client_id=str(stored.client_id))
    assert not again.response.hidden
    assert ranking(live_session, held_step) == [("Exclusion", 1)]
    submit(participant, held_step, "Exclusion", "Précarité")
    assert ranking(live_session, held_step) == []
    assert Response.objects.get(participant=participant).hidden


def test_a_held_answer_tells_its_participant_it_waits(live_session, held_step):
    phone = new_phone(live_session, "Alex")
    post_entries(phone, live_session, held_step, "Exclusion")
    page = phone_page(phone, live_session)
    assert "En attente de validation : votre réponse s'affichera à l'écran" in page
    assert "Elles s'afficheront à l'écran une fois validées par l'animation." in page
    stored = Response.objects.get()
    sessions.hide_response(session=live_session, response=stored, hidden=False)
    assert "En attente de validation" not in phone_page(phone, live_session)


def test_answers_of_other_kinds_are_never_held(live_session, vote_step, participant):
    assert not answer(participant, vote_step, {"choices": [0]}).hidden
    stored = Response.objects.get()
    sessions.hide_response(session=live_session, response=stored, hidden=True)
    # Changing a hidden vote keeps it hidden, as before the approval hold existed.
    answer(participant, vote_step, {"choices": [1]}, client_id=str(stored.client_id))
    stored.refresh_from_db()
    assert (stored.data, stored.hidden) == ({"choices": [1]}, True)


# Over the WebSocket ------------------------------------------------------------------------------
@pytest.mark.django_db(transaction=True)
@pytest.mark.asyncio
async def test_answers_over_the_socket_reach_the_projectors_cloud(
    client, facilitator, live_session, participant, other_participant, open_step
):
    await database_sync_to_async(show_results)(live_session, open_step)
    screen = await connected(
        f"/ws/ecran/{live_session.pk}/",
        await database_sync_to_async(user_cookie)(client, facilitator),
    )
    await receive_until(screen, "Pas encore de réponse.")
    phones = []
    for who in (participant, other_participant):
        phone = await connected(
            f"/ws/atelier/{live_session.pk}/", await database_sync_to_async(phone_cookie)(who)
        )
        snapshot = await receive_until(phone, 'id="phone-stage"')
        assert "Qu&#x27;est-ce que l&#x27;illectronisme ?" in snapshot
        phones.append((phone, client_id_of(snapshot)))
    (first, first_id), (second, second_id) = phones
    await first.send_to(
        text_data=answer_message(
            open_step.activity_id, first_id, entry=["Exclusion", "Fracture numérique", ""]
        )
    )
    ack = await receive_until(first, "Réponse enregistrée")
    assert "<li>Fracture numérique</li>" in ack
    await second.send_to(
        text_data=answer_message(open_step.activity_id, second_id, entry=["exclusions", "", ""])
    )
    await receive_until(second, "Réponse enregistrée")
    pushed = await receive_until(screen, "2 réponses")
    assert re.search(r"Exclusion</span> <span class=\"cloud-ranking__count\">2 fois", pushed)
    # Sent again after a lost ack: still two answers.
    await second.send_to(
        text_data=answer_message(open_step.activity_id, second_id, entry=["exclusions", "", ""])
    )
    await receive_until(second, "Réponse enregistrée")
    await first.send_to(
        text_data=answer_message(open_step.activity_id, first_id, entry=["a", "b", "c", "d"])
    )
    refused = await receive_until(first, "error")
    assert "3 réponses au plus : vous en avez écrit 4." in refused
    count = await database_sync_to_async(Response.objects.count)()
    assert count == 2
    for phone, _id in phones:
        await phone.disconnect()
    await screen.disconnect()


def test_the_wall_shows_texts_newest_first_with_names_only_when_given(
    live_session, open_step, participant
):
    activity = open_step.activity
    activity.config = {**activity.config, "display": "wall", "max_length": 280}
    activity.full_clean()
    activity.save()
    anonymous = sessions.join(session=live_session)
    assert submit(participant, open_step, "Ne pas savoir se servir d'un ordinateur.").ok
    assert submit(anonymous, open_step, "Une exclusion sociale.").ok
    refused = submit(anonymous, open_step, "un", "deux")
    assert refused.error == "Une seule réponse est possible : vous en avez écrit 2."
    show_results(live_session, open_step)
    html = screen_results(live_session, open_step)
    assert html.index("Une exclusion sociale.") < html.index("Ne pas savoir")
    assert html.count('class="open-card__author"') == 1
    assert '<p class="open-card__author">Alex</p>' in html
    assert "Participant·e" not in html


def test_the_synthesis_and_its_compte_rendu_list_the_grouped_answers(
    facilitator_client, live_session, open_step, participant, other_participant
):
    submit(participant, open_step, "Exclusion", "Isolement")
    submit(other_participant, open_step, "exclusions", "<b>gras</b>")
    page = facilitator_client.get(reverse("workshops:synthesis", args=[live_session.pk]))
    html = page.content.decode()
    assert '<li value="1">Exclusion : 2 fois</li>' in html
    assert "&lt;b&gt;gras&lt;/b&gt; : 1 fois" in html
    assert "2 participant·es ont répondu" in html
    response = facilitator_client.get(reverse("workshops:synthesis_docx", args=[live_session.pk]))
    paragraphs = [p.text for p in Document(io.BytesIO(response.content)).paragraphs]
    assert "Exclusion : 2 fois" in paragraphs
    assert "<b>gras</b> : 1 fois" in paragraphs
