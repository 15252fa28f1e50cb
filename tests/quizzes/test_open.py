"""The open question: how entries are grouped (normalisation), what a phone may send, the
cloud's counts, ranks and sizes, its settings form, and that participants' text stays text."""

import pytest
from django.core.exceptions import ValidationError
from django.template.loader import render_to_string

from quizzes.authoring import CONFIG_PREFIX
from quizzes.kinds import get_kind
from quizzes.kinds.open_question import CLOUD_STEPS, KIND, normalise
from quizzes.models import Activity

CLOUD = KIND.clean_config({"display": "cloud"})
WALL = KIND.clean_config({"display": "wall"})


# Normalisation ---------------------------------------------------------------------------------
@pytest.mark.parametrize(
    ("typed", "key"),
    [
        ("Exclusion", "exclusion"),
        ("EXCLUSION", "exclusion"),
        ("exclusions", "exclusion"),
        ("Numériques", "numerique"),
        ("numérique", "numerique"),
        ("  Fracture   numérique  ", "fracture numerique"),
        ("fracture-numérique !", "fracture numerique"),
        ("« Isolement »", "isolement"),
        ("l'exclusion…", "l exclusion"),
        ("Cœur", "coeur"),
        ("Réseaux", "reseau"),
        ("bus", "bus"),  # 3 letters: not a plural
        ("pas", "pas"),
        ("Ça !", "ca"),
        ("?!…", ""),
    ],
)
def test_normalise(typed, key):
    assert normalise(typed) == key


def test_groups_keep_the_most_frequent_spelling_then_the_first_seen():
    results = KIND.aggregate(
        config=CLOUD,
        answers=[
            {"entries": ["exclusions", "Précarité"]},
            {"entries": ["Exclusion", "précarité"]},
            {"entries": ["Exclusion"]},
            {"entries": ["PRÉCARITÉ "]},
        ],
    )
    texts = {group.text: group.count for group in results["ranking"]}
    assert texts == {"Exclusion": 3, "Précarité": 3}
    # Precarity's three spellings each come once: the first one seen wins.
    assert results["ranking"][1].spellings == {"Précarité": 1, "précarité": 1, "PRÉCARITÉ": 1}


# Answers ---------------------------------------------------------------------------------------
def clean(config, *entries):
    return KIND.clean_answer(config=config, answer=KIND.answer_from_form({"entry": list(entries)}))


def refusal(config, *entries) -> ValidationError:
    with pytest.raises(ValidationError) as error:
        clean(config, *entries)
    return error.value


def test_a_cloud_answer_keeps_its_entries_as_typed_without_the_blank_fields():
    assert clean(CLOUD, " Fracture  numérique ", "", "Isolement") == {
        "entries": ["Fracture numérique", "Isolement"]
    }


def test_an_empty_answer_is_refused():
    error = refusal(CLOUD, "", "  ", "")
    assert error.code == "empty"
    assert error.messages == ["Écrivez au moins une réponse avant d'envoyer."]
    assert refusal(WALL, " ").messages == ["Votre réponse est vide : écrivez quelques mots."]
    assert refusal(CLOUD, "?!").messages == ["La réponse 1 ne contient ni lettre ni chiffre."]


def test_a_too_long_entry_is_refused_with_its_length():
    error = refusal(CLOUD, "court", "x" * 41)
    assert error.code == "too_long"
    assert error.messages == ["La réponse 2 est trop longue : 41 caractères pour 40 au plus."]
    assert clean(CLOUD, "x" * 40)
    wall = refusal(WALL, "y" * 300)
    assert wall.messages == ["Votre réponse est trop longue : 300 caractères pour 280 au plus."]


def test_too_many_entries_are_refused():
    error = refusal(CLOUD, "un", "deux", "trois", "quatre")
    assert error.code == "too_many"
    assert error.messages == ["3 réponses au plus : vous en avez écrit 4."]
    two = refusal(WALL, "un texte", "un autre")
    assert two.messages == ["Une seule réponse est possible : vous en avez écrit 2."]


def test_the_same_entry_twice_in_one_answer_is_refused():
    error = refusal(CLOUD, "Exclusion", "isolement", "exclusions !")
    assert error.code == "duplicate"
    assert error.messages == [
        "Les réponses 1 et 3 disent la même chose (« exclusions ! ») : changez-en une."
    ]


