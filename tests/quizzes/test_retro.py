"""Yes / no, then why: its settings, its answers (the follow-up kept only after the answer that
opens it), the bars and the wall of texts, hidden answers leaving the wall."""

import pytest
from django.core.exceptions import ValidationError
from django.template.loader import render_to_string

from live import sessions
from live.models import ActivityRun, Response
from quizzes.kinds import KINDS
from quizzes.kinds.retro import KIND
from quizzes.models import Activity
from tests.factories import make_workshop, moved_to_kind, step_with_activity
from tests.live import submit

RETRO_TITLE = "Rétrospective FNEg2"


@pytest.fixture
def config():
    return KIND.clean_config(
        {"followup": "Si oui, comment l'avez-vous vécu ?", "opens_on": "oui", "max_length": 50}
    )


@pytest.fixture
def workshop(facilitator, config):
    """A workshop whose one step is the yes / no question, its follow-up opened by yes."""
    workshop = make_workshop(facilitator=facilitator)
    step_with_activity(workshop, "retro", config=config)
    return workshop


@pytest.fixture
def retro_step(live_session):
    return moved_to_kind(live_session, "retro")


# Settings ------------------------------------------------------------------------------------
def test_the_kind_is_registered_and_not_graded():
    assert KINDS["retro"] is KIND
    assert KIND.graded is False
    assert KIND.grade(config=KIND.default_config(), answer={"choice": "oui"}) is None


def test_the_defaults_are_complete_settings():
    assert KIND.clean_config(KIND.default_config())["opens_on"] == "oui"


@pytest.mark.parametrize(
    ("change", "message"),
    [
        ({"followup": "  "}, "Écrivez la question complémentaire."),
        ({"followup": "x" * 201}, "200 caractères au plus"),
        ({"opens_on": "peut-être"}, "après « oui » ou après « non »"),
        ({"max_length": 5000}, "va de 20 à 1000 caractères"),
        ({"max_length": "beaucoup"}, "va de 20 à 1000 caractères"),
    ],
)
def test_bad_settings_are_refused_in_french(config, change, message):
    with pytest.raises(ValidationError) as error:
        KIND.clean_config({**config, **change})
    assert message in error.value.messages[0]


def test_the_settings_form_round_trips(config):
    form = KIND.config_form()(KIND.config_initial(config))
    assert form.is_valid(), form.errors
    assert KIND.clean_config(KIND.config_from_form(form.cleaned_data, current=config)) == config
    bounded = KIND.config_form()({**KIND.config_initial(config), "max_length": "100000"})
    assert not bounded.is_valid()  # the form bounds it too


# Answers -------------------------------------------------------------------------------------
def test_yes_keeps_the_follow_up_no_discards_it(config):
    form = {"choice": ["oui"], "text": ["  Très   bien vécu  "]}
    yes = KIND.clean_answer(config=config, answer=KIND.answer_from_form(form))
    assert yes == {"choice": "oui", "text": "Très bien vécu"}
    no = KIND.clean_answer(config=config, answer={"choice": "non", "text": "écrit puis non"})
    assert no == {"choice": "non", "text": ""}
    assert KIND.clean_answer(config=config, answer={"choice": "oui", "text": ""})["text"] == ""


def test_the_follow_up_may_open_on_no(config):
    on_no = {**config, "opens_on": "non"}
    assert KIND.clean_answer(config=on_no, answer={"choice": "oui", "text": "x"})["text"] == ""
    assert KIND.clean_answer(config=on_no, answer={"choice": "non", "text": "x"})["text"] == "x"


@pytest.mark.parametrize(
    ("answer", "message"),
    [
        ({"choice": "", "text": "du texte"}, "Répondez par oui ou par non avant d'envoyer."),
        ({"choice": "peut-être"}, "Choix non reconnu"),
        (
            {"choice": "oui", "text": "x" * 51},
            "« Si oui, comment l'avez-vous vécu ? » est trop long : 51 caractères pour 50 au plus.",
        ),
    ],
)
def test_bad_answers_are_refused_in_french(config, answer, message):
    with pytest.raises(ValidationError) as error:
        KIND.clean_answer(config=config, answer=answer)
    assert message in error.value.messages[0]


def test_a_too_long_text_after_no_is_not_an_error(config):
    assert KIND.clean_answer(config=config, answer={"choice": "non", "text": "x" * 999}) == {
        "choice": "non",
        "text": "",
    }


# Results -------------------------------------------------------------------------------------
def test_aggregate_counts_yes_and_no_and_walls_the_follow_ups(config):
    answers = [
        {"choice": "oui", "text": "Bien"},
        {"choice": "oui", "text": ""},
        {"choice": "non", "text": ""},
        {"choice": "oui", "text": "Trop court"},
    ]
    results = KIND.aggregate(config=config, answers=answers)
    assert results["count"] == 4
    assert [(b["label"], b["count"], b["percent"], b["leading"]) for b in results["bars"]] == [
        ("Oui", 3, 75, True),
        ("Non", 1, 25, False),
    ]
    assert results["texts"] == ["Bien", "Trop court"]


def test_summary(config):
    assert KIND.summary(config=config, answer={"choice": "oui", "text": "Bien"}) == "Oui · Bien"
    assert KIND.summary(config=config, answer={"choice": "non", "text": ""}) == "Non"


def test_a_script_in_an_answer_is_shown_as_text_in_every_fragment(config):
    activity = Activity(kind="retro", title="T", prompt="<script>p()</script>", config=config, pk=1)
    answer = {"choice": "oui", "text": "<script>alert(1)</script>"}
    context = {
        "activity": activity,
        "values": answer,
        "results": KIND.aggregate(config=config, answers=[answer]),
    }
    for part in ("phone", "answer", "results", "text"):
        html = render_to_string(KIND.fragment(part), context)
        assert "<script>" not in html, part
        assert "&lt;script&gt;" in html, part


def test_the_phone_marks_the_answer_that_opens_the_follow_up(config):
    activity = Activity(kind="retro", title="T", config={**config, "opens_on": "non"}, pk=7)
    html = render_to_string(KIND.fragment("phone"), {"activity": activity, "values": {}})
    assert 'value="non" data-opens aria-controls="retro-followup-7"' in html
    assert 'value="oui" data-opens' not in html
    assert "Seulement si vous avez répondu « Non »" in html


# Through the writer, with the control view's hide ---------------------------------------------
def test_a_hidden_answer_leaves_the_wall(live_session, retro_step, participant, other_participant):
    activity = retro_step.activity
    assert submit(participant, activity, {"choice": "oui", "text": "Enrichissant"}).ok
    spam = submit(other_participant, activity, {"choice": "oui", "text": "<b>PUB</b>"})
    assert spam.ok
    run = ActivityRun.objects.get(session=live_session, activity=activity)

    def wall():
        responses = list(sessions.visible_responses(session=live_session, activity=activity))
        return KIND.results_context(activity=activity, run=run, responses=responses)

    assert wall()["texts"] == ["Enrichissant", "<b>PUB</b>"]
    sessions.hide_response(
        session=live_session, response=Response.objects.get(pk=spam.response.pk), hidden=True
    )
    assert wall()["texts"] == ["Enrichissant"]
    assert wall()["count"] == 1
