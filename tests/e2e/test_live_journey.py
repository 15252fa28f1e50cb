"""The live path in real browsers: a projector, a control view and three phones."""

import re

import pytest
from playwright.sync_api import expect

from live.models import LiveSession, Participant, Response
from tests.e2e.a11y import assert_accessible, assert_no_horizontal_scroll
from tests.e2e.test_facilitator_pages import log_in

pytestmark = pytest.mark.browser
LIVE_TIMEOUT = 10_000


class cut_able_network:  # noqa: N801 - reads as a phrase where it is used
    """A phone whose network can be cut: offline, and its WebSocket dropped as a lost
    network drops it (the browser's offline mode alone leaves open sockets open)."""

    def __init__(self, phone):
        self.phone = phone
        self.down = False
        self.sockets = []
        phone.route_web_socket(re.compile(r".*/ws/.*"), self._route)

    def _route(self, ws):
        if self.down:
            ws.close(code=1011, reason="réseau coupé")
            return
        ws.connect_to_server()
        self.sockets.append(ws)

    def cut(self):
        self.down = True
        self.phone.context.set_offline(True)
        for ws in self.sockets:
            ws.close(code=1011, reason="réseau coupé")
        self.sockets.clear()

    def restore(self):
        self.down = False
        self.phone.context.set_offline(False)


def join_from_phone(phone, server, code: str, pseudonym: str, structure: str = ""):
    phone.goto(server.url + "/")
    phone.get_by_label("Code de l'atelier").fill(code)
    phone.get_by_role("button", name="Rejoindre").click()
    # The code leads straight to the current step; the phone page puts its own address in
    # the address bar.
    expect(phone.locator("#connection")).to_have_attribute("data-state", "open")
    expect(phone).to_have_url(re.compile(r"/atelier/\d+/$"))
    if pseudonym or structure:
        # The name, optional, from the phone's header, at any time.
        phone.locator(".phone-header__who a").click()
        phone.get_by_label("Pseudonyme (facultatif)").fill(pseudonym)
        phone.get_by_label("Votre structure (facultatif)").fill(structure)
        phone.get_by_role("button", name="Enregistrer").click()
        expect(phone.locator(".phone-header__who")).to_contain_text(pseudonym)
        expect(phone.locator("#connection")).to_have_attribute("data-state", "open")


def control_click(control, name: str):
    """The control view re-renders on every answer pushed: a click may have to wait for the
    panel to settle on a busy machine."""
    control.get_by_role("button", name=name, exact=True).click(timeout=30_000)


def start_projected_session(control, server, workshop):
    """A logged-in facilitator launches the workshop live and opens its projector (a 1600 ×
    900 screen) beside the control view; returns the session and the projector's page."""
    log_in(control, server)
    control.goto(server.url + workshop.get_absolute_url())
    return launch_with_projector(control, server)


def launch_with_projector(control, server):
    """From the workshop's page: launch it live, then open its projector (1600 × 900)."""
    control.get_by_role("button", name="Lancer l'atelier en direct").click()
    expect(control.locator("#connection")).to_have_attribute("data-state", "open")
    session = LiveSession.objects.get()
    screen = control.context.new_page()
    screen.set_viewport_size({"width": 1600, "height": 900})
    screen.goto(server.url + f"/animation/sessions/{session.pk}/ecran/")
    expect(screen.locator("#connection")).to_have_attribute("data-state", "open")
    return session, screen


def goto_step(control, title: str):
    """Jump to the step titled `title` from the régie's list, as a facilitator does: the
    jump is clicked again if the panel was redrawn under the click (the régie's socket redraws
    the panel with its first snapshot just after the page loads, and a click that lands in that
    instant is on the replaced panel; jumping twice to a step is harmless)."""
    current = control.locator(".control__current")
    for _attempt in range(2):
        control.locator(".jump", has_text=title).first.click()
        try:
            expect(current).to_contain_text(title, timeout=2500)
            return
        except AssertionError:
            continue
    control.locator(".jump", has_text=title).first.click()
    expect(current).to_contain_text(title)


