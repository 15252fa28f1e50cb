"""The two-axis matrix: its settings (named axes, a scale), its answers (every item placed on
both axes, within the scale, French errors), and its results from known answers — each item's
median point, the cloud of placements drawn as SVG — as the projector and the text version
show them."""

import re

import pytest
from django.core.exceptions import ValidationError
from django.template.loader import render_to_string

from quizzes.kinds.matrix import KIND, LEFT, PAD, RIGHT

ITEMS = ["Former les aidant·es", "Ouvrir le samedi", "Équiper les familles"]


@pytest.fixture
def config():
    return KIND.clean_config({"items": ITEMS})


def places(config, *points) -> dict:
    """An answer placing the items, in the list's order, at these (x, y)."""
    return {
        "places": {
            item["key"]: {"x": x, "y": y}
            for item, (x, y) in zip(config["items"], points, strict=True)
        }
    }


# Settings -------------------------------------------------------------------------------
def test_default_axes_are_impact_and_feasibility_on_five(config):
    assert config["axes"] == {
        "x": {"label": "Impact", "low": "Faible", "high": "Fort"},
        "y": {"label": "Faisabilité", "low": "Difficile", "high": "Facile"},
    }
    assert config["scale"] == 5
    assert KIND.clean_config(config) == config


def test_the_settings_form_names_the_axes_and_the_scale(config):
    form = KIND.config_form()(KIND.config_initial(config))
    assert form.is_valid(), form.errors
    data = {
        **form.cleaned_data,
        "x_label": "Urgence",
        "x_low": "Peut attendre",
        "x_high": "Urgent",
        "scale": 4,
    }
    cleaned = KIND.clean_config(KIND.config_from_form(data, current=config))
    assert cleaned["axes"]["x"] == {"label": "Urgence", "low": "Peut attendre", "high": "Urgent"}
    assert cleaned["axes"]["y"]["label"] == "Faisabilité"
    assert cleaned["scale"] == 4
    assert [i["key"] for i in cleaned["items"]] == [i["key"] for i in config["items"]]


@pytest.mark.parametrize(
    ("overrides", "message"),
    [
        ({"scale": 2}, "Chaque axe a de 3 à 10 crans."),
        ({"scale": 11}, "Chaque axe a de 3 à 10 crans."),
        ({"axes": {"x": {"label": "Coût"}, "y": {"label": "coût"}}}, "même nom"),
        ({"items": [f"E{n}" for n in range(9)]}, "9 éléments : cette activité en prend 8 au plus"),
    ],
)
def test_bad_settings_are_refused_in_french(overrides, message):
    with pytest.raises(ValidationError) as error:
        KIND.clean_config({"items": ITEMS, **overrides})
    assert message in error.value.message


# Answers --------------------------------------------------------------------------------
def test_the_phone_form_gives_both_axes_of_each_item(config):
    a, b, _c = (i["key"] for i in config["items"])
    form = {f"x-{a}": ["4"], f"y-{a}": ["2"], f"x-{b}": ["5"], "client_id": ["x"]}
    assert KIND.answer_from_form(form) == {"places": {a: {"x": 4, "y": 2}, b: {"x": 5}}}


def test_an_answer_places_every_item_on_both_axes(config):
    answer = places(config, (1, 5), (3, 3), (5, 1))
    assert KIND.clean_answer(config=config, answer=answer) == answer


@pytest.mark.parametrize(
    ("answer", "message", "code"),
    [
        (
            {"places": {"former-les-aidantes": {"x": 1, "y": 6}}},
            "« Former les aidant·es » sur « Faisabilité » : 6 est hors de l'échelle, qui va "
            "de 1 à 5.",
            "out_of_scale",
        ),
        (
            {"places": {"former-les-aidantes": {"x": 0, "y": 1}}},
            "0 est hors de l'échelle",
            "out_of_scale",
        ),
        (
            {"places": {"former-les-aidantes": {"x": "fort", "y": 1}}},
            "« Former les aidant·es » sur « Impact » : choisissez un cran de 1 à 5.",
            "out_of_scale",
        ),
        (
            {"places": {"former-les-aidantes": {"x": 2}}},
            "Placez chaque élément sur les deux axes. Il manque : « Former les aidant·es » "
            "(Faisabilité), « Ouvrir le samedi » (Impact), « Ouvrir le samedi » "
            "(Faisabilité), « Équiper les familles » (Impact)…",
            "missing",
        ),
        ({"places": {"inconnu": {"x": 1, "y": 1}}}, "ne fait pas partie de la liste", "unknown"),
        ({"places": ["x"]}, "Réponse mal formée", "bad"),
    ],
)
def test_bad_answers_are_refused_in_french(config, answer, message, code):
    with pytest.raises(ValidationError) as error:
        KIND.clean_answer(config=config, answer=answer)
    assert message in error.value.message
    assert error.value.code == code


