"""The classification (classement): its settings written as lines, its answers (every item
classified, once), the matrix of the room with its hesitations, the correction of one phone —
through the one answer writer and the rendered fragments."""

import pytest
from django.core.exceptions import ValidationError
from django.template.loader import render_to_string

from live import sessions
from live.models import ActivityRun, Response
from quizzes.kinds import KINDS, get_kind
from quizzes.kinds.classify import KIND
from quizzes.models import Activity
from tests.factories import make_workshop, moved_to_kind, step_with_activity
from tests.live import submit

CLASSIFY_TITLE = "De quel type de médiation relève chaque action ?"
DECK_SOLUTION = {
    "Apprendre la programmation avec Scratch": "médiation scientifique",
    "Apprendre à utiliser le site de la CAF": "médiation sociale",
    "Proposer une visite virtuelle du Louvre": "médiation culturelle",
    "Apprendre à utiliser clavier et souris": "médiation numérique",
    "Apprendre à naviguer sur internet": "médiation numérique",
    "S'initier à la robotique": "médiation scientifique",
    "Apprendre à repérer un mail frauduleux": "médiation numérique",
    "Vidéo projection (mapping) sur un monument historique": "médiation culturelle",
    "Aider les usagers à faire leur déclaration mensuelle sur le site de France Travail": (
        "médiation sociale"
    ),
    "Apprendre à télécharger une appli sur mon smartphone": "médiation numérique",
}
SMALL = {
    "categories": ["Fruit", "Légume"],
    "items": [
        {"text": "Pomme", "category": "Fruit"},
        {"text": "Poireau", "category": "légume"},  # any case
        {"text": "Tomate", "category": "Fruit"},
    ],
}


@pytest.fixture
def small():
    return KIND.clean_config(SMALL)


@pytest.fixture
def deck():
    """The deck's classification: four kinds of mediation, ten actions, in the deck's order."""
    return KIND.clean_config(
        {
            "categories": [
                "médiation scientifique",
                "médiation sociale",
                "médiation numérique",
                "médiation culturelle",
            ],
            "items": [{"text": text, "category": title} for text, title in DECK_SOLUTION.items()],
        }
    )


@pytest.fixture
def workshop(facilitator):
    """A workshop whose one step is the small classification (fruits and vegetables)."""
    workshop = make_workshop(facilitator=facilitator)
    step_with_activity(workshop, "classify", config=SMALL)
    return workshop


@pytest.fixture
def classify_step(live_session):
    return moved_to_kind(live_session, "classify")


def keys(config) -> dict[str, str]:
    """{item text: its key} and {category title: its key}, in one mapping."""
    return {i["text"]: i["key"] for i in config["items"]} | {
        c["title"]: c["key"] for c in config["categories"]
    }


def answer_for(config, mapping: dict[str, str]) -> dict:
    k = keys(config)
    return {"choices": {k[text]: k[title] for text, title in mapping.items()}}


# Settings ------------------------------------------------------------------------------------
def test_the_kind_is_registered_and_graded():
    assert KINDS["classify"] is KIND
    assert get_kind("classify").graded is True
    assert KIND.results_hidden_by_default is True


def test_settings_are_normalised_with_keys_made_from_the_titles(small):
    assert small["categories"] == [
        {"key": "fruit", "title": "Fruit"},
        {"key": "legume", "title": "Légume"},
    ]
    assert small["items"][1] == {"key": "poireau", "text": "Poireau", "category": "legume"}


@pytest.mark.parametrize(
    ("config", "message"),
    [
        ({"categories": ["Seule"], "items": [{"text": "A", "category": "Seule"}]}, "deux"),
        ({"categories": ["A", "a"], "items": []}, "« a » est écrite deux fois"),
        ({"categories": [f"C{n}" for n in range(9)], "items": []}, "au plus 8 catégories"),
        ({"categories": ["A", "B"], "items": []}, "au moins un élément"),
        (
            {"categories": ["A", "B"], "items": [{"text": "X", "category": "Z"}]},
            "« Z » (pour « X ») n'est pas une des catégories : « A », « B ».",
        ),
        (
            {
                "categories": ["A", "B"],
                "items": [{"text": "X", "category": "A"}, {"text": "x", "category": "B"}],
            },
            "« x » est écrit deux fois",
        ),
        ({"categories": ["A", "B"], "items": [{"text": "X", "category": ""}]}, "« => »"),
        ({"categories": ["A", "B"], "items": [{"text": "", "category": "A"}]}, "pas de texte"),
        (
            {
                "categories": ["A", "B"],
                "items": [{"text": f"X{n}", "category": "A"} for n in range(31)],
            },
            "au plus 30 éléments",
        ),
    ],
)
def test_bad_settings_are_refused_in_french(config, message):
    with pytest.raises(ValidationError) as error:
        KIND.clean_config(config)
    assert message in error.value.messages[0]


