"""A facilitator logs in, opens the demo's workshop n°1 and the rétroplanning; every page passes
axe. The steps are reordered by keyboard on a small workshop."""

import re

import pytest
from playwright.sync_api import expect

from tests.conftest import run_by
from tests.e2e.a11y import assert_accessible, assert_no_horizontal_scroll
from tests.factories import workshop_with

pytestmark = pytest.mark.browser


@pytest.fixture
def workshop(facilitator):
    """Four steps of their own titles (a cover, a section, a slide, the vote): the first one,
    moved down twice, still has one below it."""
    return workshop_with(["cover", "section", "content", "vote"], facilitator=facilitator)


@pytest.fixture
def demo_workshop(demo_programme, facilitator):
    """The demo's workshop n°1, for the pages whose point is its real content: its title and
    theme, its 28 steps and the programme's rétroplanning, at full width and on a phone."""
    return run_by(facilitator, demo_programme, 1)


def log_in(page, server, username="camille", password="motdepasse-test-1"):
    page.goto(server.url + "/connexion/")
    page.get_by_label("Nom d’utilisateur").fill(username)
    page.get_by_label("Mot de passe").fill(password)
    page.get_by_role("button", name="Se connecter").click()


def test_facilitator_opens_workshop_1_and_the_retroplanning(page, server, demo_workshop):
    workshop = demo_workshop
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


def test_pages_read_on_a_360px_phone(phone_factory, server, demo_workshop):
    workshop = demo_workshop
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