def test_a_workshop_run_live_with_three_phones(page, server, workshop, phone_factory):
    control = page
    log_in(control, server)
    control.goto(server.url + workshop.get_absolute_url())
    control.get_by_role("button", name="Lancer l'atelier en direct").click()
    expect(control.get_by_role("heading", level=1)).to_contain_text("Régie")
    expect(control.locator("#connection")).to_have_attribute("data-state", "open")
    assert_accessible(control)
    session = LiveSession.objects.get()

    screen = control.context.new_page()
    screen.set_viewport_size({"width": 1600, "height": 900})
    screen.goto(server.url + f"/animation/sessions/{session.pk}/ecran/")
    expect(screen.locator(".join-box__code")).to_have_text(f"{session.code[:3]} {session.code[3:]}")
    expect(screen.get_by_role("img", name=re.compile("QR code pour rejoindre"))).to_be_visible()
    assert_accessible(screen)

    # Three phones join by code; the join page and the phone view are accessible.
    phones = [phone_factory() for _ in range(3)]
    network = cut_able_network(phones[2])
    phones[0].goto(server.url + "/")
    assert_accessible(phones[0])
    for index, phone in enumerate(phones):
        join_from_phone(phone, server, session.code, f"Phone {index + 1}", "Centre social")
    expect(screen.locator("#screen-presence")).to_contain_text(
        "3 connecté·es", timeout=LIVE_TIMEOUT
    )
    assert_accessible(phones[0])
    assert_no_horizontal_scroll(phones[0])

    # Tour de table: every card reaches the projector, one at a time.
    goto_step(control, "Tour de table & brise-glace")
    for index, phone in enumerate(phones):
        expect(phone.get_by_label("Vos fonctions")).to_be_visible()
        phone.get_by_label("Vos fonctions").fill("Médiateur numérique")
        phone.get_by_label("Votre lien avec l'inclusion numérique en 1 phrase").fill(
            f"Phrase de la carte {index + 1}"
        )
        phone.get_by_role("button", name="Envoyer").click()
        expect(phone.locator(".ack")).to_contain_text("Réponse enregistrée")
    expect(screen.locator(".answer-count")).to_contain_text("3 réponses", timeout=LIVE_TIMEOUT)
    assert_accessible(phones[1])
    control_click(control, "Lancer le tour de table")
    shown = set()
    for position in range(1, 4):
        expect(screen.locator(".icebreaker__progress")).to_contain_text(f"Carte {position} sur 3")
        expect(screen.locator("#screen-timer")).to_contain_text("s")
        shown.add(screen.locator(".icebreaker-card dd").last.inner_text())
        control_click(control, "Carte suivante")
    assert shown == {f"Phrase de la carte {n}" for n in (1, 2, 3)}
    expect(screen.locator(".icebreaker__done")).to_contain_text("Tour de table terminé : 3 cartes")
    assert_accessible(screen)

    # The vote: results hidden until shown; one phone offline answers once it is back.
    goto_step(control, "Vote")
    expect(screen.locator(".slide__prompt")).to_have_text("Validez-vous la gouvernance proposée ?")
    for phone in phones:
        expect(phone.get_by_text("Validez-vous la gouvernance proposée ?")).to_be_visible()
    assert_accessible(phones[2])
    phones[0].get_by_label("Pour").check()
    phones[0].get_by_role("button", name="Envoyer").click()
    phones[1].get_by_label("Contre").check()
    phones[1].get_by_role("button", name="Envoyer").click()
    expect(screen.locator(".answer-count")).to_contain_text("2 réponses", timeout=LIVE_TIMEOUT)
    expect(screen.locator(".results-hidden")).to_be_visible()

    offline = phones[2]
    network.cut()
    expect(offline.locator("#connection")).to_have_attribute("data-state", "closed")
    expect(offline.locator("#connection")).to_have_text("Hors connexion")
    offline.get_by_label("Pour").check()
    offline.get_by_role("button", name="Envoyer").click()
    expect(offline.locator(".sending")).to_contain_text("Hors connexion")
    offline.wait_for_timeout(1500)
    network.restore()
    # Confirmed over the socket once it is back (".ack"), or, if the socket is slower to come
    # back than the acknowledgement's timeout, by the same answer posted over HTTP (".message"
    # after the page reloads): either way the participant reads that it is stored.
    expect(offline.locator(".ack, .message").first).to_contain_text(
        "Réponse enregistrée", timeout=20_000
    )
    expect(offline.locator(".own-answer")).to_contain_text("Pour")
    expect(offline.locator("#connection")).to_have_attribute("data-state", "open")
    expect(screen.locator(".answer-count")).to_contain_text("3 réponses", timeout=LIVE_TIMEOUT)

    control_click(control, "Afficher les résultats")
    bars = screen.locator(".bars")
    expect(bars.locator(".bar", has_text="Pour")).to_contain_text("2 voix (67 %)")
    expect(bars.locator(".bar", has_text="Contre")).to_contain_text("1 voix (33 %)")
    assert_accessible(screen)

    # Nothing lost, nothing doubled: three people, three votes.
    votes = Response.objects.filter(activity__kind="vote")
    assert sorted(r.data["choices"][0] for r in votes) == [0, 0, 1]
    assert Participant.objects.filter(session=session).count() == 3

    # The projector reloaded shows the same state.
    screen.reload()
    expect(screen.locator(".bars .bar", has_text="Pour")).to_contain_text("2 voix (67 %)")
    expect(screen.locator(".answer-count")).to_contain_text("3 réponses")

    # The projector's keyboard drives the session: → next step, everyone follows.
    screen.keyboard.press("ArrowRight")
    expect(screen.locator("#screen-stage h1")).to_contain_text("II. Préciser le champ d'action")
    expect(phones[0].locator("#phone-stage h1")).to_contain_text("II. Préciser le champ d'action")
    assert_accessible(phones[0])