def test_a_malformed_answer_is_refused():
    with pytest.raises(ValidationError, match="rechargez la page"):
        KIND.clean_answer(config=CLOUD, answer={"entries": {"a": 1}})


# Results ---------------------------------------------------------------------------------------
def test_the_ranking_counts_groups_most_given_first_ties_sharing_a_rank():
    results = KIND.aggregate(
        config=CLOUD,
        answers=[
            {"entries": ["isolement", "Fracture numérique"]},
            {"entries": ["fracture numerique", "Exclusion"]},
            {"entries": ["Exclusions", "Fractures numériques", "Coût"]},
        ],
    )
    ranking = [(g.rank, g.text, g.count) for g in results["ranking"]]
    assert ranking == [
        (1, "Fracture numérique", 3),
        (2, "Exclusion", 2),
        (3, "isolement", 1),
        (3, "Coût", 1),
    ]
    assert (results["count"], results["entry_count"]) == (3, 7)


def test_cloud_sizes_go_by_count_in_six_steps_and_keep_the_arrival_order():
    answers = []
    for number, times in enumerate([1, 2, 3, 4, 5, 6, 11], start=1):
        answers += [{"entries": [f"terme {number}"]}] * times
    results = KIND.aggregate(config=CLOUD, answers=answers)
    cloud = results["cloud"]
    assert [g.text for g in cloud] == [f"terme {n}" for n in range(1, 8)]  # as they came
    sizes = [g.size for g in cloud]
    assert sizes[0] == 1
    assert sizes[-1] == CLOUD_STEPS == 6
    assert sizes == sorted(sizes)
    assert set(sizes) <= set(range(1, 7))
    # The same answers again draw the same cloud (nothing random between two pushes).
    again = KIND.aggregate(config=CLOUD, answers=answers)["cloud"]
    assert [(g.text, g.size) for g in again] == [(g.text, g.size) for g in cloud]


def test_equal_counts_get_a_middle_size_and_no_answer_no_cloud():
    results = KIND.aggregate(config=CLOUD, answers=[{"entries": ["a1", "b2"]}])
    assert {g.size for g in results["cloud"]} == {3}
    assert KIND.aggregate(config=CLOUD, answers=[])["cloud"] == []


def render(part: str, config: dict, answers: list[dict]) -> str:
    activity = Activity(kind="open_question", title="Question", config=config)
    return render_to_string(
        f"quizzes/kinds/open_question.html#{part}",
        {"activity": activity, "results": KIND.aggregate(config=config, answers=answers)},
    )


@pytest.mark.parametrize("config", [CLOUD, WALL], ids=["cloud", "wall"])
@pytest.mark.parametrize("part", ["results", "text"])
def test_participants_text_is_shown_as_text(config, part):
    html = render(part, config, [{"entries": ["<script>alert(1)</script>"]}])
    assert "<script>" not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html


def test_the_cloud_is_drawn_with_the_ranked_list_beside_it_for_screen_readers():
    html = render(
        "results", CLOUD, [{"entries": ["Exclusion", "Isolement"]}, {"entries": ["exclusions"]}]
    )
    assert 'class="word-cloud" aria-hidden="true"' in html
    assert "word-cloud__word--6" in html  # Exclusion, twice
    assert "word-cloud__word--1" in html
    ranking = html[html.index('class="cloud-ranking"') :]
    assert ranking.index("Exclusion") < ranking.index("Isolement")
    assert "2 fois" in ranking
    assert 'value="1"' in ranking


def test_the_wall_shows_the_newest_text_first():
    html = render("results", WALL, [{"entries": ["Premier texte"]}, {"entries": ["Second texte"]}])
    assert html.index("Second texte") < html.index("Premier texte")


# Settings --------------------------------------------------------------------------------------
def form_round_trip(config: dict, **changes) -> dict:
    form_class = KIND.config_form()
    initial = KIND.config_initial(config)
    data = {
        f"{CONFIG_PREFIX}-{k}": v
        for k, v in {**initial, **changes}.items()
        if v not in (None, False)
    }
    form = form_class(data, prefix=CONFIG_PREFIX)
    assert form.is_valid(), form.errors
    return KIND.clean_config(KIND.config_from_form(form.cleaned_data, current=config))


