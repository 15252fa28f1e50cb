"""The classification and the yes / no retrospective in real browsers: a projector, a control
view and three 360 px phones — one classifying with the keyboard only, the others by touch —
watch the matrix fill, the room's hesitations, the reveal row by row and each phone's own
correction; then the retrospective's follow-up opens only after "Oui". Every view passes axe."""

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
from tests.factories import (
    MEDIATIONS,
    classification,
    make_workshop,
    plain_step,
    step_with_activity,
)
from tests.quizzes.test_classify import DECK_SOLUTION
from tests.workshops.test_classify_live import RETRO as DECK_RETRO

pytestmark = pytest.mark.browser
CLASSIFY = "De quel type de médiation relève chaque action ?"
RETRO = "Rétrospective FNEg2"
CATEGORIES = MEDIATIONS
# The deck's actions in its order, with its solution.
SOLUTION = list(DECK_SOLUTION.items())
# The deck's retrospective, as its step says: its settings, its context line and question.
RETRO_PROMPT = (
    "4 dates d'atelier entre septembre et octobre (en attente de transmission des résultats"
    " par le Hub)\n\nY avait-il des participants présents lors de ces ateliers ?"
)


def classify_step(workshop):
    """The deck's classification (ten actions, four médiations) at the end of `workshop`."""
    return classification(
        workshop,
        DECK_SOLUTION,
        prompt="Rangez chaque action dans le type de médiation dont elle relève.",
    )


def retro_step(workshop):
    """The deck's retrospective (its context line, then the question), added at the end."""
    return step_with_activity(
        workshop, "retro", config=DECK_RETRO, title=RETRO, prompt=RETRO_PROMPT
    )


@pytest.fixture
def workshop(facilitator):
    """A cover, the deck's classification, then its retrospective."""
    workshop = make_workshop(facilitator=facilitator)
    plain_step(workshop, "cover")
    classify_step(workshop)
    retro_step(workshop)
    return workshop


def focused(phone) -> dict:
    return phone.evaluate(
        "() => ({name: document.activeElement.name || '', type: document.activeElement.type"
        " || '', checked: !!document.activeElement.checked,"
        " text: (document.activeElement.textContent || '').trim()})"
    )


def classify_with_the_keyboard(phone, answers: list[str]):
    """Tab into each item's radio group, arrow keys to the category (Space for the first),
    then Tab to "Envoyer" and Enter: no click, no programmatic focus."""
    for _ in range(40):
        phone.keyboard.press("Tab")
        if focused(phone)["name"].startswith("item-"):
            break
    else:
        raise AssertionError("Tab never reached the first radio group")
    for number, category in enumerate(answers):
        name = focused(phone)["name"]
        assert name.startswith("item-"), f"item {number + 1}: focus on {focused(phone)}"
        steps = CATEGORIES.index(category)
        if steps == 0:
            phone.keyboard.press("Space")
        for _ in range(steps):
            phone.keyboard.press("ArrowDown")
        assert focused(phone)["checked"]
        phone.keyboard.press("Tab")
    assert focused(phone) == {"name": "", "type": "submit", "checked": False, "text": "Envoyer"}
    phone.keyboard.press("Enter")


def item(phone, text: str):
    return phone.locator("fieldset.classify-item", has_text=text)


def row(screen, text: str):
    return screen.locator("tr.classify-row", has=screen.locator("th", has_text=text))


