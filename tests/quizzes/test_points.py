"""The points budget: its settings (a budget), its answers (whole points, 0 or more, at most
the budget, at least one — French errors), and its results from known answers: each item's
points, share and number of people who gave it some."""

import pytest
from django.core.exceptions import ValidationError
from django.template.loader import render_to_string

from quizzes.kinds.points import KIND
from tests.quizzes.test_ranking import roadmap_sources

ITEMS = ["Former les aidant·es", "Ouvrir le samedi", "Équiper les familles"]


@pytest.fixture
def config():
    return KIND.clean_config({"items": ITEMS})


def given(config, *points) -> dict:
    return {"points": {item["key"]: n for item, n in zip(config["items"], points, strict=True)}}


def test_the_budget_is_ten_unless_set(config):
    assert config["budget"] == 10
    assert KIND.clean_config({"items": ITEMS, "budget": "5"})["budget"] == 5
    form = KIND.config_form()(KIND.config_initial(config))
    assert form.is_valid(), form.errors
    assert form.cleaned_data["budget"] == 10
    with pytest.raises(ValidationError, match="de 2 à 100"):
        KIND.clean_config({"items": ITEMS, "budget": 1000})


def test_an_answer_at_or_under_the_budget_is_taken_with_every_item(config):
    a, b, c = (i["key"] for i in config["items"])
    assert KIND.clean_answer(config=config, answer=given(config, 7, 3, 0)) == {
        "points": {a: 7, b: 3, c: 0}
    }
    # Under the budget: taken, the items left out at 0.
    assert KIND.clean_answer(config=config, answer={"points": {b: 4}}) == {
        "points": {a: 0, b: 4, c: 0}
    }


def test_the_phone_form_keeps_what_was_typed(config):
    a, b, c = (i["key"] for i in config["items"])
    form = {f"points-{a}": ["8"], f"points-{b}": ["trois"], f"points-{c}": [" "]}
    assert KIND.answer_from_form(form) == {"points": {a: 8, b: "trois"}}


@pytest.mark.parametrize(
    ("points", "message", "code"),
    [
        ((8, 5, 0), "Vous donnez 13 points pour 10 : retirez-en 3.", "over_budget"),
        ((0, 0, 0), "Donnez au moins un point avant d'envoyer (10 à répartir).", "empty"),
        (
            (5, -1, 0),
            "« Ouvrir le samedi » : écrivez un nombre entier de points, 0 ou plus.",
            "not_a_number",
        ),
        ((5, "trois", 0), "« Ouvrir le samedi » : écrivez un nombre entier", "not_a_number"),
    ],
)
def test_bad_answers_are_refused_in_french(config, points, message, code):
    with pytest.raises(ValidationError) as error:
        KIND.clean_answer(config=config, answer=given(config, *points))
    assert message in error.value.message
    assert error.value.code == code


def test_an_unknown_item_is_refused(config):
    with pytest.raises(ValidationError, match="ne fait pas partie de la liste"):
        KIND.clean_answer(config=config, answer={"points": {"inconnu": 3}})


def test_totals_shares_and_givers_from_known_answers(config):
    answers = [given(config, 6, 4, 0), given(config, 0, 10, 0), given(config, 5, 3, 2)]
    results = KIND.aggregate(config=config, answers=answers)
    assert [(r["label"], r["total"], r["percent"], r["givers"]) for r in results["rows"]] == [
        ("Ouvrir le samedi", 17, 57, 3),
        ("Former les aidant·es", 11, 37, 2),
        ("Équiper les familles", 2, 7, 1),
    ]
    assert [r["width"] for r in results["rows"]] == [100, 65, 12]
    assert (results["count"], results["given"], results["budget"]) == (3, 30, 10)
    text = " ".join(render_to_string(KIND.fragment("text"), {"results": results}).split())
    assert "Ouvrir le samedi : 17 points (57 % des points), donnés par 3 personnes." in text
    assert "Équiper les familles : 2 points (7 % des points), donnés par 1 personne." in text
    assert "3 participant·es ont réparti leurs points : 30 points donnés en tout" in text
    cells = KIND.export_cells(config=config, answers=[answers[2]], answers_by_id={})
    assert [(c.label, c.value) for c in cells] == list(zip(ITEMS, ["5", "3", "2"], strict=True))


def test_the_phone_says_how_many_points_were_given(config):
    html = render_to_string(
        KIND.fragment("answer"),
        {"values": given(config, 4, 3, 0), "activity": {"config": config}},
    )
    assert "7 points donnés sur 10." in " ".join(html.split())
    assert "Équiper les familles" not in html


def test_the_roadmap_may_take_the_items_the_most_points_first(config):
    sources = roadmap_sources(KIND, config, [given(config, 6, 4, 0), given(config, 0, 10, 0)])
    assert [(s["text"], s["votes"]) for s in sources] == [
        ("Ouvrir le samedi", None),
        ("Former les aidant·es", None),
        ("Équiper les familles", None),
    ]
    assert sources[0]["description"] == "14 points sur 20 (70 %), donnés par 2 personne(s)."
