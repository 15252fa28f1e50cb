"""Fill-in-the-blank: the authoring format and its errors, the matching of what was typed, the
answers, each blank's success rate, each answer's correction, and inert markup."""

import re

import pytest
from django.core.exceptions import ValidationError
from django.template.loader import render_to_string

from quizzes.kinds import get_kind
from quizzes.kinds.blanks import KIND, bank_of, parse_blanks
from quizzes.kinds.matching import matches, normalize
from quizzes.models import Activity
from tests.workshops.test_authoring import settings_data

DECK = (
    "« La littératie numérique implique l'utilisation [confiante et critique|confiant et "
    "critique] d'une gamme complète de technologies numériques pour l'information, la "
    "communication et la résolution de problèmes de base [dans tous les aspects de la vie.] Il "
    "s'appuie sur des [compétences de base|compétences] en TIC : l'utilisation des [ordinateurs] "
    "pour récupérer, évaluer, stocker, produire, présenter et échanger des [informations], et "
    "pour communiquer et participer à des réseaux [sociaux|collaboratifs] via Internet. » "
    "(unesco)"
)
BANK = ["ordinateurs", "sociaux", "informations", "confiant et critique"]
ALL_RIGHT = {
    "1": "confiant et critique",
    "2": "dans tous les aspects de la vie",
    "3": "compétences de base",
    "4": "ordinateurs",
    "5": "informations",
    "6": "sociaux",
}


def config(**overrides) -> dict:
    return KIND.clean_config({"text": DECK, "word_bank": True, "bank": BANK, **overrides})


# Matching ---------------------------------------------------------------------------------------
@pytest.mark.parametrize(
    "typed",
    [
        "confiante et critique",
        "Confiante et Critique",
        "CONFIANTE ET CRITIQUE",
        "  confiante   et\tcritique ",
        "confiante et critique.",
        "confiante, et critique !",
        "confiant et critique",  # a variant
    ],
)
def test_case_spacing_punctuation_and_variants_do_not_count(typed):
    assert matches(typed, ["confiante et critique", "confiant et critique"])


@pytest.mark.parametrize(
    ("typed", "expected"),
    [
        ("competences", "compétences"),
        ("COMPÉTENCES", "compétences"),
        ("Compètences", "compétences"),
        ("œuvre", "oeuvre"),
        ("l’utilisation", "l'utilisation"),
        ("« ordinateurs »", "ordinateurs"),
        ("dans tous les aspects de la vie", "dans tous les aspects de la vie."),
    ],
)
def test_accents_ligatures_and_quotes_do_not_count(typed, expected):
    assert matches(typed, [expected])


@pytest.mark.parametrize(
    "typed", ["", "   ", ".", "confiante", "critique et confiante", "ordinateur portable"]
)
def test_other_words_or_nothing_do_not_match(typed):
    assert not matches(typed, ["confiante et critique", "confiant et critique"])


def test_normalize_is_a_pure_function_of_the_text():
    assert normalize("  Réseaux   SOCIAUX ! ") == "reseaux sociaux"
    assert normalize("Littératie\nnumérique") == "litteratie numerique"
    assert normalize(None) == ""


# The authoring format -----------------------------------------------------------------------------
def test_the_deck_text_parses_into_six_blanks_and_the_text_around_them():
    segments = parse_blanks(DECK)
    blanks = [s for s in segments if "key" in s]
    assert [b["answers"] for b in blanks] == [
        ["confiante et critique", "confiant et critique"],
        ["dans tous les aspects de la vie."],
        ["compétences de base", "compétences"],
        ["ordinateurs"],
        ["informations"],
        ["sociaux", "collaboratifs"],
    ]
    assert [b["key"] for b in blanks] == ["1", "2", "3", "4", "5", "6"]
    assert segments[0] == {"text": "« La littératie numérique implique l'utilisation "}
    assert segments[-1] == {"text": " via Internet. » (unesco)"}
    # Nothing lost: the text without its blanks is the deck's, blanks as "-----".
    rebuilt = "".join(s.get("text", "-----") for s in segments)
    assert rebuilt.startswith("« La littératie numérique implique l'utilisation ----- d'une")
    assert "de base ----- Il s'appuie sur des ----- en TIC" in rebuilt