def test_the_settings_form_round_trips(deck):
    config = deck
    initial = KIND.config_initial(config)
    assert initial["categories"].splitlines()[0] == "médiation scientifique"
    assert (
        "Apprendre à utiliser le site de la CAF => médiation sociale"
        in initial["items"].splitlines()
    )
    form = KIND.config_form()(initial)
    assert form.is_valid(), form.errors
    again = KIND.clean_config(KIND.config_from_form(form.cleaned_data, current=config))
    assert again == config


def test_a_facilitator_writes_another_classification_in_the_form(small):
    typed = {
        "categories": "Fruit\n  Légume  \n\nCéréale",
        # A blank line is layout; "=>" may appear in the text: the last one separates.
        "items": "Pomme => fruit\n\nBlé => Céréale\nA => B => Légume",
    }
    config = KIND.clean_config(KIND.config_from_form(typed, current=small))
    assert [c["title"] for c in config["categories"]] == ["Fruit", "Légume", "Céréale"]
    assert [(i["key"], i["text"], i["category"]) for i in config["items"]] == [
        ("pomme", "Pomme", "fruit"),  # kept key
        ("ble", "Blé", "cereale"),
        ("a-b", "A => B", "legume"),
    ]


@pytest.mark.parametrize(
    ("items", "message"),
    [
        ("Pomme => Fruit\nPoireau", "Ligne 2 : « Poireau » n'a pas de catégorie."),
        ("Pomme => ", "Ligne 1 : l'élément ou sa catégorie est vide."),
        (" => Fruit", "Ligne 1 : l'élément ou sa catégorie est vide."),
    ],
)
def test_lines_without_a_category_are_refused_with_their_number(items, message):
    with pytest.raises(ValidationError) as error:
        KIND.config_from_form({"categories": "Fruit\nLégume", "items": items}, current={})
    assert error.value.messages[0].startswith(message)
    assert error.value.error_list[0].code == "items"  # shown beside the field


# Answers -------------------------------------------------------------------------------------
def test_the_phone_form_is_read_into_choices(small):
    form = {"item-pomme": ["fruit"], "item-poireau": ["legume"], "client_id": ["x"]}
    assert KIND.answer_from_form(form) == {"choices": {"pomme": "fruit", "poireau": "legume"}}


def test_a_complete_answer_is_kept_in_the_items_order(small):
    answer = {"choices": {"tomate": "legume", "pomme": "fruit", "poireau": "legume"}}
    cleaned = KIND.clean_answer(config=small, answer=answer)
    assert list(cleaned["choices"]) == ["pomme", "poireau", "tomate"]


@pytest.mark.parametrize(
    ("choices", "message"),
    [
        ({}, "Il reste 3 éléments à classer : « Pomme », « Poireau », « Tomate »."),
        ({"pomme": "fruit", "tomate": ""}, "Il reste 2 éléments à classer : « Poireau », "),
        ({"pomme": "fruit", "poireau": "fruit"}, "Il reste 1 élément à classer : « Tomate »."),
        ({"pomme": "viande", "poireau": "fruit", "tomate": "fruit"}, "rechargez la page"),
        ({"kiwi": "fruit"}, "ne fait pas partie du classement"),
    ],
)
def test_incomplete_or_strange_answers_are_refused_in_french(small, choices, message):
    with pytest.raises(ValidationError) as error:
        KIND.clean_answer(config=small, answer={"choices": choices})
    assert message in error.value.messages[0]


def test_more_than_three_missing_items_are_counted_and_three_named(deck):
    config = deck
    with pytest.raises(ValidationError) as error:
        KIND.clean_answer(config=config, answer={"choices": {}})
    assert error.value.messages[0] == (
        "Il reste 10 éléments à classer : « Apprendre la programmation avec Scratch », "
        "« Apprendre à utiliser le site de la CAF », « Proposer une visite virtuelle du "
        "Louvre »…"
    )


def test_grade_marks_each_item_of_one_answer(small):
    answer = KIND.clean_answer(
        config=small, answer={"choices": {"pomme": "fruit", "poireau": "fruit", "tomate": "fruit"}}
    )
    grade = KIND.grade(config=small, answer=answer)
    assert (grade["right"], grade["total"], grade["all_right"]) == (2, 3, False)
    assert grade["items"][1] == {
        "text": "Poireau",
        "expected": "Légume",
        "chosen": "Fruit",
        "right": False,
    }


