"""The Content-Security-Policy in a browser: pages run only the site's own scripts, what
moved out of inline scripts still works, and an inline script slipped into a page is refused
and reported. (Every other journey also fails on any violation: see conftest.py.)"""

import pytest
from django.urls import reverse
from playwright.sync_api import expect

from roadmap.models import ProjectSheet
from tests.e2e.test_roadmap_journey import log_in
from tests.roadmap import conftest as roadmap_tests

pytestmark = pytest.mark.browser

# The small roadmap of tests/conftest.py, edited by a coordinator, with the costed sheet of the
# roadmap tests (costs, fundings, subsidy, indicators, a milestone): every part of its page.
editor = roadmap_tests.editor
sheet = roadmap_tests.sheet


def directive(policy: str, name: str) -> list[str]:
    for part in policy.split(";"):
        words = part.split()
        if words and words[0] == name:
            return words[1:]
    return []


def wait_for_reports(page, reports: list[str]) -> None:
    """The browser reports a violation asynchronously, through the page's console."""
    for _ in range(40):
        if reports:
            return
        page.wait_for_timeout(50)


def test_a_coordinator_s_pages_run_only_the_site_s_own_scripts(
    page, server, editor, roadmap, sheet, no_csp_violation
):
    log_in(page, server)
    response = page.goto(server.url + reverse("roadmap:sheet", args=[roadmap.pk, sheet.pk]))
    policy = response.headers["content-security-policy"]
    assert directive(policy, "script-src") == ["'self'"]
    assert directive(policy, "style-src") == ["'self'"]
    assert directive(policy, "object-src") == ["'none'"]

    # Deleting still asks first (static/js/pages.js); cancelling keeps the sheet.
    questions = []
    page.once("dialog", lambda dialog: (questions.append(dialog.message), dialog.dismiss()))
    page.get_by_role("button", name="Supprimer cette fiche").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text(sheet.title)
    assert questions == [f"Supprimer la fiche « {sheet.title} », son chiffrage et son historique ?"]
    assert ProjectSheet.objects.filter(pk=sheet.pk).exists()

    # The printable version's button opens printing (it was an inline onclick).
    page.goto(server.url + reverse("roadmap:print", args=[roadmap.pk]))
    page.evaluate("window.addEventListener('beforeprint', () => { window.printed = true; })")
    page.get_by_role("button", name="Imprimer").click()
    page.wait_for_function("window.printed === true")

    # A script slipped into the page (as an XSS would) does not run, and is reported.
    page.evaluate(
        """() => {
            const script = document.createElement("script");
            script.textContent = "window.injected = true";
            document.body.append(script);
        }"""
    )
    wait_for_reports(page, no_csp_violation)
    assert page.evaluate("window.injected") is None
    # Chromium says it in the console, and the page's violation event is logged there too.
    assert any("CSP violation: script-src-elem refused inline" in r for r in no_csp_violation)
    assert all("inline script" in r or "refused inline" in r for r in no_csp_violation)
    no_csp_violation.clear()  # the one expected: the check after the test finds no other
