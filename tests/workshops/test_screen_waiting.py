"""While the results are hidden, the projector shows what the deck's slide shows — the options,
the text with its blanks, the actions to classify — and nothing of the answers."""

import re

import pytest

from live import sessions, stage
from live.models import ActivityRun
from tests.factories import go_to, make_workshop, plain_step, step_with_activity
from tests.live import answer

MEDIATIONS = [
    "médiation scientifique",
    "médiation sociale",
    "médiation numérique",
    "médiation culturelle",
]
# The deck's activities, shortened: its slides show the options, the text with its blanks and
# its word bank, the actions to classify.
CONFIGS = {
    "vote": {"options": ["Pour", "Contre", "Abstention"], "multiple": False},
    "choice": {"options": MEDIATIONS, "multiple": False, "correct": ["médiation sociale"]},
    "blanks": {
        "text": (
            "« La littératie numérique implique l'utilisation [confiante et critique|confiant et "
            "critique] de technologies numériques, pour participer à des réseaux "
            "[sociaux|collaboratifs] via Internet. »"
        ),
        "word_bank": True,
        "bank": ["sociaux", "confiant et critique"],
    },
    "classify": {
        "categories": MEDIATIONS,
        "items": [
            {"text": "Apprendre la programmation avec Scratch", "category": MEDIATIONS[0]},
            {"text": "Apprendre à utiliser le site de la CAF", "category": MEDIATIONS[1]},
        ],
    },
    "open_question": {"display": "cloud", "max_entries": 3, "max_length": 40, "hold": False},
}


@pytest.fixture
def steps(facilitator):
    """After a cover, one step of each kind of `CONFIGS`, by kind."""
    workshop = make_workshop(facilitator=facilitator)
    plain_step(workshop, "cover")
    return {
        kind: step_with_activity(workshop, kind, config=config) for kind, config in CONFIGS.items()
    }


@pytest.fixture
def workshop(steps):
    return steps["vote"].workshop


def screen_text(session) -> str:
    html = stage.render_screen(session=session, host="127.0.0.1").html
    return " ".join(re.sub(r"<[^>]+>", " ", html).split())


def answer_form(step, participant, form: dict):
    """The answer a phone's form gives, stored through the one writer."""
    from quizzes.kinds import get_kind

    return answer(participant, step, get_kind(step.activity.kind).answer_from_form(form))


@pytest.mark.parametrize(
    ("kind", "expected"),
    [
        ("vote", ["A", "Pour", "Contre", "Abstention"]),
        ("choice", ["médiation scientifique", "médiation culturelle"]),
        (
            "blanks",
            ["La littératie numérique implique l'utilisation", "Trou n°1", "Mots :", "sociaux"],
        ),
        (
            "classify",
            ["Catégories :", "médiation sociale", "Apprendre la programmation avec Scratch"],
        ),
    ],
)
def test_the_projector_shows_the_slide_s_content_while_results_are_hidden(
    live_session, steps, kind, expected
):
    go_to(live_session, steps[kind])
    text = screen_text(live_session)
    assert "Les résultats s'afficheront quand l'animation les montrera." in text
    for words in expected:
        assert words.replace("'", "&#x27;") in text or words in text, words


def test_the_waiting_view_shows_no_count_and_gives_way_to_the_results(
    live_session, steps, participant
):
    step = go_to(live_session, steps["choice"])
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


def test_kinds_without_a_waiting_view_keep_the_message_alone(live_session, steps):
    go_to(live_session, steps["open_question"])
    html = stage.render_screen(session=live_session, host="127.0.0.1").html
    assert "screen-waiting" not in html
    assert "Les résultats s'afficheront quand l'animation les montrera." in html.replace(
        "&#x27;", "'"
    )
