"""The remote: a facilitator runs the demo's workshop n°1, then every kind, from a phone held in
one hand."""

from pathlib import Path

import pytest
from playwright.sync_api import expect

from live import sessions
from quizzes.kinds import KINDS
from tests.conftest import run_by
from tests.e2e.a11y import assert_accessible, assert_no_horizontal_scroll
from tests.e2e.test_facilitator_pages import log_in
from tests.factories import plain_step, workshop_with

pytestmark = pytest.mark.browser
ARTIFACTS = Path(__file__).resolve().parents[2] / "test-artifacts"


@pytest.fixture
def workshop(facilitator):
    """A cover, then one step of every activity kind (each its own control buttons), then a
    slide with notes for the facilitator."""
    workshop = workshop_with(["cover", *KINDS], facilitator=facilitator)
    plain_step(workshop, title="Quizz", notes="Lien : <https://ladigitale.dev/digiquiz/q/1>")
    return workshop


@pytest.fixture
def demo_workshop(demo_programme, facilitator):
    """The demo's workshop n°1: whether the buttons stay within the thumb's reach depends on
    the deck's real slides (the next step's preview above them holds its whole text)."""
    return run_by(facilitator, demo_programme, 1)


def in_view_without_scrolling(page, locator) -> list[str]:
    """The buttons of `locator` that a thumb cannot reach without scrolling: outside the
    viewport, or under the sticky Précédente / Suivante bar."""
    return page.evaluate(
        """(buttons) => {
          const bar = document.querySelector(".control__nav").getBoundingClientRect();
          return buttons.filter((b) => {
            const r = b.getBoundingClientRect();
            const inBar = b.closest(".control__nav");
            return r.top < 0 || r.bottom > (inBar ? window.innerHeight : bar.top)
                || r.right > window.innerWidth;
          }).map((b) => b.textContent.trim());
        }""",
        locator.element_handles(),
    )


def test_a_facilitator_runs_workshop_1_from_the_remote(browser, server, demo_workshop, facilitator):
    run_from_the_remote(browser, server, demo_workshop, facilitator)


def test_every_kind_is_run_from_the_remote(browser, server, workshop, facilitator):
    run_from_the_remote(browser, server, workshop, facilitator)


def run_from_the_remote(browser, server, workshop, facilitator):
    """Every step of `workshop` from a 390 px phone, the projector following: each step's
    buttons within the thumb's reach, its results shown, its notes beside the screen only."""
    session = sessions.start_session(workshop=workshop, user=facilitator)
    remote_context = browser.new_context(
        locale="fr-FR", viewport={"width": 390, "height": 844}, is_mobile=True, has_touch=True
    )
    remote = remote_context.new_page()
    log_in(remote, server)
    remote.goto(server.url + f"/animation/sessions/{session.pk}/telecommande/")
    expect(remote.locator("#connection")).to_have_attribute("data-state", "open")
    screen_context = browser.new_context(locale="fr-FR", viewport={"width": 1280, "height": 720})
    screen = screen_context.new_page()
    screen.goto(server.url + f"/ecran/{session.screen_token}/")
    expect(screen.locator("#connection")).to_have_attribute("data-state", "open")
    assert_accessible(remote)
    assert_no_horizontal_scroll(remote)

    steps = list(workshop.steps.order_by("order", "pk").select_related("activity"))
    for index, step in enumerate(steps):
        expect(remote.locator(".control__current")).to_contain_text(step.title)
        expect(remote.locator(".control__now .meta").first).to_contain_text(
            f"({index + 1}/{len(steps)})"
        )
        actions = remote.locator(
            ".control__nav button, .control__activity .control__buttons button,"
            " .control__timer button"
        )
        assert in_view_without_scrolling(remote, actions) == [], step.title
        if step.activity_id:
            expect(remote.locator(".answer-count")).to_contain_text("0 réponse")
            show = remote.get_by_role("button", name="Afficher les résultats")
            if show.count():
                show.click()
                expect(remote.get_by_role("button", name="Masquer les résultats")).to_be_visible()
                remote.screenshot(path=str(ARTIFACTS / "remote-390x844-activity.png"))
        if step.notes:
            expect(remote.locator(".control__notes")).to_be_visible()
            expect(screen.locator("body")).not_to_contain_text("Vos notes")
        if index + 1 < len(steps):
            remote.get_by_role("button", name="Suivante").click()
            # The projector follows the remote.
            expect(screen.locator("#screen-stage")).to_contain_text(steps[index + 1].title)
    expect(remote.get_by_role("button", name="Suivante")).to_be_disabled()
    session.refresh_from_db()
    assert session.current_step_id == steps[-1].pk
    assert_accessible(remote)
    remote_context.close()
    screen_context.close()
