"""A facilitator logs in, opens workshop n°1 and the rétroplanning; every page passes axe."""

import re

import pytest
from playwright.sync_api import expect

from quizzes.kinds import KINDS
from tests.e2e.a11y import assert_accessible, assert_no_horizontal_scroll
from tests.factories import (
    deck_milestones,
    make_agenda,
    make_organisation,
    make_phase,
    make_programme,
    make_workshop,
    plain_step,
    step_with_activity,
)
from workshops.models import Step

pytestmark = pytest.mark.browser


@pytest.fixture
def workshop(facilitator):
    """Workshop n°1 of a programme with its chronology and the deck's rétroplanning: its title,
    theme, venue and partners, its plan, a step of every kind (the slides', then every
    activity's)."""
    programme = make_programme(name="France Numérique Ensemble — Hauts-de-Seine")
    make_phase(programme, "Constitution gouvernance", status="en_cours")
    make_phase(programme, "Diagnostic", status="realise")
    deck_milestones(programme)
    workshop = make_workshop(
        programme=programme,
        facilitator=facilitator,
        title="Atelier de co-construction n°1",
        theme="définition médiation numérique, littératie numérique",
        venue="Centre social Nelly Roussel",
        address="3 Mail Marie Curie",
        city="Villeneuve-la-Garenne",
    )
    workshop.partners.set(
        make_organisation(name)
        for name in ["Agence nationale de la cohésion des territoires", "Préfet des Hauts-de-Seine"]
    )
    make_agenda(workshop, "tour de table & brise-glace", "définition médiation numérique")
    for kind in Step.Kind:
        if kind not in (Step.Kind.ACTIVITY, Step.Kind.CARRY_OVER):
            plain_step(workshop, kind)
    for kind in KINDS:
        step_with_activity(workshop, kind)
    return workshop


def log_in(page, server, username="camille", password="motdepasse-test-1"):
    page.goto(server.url + "/connexion/")
    page.get_by_label("Nom d’utilisateur").fill(username)
    page.get_by_label("Mot de passe").fill(password)
    page.get_by_role("button", name="Se connecter").click()


def test_facilitator_opens_workshop_1_and_the_retroplanning(page, server, workshop):
    page.goto(server.url + "/")
    assert_accessible(page)
    log_in(page, server)
    expect(page.get_by_role("heading", name="Espace d'animation")).to_be_visible()
    assert_accessible(page)

    page.get_by_role("link", name="Atelier de co-construction n°1").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Atelier de co-construction n°1")
    theme = page.get_by_text("définition médiation numérique, littératie numérique")
    expect(theme.first).to_be_visible()
    assert page.locator(".step-list > li").count() == workshop.steps.count()
    assert_accessible(page)

    page.get_by_role("link", name="Rétroplanning de la démarche").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Rétroplanning")
    expect(page.get_by_role("img", name=re.compile("Rétroplanning de la démarche"))).to_be_visible()
    expect(page.get_by_text("Atelier n°2").first).to_be_visible()
    assert_accessible(page)


def test_steps_are_reordered_by_keyboard(page, server, workshop):
    log_in(page, server)
    page.goto(server.url + workshop.get_absolute_url())
    first_title = workshop.steps.first().title
    down = page.get_by_role("button", name=f"Descendre : {first_title}")
    down.focus()
    page.keyboard.press("Enter")
    expect(page.locator(".step-list > li").nth(1)).to_contain_text(first_title)
    # The focus stays on the moved step's button, so pressing again moves it further.
    page.keyboard.press("Enter")
    expect(page.locator(".step-list > li").nth(2)).to_contain_text(first_title)
    assert workshop.steps.all()[2].title == first_title


def test_pages_read_on_a_360px_phone(phone_factory, server, workshop):
    phone = phone_factory()
    log_in(phone, server)
    for path in [
        "/",
        "/accessibilite/",
        workshop.get_absolute_url(),
        workshop.programme.get_absolute_url(),
    ]:
        phone.goto(server.url + path)
        assert_no_horizontal_scroll(phone)
        assert_accessible(phone)


def test_a_wrong_password_gets_a_french_error(page, server, facilitator):
    log_in(page, server, password="pas-le-bon")
    expect(page.get_by_role("alert")).to_contain_text("Saisissez un nom d’utilisateur")
    assert_accessible(page)
