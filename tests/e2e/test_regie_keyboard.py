"""The régie by keyboard: after an action, the focus stays on the control that was used."""

import pytest
from playwright.sync_api import expect

from live.models import LiveSession
from tests.e2e.test_facilitator_pages import log_in
from tests.factories import workshop_with

pytestmark = pytest.mark.browser


@pytest.fixture
def workshop(facilitator):
    """Seven steps, each of its own kind and title (slides, activities), the vote among them:
    after five « Suivante », there is still a next step; the sixth reaches the last."""
    return workshop_with(
        ["cover", "section", "content", "vote", "icebreaker", "ideas", "retro"],
        facilitator=facilitator,
    )


def test_enter_five_times_on_suivante_advances_five_steps_without_tab(page, server, workshop):
    control = page
    log_in(control, server)
    control.goto(server.url + workshop.get_absolute_url())
    control.get_by_role("button", name="Lancer l'atelier en direct").click()
    expect(control.locator("#connection")).to_have_attribute("data-state", "open")
    session = LiveSession.objects.get()
    titles = list(workshop.steps.order_by("order", "pk").values_list("title", flat=True))
    start = titles.index(session.current_step.title)

    control.get_by_role("button", name="Suivante").focus()
    for moves in range(1, 6):
        control.keyboard.press("Enter")
        expect(control.locator(".control__current")).to_contain_text(titles[start + moves])
        # The panel was redrawn by the push; the new « Suivante » has the focus.
        expect(control.get_by_role("button", name="Suivante")).to_be_focused()
    session.refresh_from_db()
    assert session.current_step.title == titles[start + 5]
    # The last step: « Suivante » is disabled, and the focus goes to « Précédente » beside it
    # rather than being lost (a keyboard user would start again from the page's top).
    control.keyboard.press("Enter")
    expect(control.locator(".control__current")).to_contain_text(titles[-1])
    expect(control.get_by_role("button", name="Suivante")).to_be_disabled()
    expect(control.get_by_role("button", name="Précédente")).to_be_focused()


def test_a_toggled_button_keeps_the_focus_under_its_new_name(page, server, workshop):
    control = page
    log_in(control, server)
    control.goto(server.url + workshop.get_absolute_url())
    control.get_by_role("button", name="Lancer l'atelier en direct").click()
    expect(control.locator("#connection")).to_have_attribute("data-state", "open")
    vote = workshop.steps.get(activity__kind="vote")
    control.locator(".jump", has_text=vote.title).first.click()
    expect(control.locator(".control__current")).to_contain_text(vote.title)

    control.get_by_role("button", name="Afficher les résultats").focus()
    control.keyboard.press("Enter")
    expect(control.get_by_role("button", name="Masquer les résultats")).to_be_focused()
    control.keyboard.press("Enter")
    expect(control.get_by_role("button", name="Afficher les résultats")).to_be_focused()
