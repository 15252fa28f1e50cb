"""What the projector shows, over HTTP: the room's counts, the cards' labels, French
typography, results too long for one screen shown a page at a time."""

import pytest
from django.urls import reverse

from live import sessions, stage
from live.models import Response
from tests.factories import go_to, make_workshop, plain_step, step_with_activity
from tests.live import answer
from tests.volumes import PARTICIPANTS, REASONS, fill_answers
from tests.workshops.test_ideas_live import store_idea


@pytest.fixture
def steps(facilitator):
    """A slide, then the deck's tour de table, yes / no question, open question and idea
    board, by kind."""
    workshop = make_workshop(facilitator=facilitator)
    slide = plain_step(workshop, title="Plan de l'atelier")
    fields = [
        {"name": "fonctions", "label": "Vos fonctions", "max_length": 100},
        {"name": "structure", "label": "Votre structure", "max_length": 120},
        {
            "name": "lien",
            "label": "Votre lien avec l'inclusion numérique en 1 phrase",
            "max_length": 200,
        },
    ]
    return {
        "slide": slide,
        "icebreaker": step_with_activity(
            workshop, "icebreaker", config={"duration": 15, "order": "random", "fields": fields}
        ),
        "retro": step_with_activity(
            workshop,
            "retro",
            config={
                "followup": "Si oui, comment l'avez-vous vécu ?",
                "opens_on": "oui",
                "max_length": 500,
            },
        ),
        "open_question": step_with_activity(
            workshop,
            "open_question",
            config={"display": "cloud", "max_entries": 3, "max_length": 40, "hold": False},
            prompt="Qu'est-ce que l'illectronisme ?",
        ),
        "ideas": step_with_activity(workshop, "ideas"),
    }


@pytest.fixture
def workshop(steps):
    return steps["slide"].workshop


def screen_html(client, session) -> str:
    return client.get(reverse("workshops:screen", args=[session.pk])).content.decode()


def act(client, session, action: str, **data):
    response = client.post(
        reverse("workshops:control_action", args=[session.pk]),
        {"action": action, **data},
        HTTP_HX_REQUEST="true",
    )
    assert response.status_code == 204
    session.refresh_from_db()


def test_the_idea_board_counts_ideas_and_voters_never_their_sum_as_answers(
    facilitator_client, live_session, ideas_step
):
    people = [sessions.join(session=live_session, pseudonym=f"P{n}") for n in range(6)]
    ideas = [
        store_idea(person, ideas_step.activity, f"Idée {n}") for n, person in enumerate(people)
    ]
    act(facilitator_client, live_session, "kind:vote", votes="1")
    for person in people[:4]:
        answer(person, ideas_step, {"votes": [ideas[0].pk]})
    html = screen_html(facilitator_client, live_session)
    assert "6 idées" in html
    assert "4 participant·es ont voté" in html
    assert "10 réponses" not in html


def test_the_regie_numbers_ideas_by_their_place_on_the_board_not_their_database_id(
    facilitator_client, live_session, ideas_step, participant
):
    # Other answers came first: the ideas' database ids are far from 1 and 2.
    fill_answers(session=live_session)
    Response.objects.filter(activity=ideas_step.activity).delete()
    first = store_idea(participant, ideas_step.activity, "Un fonds local")
    second = store_idea(participant, ideas_step.activity, "Un bus", "cohesion")
    assert first.pk > 100
    html = facilitator_client.get(
        reverse("workshops:control", args=[live_session.pk])
    ).content.decode()
    assert "idée n° 1" in html
    assert "idée n° 2" in html
    assert f"n° {second.pk}" not in html


def test_the_projector_labels_someone_s_card_for_the_room_not_as_the_phone_asks(
    facilitator_client, live_session, icebreaker_step, participant
):
    fill_answers(session=live_session)
    act(facilitator_client, live_session, "kind:start")
    html = screen_html(facilitator_client, live_session)
    assert "<dt>Fonctions</dt>" in html
    assert "<dt>Lien avec l&#x27;inclusion numérique</dt>" in html
    assert "Vos fonctions" not in html


def test_a_question_mark_is_held_to_its_word_by_a_narrow_no_break_space(
    facilitator_client, live_session, steps
):
    go_to(live_session, steps["open_question"])
    html = screen_html(facilitator_client, live_session)
    assert "Qu&#x27;est-ce que l&#x27;illectronisme\u202f?" in html
    assert "illectronisme ?" not in html


def test_long_written_answers_are_shown_a_page_at_a_time_and_forward_turns_the_pages(
    facilitator_client, live_session, steps
):
    fill_answers(session=live_session)
    retro = go_to(live_session, steps["retro"])
    act(facilitator_client, live_session, "show_results")
    html = screen_html(facilitator_client, live_session)
    pages = stage.screen_page_count(session=live_session)
    assert pages > 1
    assert f"page 1 sur {pages}" in html
    assert f"sur {REASONS})" in html  # "(1 à 2 sur 40)"
    assert f"{PARTICIPANTS} réponses" in html

    act(facilitator_client, live_session, "forward")
    assert live_session.current_step == retro
    assert live_session.screen_page == 1
    assert f"page 2 sur {pages}" in screen_html(facilitator_client, live_session)
    act(facilitator_client, live_session, "back")
    assert live_session.screen_page == 0

    # On the last page, forward goes to the next step, whose results start on page 1.
    for _ in range(pages - 1):
        act(facilitator_client, live_session, "page_next")
    act(facilitator_client, live_session, "page_next")
    assert live_session.screen_page == pages - 1
    act(facilitator_client, live_session, "forward")
    assert live_session.current_step != retro
    assert live_session.screen_page == 0


def test_no_results_are_pushed_to_a_projector_that_shows_a_slide(live_session, steps):
    go_to(live_session, steps["slide"])
    assert stage.render_results(session=live_session).html == ""
