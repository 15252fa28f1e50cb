"""The phone page's first load, cold cache, as a participant's phone gets it: at most 5 requests
and 40 KB transferred, at most 150 elements (issue 12: EcoIndex grade A territory), measured by
Chromium itself (its DevTools network events: what came over the wire, headers and compression
included); and the static files it links, served compressed and cached for good."""

import re

import httpx
import pytest
from django.urls import reverse
from playwright.sync_api import expect

from live import sessions
from quizzes.kinds import KINDS
from tests.e2e.a11y import assert_accessible
from tests.e2e.test_classify_journey import classify_step
from tests.e2e.test_facilitator_pages import log_in
from tests.e2e.test_live_journey import goto_step
from tests.factories import make_workshop, plain_step, step_with_activity
from tests.live import phone_cookie

pytestmark = pytest.mark.browser

MAX_REQUESTS = 5
MAX_BYTES = 40 * 1024
MAX_NODES = 150
A_YEAR_AND_MORE = "max-age=315360000, public, immutable"

# The deck's slide « L'inclusion numérique, politique prioritaire », whose text the phone shows.
SLIDE = {
    "title": "L'inclusion numérique, politique prioritaire",
    "subtitle": (
        "L'inclusion numérique en France, une politique publique transversale et prioritaire"
    ),
    "body": (
        "- ⇒ Un enjeu *économique* : pouvoir d'achat, employabilité et développement économique\n"
        "- ⇒ Un enjeu de *cohésion* : cohésion sociale et territoriale, défense socle"
        " républicain et démocratique\n"
        "- ⇒ Un enjeu *politique* : accès aux droits, à la vie civique, au lien social, à une"
        " information fiable\n"
        "- ⇒ Un enjeu de *santé* : accès aux soins, prévention cyberharcèlement, isolement,"
        " addiction, mal-être au travail\n"
        "- ⇒ Un enjeu *écologique* : consommer mieux, se déplacer moins, produire autrement,"
        " mettre en commun des ressources rares\n\n"
        "**L'inclusion numérique est au carrefour de toutes les plus grandes priorités"
        " économiques, politiques, sociales et écologiques de notre époque**"
    ),
}


@pytest.fixture
def workshop(facilitator):
    """One step of every activity kind (the vote first), the deck's slide of five enjeux, and
    the deck's classification last."""
    workshop = make_workshop(facilitator=facilitator)
    for kind in ["vote", *(name for name in KINDS if name not in ("vote", "classify"))]:
        step_with_activity(workshop, kind)
    plain_step(workshop, **SLIDE)
    classify_step(workshop)
    return workshop


@pytest.fixture
def weighed(workshop):
    """The steps whose phone page is weighed, by name."""
    steps = workshop.steps.select_related("activity")
    return {
        "vote": steps.get(activity__kind="vote"),
        "slide": steps.get(title=SLIDE["title"]),
        "icebreaker": steps.get(activity__kind="icebreaker"),
        # Ten items to put in one of four categories: the heaviest phone page of the deck.
        "classify": steps.get(activity__kind="classify"),
    }


@pytest.fixture
def phone_url(live_session, server):
    return server.url + reverse("workshops:phone", args=[live_session.pk])


@pytest.fixture
def joined_phone(phone_factory, live_session, server):
    """A phone that joined before (its participant cookie), with nothing in its cache."""
    participant = sessions.join(session=live_session, pseudonym="Camille")
    phone = phone_factory()
    name, value = phone_cookie(participant).split("=", 1)
    phone.context.add_cookies([{"name": name, "value": value, "url": server.url}])
    return phone


