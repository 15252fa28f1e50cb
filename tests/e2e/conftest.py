"""Browser journeys: a real Daphne serving the test database, driven by Debian's Chromium."""

import os
import shutil

import pytest

from tests.servers import DaphneServer

CHROMIUM = os.getenv("CHROMIUM", "/usr/bin/chromium")


# Every page of every journey reports what the Content-Security-Policy refused (an inline
# script or style, an eval, a source from elsewhere): the browser fires
# `securitypolicyviolation`, which this script, run before the page's own, logs to the
# console; the console messages of every page are collected and each test ends by asserting
# there were none. (A context with JavaScript off runs no script to report one.)
CSP_REPORTER = """
document.addEventListener("securitypolicyviolation", function (event) {
  console.error("CSP violation: " + event.violatedDirective + " refused " +
    (event.blockedURI || "inline") + " at " + event.sourceFile + ":" + event.lineNumber +
    (event.sample ? " (" + event.sample + ")" : ""));
}, true);
"""
CSP_VIOLATIONS: list[str] = []


def watch_csp(context) -> None:
    """Collect the CSP violations of every page this browser context opens."""
    context.add_init_script(CSP_REPORTER)

    def collect(message) -> None:
        text = message.text
        if "CSP violation" in text or "Content Security Policy" in text:
            where = message.page.url if message.page else "?"
            CSP_VIOLATIONS.append(f"{where}: {text}")

    context.on("console", collect)


class CspWatchedBrowser:
    """The browser, whose every new context is watched for CSP violations: journeys that open
    their own contexts (a phone with its WebSocket blocked, a restarted server) are watched
    too."""

    def __init__(self, browser):
        self._browser = browser

    def new_context(self, **options):
        context = self._browser.new_context(**options)
        watch_csp(context)
        return context

    def __getattr__(self, name):
        return getattr(self._browser, name)


@pytest.fixture(autouse=True)
def no_csp_violation():
    """Fails any journey during which a page hit the Content-Security-Policy."""
    CSP_VIOLATIONS.clear()
    yield CSP_VIOLATIONS
    assert CSP_VIOLATIONS == [], "\n".join(CSP_VIOLATIONS)


def _chromium_path() -> str | None:
    if os.path.exists(CHROMIUM):
        return CHROMIUM
    return shutil.which("chromium")


# Module scope: Playwright's event loop runs in the test thread while the browser is open,
# which the async and sync-to-async tests of other modules cannot share.
@pytest.fixture(scope="module")
def browser():
    path = _chromium_path()
    if path is None:
        message = "Chromium absent : installez-le avec « apt-get install -y chromium »."
        if os.getenv("CI"):
            pytest.fail(message + " (obligatoire en CI)")
        pytest.skip(message)
    from playwright.sync_api import sync_playwright

    # Playwright's sync API runs an event loop in the test's thread, while the browser is
    # open; the ORM calls the journeys make to arrange data and check what is stored are plain
    # synchronous ones. Only there is Django's async-safety check lifted: the consumer tests of
    # the same worker keep it.
    with pytest.MonkeyPatch.context() as patch, sync_playwright() as playwright:
        patch.setenv("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
        browser = playwright.chromium.launch(
            executable_path=path,
            args=[
                "--no-sandbox",
                "--disable-gpu",
                "--disable-quic",
                "--no-first-run",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
            ],
        )
        yield CspWatchedBrowser(browser)
        browser.close()


@pytest.fixture(scope="session")
def daphne_server(django_db_setup):
    """One Daphne per test worker; the database is emptied between tests, not the server."""
    server = DaphneServer()
    server.start()
    yield server
    server.stop()


@pytest.fixture
def server(daphne_server, transactional_db):
    return daphne_server


@pytest.fixture
def page(browser, server):
    context = browser.new_context(locale="fr-FR", viewport={"width": 1280, "height": 800})
    page = context.new_page()
    page.set_default_timeout(10_000)
    yield page
    context.close()


@pytest.fixture
def phone_factory(browser, server):
    """New phone-sized browser contexts (each one a separate participant)."""
    contexts = []

    def make():
        context = browser.new_context(
            locale="fr-FR",
            viewport={"width": 360, "height": 740},
            is_mobile=True,
            has_touch=True,
        )
        contexts.append(context)
        page = context.new_page()
        page.set_default_timeout(10_000)
        return page

    yield make
    for context in contexts:
        context.close()


@pytest.fixture(autouse=True)
def _no_channel_layer_in_the_test_process(settings):
    """The live system is the Daphne process under test. Arranging data from this process
    (with Playwright's event loop running in this thread) must not try to push."""
    settings.CHANNEL_LAYERS = {}