def test_variants_are_trimmed_and_duplicates_dropped():
    [_, blank, _] = parse_blanks("Des [ ordinateurs | Ordinateurs|| PC ] ici")
    assert blank["answers"] == ["ordinateurs", "PC"]


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("Un texte sans trou.", "Le texte n'a aucun trou"),
        ("Un trou [] vide.", "Le trou n°1 est vide"),
        ("Deux [ok] puis [ | ] vide.", "Le trou n°2 est vide"),
        ("Un trou de ponctuation [...].", "Le trou n°1 est vide"),
        ("Un crochet [ordinateurs jamais fermé.", "Le crochet « [ » du trou n°1 n'est jamais"),
        ("Un crochet ordinateurs] jamais ouvert.", "Un crochet « ] » ferme un trou qui n'a pas"),
        ("Deux [trous [imbriqués] non.", "Le trou n°1 n'est pas refermé avant le crochet"),
        ("[" + "x" * 81 + "]", "Une réponse du trou n°1 dépasse 80 caractères."),
        (" ".join(f"[m{n}]" for n in range(31)), "Le texte a 31 trous : 30 au plus."),
    ],
)
def test_bad_texts_are_refused_in_french_beside_the_text_field(text, message):
    with pytest.raises(ValidationError) as error:
        KIND.clean_config({"text": text})
    assert message in error.value.messages[0]
    assert error.value.error_list[0].code == "text"


def test_an_error_says_where_it_is():
    with pytest.raises(ValidationError) as error:
        KIND.clean_config({"text": "Sur des compétences] en TIC."})
    assert "près de « Sur des compétences] en TIC. »" in error.value.messages[0]


@pytest.mark.parametrize(
    ("bank", "message"),
    [
        (["ordinateurs", "Ordinateurs"], "« Ordinateurs » est deux fois dans la banque de mots."),
        (["tablettes", "smartphones"], "Aucun mot de la banque n'est une réponse attendue"),
        (["x" * 81], "Un mot de la banque dépasse 80 caractères."),
    ],
)
def test_bad_banks_are_refused_in_french(bank, message):
    with pytest.raises(ValidationError) as error:
        config(bank=bank)
    assert message in error.value.messages[0]
    assert error.value.error_list[0].code == "bank"


def test_the_bank_is_the_decks_four_words_or_by_default_every_expected_answer():
    assert bank_of(config()) == BANK
    assert bank_of(config(bank=[])) == [
        "compétences de base",
        "confiante et critique",
        "dans tous les aspects de la vie.",
        "informations",
        "ordinateurs",
        "sociaux",
    ]
    assert bank_of(config(word_bank=False)) == []
    # Distractors are welcome, beside at least one expected answer.
    assert bank_of(config(bank=["ordinateurs", "tablettes"])) == ["ordinateurs", "tablettes"]


def test_the_settings_form_round_trips():
    stored = config()
    initial = KIND.config_initial(stored)
    assert initial["bank"] == "ordinateurs\nsociaux\ninformations\nconfiant et critique"
    form = KIND.config_form()({**initial, "word_bank": "on"})
    assert form.is_valid(), form.errors
    assert KIND.clean_config(KIND.config_from_form(form.cleaned_data, current=stored)) == stored
    # As the authoring view posts it.
    data = {k.removeprefix("reglages-"): v for k, v in settings_data(KIND, stored).items()}
    form = KIND.config_form()(data)
    assert form.is_valid(), form.errors
    assert KIND.clean_config(KIND.config_from_form(form.cleaned_data, current={})) == stored
    assert KIND.clean_config(stored) == stored  # checking twice changes nothing


def test_the_help_text_documents_the_format():
    help_text = str(KIND.config_form()().fields["text"].help_text)
    assert "crochets" in help_text
    assert "« | »" in help_text


# Answers ------------------------------------------------------------------------------------------
def test_the_phone_form_gives_one_value_per_blank():
    form = {f"blank-{k}": [v] for k, v in ALL_RIGHT.items()}
    form.update({"client_id": ["x"], "activity": ["3"], "blank-x": ["?"]})
    answer = KIND.answer_from_form(form)
    assert answer == {"blanks": ALL_RIGHT}
    assert KIND.clean_answer(config=config(), answer=answer) == {"blanks": ALL_RIGHT}


def test_blanks_left_empty_are_kept_as_empty_and_spaces_collapsed():
    cleaned = KIND.clean_answer(config=config(), answer={"blanks": {"4": "  des   ordis "}})
    assert cleaned == {"blanks": {"1": "", "2": "", "3": "", "4": "des ordis", "5": "", "6": ""}}


