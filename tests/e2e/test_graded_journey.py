"""The graded kinds in real browsers: the facilitator runs the deck's "Texte à trous" and a
"Qui suis-je ???" with a projector and three phones (360 px); the phones answer, the projector
shows each blank's success rate, then the reveal fills the text in and marks the right option
while each phone gets its own correction. Every view passes axe."""

import pytest
from playwright.sync_api import expect

from live.models import Response
from tests.e2e.a11y import assert_accessible, assert_no_horizontal_scroll
from tests.e2e.test_live_journey import (
    control_click,
    goto_step,
    join_from_phone,
    start_projected_session,
)
from tests.factories import make_workshop, plain_step, step_with_activity, who_am_i
from tests.quizzes.test_blanks import BANK, DECK

pytestmark = pytest.mark.browser

# The deck's fill-in-the-blank (UNESCO's definition, six blanks, four words in its bank) and
# its first "Qui suis-je ???" (the médiation sociale), as its steps say.
BLANKS = "Texte à trous"
DECK_BLANKS = {"text": DECK, "word_bank": True, "bank": BANK}
QUIZ = "Qui suis-je ???"
QUIZ_PROMPT = (
    "Je suis : “Le processus de création et de réparation du lien social et de règlement des"
    " conflits de la vie quotidienne, dans lequel un tiers impartial et indépendant tente, à"
    " travers l’organisation d’échanges entre les personnes ou les institutions, de les aider"
    " à améliorer une relation ou de régler un conflit qui les oppose.” Je suis :"
)


@pytest.fixture
def workshop(facilitator):
    """A cover, the deck's fill-in-the-blank, then its first "Qui suis-je ???"."""
    workshop = make_workshop(facilitator=facilitator)
    plain_step(workshop, "cover")
    step_with_activity(
        workshop,
        "blanks",
        config=DECK_BLANKS,
        title=BLANKS,
        prompt="Complétez la définition de la littératie numérique (UNESCO).",
    )
    who_am_i(workshop, "médiation sociale", prompt=QUIZ_PROMPT)
    return workshop


def fill_blanks(phone, answers: dict[int, str]):
    for number, text in answers.items():
        phone.get_by_label(f"Trou n°{number}", exact=True).fill(text)
    phone.get_by_role("button", name="Envoyer").click()
    expect(phone.locator(".ack")).to_contain_text("Réponse enregistrée")


def choose(phone, option: str):
    phone.get_by_label(option, exact=True).check()
    phone.get_by_role("button", name="Envoyer").click()
    expect(phone.locator(".ack")).to_contain_text("Réponse enregistrée")


def test_a_texte_a_trous_and_a_qui_suis_je_with_a_projector_and_three_phones(
    page, server, workshop, phone_factory
):
    control = page
    session, screen = start_projected_session(control, server, workshop)
    phones = [phone_factory() for _ in range(3)]
    for index, phone in enumerate(phones):
        join_from_phone(phone, server, session.code, f"Phone {index + 1}", "Médiathèque")

    # The fill-in-the-blank: six inputs inline in the text, the deck's four words.
    goto_step(control, BLANKS)
    for phone in phones:
        expect(phone.locator(".blank-field__input")).to_have_count(6)
    expect(phones[0].locator(".word-bank__list li")).to_have_text(
        ["ordinateurs", "sociaux", "informations", "confiant et critique"]
    )
    expect(screen.locator(".results-hidden")).to_be_visible()
    assert_accessible(phones[0])
    assert_no_horizontal_scroll(phones[0])

    fill_blanks(
        phones[0],
        {
            1: "confiant et critique",
            2: "Dans tous les aspects de la vie",
            3: "compétences",
            4: "ordinateurs",
            5: "informations",
            6: "sociaux",
        },
    )
    fill_blanks(phones[1], {1: "confiante et critique", 4: "Ordinateurs", 6: "réseaux"})
    # Case, accents and spaces don't count; a variant ("collaboratifs") is right too.
    fill_blanks(
        phones[2],
        {
            1: "CONFIANTE  et critique",
            2: "dans tous les aspects de la vie",
            3: "Competences de base",
            4: "ordinateurs",
            5: "informations",
            6: "collaboratifs",
        },
    )
    expect(screen.locator(".answer-count")).to_contain_text("3 réponses")

    # Shown: each blank's success rate, live; the answers still hidden.
    control_click(control, "Afficher les résultats")
    rates = screen.locator(".blank__rate")
    expect(rates).to_have_count(6)
    for index, rate in enumerate(["100 %", "67 %", "67 %", "100 %", "67 %", "67 %"]):
        expect(rates.nth(index)).to_contain_text(rate)
    expect(screen.locator(".blank--filled")).to_have_count(0)
    assert_accessible(screen)

    # Revealed: the text filled in on the projector, each phone's blanks marked.
    control_click(control, "Dévoiler la correction")
    filled = screen.locator(".blanks-results .blank--filled")
    expect(filled).to_have_count(6)
    expect(filled.nth(1)).to_contain_text("dans tous les aspects de la vie.")
    expect(filled.nth(5)).to_contain_text("sociaux")
    expect(phones[0].locator(".phone-correction .verdict")).to_contain_text("Tout est juste !")
    expect(phones[2].locator(".phone-correction .verdict")).to_contain_text("Tout est juste !")
    correction = phones[1].locator(".phone-correction")
    expect(correction.locator(".verdict")).to_contain_text("2 trous justes sur 6.")
    expect(correction.locator(".blanks-correction__item--wrong").last).to_contain_text(
        "« réseaux » — réponse attendue : « sociaux »"
    )
    expect(correction.locator(".blanks-correction__item--right")).to_have_count(2)
    assert_accessible(screen)
    assert_accessible(phones[1])
    assert_no_horizontal_scroll(phones[1])

    # A "Qui suis-je ???": the médiation sociale.
    goto_step(control, QUIZ)
    for phone in phones:
        expect(phone.locator(".phone-prompt")).to_contain_text(
            "Le processus de création et de réparation du lien social"
        )
    assert_accessible(phones[0])
    assert_no_horizontal_scroll(phones[0])
    choose(phones[0], "médiation sociale")
    choose(phones[1], "médiation numérique")
    choose(phones[2], "médiation sociale")
    expect(screen.locator(".answer-count")).to_contain_text("3 réponses")
    expect(screen.locator(".bars")).to_have_count(0)  # hidden until the reveal
    control_click(control, "Dévoiler la correction")
    marked = screen.locator(".bar--correct")
    expect(marked).to_have_count(1)
    expect(marked).to_contain_text("médiation sociale")
    expect(marked).to_contain_text("bonne réponse")
    expect(screen.locator(".graded-summary")).to_contain_text("2 bonnes réponses sur 3 (67 %).")
    expect(phones[0].locator(".phone-correction .verdict")).to_contain_text("Bonne réponse !")
    expect(phones[1].locator(".phone-correction .verdict")).to_contain_text(
        "La bonne réponse était : médiation sociale."
    )
    assert_accessible(screen)
    assert_accessible(phones[1])
    assert_accessible(control)

    # Nothing lost, nothing doubled.
    assert Response.objects.filter(activity__kind="blanks").count() == 3
    choices = Response.objects.filter(activity__kind="choice").order_by("participant__number")
    assert [r.data for r in choices] == [{"choices": [1]}, {"choices": [2]}, {"choices": [1]}]
