"""A 320 px phone through every step of the demo's workshop n°1, in every state the room sees;
the phone's connection states and the retrospective's context line on a small workshop."""

import pytest
from playwright.sync_api import expect

from live import sessions
from quizzes.kinds import KINDS
from tests.conftest import run_by
from tests.e2e.a11y import assert_no_horizontal_scroll
from tests.e2e.test_classify_journey import retro_step
from tests.e2e.test_live_journey import cut_able_network, join_from_phone
from tests.factories import make_workshop, plain_step, workshop_with

pytestmark = pytest.mark.browser


@pytest.fixture
def workshop(facilitator):
    """A cover, then the deck's retrospective (its context line, then its question)."""
    workshop = make_workshop(facilitator=facilitator)
    plain_step(workshop, "cover")
    retro_step(workshop)
    return workshop


@pytest.fixture
def deck_session(demo_programme, facilitator):
    """The demo's workshop n°1, live: the deck's own steps, with their real texts, are what
    must fit a 320 px phone."""
    workshop = run_by(facilitator, demo_programme, 1)
    return sessions.start_session(workshop=workshop, user=facilitator)


@pytest.fixture
def narrow_phone(browser, server):
    context = browser.new_context(
        locale="fr-FR", viewport={"width": 320, "height": 640}, is_mobile=True, has_touch=True
    )
    page = context.new_page()
    page.set_default_timeout(10_000)
    yield page
    context.close()


def test_every_step_and_state_fits_a_320_px_phone(narrow_phone, server, deck_session):
    assert every_state_fits(narrow_phone, server, deck_session) > 30


def test_every_kind_in_every_state_fits_a_320_px_phone(narrow_phone, server, facilitator):
    """The kinds the deck has not (ranking, matrix, points, co-writing) with the others."""
    workshop = workshop_with(["cover", *KINDS], facilitator=facilitator)
    session = sessions.start_session(workshop=workshop, user=facilitator)
    # The cover; each activity shown, then with its results (graded ones revealed too).
    assert every_state_fits(narrow_phone, server, session) == 1 + 2 * len(KINDS)


def every_state_fits(phone, server, live_session) -> int:
    """A 320 px phone through every step of the session's workshop, in every state the room
    sees, never scrolling sideways (a wrong answer to each quiz, the corrections out); returns
    how many views were checked."""
    join_from_phone(phone, server, live_session.code, "Camille")
    phone_url = phone.url
    checked = 0
    for step in live_session.workshop.steps.select_related("activity"):
        sessions.go_to_step(session=live_session, step=step)
        phone.goto(phone_url)
        # Answers then go over the socket (before it opens, the page posts the form itself).
        expect(phone.locator("#connection")).to_have_attribute("data-state", "open")
        assert_no_horizontal_scroll(phone)
        checked += 1
        if not step.activity_id:
            continue
        run = sessions.run_for(session=live_session, step=step)
        if step.activity.kind == "choice":
            # A wrong answer: its verdict is a whole sentence.
            config = step.activity.config
            wrong = next(
                option
                for index, option in enumerate(config["options"])
                if index not in config["correct"]
            )
            phone.get_by_label(wrong, exact=True).check()
            phone.get_by_role("button", name="Envoyer").click()
            expect(phone.locator(".ack")).to_contain_text("Réponse enregistrée")
        sessions.set_run(session=live_session, run=run, show_results=True)
        phone.goto(phone_url)
        assert_no_horizontal_scroll(phone)
        if step.activity.kind in ("choice", "blanks", "classify"):
            sessions.set_run(session=live_session, run=run, is_revealed=True)
            phone.goto(phone_url)
            assert_no_horizontal_scroll(phone)
            # The correction is out: the phone shows the answer, no form the server would refuse.
            stage = phone.locator("#phone-stage")
            expect(stage.locator("form.phone-form")).to_have_count(0)
            expect(stage.get_by_role("heading", name="Correction")).to_be_visible()
            if step.activity.kind == "choice":
                expect(stage.locator(".verdict--wrong")).to_contain_text("La bonne réponse")
                expect(stage.locator(".own-answer")).to_contain_text(wrong)
        checked += 1
    return checked


def test_the_connection_says_offline_as_soon_as_the_network_is_gone(
    narrow_phone, server, live_session
):
    phone = narrow_phone
    network = cut_able_network(phone)
    join_from_phone(phone, server, live_session.code, "Camille")
    expect(phone.locator("#connection")).to_have_text("Connecté")
    network.cut()
    expect(phone.locator("#connection")).to_have_text("Hors connexion")
    network.restore()
    expect(phone.locator("#connection")).to_have_text("Connecté", timeout=20_000)


def test_without_javascript_the_phone_never_says_connecting(browser, server, live_session):
    context = browser.new_context(java_script_enabled=False, viewport={"width": 360, "height": 740})
    phone = context.new_page()
    phone.goto(server.url + f"/rejoindre/{live_session.code}/")
    expect(phone.locator("#phone-stage")).to_be_visible()
    expect(phone.locator("#connection")).to_be_hidden()
    expect(phone.get_by_text("Connexion…")).to_be_hidden()
    context.close()


def test_the_retrospective_shows_its_context_line_from_the_deck(
    narrow_phone, browser, server, live_session
):
    phone = narrow_phone
    join_from_phone(phone, server, live_session.code, "Camille")
    step = live_session.workshop.steps.get(activity__kind="retro")
    sessions.go_to_step(session=live_session, step=step)
    phone.reload()
    context = "4 dates d'atelier entre septembre et octobre"
    expect(phone.locator("#phone-stage")).to_contain_text(context)
    expect(phone.locator("#phone-stage")).to_contain_text("Y avait-il des participants présents")
    projector = browser.new_context(viewport={"width": 1280, "height": 720})
    screen = projector.new_page()
    screen.goto(server.url + f"/ecran/{live_session.screen_token}/")
    expect(screen.locator("#screen-stage")).to_contain_text(context)
    projector.close()