@pytest.mark.parametrize(
    ("answer", "message"),
    [
        ({"blanks": {}}, "Complétez au moins un trou avant d'envoyer."),
        ({"blanks": {"1": "  ", "2": ""}}, "Complétez au moins un trou avant d'envoyer."),
        ({}, "Réponse mal formée : rechargez la page."),
        ({"blanks": "ordinateurs"}, "Réponse mal formée : rechargez la page."),
        (
            {"blanks": {"3": "x" * 81}},
            "Le trou n°3 est trop long : 81 caractères pour 80 au plus.",
        ),
        ({"blanks": {"7": "en trop"}}, "Le texte a changé depuis l'affichage : rechargez la page."),
    ],
)
def test_bad_answers_are_refused_in_french(answer, message):
    with pytest.raises(ValidationError) as error:
        KIND.clean_answer(config=config(), answer=answer)
    assert error.value.messages == [message]


# Results and grades ---------------------------------------------------------------------------
def test_the_success_rate_of_each_blank():
    answers = [
        {"blanks": ALL_RIGHT},
        {"blanks": {**ALL_RIGHT, "1": "Confiante et critique", "6": "collaboratifs"}},
        {"blanks": {**ALL_RIGHT, "2": "dans la vie", "6": "réseaux"}},
        {"blanks": {"4": "ordinateurs", "5": ""}},
    ]
    results = KIND.aggregate(config=config(), answers=answers)
    assert results["count"] == 4
    assert [(b["number"], b["right"], b["percent"]) for b in results["blanks"]] == [
        (1, 3, 75),
        (2, 2, 50),
        (3, 3, 75),
        (4, 4, 100),
        (5, 3, 75),
        (6, 2, 50),
    ]
    assert [b["level"] for b in results["blanks"]] == ["high", "mid", "high", "high", "high", "mid"]
    assert results["blanks"][4]["answered"] == 3
    assert results["average"] == 71
    assert results["bank"] == BANK
    blanks_in_text = [s["blank"]["number"] for s in results["segments"] if "blank" in s]
    assert blanks_in_text == [1, 2, 3, 4, 5, 6]


def test_no_answer_yet_is_no_rate_rather_than_zero():
    results = KIND.aggregate(config=config(), answers=[])
    assert {b["percent"] for b in results["blanks"]} == {None}
    assert results["average"] is None


def test_grading_marks_each_blank_with_the_expected_answer():
    grade = KIND.grade(
        config=config(),
        answer={"blanks": {**ALL_RIGHT, "2": "", "3": "Compétences", "6": "réseaux"}},
    )
    assert grade["score"] == 4
    assert grade["total"] == 6
    assert grade["correct"] is False
    assert grade["blanks"][1] == {
        "number": 2,
        "given": "",
        "expected": "dans tous les aspects de la vie.",
        "right": False,
    }
    assert grade["blanks"][2]["right"] is True  # a variant
    assert grade["blanks"][5] == {
        "number": 6,
        "given": "réseaux",
        "expected": "sociaux",
        "right": False,
    }
    assert KIND.grade(config=config(), answer={"blanks": ALL_RIGHT})["correct"] is True


def test_the_summary_lists_the_blanks_in_order():
    summary = KIND.summary(config=config(), answer={"blanks": {"6": "sociaux", "1": "confiant"}})
    assert summary == "1. confiant · 2. — · 3. — · 4. — · 5. — · 6. sociaux"


# Rendering ------------------------------------------------------------------------------------
def render(part: str, **context) -> str:
    return render_to_string(KIND.fragment(part), context)


def phone_html(activity, **context) -> str:
    extra = KIND.phone_context(activity=activity, run=None, participant=None)
    return render("phone", activity=activity, **extra, **context)


def test_the_phone_has_one_labelled_input_per_blank_inline_and_the_bank():
    activity = Activity(pk=7, kind="blanks", title="Texte à trous", config=config())
    html = phone_html(activity, values={"blanks": {"4": "ordis"}})
    inputs = re.findall(r"<input [^>]*>", html)
    assert len(inputs) == 6
    for number in range(1, 7):
        assert (
            f'<label class="blank-field__number" for="blank-7-{number}">'
            f'<span class="visually-hidden">Trou </span>n°{number}</label>'
        ) in html
        assert f'name="blank-{number}"' in html
    assert 'value="ordis"' in html
    assert all('maxlength="80"' in i and 'list="word-bank-list-7"' in i for i in inputs)
    assert 'l\'utilisation <span class="blank-field">' in html.replace("&#x27;", "'")
    bank = re.search(r'<ul class="word-bank__list"[^>]*>(.*?)</ul>', html).group(1)
    assert re.findall(r"<li>(.*?)</li>", bank) == BANK
    assert "Certains trous se complètent sans la banque de mots." in html
    assert html.count("<option ") == 4


