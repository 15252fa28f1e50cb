"""The ranking: its settings (items from lines or carried over, keys kept), its answers (every
item ranked, each rank once, French errors), and its results computed from known answers —
Borda count, mean rank, spread — as the projector, the text version and the exports show them."""

from types import SimpleNamespace

import pytest
from django.core.exceptions import ValidationError
from django.template.loader import render_to_string

from quizzes.kinds import KINDS
from quizzes.kinds.ranking import KIND

ITEMS = ["Former les aidant·es", "Ouvrir le samedi", "Équiper les familles"]


@pytest.fixture
def config():
    return KIND.clean_config({"items": [{"label": label} for label in ITEMS]})


def ranks(config, *order: int) -> dict:
    """An answer giving the items, in the list's order, these ranks."""
    return {"ranks": {item["key"]: rank for item, rank in zip(config["items"], order, strict=True)}}


# Settings -------------------------------------------------------------------------------
def test_the_kind_is_registered_with_keys_made_from_the_labels(config):
    assert KINDS["ranking"] is KIND
    assert config == {
        "items": [
            {"key": "former-les-aidantes", "label": "Former les aidant·es"},
            {"key": "ouvrir-le-samedi", "label": "Ouvrir le samedi"},
            {"key": "equiper-les-familles", "label": "Équiper les familles"},
        ]
    }
    assert KIND.clean_config(config) == config  # stored clean: cleaning again changes nothing


def test_the_settings_form_keeps_the_keys_of_the_labels_kept(config):
    form = KIND.config_form()(KIND.config_initial(config))
    assert form.is_valid(), form.errors
    assert form.cleaned_data["items"].splitlines() == ITEMS
    edited = KIND.config_from_form(
        {"items": "Ouvrir le samedi\n\nFormer les aidant·es\nNouvel enjeu\n"}, current=config
    )
    cleaned = KIND.clean_config(edited)
    assert [(i["key"], i["label"]) for i in cleaned["items"]] == [
        ("ouvrir-le-samedi", "Ouvrir le samedi"),
        ("former-les-aidantes", "Former les aidant·es"),
        ("nouvel-enjeu", "Nouvel enjeu"),
    ]


def test_items_carried_over_keep_their_keys():
    carried = [{"key": "idea-12", "label": "Une idée"}, {"key": "idea-3", "label": "Une autre"}]
    assert KIND.with_items(config={}, items=carried) == {"items": carried}
    # Two carried items with the same key: the second gets its own.
    twice = KIND.with_items(config={}, items=[carried[0], {**carried[0], "label": "Autre"}])
    assert [i["key"] for i in twice["items"]] == ["idea-12", "autre"]
    assert KINDS["classify"].with_items(config={}, items=carried) is None


@pytest.mark.parametrize(
    ("items", "message"),
    [
        (["Seul"], "au moins 2 éléments"),
        (["A", "a"], "« a » est écrit deux fois"),
        ([f"Enjeu {n}" for n in range(13)], "13 éléments : cette activité en prend 12 au plus"),
        (["x" * 201, "B"], "dépasse 200 caractères"),
    ],
)
def test_bad_settings_are_refused_in_french(items, message):
    with pytest.raises(ValidationError) as error:
        KIND.clean_config({"items": items})
    assert message in error.value.message
    assert error.value.code == "items"


# Answers --------------------------------------------------------------------------------
def test_the_phone_form_gives_the_ranks_and_keeps_what_is_not_a_number(config):
    keys = [i["key"] for i in config["items"]]
    form = {f"rank-{keys[0]}": ["2"], f"rank-{keys[1]}": ["un"], f"rank-{keys[2]}": [""]}
    assert KIND.answer_from_form(form) == {"ranks": {keys[0]: 2, keys[1]: "un"}}


@pytest.mark.parametrize(
    ("order", "message", "code"),
    [
        (
            (1, 1, 3),
            "Le rang 1 est donné à « Former les aidant·es », « Ouvrir le samedi »",
            "duplicate",
        ),
        ((1, 2, None), "Il reste 1 élément à classer : « Équiper les familles ».", "missing"),
        ((1, 2, 4), "Le rang de « Équiper les familles » va de 1 à 3.", "out_of_range"),
        ((1, "deux", 3), "Le rang de « Ouvrir le samedi » va de 1 à 3.", "out_of_range"),
    ],
)
def test_bad_answers_are_refused_in_french(config, order, message, code):
    answer = ranks(config, *order)
    answer["ranks"] = {k: v for k, v in answer["ranks"].items() if v is not None}
    with pytest.raises(ValidationError) as error:
        KIND.clean_answer(config=config, answer=answer)
    assert message in error.value.message
    assert error.value.code == code


def test_an_unknown_item_is_refused(config):
    answer = ranks(config, 1, 2, 3)
    answer["ranks"]["pas-dans-la-liste"] = 4
    with pytest.raises(ValidationError, match="ne fait pas partie de la liste"):
        KIND.clean_answer(config=config, answer=answer)


