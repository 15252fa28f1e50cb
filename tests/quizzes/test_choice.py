"""Multiple choice with a correct answer: its settings (the right option by text or number),
its answers, the room's distribution, each answer's correction, and inert markup."""

import pytest
from django.core.exceptions import ValidationError
from django.template.loader import render_to_string

from live import sessions, stage
from live.models import ActivityRun, Response
from quizzes.kinds import get_kind
from quizzes.kinds.choice import KIND
from quizzes.models import Activity
from tests.factories import make_workshop, moved_to_kind, step_with_activity
from tests.live import as_read, submit
from tests.workshops.test_authoring import settings_data

MEDIATIONS = [
    "médiation scientifique",
    "médiation sociale",
    "médiation numérique",
    "médiation culturelle",
]


def config(**overrides) -> dict:
    return KIND.clean_config({"options": MEDIATIONS, "correct": ["médiation sociale"], **overrides})


def from_form(**fields) -> dict:
    """The settings as the facilitator's form would turn them into a config, then checked."""
    form = KIND.config_form()({"options": "\n".join(MEDIATIONS), **fields})
    assert form.is_valid(), form.errors
    return KIND.clean_config(KIND.config_from_form(form.cleaned_data, current={}))


# Settings ------------------------------------------------------------------------------------
def test_the_kind_is_registered_and_graded():
    assert get_kind("choice") is KIND
    assert KIND.graded is True
    assert KIND.results_hidden_by_default is True
    assert str(KIND.label) == "Choix multiple (avec bonne réponse)"


def test_the_right_option_is_named_by_its_text_whatever_its_case_and_accents():
    assert config(correct=["MEDIATION   Sociale"])["correct"] == [1]
    assert config(correct="médiation culturelle")["correct"] == [3]
    assert config(correct=[2])["correct"] == [2]  # an index, in stored settings


@pytest.mark.parametrize(
    ("fields", "expected"),
    [
        ({"correct": "médiation sociale"}, [1]),
        ({"correct": "2"}, [1]),  # a number, from 1
        ({"correct": "  Médiation numérique \n"}, [2]),
        ({"correct": "1\nmédiation culturelle", "multiple": "on"}, [0, 3]),
    ],
)
def test_the_form_takes_the_right_option_by_text_or_by_number(fields, expected):
    assert from_form(**fields)["correct"] == expected


@pytest.mark.parametrize(
    ("fields", "message"),
    [
        (
            {"correct": "médiation familiale"},
            "« médiation familiale » ne fait pas partie des réponses proposées : recopiez l'une "
            "d'elles (« médiation scientifique », « médiation sociale », « médiation numérique »,"
            " « médiation culturelle ») ou donnez son numéro.",
        ),
        (
            {"correct": "5"},
            "Il n'y a pas de réponse n°5 : les réponses proposées vont de 1 à 4.",
        ),
        (
            {"correct": "0"},
            "Il n'y a pas de réponse n°0 : les réponses proposées vont de 1 à 4.",
        ),
        (
            {"correct": "1\n2"},
            "Vous avez indiqué 2 bonnes réponses alors qu'une seule réponse est possible",
        ),
        (
            {"correct": "1\n2\n3", "multiple": "on", "max_choices": "2"},
            "Il y a 3 bonnes réponses mais on ne peut en cocher que 2",
        ),
    ],
)
def test_a_right_answer_that_is_not_an_option_is_refused_in_french(fields, message):
    form = KIND.config_form()({"options": "\n".join(MEDIATIONS), **fields})
    assert form.is_valid(), form.errors
    with pytest.raises(ValidationError) as error:
        KIND.clean_config(KIND.config_from_form(form.cleaned_data, current={}))
    assert message in error.value.messages[0]
    assert error.value.error_list[0].code in form.fields  # shown beside its field