def test_a_classification_then_a_retrospective_with_a_projector_and_three_phones(
    page, server, workshop, phone_factory
):
    control = page
    session, screen = start_projected_session(control, server, workshop)
    keyboard, touch, third = phone_factory(), phone_factory(), phone_factory()
    join_from_phone(keyboard, server, session.code, "Clavier", "Médiathèque")
    join_from_phone(touch, server, session.code, "Tactile", "CCAS")
    join_from_phone(third, server, session.code, "Troisième", "Espace France Services")

    goto_step(control, CLASSIFY)
    for phone in (keyboard, touch, third):
        expect(phone.locator("fieldset.classify-item")).to_have_count(10)
    expect(screen.locator(".results-hidden")).to_be_visible()  # hidden until shown
    assert_accessible(keyboard)
    assert_no_horizontal_scroll(keyboard)

    # The keyboard phone: the deck's solution, but Internet put in social mediation.
    answers = [category for _, category in SOLUTION]
    answers[4] = "médiation sociale"
    classify_with_the_keyboard(keyboard, answers)
    expect(keyboard.locator(".ack")).to_contain_text("Réponse enregistrée")
    expect(keyboard.locator(".phone-ack")).to_contain_text("10 éléments classés.")

    # The touch phone forgets one item first: told which, nothing lost.
    for text, category in SOLUTION[1:]:
        item(touch, text).get_by_label(category, exact=True).check()
    touch.get_by_role("button", name="Envoyer").click()
    expect(touch.locator(".error")).to_contain_text(
        "Il reste 1 élément à classer : « Apprendre la programmation avec Scratch »."
    )
    assert_accessible(touch)
    item(touch, SOLUTION[0][0]).get_by_label("médiation numérique", exact=True).check()
    touch.get_by_role("button", name="Envoyer").click()
    expect(touch.locator(".ack")).to_contain_text("Réponse enregistrée")
    # The third phone: the solution, except Scratch and Internet put in cultural mediation.
    for number, (text, category) in enumerate(SOLUTION):
        if number in (0, 4):
            category = "médiation culturelle"
        item(third, text).get_by_label(category, exact=True).check()
    third.get_by_role("button", name="Envoyer").click()
    expect(third.locator(".ack")).to_contain_text("Réponse enregistrée")
    assert Response.objects.filter(activity__kind="classify").count() == 3

    # Shown: the matrix fills; where the three phones disagree, the room hesitates, in words.
    control_click(control, "Afficher les résultats")
    expect(screen.locator("tr.classify-row")).to_have_count(10)
    scratch = row(screen, "Apprendre la programmation avec Scratch")
    expect(scratch).to_contain_text("La salle hésite")
    expect(row(screen, "Apprendre à naviguer sur internet")).to_contain_text("La salle hésite")
    expect(row(screen, "S'initier à la robotique")).to_contain_text("D'accord")
    expect(row(screen, "S'initier à la robotique").locator("td").first).to_contain_text("100 %")
    expect(screen.locator(".classify__status")).to_contain_text("La salle hésite sur 2 éléments.")
    assert_accessible(screen)

    # The reveal: each row right or wrong with the share of the room; each phone its own.
    control_click(control, "Dévoiler la correction")
    expect(screen.locator("tr.classify-row--right")).to_have_count(8)
    expect(scratch).to_contain_text("Raté")
    expect(scratch).to_contain_text("33 % de la salle")
    expect(row(screen, "S'initier à la robotique")).to_contain_text("Juste")
    expect(row(screen, "S'initier à la robotique")).to_contain_text("100 % de la salle")
    expect(screen.locator(".classify__status")).to_contain_text(
        "la salle a bien classé 8 éléments sur 10"
    )
    correction = keyboard.locator(".phone-correction")
    expect(correction).to_contain_text("Vous avez bien classé 9 éléments sur 10.")
    expect(correction).to_contain_text(
        "votre choix : médiation sociale ; la réponse : médiation numérique"
    )
    expect(touch.locator(".phone-correction")).to_contain_text(
        "votre choix : médiation numérique ; la réponse : médiation scientifique"
    )
    assert_accessible(screen)
    assert_accessible(keyboard)
    assert_no_horizontal_scroll(keyboard)

    # The retrospective: the follow-up opens after "Oui" only.
    goto_step(control, RETRO)
    followup = "Si oui, comment l'avez-vous vécu ?"
    expect(keyboard.locator(".phone-prompt")).to_contain_text(
        "Y avait-il des participants présents"
    )
    expect(keyboard.get_by_label(followup)).to_be_hidden()
    keyboard.get_by_label("Non", exact=True).check()
    expect(keyboard.get_by_label(followup)).to_be_hidden()
    keyboard.get_by_label("Oui", exact=True).check()
    expect(keyboard.get_by_label(followup)).to_be_visible()
    keyboard.get_by_label(followup).fill("<b>Très</b> bien : des échanges riches")
    assert_accessible(keyboard)
    keyboard.get_by_role("button", name="Envoyer").click()
    expect(keyboard.locator(".phone-ack")).to_contain_text("Oui — « <b>Très</b> bien")
    touch.get_by_label("Non", exact=True).check()
    expect(touch.get_by_label(followup)).to_be_hidden()
    touch.get_by_role("button", name="Envoyer").click()
    expect(touch.locator(".ack")).to_contain_text("Réponse enregistrée")
    assert_no_horizontal_scroll(touch)

    control_click(control, "Afficher les résultats")
    expect(screen.locator(".retro-card")).to_have_text(["<b>Très</b> bien : des échanges riches"])
    expect(screen.locator(".bar").first).to_contain_text("1 réponse")
    expect(screen.locator(".retro-card b")).to_have_count(0)  # text, never markup
    assert_accessible(screen)
    assert_accessible(control)