def test_a_phone_with_javascript_off_answers_by_plain_form(browser, server, live_session):
    from live import sessions

    step = live_session.workshop.steps.get(title="Vote")
    sessions.go_to_step(session=live_session, step=step)
    context = browser.new_context(java_script_enabled=False, viewport={"width": 360, "height": 740})
    phone = context.new_page()
    join_from_phone_nojs(phone, server, live_session.code)
    phone.get_by_label("Abstention").check()
    phone.get_by_role("button", name="Envoyer").click()
    expect(phone.locator(".message")).to_contain_text("Réponse enregistrée.")
    expect(phone.locator(".own-answer")).to_contain_text("Abstention")
    assert Response.objects.get().data == {"choices": [2]}
    context.close()


def join_from_phone_nojs(phone, server, code):
    phone.goto(server.url + "/")
    phone.get_by_label("Code de l'atelier").fill(code)
    phone.get_by_role("button", name="Rejoindre").click()
    expect(phone.get_by_text("Validez-vous la gouvernance proposée ?")).to_be_visible()


def test_a_phone_that_joined_reloads_its_own_page_without_posting_again(
    browser, server, live_session
):
    context = browser.new_context(viewport={"width": 360, "height": 740})
    phone = context.new_page()
    join_from_phone(phone, server, live_session.code, "Alex")
    documents = []
    phone.on(
        "request",
        lambda r: documents.append((r.method, r.url)) if r.resource_type == "document" else None,
    )
    phone.reload()
    expect(phone.locator("#connection")).to_have_attribute("data-state", "open")
    assert documents == [("GET", f"{server.url}/atelier/{live_session.pk}/")]
    expect(phone.locator(".phone-header__who")).to_contain_text("Alex")
    assert Participant.objects.filter(session=live_session).count() == 1
    context.close()


def test_a_phone_whose_websocket_is_blocked_answers_over_http(browser, server, live_session):
    from live import sessions

    step = live_session.workshop.steps.get(title="Vote")
    sessions.go_to_step(session=live_session, step=step)
    context = browser.new_context(viewport={"width": 360, "height": 740})
    # As a proxy that refuses WebSockets: every connection attempt fails.
    context.add_init_script("window.WebSocket = function () { throw new Error('bloqué'); };")
    phone = context.new_page()
    join_from_phone_nojs(phone, server, live_session.code)
    phone.get_by_label("Contre").check()
    phone.get_by_role("button", name="Envoyer").click()
    expect(phone.locator(".own-answer")).to_contain_text("Contre")
    assert Response.objects.get().data == {"choices": [1]}
    context.close()


def test_what_a_participant_is_typing_survives_a_redraw(page, server, workshop, phone_factory):
    control = page
    log_in(control, server)
    control.goto(server.url + workshop.get_absolute_url())
    control.get_by_role("button", name="Lancer l'atelier en direct").click()
    session = LiveSession.objects.get()
    goto_step(control, "Tour de table & brise-glace")
    phone = phone_factory()
    join_from_phone(phone, server, session.code, "Dominique")
    phone.get_by_label("Vos fonctions").fill("Conseillère numérique")
    # The facilitator changes the step's state: the phone's view is redrawn.
    control_click(control, "Fermer les réponses")
    expect(phone.get_by_text("Cette question est fermée.")).to_be_visible()
    control_click(control, "Ouvrir les réponses")
    expect(phone.get_by_label("Vos fonctions")).to_be_visible()
    phone.get_by_label("Vos fonctions").fill("Conseillère numérique")
    phone.get_by_label("Votre lien avec l'inclusion numérique en 1 phrase").fill("J'accompagne")
    control_click(control, "Masquer les résultats")
    expect(control.get_by_role("button", name="Afficher les résultats")).to_be_visible()
    phone.wait_for_timeout(500)
    expect(phone.get_by_label("Vos fonctions")).to_have_value("Conseillère numérique")
    expect(phone.get_by_label("Votre lien avec l'inclusion numérique en 1 phrase")).to_have_value(
        "J'accompagne"
    )