@pytest.mark.parametrize(
    ("overrides", "message"),
    [
        ({"correct": []}, "Indiquez la bonne réponse : son texte ou son numéro."),
        ({"correct": [7]}, "La bonne réponse n°8 ne fait pas partie des réponses."),
        ({"options": ["Seule"], "correct": ["Seule"]}, "au moins deux réponses"),
        ({"explanation": "x" * 1001}, "L'explication dépasse 1000 caractères."),
    ],
)
def test_incomplete_settings_are_refused_in_french(overrides, message):
    with pytest.raises(ValidationError) as error:
        config(**overrides)
    assert message in error.value.messages[0]


def test_the_settings_form_round_trips():
    stored = config(multiple=True, max_choices=2, correct=[1, 3], explanation="Voir le guide.")
    initial = KIND.config_initial(stored)
    assert initial["correct"] == "médiation sociale\nmédiation culturelle"
    form = KIND.config_form()({k: v for k, v in initial.items() if v not in (None, False)})
    assert form.is_valid(), form.errors
    again = KIND.clean_config(KIND.config_from_form(form.cleaned_data, current=stored))
    assert again == stored
    # Options reordered in the form: the right answer, given by its text, follows it.
    form = KIND.config_form()(
        {**initial, "options": "\n".join(reversed(MEDIATIONS)), "multiple": "on"}
    )
    assert form.is_valid()
    moved = KIND.clean_config(KIND.config_from_form(form.cleaned_data, current=stored))
    assert [moved["options"][i] for i in moved["correct"]] == [
        "médiation culturelle",
        "médiation sociale",
    ]


def test_the_authoring_post_data_helper_round_trips_too():
    stored = config(explanation="La médiation sociale crée du lien.")
    data = {k.removeprefix("reglages-"): v for k, v in settings_data(KIND, stored).items()}
    form = KIND.config_form()(data)
    assert form.is_valid(), form.errors
    assert KIND.clean_config(KIND.config_from_form(form.cleaned_data, current={})) == stored


# Answers, results and grades -------------------------------------------------------------------
@pytest.mark.parametrize(
    ("answer", "message"),
    [
        ({"choices": []}, "Choisissez une réponse avant d'envoyer."),
        ({"choices": [9]}, "Ce choix ne fait pas partie des réponses."),
        ({"choices": ["<script>"]}, "Choix non reconnu : rechargez la page."),
        ({"choices": [0, 1]}, "Une seule réponse est possible."),
    ],
)
def test_bad_answers_are_refused_in_french(answer, message):
    with pytest.raises(ValidationError) as error:
        KIND.clean_answer(config=config(), answer=answer)
    assert error.value.messages == [message]


def test_the_phone_form_gives_the_chosen_option():
    answer = KIND.answer_from_form({"choice": ["1"], "client_id": ["x"]})
    assert KIND.clean_answer(config=config(), answer=answer) == {"choices": [1]}


def test_the_distribution_counts_each_option_and_marks_the_right_one():
    answers = [{"choices": [1]}, {"choices": [1]}, {"choices": [2]}, {"choices": [0]}]
    results = KIND.aggregate(config=config(), answers=answers)
    assert [(b["label"], b["count"], b["percent"], b["correct"]) for b in results["bars"]] == [
        ("médiation scientifique", 1, 25, False),
        ("médiation sociale", 2, 50, True),
        ("médiation numérique", 1, 25, False),
        ("médiation culturelle", 0, 0, False),
    ]
    assert (results["count"], results["right"], results["right_percent"]) == (4, 2, 50)
    assert results["expected"] == ["médiation sociale"]
    assert KIND.aggregate(config=config(), answers=[])["right_percent"] == 0


def test_grading_one_answer():
    assert KIND.grade(config=config(), answer={"choices": [1]}) == {
        "correct": True,
        "chosen": ["médiation sociale"],
        "expected": ["médiation sociale"],
        "explanation": "",
    }
    wrong = KIND.grade(config=config(explanation="Lien social."), answer={"choices": [2]})
    assert wrong["correct"] is False
    assert wrong["chosen"] == ["médiation numérique"]
    assert wrong["explanation"] == "Lien social."


