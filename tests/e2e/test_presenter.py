"""The presenter view beside the projector, and « ? » listing the keyboard shortcuts."""

import re

import pytest
from playwright.sync_api import expect

from live import sessions
from tests.e2e.a11y import assert_accessible
from tests.e2e.test_facilitator_pages import log_in
from tests.factories import plain_step, workshop_with

pytestmark = pytest.mark.browser


@pytest.fixture
def workshop(facilitator):
    """Three steps of their own titles: a cover, a section, the vote."""
    return workshop_with(["cover", "section", "vote"], facilitator=facilitator)


@pytest.fixture
def quiz(workshop):
    """A slide with notes for the facilitator (as the deck's « Quizz » has), last."""
    return plain_step(
        workshop,
        title="Quizz",
        subtitle="Distinguer les types de médiation :",
        notes="Lien : <https://ladigitale.dev/digiquiz/q/67078ed2acfd1>",
    )


def test_the_presenter_view_shows_the_projector_the_next_step_the_notes_and_the_clock(
    page, server, workshop, quiz, facilitator
):
    session = sessions.start_session(workshop=workshop, user=facilitator)
    steps = list(workshop.steps.order_by("order", "pk"))
    page.set_viewport_size({"width": 1440, "height": 900})
    log_in(page, server)
    page.goto(server.url + f"/animation/sessions/{session.pk}/presentateur/")
    expect(page.locator("#connection")).to_have_attribute("data-state", "open")
    screen = page.frame_locator("iframe.presenter-screen__frame")
    expect(screen.locator("#screen-stage")).to_contain_text(steps[0].title)
    preview = page.get_by_role("group", name="Aperçu de l’étape suivante")
    expect(preview).to_contain_text(steps[1].title)
    expect(page.locator("[data-clock]")).to_have_text(re.compile(r"^\d\d:\d\d$"))
    assert_accessible(page)

    # Stepping from the presenter view moves what the framed projector shows.
    page.get_by_role("button", name="Suivante").click()
    expect(screen.locator("#screen-stage")).to_contain_text(steps[1].title)
    expect(preview).to_contain_text(steps[2].title)

    # A step with notes: the notes are beside the screen, never in it.
    page.locator(".jump", has_text=quiz.title).first.click()
    expect(page.locator(".control__notes")).to_contain_text("digiquiz")
    expect(screen.locator("#screen-stage")).to_contain_text(quiz.subtitle)
    expect(screen.locator("body")).not_to_contain_text("digiquiz")


def test_question_mark_lists_the_shortcuts_on_the_projector_and_in_the_regie(
    page, server, workshop, facilitator
):
    session = sessions.start_session(workshop=workshop, user=facilitator)
    log_in(page, server)
    for path in (
        f"/animation/sessions/{session.pk}/ecran/",
        f"/animation/sessions/{session.pk}/regie/",
    ):
        page.goto(server.url + path)
        expect(page.locator("#connection")).to_have_attribute("data-state", "open")
        dialog = page.get_by_role("dialog", name="Raccourcis clavier")
        expect(dialog).to_be_hidden()
        page.keyboard.press("?")
        expect(dialog).to_be_visible()
        expect(dialog).to_contain_text("ouvrir ou fermer les réponses")
        assert_accessible(page)
        page.keyboard.press("?")
        expect(dialog).to_be_hidden()
    # While the list is open on the projector, its keys do nothing else.
    page.goto(server.url + f"/animation/sessions/{session.pk}/ecran/")
    expect(page.locator("#connection")).to_have_attribute("data-state", "open")
    page.keyboard.press("?")
    page.keyboard.press("ArrowRight")
    page.wait_for_timeout(500)
    session.refresh_from_db()
    assert session.current_step == workshop.steps.order_by("order", "pk").first()