# Results -------------------------------------------------------------------------------------
def test_aggregate_fills_the_matrix_flags_hesitations_and_shares_right(small):
    answers = [
        {"choices": {"pomme": "fruit", "poireau": "legume", "tomate": "fruit"}},
        {"choices": {"pomme": "fruit", "poireau": "legume", "tomate": "legume"}},
        {"choices": {"pomme": "fruit", "poireau": "fruit", "tomate": "legume"}},
        {"choices": {"pomme": "fruit", "poireau": "legume", "tomate": "fruit"}},
        {"choices": {"pomme": "legume", "poireau": "legume", "tomate": "legume"}},
    ]
    results = KIND.aggregate(config=small, answers=answers)
    assert results["count"] == 5
    pomme, poireau, tomate = results["rows"]
    assert [(c["title"], c["count"], c["percent"]) for c in pomme["cells"]] == [
        ("Fruit", 4, 80),
        ("Légume", 1, 20),
    ]
    assert (pomme["disagreement"], pomme["right_percent"], pomme["room_right"]) == (False, 80, True)
    assert (poireau["right_count"], poireau["disagreement"]) == (4, False)
    # Tomate: 2 fruit, 3 légume — 60 % is agreement (the threshold is reached), and the room
    # got it wrong: légume leads.
    assert (tomate["disagreement"], tomate["right_percent"], tomate["room_right"]) == (
        False,
        40,
        False,
    )
    hesitant = KIND.aggregate(config=small, answers=answers[:2])["rows"][2]
    assert hesitant["disagreement"] is True  # 1 against 1: 50 % < 60 %
    assert hesitant["room_right"] is False  # a tie is not the room's answer
    assert KIND.aggregate(config=small, answers=answers[:2])["hesitations"] == 1


def test_aggregate_with_no_answer_is_empty_not_hesitant(small):
    results = KIND.aggregate(config=small, answers=[])
    assert results["count"] == 0
    assert all(not row["disagreement"] and row["total"] == 0 for row in results["rows"])


def test_summary_lists_each_item_with_its_category(small):
    answer = {"choices": {"pomme": "fruit", "poireau": "legume", "tomate": "fruit"}}
    assert KIND.summary(config=small, answer=answer) == (
        "Pomme → Fruit · Poireau → Légume · Tomate → Fruit"
    )


# Escaping ------------------------------------------------------------------------------------
def test_a_script_in_the_settings_is_shown_as_text_in_every_fragment():
    config = KIND.clean_config(
        {
            "categories": ["<script>alert(1)</script>", "B"],
            "items": [{"text": "<img src=x onerror=alert(2)>", "category": "B"}],
        }
    )
    activity = Activity(kind="classify", title="T", config=config, pk=1)
    answer = {"choices": {config["items"][0]["key"]: config["categories"][0]["key"]}}
    results = KIND.aggregate(config=config, answers=[answer])
    context = {
        "activity": activity,
        "values": answer,
        "results": results,
        "reveal": True,
        "grade": KIND.grade(config=config, answer=answer),
    }
    for part in ("phone", "answer", "results", "correction", "text"):
        html = render_to_string(KIND.fragment(part), context)
        assert "<script>" not in html, part
        assert "<img" not in html, part
        assert "&lt;script&gt;" in html or "&lt;img" in html, part


# Through the writer --------------------------------------------------------------------------
def test_an_answer_is_refused_once_the_correction_is_revealed(
    live_session, classify_step, participant
):
    activity = classify_step.activity
    run = ActivityRun.objects.get(session=live_session, activity=activity)
    assert run.show_results is False  # hidden until the facilitator shows or reveals them
    right = {"Pomme": "Fruit", "Poireau": "Légume", "Tomate": "Fruit"}
    first = submit(participant, activity, answer_for(activity.config, right))
    assert first.ok, first.error
    sessions.set_run(session=live_session, run=run, is_revealed=True)
    wrong = dict.fromkeys(right, "Légume")
    late = submit(participant, activity, answer_for(activity.config, wrong))
    assert late.error == "La correction est dévoilée : les réponses sont closes."
    stored = Response.objects.get(participant=participant, activity=activity)
    assert KIND.grade(config=activity.config, answer=stored.data)["all_right"] is True


def test_the_text_version_names_only_the_chosen_categories_and_the_correction_once_revealed(
    small,
):
    answers = [
        {"choices": {"pomme": "fruit", "poireau": "legume", "tomate": "fruit"}},
        {"choices": {"pomme": "fruit", "poireau": "legume", "tomate": "legume"}},
    ]
    results = KIND.aggregate(config=small, answers=answers)
    activity = Activity(kind="classify", title="T", config=small, pk=1)
    hidden = render_to_string(KIND.fragment("text"), {"activity": activity, "results": results})
    assert "<li>Pomme : Fruit 2 (100 %).</li>" in hidden
    assert "<li>Tomate : Fruit 1 (50 %), Légume 1 (50 %) — la salle hésite.</li>" in hidden
    assert "bonne réponse" not in hidden  # not before the reveal
    revealed = render_to_string(
        KIND.fragment("text"), {"activity": activity, "results": {**results, "revealed": True}}
    )
    assert (
        "Tomate : Fruit 1 (50 %), Légume 1 (50 %) — raté ; bonne réponse : Fruit, trouvée par "
        "50 % de la salle." in revealed
    )
    assert "2 participant·es ont répondu." in revealed