def first_load(phone, url: str) -> dict:
    """Requests, bytes transferred and elements of a cold load of `url` (the socket aside: one
    connection for the whole workshop, not a download)."""
    cdp = phone.context.new_cdp_session(phone)
    cdp.send("Network.enable")
    cdp.send("Network.clearBrowserCache")
    urls, sizes = {}, {}

    def sent(event):
        urls[event["requestId"]] = event["request"]["url"].split("/", 3)[-1]

    def finished(event):
        sizes[event["requestId"]] = event["encodedDataLength"]

    cdp.on("Network.requestWillBeSent", sent)
    cdp.on("Network.loadingFinished", finished)
    phone.goto(url)
    expect(phone.locator("#connection")).to_have_attribute("data-state", "open")
    phone.wait_for_load_state("networkidle")
    nodes = phone.evaluate("document.getElementsByTagName('*').length")
    return {
        "requests": len(urls),
        "bytes": sum(sizes.values()),
        "nodes": nodes,
        "each": {urls[key]: round(size / 1024, 1) for key, size in sizes.items()},
    }


@pytest.mark.parametrize(
    "name",
    [
        "vote",
        "slide",
        # The heaviest step of the deck: ten items to put in one of four categories, each a
        # radio button in its label (200 elements before their names lost their <span>, 164
        # before their number became the style sheet's counter and their categories went
        # straight into the fieldset).
        "classify",
    ],
)
def test_the_phone_page_loads_in_five_requests_and_40_kb(
    joined_phone, phone_url, live_session, weighed, name
):
    step = weighed[name]
    title = step.title
    sessions.go_to_step(session=live_session, step=step)

    load = first_load(joined_phone, phone_url)

    print(
        f"\n{title}: {load['requests']} requêtes, {load['bytes'] / 1024:.1f} Ko, "
        f"{load['nodes']} éléments ; Ko par requête : {load['each']}"
    )
    assert load["requests"] <= MAX_REQUESTS, load["each"]
    assert load["bytes"] <= MAX_BYTES, load["each"]
    assert load["nodes"] <= MAX_NODES
    assert_accessible(joined_phone)


def test_a_later_step_of_another_kind_brings_its_stylesheet(
    page, server, joined_phone, phone_url, live_session, weighed
):
    sessions.go_to_step(session=live_session, step=weighed["vote"])
    joined_phone.goto(phone_url)
    expect(joined_phone.locator("#connection")).to_have_attribute("data-state", "open")
    linked = joined_phone.evaluate(
        "new Set([...document.querySelectorAll('link[rel=stylesheet]')].map(l => l.href)).size"
    )
    assert linked == 2  # the site's and the vote's, not those of the workshop's other kinds

    control = page
    log_in(control, server)
    control.goto(server.url + reverse("workshops:control", args=[live_session.pk]))
    goto_step(control, weighed["icebreaker"].title)

    # Pushed over the socket, the tour de table's stage links its own kind's stylesheet.
    expect(joined_phone.get_by_label("Vos fonctions")).to_be_visible()
    expect(joined_phone.locator("link[href*='icebreaker']")).to_have_count(1)
    joined_phone.wait_for_function(
        "[...document.styleSheets].some(s => (s.href || '').includes('icebreaker'))"
    )


def test_static_files_are_served_compressed_and_hashed_ones_cached_for_good(
    server, joined_phone, phone_url
):
    cookies = {cookie["name"]: cookie["value"] for cookie in joined_phone.context.cookies()}
    html = httpx.get(phone_url, cookies=cookies).text
    hashed = re.findall(r'(?:href|src)="(/static/[^"]+\.[0-9a-f]{12}\.(?:css|js))"', html)
    assert len(hashed) >= 2, html  # the site's stylesheet and live.js at least
    with httpx.Client(base_url=server.url) as http:
        for path in hashed:
            response = http.get(path, headers={"Accept-Encoding": "gzip"})
            assert response.status_code == 200
            assert response.headers["content-encoding"] == "gzip"
            assert response.headers["cache-control"] == A_YEAR_AND_MORE
            plain = http.get(re.sub(r"\.[0-9a-f]{12}\.", ".", path))
            # A plain name may change content with a release: revalidated within a minute.
            assert plain.headers["cache-control"] == "max-age=60, public"