# Results --------------------------------------------------------------------------------
def test_borda_mean_rank_and_spread_from_known_answers(config):
    # Three people: A B C / A C B / B A C (ranks of A, B, C in the list's order).
    answers = [ranks(config, 1, 2, 3), ranks(config, 1, 3, 2), ranks(config, 2, 1, 3)]
    results = KIND.aggregate(config=config, answers=answers)
    rows = {row["label"]: row for row in results["rows"]}
    # n = 3: rank 1 → 2 points, rank 2 → 1, rank 3 → 0.
    assert [row["label"] for row in results["rows"]] == ITEMS
    assert [rows[label]["borda"] for label in ITEMS] == [5, 3, 1]
    assert rows["Former les aidant·es"]["mean"] == pytest.approx(4 / 3)
    assert rows["Ouvrir le samedi"]["mean"] == pytest.approx(2)
    assert rows["Équiper les familles"]["mean"] == pytest.approx(8 / 3)
    # Population standard deviation: A's ranks 1, 1, 2; B's 2, 3, 1.
    assert rows["Former les aidant·es"]["stdev"] == pytest.approx(0.4714, abs=1e-4)
    assert rows["Ouvrir le samedi"]["stdev"] == pytest.approx(0.8165, abs=1e-4)
    assert (rows["Ouvrir le samedi"]["lowest"], rows["Ouvrir le samedi"]["highest"]) == (1, 3)
    assert rows["Former les aidant·es"]["mean_text"] == "1,3"
    assert [row["place"] for row in results["rows"]] == [1, 2, 3]
    assert [row["width"] for row in results["rows"]] == [100, 60, 20]
    assert results["count"] == 3
    assert results["max_points"] == 6


def test_equal_points_and_mean_rank_share_a_place(config):
    answers = [ranks(config, 1, 2, 3), ranks(config, 2, 1, 3)]
    results = KIND.aggregate(config=config, answers=answers)
    assert [(row["label"], row["borda"], row["place"]) for row in results["rows"]] == [
        ("Former les aidant·es", 3, 1),
        ("Ouvrir le samedi", 3, 1),
        ("Équiper les familles", 0, 3),
    ]


def test_no_answer_yet_shows_every_item_unranked(config):
    results = KIND.aggregate(config=config, answers=[])
    assert [row["borda"] for row in results["rows"]] == [0, 0, 0]
    assert all(row["mean_text"] == "—" for row in results["rows"])
    text = render_to_string(KIND.fragment("text"), {"results": results})
    assert text.count("pas encore classé") == 3


def test_the_text_version_and_the_exports_say_it_in_words(config):
    answers = [ranks(config, 1, 2, 3), ranks(config, 1, 3, 2), ranks(config, 2, 1, 3)]
    results = KIND.aggregate(config=config, answers=answers)
    text = " ".join(render_to_string(KIND.fragment("text"), {"results": results}).split())
    assert (
        "Former les aidant·es : 5 points, rang moyen 1,3, écart-type 0,5, rangs donnés du 1 au 2."
        in text
    )
    assert "3 participant·es ont classé." in text
    assert "le rang 1 rapporte 2 points, le dernier 0." in text
    cells = KIND.export_cells(config=config, answers=[answers[2]], answers_by_id={})
    assert [(c.label, c.value) for c in cells] == list(zip(ITEMS, ["2", "1", "3"], strict=True))
    assert KIND.summary(config=config, answer=answers[2]) == (
        "1. Ouvrir le samedi · 2. Former les aidant·es · 3. Équiper les familles"
    )


def test_long_lists_take_pages_on_the_stage():
    labels = [f"Enjeu numéro {n} : " + "un libellé long " * 8 for n in range(12)]
    config = KIND.clean_config({"items": labels})
    results = KIND.aggregate(config=config, answers=[])
    pages = KIND.screen_pages(results=results)
    assert len(pages) > 1
    assert [row for page in pages for row in page["items"]] == results["rows"]
    short = KIND.clean_config({"items": ["A", "B", "C"]})
    assert KIND.screen_pages(results=KIND.aggregate(config=short, answers=[])) == []


def roadmap_sources(kind, config: dict, answers: list[dict]) -> list[dict]:
    """What the roadmap may take from these stored answers (their data is all it reads)."""
    return kind.roadmap_sources(
        activity=SimpleNamespace(config=config),
        run=None,
        responses=[SimpleNamespace(data=answer) for answer in answers],
    )


def test_the_roadmap_may_take_the_items_in_the_rooms_order(config):
    sources = roadmap_sources(KIND, config, [ranks(config, 3, 1, 2), ranks(config, 3, 2, 1)])
    assert [s["text"] for s in sources] == [
        "Ouvrir le samedi",
        "Équiper les familles",
        "Former les aidant·es",
    ]
    assert sources[0]["description"] == "Place 1 sur 3 : 3 points, rang moyen 1,5."
