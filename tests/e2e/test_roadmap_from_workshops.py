"""A coordinator turns a workshop's vote result into a draft sheet, in the browser."""

import pytest
from playwright.sync_api import expect

from live import sessions
from tests.e2e.a11y import assert_accessible
from tests.e2e.test_facilitator_pages import log_in
from tests.live import answer

pytestmark = pytest.mark.browser


def test_a_vote_result_becomes_a_draft_sheet(
    page, server, editor, roadmap92, live_session, vote_step
):
    for choice in (0, 0, 2):
        participant = sessions.join(session=live_session)
        answer(participant, vote_step, {"choices": [choice]})
    log_in(page, server, username=editor.username)
    page.goto(server.url + roadmap92.get_absolute_url())
    page.get_by_role("link", name="Depuis les ateliers").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Depuis les ateliers")
    assert_accessible(page)
    page.get_by_role("button", name="Fiche brouillon : Pour").click()
    expect(
        page.get_by_text("issu de l'atelier n°1, proposition « Pour », 2 votes").first
    ).to_be_visible()
    assert_accessible(page)
