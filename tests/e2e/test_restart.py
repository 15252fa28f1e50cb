"""The server process dies mid-session and comes back: every view resyncs, nothing is lost."""

import pytest
from playwright.sync_api import expect

from live import sessions
from live.models import Response
from tests.e2e.test_live_journey import join_from_phone
from tests.servers import DaphneServer

pytestmark = pytest.mark.browser
RECONNECT = 20_000  # jittered back-off is at most ~8 s a try


@pytest.fixture
def own_server(transactional_db, django_db_setup):
    server = DaphneServer()
    server.start()
    yield server
    server.stop()


def test_a_server_crash_mid_session_loses_nothing(browser, own_server, live_session, vote_step):
    run = sessions.run_for(session=live_session, step=vote_step)
    sessions.set_run(session=live_session, run=run, show_results=True)
    contexts = [browser.new_context(viewport={"width": 360, "height": 740}) for _ in range(2)]
    phones = [context.new_page() for context in contexts]
    for index, phone in enumerate(phones):
        join_from_phone(phone, own_server, live_session.code, f"Phone {index + 1}")
    screen_context = browser.new_context(viewport={"width": 1600, "height": 900})
    screen = screen_context.new_page()
    screen.goto(own_server.url + f"/ecran/{live_session.screen_token}/")

    phones[0].get_by_label("Pour").check()
    phones[0].get_by_role("button", name="Envoyer").click()
    expect(phones[0].locator(".ack")).to_contain_text("Réponse enregistrée")
    expect(screen.locator(".bars .bar", has_text="Pour")).to_contain_text("1 voix")

    own_server.kill()
    for page in (*phones, screen):
        expect(page.locator("#connection")).to_have_attribute("data-state", "closed")
    own_server.start()
    for page in (*phones, screen):
        expect(page.locator("#connection")).to_have_attribute(
            "data-state", "open", timeout=RECONNECT
        )

    # After the restart: same step, same totals, and answering works again.
    expect(screen.locator(".bars .bar", has_text="Pour")).to_contain_text("1 voix")
    expect(phones[0].locator(".own-answer")).to_contain_text("Pour")
    phones[1].get_by_label("Contre").check()
    phones[1].get_by_role("button", name="Envoyer").click()
    expect(phones[1].locator(".ack")).to_contain_text("Réponse enregistrée")
    expect(screen.locator(".answer-count")).to_contain_text("2 réponses")
    screen.reload()
    expect(screen.locator(".bars .bar", has_text="Contre")).to_contain_text("1 voix")
    assert Response.objects.count() == 2
    for context in (*contexts, screen_context):
        context.close()
