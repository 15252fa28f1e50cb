"""What the projector shows, over HTTP: the room's counts, the cards' labels, French
typography, results too long for one screen shown a page at a time."""

from django.urls import reverse

from live import sessions, stage
from live.models import Response
from tests.conftest import step_titled
from tests.live import answer
from tests.volumes import PARTICIPANTS, REASONS, fill_room
from tests.workshops.test_ideas_live import store_idea


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
    fill_room(session=live_session)
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
    fill_room(session=live_session)
    act(facilitator_client, live_session, "kind:start")
    html = screen_html(facilitator_client, live_session)
    assert "<dt>Fonctions</dt>" in html
    assert "<dt>Lien avec l&#x27;inclusion numérique</dt>" in html
    assert "Vos fonctions" not in html


def test_a_question_mark_is_held_to_its_word_by_a_narrow_no_break_space(
    facilitator_client, live_session
):
    sessions.go_to_step(session=live_session, step=step_titled(live_session, "Question"))
    html = screen_html(facilitator_client, live_session)
    assert "Qu&#x27;est-ce que l&#x27;illectronisme\u202f?" in html
    assert "illectronisme ?" not in html


def test_long_written_answers_are_shown_a_page_at_a_time_and_forward_turns_the_pages(
    facilitator_client, live_session
):
    fill_room(session=live_session)
    retro = step_titled(live_session, "Rétrospective FNEg2")
    sessions.go_to_step(session=live_session, step=retro)
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


def test_no_results_are_pushed_to_a_projector_that_shows_a_slide(live_session):
    sessions.go_to_step(session=live_session, step=step_titled(live_session, "Plan de l'atelier"))
    assert stage.render_results(session=live_session).html == ""
