"""Every registered activity kind is a plug-in of one pipeline: a module named for the kind, a
template and a stylesheet of the same name, linked by the pages that show the kind only; and it
goes through answer → results → text → synthesis → export like the others, with the small
example it gives itself (`example_config`, `example_answer`). A new kind is tested here as soon
as it is registered."""

import importlib
from pathlib import Path

import pytest
from django.contrib.staticfiles import finders
from django.template.loader import get_template, render_to_string
from django.templatetags.static import static
from django.urls import reverse

from live import sessions, stage
from live.exports import answers_csv
from live.models import ActivityRun
from live.synthesis import activity_results
from quizzes.kinds import KINDS
from tests.factories import make_workshop, step_with_activity
from tests.live import answer

KIND_NAMES = list(KINDS)


@pytest.mark.parametrize("name", KIND_NAMES)
def test_a_kind_is_a_module_a_template_and_a_stylesheet_named_for_it(name):
    kind = KINDS[name]
    assert importlib.import_module(f"quizzes.kinds.{name}").KIND is kind
    assert get_template(f"quizzes/kinds/{name}.html")
    assert finders.find(f"css/kinds/{name}.css"), f"static/css/kinds/{name}.css is missing"


@pytest.fixture
def lone_workshop(facilitator):
    """A workshop with no step yet, facilitated by `facilitator`."""
    return make_workshop(facilitator=facilitator)


def one_activity_session(*, name: str, workshop, facilitator):
    """A session of `workshop` whose one step is an activity of the kind, with its example
    settings, shown with its results; Alex has joined."""
    activity = step_with_activity(workshop, name).activity
    session = sessions.start_session(workshop=workshop, user=facilitator)
    run = ActivityRun.objects.get(session=session, activity=activity)
    sessions.set_run(session=session, run=run, show_results=True)
    return session, activity, sessions.join(session=session, pseudonym="Alex")


def views_of(session, activity) -> dict[str, str]:
    """What the room and the facilitator get for the activity: the projector's results, the
    text version, the synthesis and the raw answers."""
    step, run = stage.step_and_run(session)
    context = stage.results_context(session=session, step=step, run=run)
    [synthesis] = activity_results(session=session)
    return {
        "results": stage.render_results(session=session).html,
        "text": render_to_string(KINDS[activity.kind].fragment("text"), context),
        "synthesis": synthesis.render(),
        "export": answers_csv(session=session),
    }


@pytest.mark.parametrize("name", KIND_NAMES)
def test_every_kind_goes_from_an_answer_to_its_results_text_synthesis_and_export(
    name, lone_workshop, facilitator
):
    session, activity, alex = one_activity_session(
        name=name, workshop=lone_workshop, facilitator=facilitator
    )
    kind = KINDS[name]
    before = views_of(session, activity)
    # Through the one writer, as a phone's answer comes.
    response = answer(alex, activity.step, kind.example_answer(config=activity.config))
    stored = response.data
    after = views_of(session, activity)
    for view in ("results", "text", "synthesis", "export"):
        assert after[view] != before[view], f"the answer does not reach the {view} of {name}"
    cells = kind.export_cells(
        config=activity.config, answers=[stored], answers_by_id={response.pk: stored}
    )
    given = [cell.value for cell in cells if cell.value]
    assert given, f"{name} exports nothing of the answer"
    assert all(value in after["export"] for value in given)


@pytest.mark.parametrize("name", KIND_NAMES)
def test_the_pages_that_show_a_kind_link_its_stylesheet_and_no_other_kinds(
    name, lone_workshop, facilitator, client
):
    session, activity, _alex = one_activity_session(
        name=name, workshop=lone_workshop, facilitator=facilitator
    )
    kind = KINDS[name]
    mine = {static(path) for path in kind.stylesheets}
    others = {static(path) for other in KINDS.values() for path in other.stylesheets} - mine
    client.force_login(facilitator)
    pages = {
        "projector": reverse("workshops:screen", args=[session.pk]),
        "régie": reverse("workshops:control", args=[session.pk]),
        "remote": reverse("workshops:remote", args=[session.pk]),
        "synthesis": reverse("workshops:synthesis", args=[session.pk]),
        "authoring": reverse("workshops:activity_add", args=[lone_workshop.pk, name]),
    }
    for page, url in pages.items():
        html = client.get(url).content.decode()
        for href in mine:
            assert f'<link rel="stylesheet" href="{href}">' in html, f"{page} lacks {href}"
        for href in others:
            assert href not in html, f"{page} links {href}, a kind it does not show"
    client.logout()
    client.get(reverse("workshops:join_code", args=[session.code]))
    phone = client.get(reverse("workshops:phone", args=[session.pk])).content.decode()
    assert all(f'<link rel="stylesheet" href="{href}">' in phone for href in mine)
    assert not any(href in phone for href in others)


