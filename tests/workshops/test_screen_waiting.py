"""While the results are hidden, the projector shows what the deck's slide shows — the options,
the text with its blanks, the actions to classify — and nothing of the answers."""

import re

import pytest

from live import sessions, stage
from live.models import ActivityRun
from tests.conftest import step_titled
from tests.live import answer


def screen_text(session) -> str:
    html = stage.render_screen(session=session, host="127.0.0.1").html
    return " ".join(re.sub(r"<[^>]+>", " ", html).split())


def shown(session, title: str, index: int = 0):
    step = session.workshop.steps.filter(title=title).order_by("order")[index]
    sessions.go_to_step(session=session, step=step)
    session.refresh_from_db()
    return step


def answer_form(step, participant, form: dict):
    """The answer a phone's form gives, stored through the one writer."""
    from quizzes.kinds import get_kind

    return answer(participant, step, get_kind(step.activity.kind).answer_from_form(form))


@pytest.mark.parametrize(
    ("title", "expected"),
    [
        ("Vote", ["A", "Pour", "Contre", "Abstention"]),
        ("Qui suis-je ???", ["médiation scientifique", "médiation culturelle"]),
        (
            "Texte à trous",
            ["La littératie numérique implique l'utilisation", "Trou n°1", "Mots :", "sociaux"],
        ),
        (
            "De quel type de médiation relève chaque action ?",
            ["Catégories :", "médiation sociale", "Apprendre la programmation avec Scratch"],
        ),
    ],
)
def test_the_projector_shows_the_slide_s_content_while_results_are_hidden(
    live_session, title, expected
):
    shown(live_session, title)
    text = screen_text(live_session)
    assert "Les résultats s'afficheront quand l'animation les montrera." in text
    for words in expected:
        assert words.replace("'", "&#x27;") in text or words in text, words


def test_the_waiting_view_shows_no_count_and_gives_way_to_the_results(live_session, participant):
    step = shown(live_session, "Qui suis-je ???")
    answer_form(step, participant, {"choice": ["1"]})
    text = screen_text(live_session)
    assert "1 réponse" in text
    assert "%" not in text  # no share per option while hidden
    assert "médiation sociale" in text
    run = ActivityRun.objects.get(session=live_session, activity=step.activity)
    sessions.set_run(session=live_session, run=run, show_results=True)
    live_session.refresh_from_db()
    text = screen_text(live_session)
    assert "Les résultats s'afficheront" not in text
    assert "1 réponse (100 %)" in text


def test_kinds_without_a_waiting_view_keep_the_message_alone(live_session):
    shown(live_session, "Question")
    html = stage.render_screen(session=live_session, host="127.0.0.1").html
    assert "screen-waiting" not in html
    assert step_titled(live_session, "Question").activity.kind == "open_question"