def test_with_several_right_options_only_all_of_them_is_right():
    several = config(multiple=True, correct=[0, 3])
    assert KIND.grade(config=several, answer={"choices": [0, 3]})["correct"] is True
    assert KIND.grade(config=several, answer={"choices": [0]})["correct"] is False
    assert KIND.grade(config=several, answer={"choices": [0, 1, 3]})["correct"] is False
    results = KIND.aggregate(config=several, answers=[{"choices": [0, 3]}, {"choices": [3]}])
    assert results["right"] == 1


def test_the_summary_names_the_options():
    assert KIND.summary(config=config(), answer={"choices": [3]}) == "médiation culturelle"


# Rendering ------------------------------------------------------------------------------------
def render(part: str, **context) -> str:
    return render_to_string(KIND.fragment(part), context)


def test_markup_in_options_prompt_and_explanation_is_inert():
    hostile = config(
        options=["<script>alert(1)</script>", "<b>gras</b>"],
        correct=["<script>alert(1)</script>"],
        explanation="<img src=x onerror=alert(2)>",
    )
    activity = Activity(pk=1, kind="choice", title="T", config=hostile)
    results = KIND.aggregate(config=hostile, answers=[{"choices": [0]}])
    grade = KIND.grade(config=hostile, answer={"choices": [1]})
    html = "".join(
        [
            render("phone", activity=activity, values={}),
            render("answer", activity=activity, values={"choices": [0]}),
            render("results", activity=activity, results=results, reveal=True),
            render("correction", activity=activity, results=results, grade=grade),
            render("text", activity=activity, results=results, reveal=True),
        ]
    )
    assert "<script>" not in html
    assert "<img" not in html
    assert "<b>gras" not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    assert "&lt;img src=x onerror=alert(2)&gt;" in html


def test_the_right_option_is_marked_only_once_revealed():
    results = KIND.aggregate(config=config(), answers=[{"choices": [1]}])
    hidden = render("results", results=results, reveal=False)
    assert "bar--correct" not in hidden
    assert "bonne réponse" not in hidden
    shown = render("results", results=results, reveal=True)
    assert shown.count("bar--correct") == 1
    assert "1 bonne réponse sur 1 (100 %)." in shown


def test_the_correction_says_right_or_gives_the_right_answer():
    results = KIND.aggregate(config=config(), answers=[])
    right = render("correction", grade=KIND.grade(config=config(), answer={"choices": [1]}))
    assert "Bonne réponse !" in right
    wrong = render(
        "correction",
        grade=KIND.grade(config=config(), answer={"choices": [0]}),
        results=results,
    )
    assert "La bonne réponse était : médiation sociale." in wrong
    assert "Vous avez répondu : médiation scientifique" in wrong
    none = render("correction", grade=None, results=results)
    assert "Vous n'avez pas répondu à cette question." in none
    assert "La bonne réponse était : médiation sociale." in none


# Through the one answer writer -----------------------------------------------------------------
@pytest.fixture
def workshop(facilitator):
    """A workshop whose one step is a « Qui suis-je ? » question on the four mediations."""
    workshop = make_workshop(facilitator=facilitator)
    step_with_activity(workshop, "choice", config=config(), title="Qui suis-je ???")
    return workshop


@pytest.fixture
def quiz_step(live_session):
    return moved_to_kind(live_session, "choice")


def test_one_answer_per_participant_and_the_projector_marks_the_right_one_at_the_reveal(
    live_session, quiz_step, participant, other_participant
):
    activity = quiz_step.activity
    assert submit(participant, activity, {"choices": [0]}).ok
    assert submit(participant, activity, {"choices": ["1"]}).ok  # changed their mind
    assert submit(other_participant, activity, {"choices": [2]}).ok
    assert Response.objects.filter(activity=activity).count() == 2
    before = stage.render_results(session=live_session).html
    assert "Les résultats s&#x27;afficheront" in before or "Les résultats s'afficheront" in before
    assert "bar--correct" not in before
    run = ActivityRun.objects.get(session=live_session, activity=activity)
    sessions.set_run(session=live_session, run=run, is_revealed=True)
    after = as_read(stage.render_results(session=live_session).html)
    assert after.count("bar--correct") == 1
    assert "1 bonne réponse sur 2 (50 %)." in after