def test_the_shared_stylesheet_keeps_no_rule_of_one_kind():
    shared = Path(finders.find("css/fne.css")).read_text()
    for name in KINDS:
        own = Path(finders.find(f"css/kinds/{name}.css")).read_text()
        selectors = {
            line.split("{")[0].strip()
            for line in own.splitlines()
            if "{" in line and not line.lstrip().startswith("@")
        }
        assert not [s for s in selectors if f"{s} {{" in shared], name


CARRIED = [
    {"key": "12-idea-3", "label": "Un bus numérique qui passe dans chaque quartier"},
    {"key": "12-idea-7", "label": "Un fonds commun"},
    {"key": "14-mot-exclusion", "label": "exclusion"},
]


@pytest.mark.parametrize("name", KIND_NAMES)
def test_a_kind_that_takes_carried_items_gives_valid_settings_holding_each_of_them(name):
    kind = KINDS[name]
    config = kind.clean_config(kind.example_config())
    filled = kind.with_items(config=config, items=CARRIED)
    if filled is None:
        return  # this kind takes no such items
    cleaned = kind.clean_config(filled)
    stored = str(cleaned)
    assert all(item["label"] in stored for item in CARRIED)
    # Its other settings stay as they were.
    assert set(cleaned) == set(config)


PRIORITIES = {"options": ["Mobilité", "Emploi", "Climat"], "multiple": True, "correct": [0, 2]}
SORTING = {
    "categories": ["sociale", "numérique"],
    "items": [{"text": "CAF", "category": "sociale"}, {"text": "Scratch", "category": "numérique"}],
}


def sorted_as(caf: str, scratch: str) -> dict:
    return {"choices": {"caf": caf, "scratch": scratch}}


# For each tallied kind: settings, the answers given (the last one hidden by the facilitator),
# and what its results must count: (how many visible answers, distinct ones, the counts).
TALLIED = {
    "vote": (PRIORITIES, [[0], [0, 2], [1], [0], [2, 0], [1]], (5, 3, [4, 1, 2])),
    "choice": (PRIORITIES, [[0], [0, 2], [1], [0], [2, 0], [1]], (5, 3, [4, 1, 2])),
    "classify": (
        SORTING,
        [
            sorted_as("sociale", "numerique"),
            sorted_as("sociale", "sociale"),
            sorted_as("sociale", "numerique"),
            sorted_as("numerique", "numerique"),
            sorted_as("numerique", "sociale"),
        ],
        (4, 3, [[3, 1], [1, 3]]),
    ),
}


def counted(results: dict) -> list:
    if "bars" in results:
        return [bar["count"] for bar in results["bars"]]
    return [[cell["count"] for cell in row["cells"]] for row in results["rows"]]


@pytest.mark.parametrize("name", sorted(TALLIED))
def test_a_tallied_kind_counts_in_the_database_what_it_counted_from_the_rows(
    name, lone_workshop, facilitator
):
    """The projector's results of a vote or a classification come from a GROUP BY count of
    the answers: the same results as from every stored answer, hidden ones left out."""
    assert set(TALLIED) == {n for n, kind in KINDS.items() if kind.tallied}, "add it to TALLIED"
    kind = KINDS[name]
    config, given, (count, distinct, counts) = TALLIED[name]
    step = step_with_activity(lone_workshop, name, config=kind.clean_config(config), title="Essai")
    activity = step.activity
    session = sessions.start_session(workshop=lone_workshop, user=facilitator)
    run = ActivityRun.objects.get(session=session, activity=activity)
    sessions.set_run(session=session, run=run, show_results=True)
    stored = [
        answer(
            sessions.join(session=session, pseudonym=f"P{i}"),
            step,
            {"choices": data} if name != "classify" else data,
        )
        for i, data in enumerate(given)
    ]
    sessions.hide_response(session=session, response=stored[-1], hidden=True)
    sessions.set_run(session=session, run=run, is_revealed=True)

    step, run = stage.step_and_run(session)
    context = stage.results_context(session=session, step=step, run=run)
    rows = list(sessions.visible_responses(session=session, activity=activity))
    assert context["results"] == kind.results_context(activity=activity, run=run, responses=rows)
    assert context["answer_count"] == context["results"]["count"] == count
    assert counted(context["results"]) == counts
    if name == "choice":
        assert context["results"]["right"] == 2  # Mobilité and Climat, twice
    if name == "classify":
        assert context["results"]["revealed"]
    assert len(sessions.visible_tally(session=session, activity=activity)) == distinct
    assert f'data-count="{count}"' in stage.render_results(session=session).html