def test_without_a_bank_no_list_is_shown():
    activity = Activity(pk=7, kind="blanks", title="T", config=config(word_bank=False))
    html = phone_html(activity, values={})
    assert "word-bank" not in html
    assert "list=" not in html


def test_the_projector_shows_rates_then_fills_the_text_in():
    answers = [{"blanks": ALL_RIGHT}, {"blanks": {"4": "ordinateurs"}}]
    results = KIND.aggregate(config=config(), answers=answers)
    live = render("results", results=results, reveal=False)
    assert live.count('class="blank__rate blank__rate--') == 6
    assert "50 %" in live
    assert "100 %" in live
    assert "ordinateurs</span>" not in live  # the answers stay hidden
    assert "Mots :</span> ordinateurs, sociaux, informations, confiant et critique" in live
    revealed = render("results", results=results, reveal=True)
    assert revealed.count("blank--filled") == 6
    assert "Trou n°1 : </span>confiante et critique</span>" in revealed
    table = render("text", results=results, reveal=True)
    assert "<caption>Réussite par trou</caption>" in table
    assert "dans tous les aspects de la vie." in table
    assert "confiante et critique" not in render("text", results=results, reveal=False)


def test_the_correction_marks_each_blank():
    results = KIND.aggregate(config=config(), answers=[])
    grade = KIND.grade(config=config(), answer={"blanks": {**ALL_RIGHT, "6": "réseaux"}})
    html = render("correction", grade=grade, results=results)
    assert "5 trous justes sur 6." in html
    assert "✓ « ordinateurs » — juste" in html
    assert "✗ « réseaux » — réponse attendue : « sociaux »" in html
    assert html.count("blank--filled") == 6
    perfect = render("correction", grade=KIND.grade(config=config(), answer={"blanks": ALL_RIGHT}))
    assert "Tout est juste !" in perfect


def test_markup_typed_or_authored_is_inert():
    hostile = KIND.clean_config(
        {"text": "<script>alert(1)</script> des [<b>x</b>|ok] <img src=x onerror=alert(2)>"}
    )
    activity = Activity(pk=7, kind="blanks", title="T", config=hostile)
    answer = {"blanks": {"1": "<script>alert(3)</script>"}}
    results = KIND.aggregate(config=hostile, answers=[answer])
    grade = KIND.grade(config=hostile, answer=answer)
    html = "".join(
        [
            phone_html(activity, values=answer),
            render("answer", activity=activity, values=answer),
            render("results", activity=activity, results=results, reveal=True),
            render("correction", activity=activity, results=results, grade=grade),
            render("text", activity=activity, results=results, reveal=True),
        ]
    )
    assert "<script>" not in html
    assert "<img" not in html
    assert "<b>" not in html
    assert "&lt;script&gt;alert(3)&lt;/script&gt;" in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    assert "&lt;b&gt;x&lt;/b&gt;" in html


def test_the_kind_is_registered_and_graded():
    assert get_kind("blanks") is KIND
    assert KIND.graded is True
    assert KIND.results_hidden_by_default is True
    assert str(KIND.label) == "Texte à trous"


def test_a_long_texts_error_quotes_whole_words_around_the_mistake():
    with pytest.raises(ValidationError) as error:
        KIND.clean_config({"text": DECK.replace("[ordinateurs]", "[ordinateurs")})
    assert error.value.messages[0] == (
        "Le trou n°4 n'est pas refermé avant le crochet « [ » suivant, près de « …en TIC : "
        "l'utilisation des [ordinateurs pour récupérer,… » : fermez chaque trou par « ] »."
    )
    with pytest.raises(ValidationError) as error:
        KIND.clean_config({"text": DECK.replace("collaboratifs]", "collaboratifs")})
    assert error.value.messages[0] == (
        "Le crochet « [ » du trou n°6 n'est jamais refermé, près de « …et participer à des "
        "réseaux [sociaux|collaboratifs via… » : ajoutez « ] » après la réponse."
    )