# Results --------------------------------------------------------------------------------
def test_medians_from_known_answers(config):
    answers = [
        places(config, (5, 1), (1, 1), (2, 2)),
        places(config, (4, 2), (2, 1), (2, 2)),
        places(config, (1, 2), (2, 5), (2, 2)),
        places(config, (5, 3), (3, 5), (2, 2)),
    ]
    results = KIND.aggregate(config=config, answers=answers)
    medians = {row["label"]: (row["median_x"], row["median_y"]) for row in results["rows"]}
    assert medians == {
        "Former les aidant·es": (4.5, 2),
        "Ouvrir le samedi": (2, 3),
        "Équiper les familles": (2, 2),
    }
    first = results["rows"][0]
    assert (first["median_x_text"], first["median_y_text"], first["count"]) == ("4,5", "2", 4)
    assert results["count"] == 4


def test_the_plot_draws_each_placement_and_each_median(config):
    answers = [places(config, (1, 5), (5, 1), (1, 5)), places(config, (1, 5), (5, 1), (3, 3))]
    plot = KIND.aggregate(config=config, answers=answers)["plot"]
    assert len(plot["dots"]) == 6
    # The first value at the padded left, the last at the padded right; high values on top.
    assert [tick["at"] for tick in plot["xs"]][0] == LEFT + PAD
    assert [tick["at"] for tick in plot["xs"]][-1] == RIGHT - PAD
    assert plot["ys"][-1]["at"] < plot["ys"][0]["at"]
    # Two placements in one cell are apart, not on top of each other.
    same_cell = [(d["cx"], d["cy"]) for d in plot["dots"] if d["number"] == 1]
    assert len(set(same_cell)) == 2
    # Item 1's median is (1, 5), item 3's (2, 4): each its own disc, numbered.
    discs = {d["number"]: (d["cx"], d["cy"]) for d in plot["medians"]}
    assert discs[1] == (plot["xs"][0]["at"], plot["ys"][4]["at"])
    assert set(discs) == {1, 2, 3}
    # Coordinates are whole numbers (a float would be written "12,5" in French).
    html = render_to_string(
        KIND.fragment("results"),
        {"results": KIND.aggregate(config=config, answers=answers), "activity": None},
    )
    coordinates = re.findall(r' (?:cx|cy|x|y|x1|x2|y1|y2|r)="([^"]*)"', html)
    assert coordinates
    assert all(re.fullmatch(r"-?\d+", value) for value in coordinates)


def test_medians_at_one_point_are_drawn_side_by_side(config):
    answers = [places(config, (3, 3), (3, 3), (3, 3))]
    discs = KIND.aggregate(config=config, answers=answers)["plot"]["medians"]
    assert len({d["cx"] for d in discs}) == 3
    assert len({d["cy"] for d in discs}) == 1


def test_the_text_version_lists_the_medians(config):
    answers = [places(config, (5, 1), (1, 1), (2, 2)), places(config, (4, 2), (2, 1), (2, 2))]
    results = KIND.aggregate(config=config, answers=answers)
    text = " ".join(render_to_string(KIND.fragment("text"), {"results": results}).split())
    assert (
        "Former les aidant·es : médianes Impact 4,5 sur 5 et Faisabilité 1,5 sur 5 "
        "(2 placements)." in text
    )
    assert "Impact de « Faible » à « Fort », Faisabilité de « Difficile » à « Facile »" in text
    cells = KIND.export_cells(config=config, answers=[answers[0]], answers_by_id={})
    assert [(c.label, c.value) for c in cells][:2] == [
        ("Former les aidant·es — Impact", "5"),
        ("Former les aidant·es — Faisabilité", "1"),
    ]