def test_the_settings_form_round_trips():
    config = KIND.clean_config(
        {"display": "wall", "max_entries": 5, "max_length": 120, "hold": True}
    )
    assert form_round_trip(config) == config
    assert form_round_trip(KIND.default_config()) == {
        "display": "cloud",
        "max_entries": 3,
        "max_length": 40,
        "hold": False,
    }


def test_an_empty_length_gets_the_display_s_default():
    assert form_round_trip(CLOUD, display="wall", max_length="")["max_length"] == 280
    assert form_round_trip(WALL, display="cloud", max_length="")["max_length"] == 40


@pytest.mark.parametrize(
    ("field", "value", "message"),
    [
        ("max_entries", "11", "Assurez-vous que cette valeur est inférieure ou égale à 10."),
        ("max_entries", "0", "Assurez-vous que cette valeur est supérieure ou égale à 1."),
        ("max_length", "5", "Assurez-vous que cette valeur est supérieure ou égale à 10."),
        ("display", "nuage", "Sélectionnez un choix valide."),
    ],
)
def test_the_settings_form_refuses_out_of_bounds_values_in_french(field, value, message):
    data = {f"{CONFIG_PREFIX}-{k}": v for k, v in KIND.config_initial(CLOUD).items() if v}
    data[f"{CONFIG_PREFIX}-{field}"] = value
    form = KIND.config_form()(data, prefix=CONFIG_PREFIX)
    assert not form.is_valid()
    assert message in form.errors[field][0]


@pytest.mark.parametrize(
    ("config", "code", "message"),
    [
        (
            {"display": "mosaic"},
            "display",
            "Choisissez l'affichage : nuage de mots ou mur de réponses.",
        ),
        (
            {"max_entries": 0},
            "max_entries",
            "Le nombre de réponses par participant·e va de 1 à 10.",
        ),
        (
            {"max_entries": "trois"},
            "max_entries",
            "Le nombre de réponses par participant·e va de 1 à 10.",
        ),
        (
            {"max_length": 1000},
            "max_length",
            "La longueur d'une réponse va de 10 à 500 caractères.",
        ),
    ],
)
def test_clean_config_refuses_bad_settings_in_french_beside_their_field(config, code, message):
    with pytest.raises(ValidationError) as error:
        KIND.clean_config(config)
    assert (error.value.code, error.value.messages) == (code, [message])


def test_the_kind_is_registered_and_only_it_holds_answers_for_approval():
    assert get_kind("open_question") is KIND
    assert KIND.held_for_approval(config={**CLOUD, "hold": True})
    assert not KIND.held_for_approval(config=CLOUD)
    assert not get_kind("vote").held_for_approval(config={"hold": True})


def test_the_moderation_list_reads_every_entry():
    assert KIND.summary(config=CLOUD, answer={"entries": ["Exclusion", "Isolement"]}) == (
        "Exclusion · Isolement"
    )


@pytest.mark.django_db(transaction=True)
def test_an_open_question_stored_under_its_old_kind_name_is_renamed_by_the_migration():
    from django.db import connection
    from django.db.migrations.executor import MigrationExecutor

    before = [("quizzes", "0005_runs_and_responses_move_to_live")]
    after = [("quizzes", "0006_rename_open_kind_to_open_question")]
    executor = MigrationExecutor(connection)
    executor.migrate(before)
    old = executor.loader.project_state(before).apps.get_model("quizzes", "Activity")
    question = old.objects.create(kind="open", title="Illectronisme", config={})
    vote = old.objects.create(kind="vote", title="Vote", config={})
    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate(after)
    renamed = executor.loader.project_state(after).apps.get_model("quizzes", "Activity")
    assert renamed.objects.get(pk=question.pk).kind == "open_question"
    assert renamed.objects.get(pk=vote.pk).kind == "vote"
    assert get_kind(renamed.objects.get(pk=question.pk).kind) is KIND
    # Back to the latest schema (later migrations add columns) for the tests that follow.
    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate(executor.loader.graph.leaf_nodes())
    assert Activity.objects.get(pk=question.pk).kind == "open_question"
