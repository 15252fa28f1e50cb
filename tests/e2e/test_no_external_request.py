"""Venue mode works without the internet only if no page asks another host for anything (no
CDN, no web font, no analytics): the régie, the projector and a phone, through a whole step."""

from urllib.parse import urlsplit

import pytest
from playwright.sync_api import expect

from tests.e2e.test_live_journey import goto_step, join_from_phone, start_projected_session
from tests.factories import workshop_with

pytestmark = pytest.mark.browser


@pytest.fixture
def workshop(facilitator):
    """A slide, then the vote (Pour / Contre / Abstention)."""
    return workshop_with(["cover", "vote"], facilitator=facilitator)


def test_the_régie_the_projector_and_a_phone_ask_nothing_of_another_host(
    page, server, workshop, phone_factory
):
    requested = []
    control = page
    phone = phone_factory()
    for context in (control.context, phone.context):  # the projector opens in the régie's
        context.on("request", lambda request: requested.append(request.url))
    for tab in (control, phone):
        tab.on("websocket", lambda socket: requested.append(socket.url))

    session, screen = start_projected_session(control, server, workshop)
    join_from_phone(phone, server, session.code, "Sam")
    goto_step(control, workshop.steps.get(activity__kind="vote").title)
    phone.get_by_label("Pour").check()
    phone.get_by_role("button", name="Envoyer").click()
    expect(phone.locator(".ack")).to_contain_text("Réponse enregistrée")
    expect(screen.locator(".answer-count")).to_contain_text("1 réponse")

    ours = urlsplit(server.url).netloc
    pages = {urlsplit(url).path for url in requested}
    assert f"/animation/sessions/{session.pk}/ecran/" in pages  # the projector was watched
    assert f"/ws/atelier/{session.pk}/" in pages  # and the phone's socket
    assert [url for url in requested if urlsplit(url).netloc != ours] == []
