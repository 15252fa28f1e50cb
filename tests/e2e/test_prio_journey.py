"""The three prioritisation kinds in real browsers. A full room (forty participants, the most
items each kind takes, labels as long as workshop n°2's enjeux) on the projector at 1280 × 720
and 1920 × 1080: nothing leaves the stage or is cut, no text under 24 px of 1080, axe finds
nothing serious (each view is saved under /work/notes/prio-*.png, or test-artifacts/prio/,
for a person to look at). Then a 360 px phone ranks the enjeux with the keyboard only and
spreads its points by typing, a second one by touch; the projector shows the room's order."""

import random
from pathlib import Path

import pytest
from django.urls import reverse
from playwright.sync_api import expect

from live import sessions, stage
from live.models import Response
from quizzes.models import Activity
from tests.e2e.a11y import assert_accessible, assert_no_horizontal_scroll, serious_violations
from tests.e2e.test_facilitator_pages import log_in
from tests.e2e.test_live_journey import (
    control_click,
    goto_step,
    join_from_phone,
    start_projected_session,
)
from tests.e2e.test_projector_stage import COUNT_MESSAGES, MEASURE, POST, SETTLE, wait_until
from tests.live import answer
from tests.workshops.test_prio_live import prioritisation_workshop

pytestmark = pytest.mark.browser

NOTES = Path("/work/notes")
ARTIFACTS = (
    NOTES if NOTES.is_dir() else Path(__file__).resolve().parents[2] / "test-artifacts" / "prio"
)
VIEWPORTS = [(1280, 720), (1920, 1080)]
ROOM = 40

ENJEUX = [
    "Former et outiller les aidant·es numériques des structures sociales du territoire",
    "Ouvrir des lieux de médiation numérique le soir et le samedi, au plus près des habitants",
    "Équiper les familles modestes en ordinateurs reconditionnés et en connexion",
    "Repérer les personnes éloignées du numérique avec les CCAS, la CAF et France Travail",
    "Accompagner les démarches administratives en ligne sans faire à la place",
    "Coordonner les acteurs de la médiation numérique à l'échelle des Hauts-de-Seine",
    "Sensibiliser les jeunes aux usages responsables et à la sécurité en ligne",
    "Financer durablement les postes de conseiller·es numériques",
    "Rendre les services publics numériques accessibles aux personnes handicapées",
    "Cartographier l'offre de médiation et la rendre visible pour les usagers",
    "Développer la médiation scientifique et culturelle autour du numérique",
    "Évaluer l'impact des actions de médiation sur l'autonomie des personnes",
]
ACTIVITIES = {
    "ranking": {
        "title": "Classez les enjeux par ordre de priorité",
        "config": {"items": [{"label": label} for label in ENJEUX]},
    },
    "matrix": {
        "title": "Placez chaque enjeu : impact et faisabilité",
        "config": {"items": [{"label": label} for label in ENJEUX[:8]]},  # the default axes
    },
    "points": {
        "title": "Répartissez vos 10 points entre les enjeux",
        "config": {"items": [{"label": label} for label in ENJEUX], "budget": 10},
    },
}


@pytest.fixture
def prio_workshop(facilitator):
    """A workshop whose three steps are the three kinds, with long enjeux, the most each takes."""
    return prioritisation_workshop(facilitator, ACTIVITIES, number=97)


def random_answer(name: str, config: dict, chance: random.Random) -> dict:
    keys = [item["key"] for item in config["items"]]
    if name == "ranking":
        chance.shuffle(keys)
        return {"ranks": {key: rank for rank, key in enumerate(keys, start=1)}}
    if name == "matrix":
        return {
            "places": {key: {"x": chance.randint(1, 5), "y": chance.randint(1, 5)} for key in keys}
        }
    points = dict.fromkeys(keys, 0)
    for _ in range(config["budget"]):
        points[chance.choice(keys[:6])] += 1
    return {"points": points}


def test_a_full_room_of_each_kind_fits_the_stage_legibly(page, server, prio_workshop, facilitator):
    session = sessions.start_session(workshop=prio_workshop, user=facilitator)
    chance = random.Random(92)
    people = [sessions.join(session=session, pseudonym=f"P{n}") for n in range(ROOM)]
    steps = list(prio_workshop.steps.select_related("activity").order_by("order"))
    for step in steps:
        sessions.go_to_step(session=session, step=step)
        for person in people:
            answer(person, step, random_answer(step.activity.kind, step.activity.config, chance))
    log_in(page, server)
    page.set_viewport_size({"width": 1280, "height": 720})
    page.goto(server.url + f"/animation/sessions/{session.pk}/ecran/")
    expect(page.locator("#connection")).to_have_attribute("data-state", "open")
    page.evaluate(COUNT_MESSAGES)

    def act(body: dict) -> None:
        before = page.evaluate("window.fneMessages")
        assert page.evaluate(POST, body) == 204, body
        wait_until(page, f"window.fneMessages > {before}")

    problems = []
    ARTIFACTS.mkdir(parents=True, exist_ok=True)

    def look(view: str) -> None:
        """The stage at each size: saved, measured, and through axe."""
        for width, height in VIEWPORTS:
            page.set_viewport_size({"width": width, "height": height})
            expect(page.locator("#stage")).to_have_attribute("data-laid-out", f"{width}x{height}")
            page.evaluate(SETTLE)
            page.screenshot(path=str(ARTIFACTS / f"prio-{view}-{width}x{height}.png"))
            measured = page.evaluate(MEASURE)
            for what in ("outside", "clipped", "small"):
                if measured[what]:
                    problems.append(f"{view} {width}×{height} {what}: {measured[what]}")
        problems.extend(f"{view} axe: {v}" for v in serious_violations(page))

    for step in steps:
        name = step.activity.kind
        act({"action": "goto", "step": str(step.pk)})
        expect(page.locator(f".{name}-waiting")).to_be_attached()
        look(f"{name}-attente")  # the items, while the results are hidden
        act({"action": "show_results"})
        expect(page.locator(f"#screen-results .{name}")).to_be_attached()
        session.refresh_from_db()
        pages = stage.screen_page_count(session=session)
        # Twelve long enjeux take pages; the matrix's eight fit on one.
        assert (pages > 1) == (name != "matrix"), (name, pages)
        for number in range(1, pages + 1):
            if number > 1:
                act({"action": "page_next"})
            look(f"{name}-page{number}" if pages > 1 else name)
    assert problems == [], "\n".join(problems)


def focused(phone) -> dict:
    return phone.evaluate(
        "() => ({name: document.activeElement.name || '', tag: document.activeElement.tagName,"
        " text: (document.activeElement.textContent || '').trim()})"
    )


def test_phones_rank_and_spread_points_by_keyboard_and_touch_and_the_projector_shows_it(
    page, server, prio_workshop, phone_factory
):
    control = page
    session, screen = start_projected_session(control, server, prio_workshop)
    keyboard, touch = phone_factory(), phone_factory()
    join_from_phone(keyboard, server, session.code, "Clavier", "Médiathèque")
    join_from_phone(touch, server, session.code, "Tactile", "CCAS")
    ranking = Activity.objects.get(kind="ranking")
    goto_step(control, ranking.title)
    expect(keyboard.locator("select.ranking-field__select")).to_have_count(12)
    assert_accessible(keyboard)
    assert_no_horizontal_scroll(keyboard)
    keyboard.screenshot(path=str(ARTIFACTS / "prio-phone-ranking.png"), full_page=True)

    # The keyboard phone: Tab to each select and arrow down to its rank (the reverse of the list's
    # order, so the last enjeu is first), Tab to "Envoyer", Enter.
    for _ in range(40):
        keyboard.keyboard.press("Tab")
        if focused(keyboard)["name"].startswith("rank-"):
            break
    else:
        raise AssertionError("Tab never reached the first rank")
    for number in range(12):
        assert focused(keyboard)["tag"] == "SELECT", number
        rank = 12 - number
        # The arrow keys step a closed select through its options ("rang ?", 1, 2…).
        for _ in range(rank):
            keyboard.keyboard.press("ArrowDown")
        keyboard.keyboard.press("Tab")
    assert focused(keyboard)["text"] == "Envoyer"
    keyboard.keyboard.press("Enter")
    expect(keyboard.locator(".ack")).to_contain_text("Réponse enregistrée", timeout=10_000)
    [stored] = Response.objects.filter(activity=ranking)
    keys = [item["key"] for item in ranking.config["items"]]
    assert stored.data["ranks"] == {key: 12 - n for n, key in enumerate(keys)}

    # The touch phone chooses rank 1 twice: refused in French, its choices kept.
    selects = touch.locator("select.ranking-field__select")
    for n in range(12):
        selects.nth(n).select_option(str(n + 1 if n != 1 else 1))
    touch.get_by_role("button", name="Envoyer").tap()
    expect(touch.locator(".error")).to_contain_text("Le rang 1 est donné à")
    expect(selects.nth(1)).to_have_value("1")
    selects.nth(1).select_option("2")
    touch.get_by_role("button", name="Envoyer").tap()
    expect(touch.locator(".ack")).to_contain_text("Réponse enregistrée")
    assert Response.objects.filter(activity=ranking).count() == 2

    control_click(control, "Afficher les résultats")
    rows = screen.locator("#screen-results .ranking-row")
    expect(rows.first).to_contain_text("Former et outiller")  # 11 + 0 points: a tie at 11…
    expect(screen.locator("#screen-results")).to_contain_text("2 classements")
    assert_accessible(screen)

    # Points: typed into the fields; over the budget is refused and what was typed is kept.
    points = Activity.objects.get(kind="points")
    goto_step(control, points.title)
    fields = keyboard.locator(".points-field input")
    expect(fields).to_have_count(12)
    fields.nth(0).fill("8")
    fields.nth(1).fill("5")
    keyboard.get_by_role("button", name="Envoyer").click()
    expect(keyboard.locator(".error")).to_contain_text(
        "Vous donnez 13 points pour 10 : retirez-en 3."
    )
    expect(fields.nth(0)).to_have_value("8")
    fields.nth(1).fill("2")
    fields.nth(1).press("Enter")
    expect(keyboard.locator(".ack")).to_contain_text("Réponse enregistrée")
    control_click(control, "Afficher les résultats")
    expect(screen.locator("#screen-results .bar").first).to_contain_text("8 points")
    assert_accessible(keyboard)
    assert_no_horizontal_scroll(keyboard)
    keyboard.screenshot(path=str(ARTIFACTS / "prio-phone-points.png"), full_page=True)

    # The matrix by keyboard: Tab into each axis's radio group, Space, arrows to the value.
    matrix = Activity.objects.get(kind="matrix")
    goto_step(control, matrix.title)
    expect(keyboard.locator("fieldset.matrix-item")).to_have_count(8)
    for _ in range(40):
        keyboard.keyboard.press("Tab")
        if focused(keyboard)["name"].startswith("x-"):
            break
    else:
        raise AssertionError("Tab never reached the first axis")
    chosen = {}
    for number in range(16):
        name = focused(keyboard)["name"]
        assert name[:2] in ("x-", "y-"), (number, focused(keyboard))
        value = 1 + number % 5
        keyboard.keyboard.press("Space")
        for _ in range(value - 1):
            keyboard.keyboard.press("ArrowRight")
        chosen[name] = value
        keyboard.keyboard.press("Tab")
    assert focused(keyboard)["text"] == "Envoyer"
    keyboard.keyboard.press("Enter")
    expect(keyboard.locator(".ack")).to_contain_text("Réponse enregistrée")
    [stored] = Response.objects.filter(activity=matrix)
    assert {
        f"{axis}-{key}": value
        for key, place in stored.data["places"].items()
        for axis, value in place.items()
    } == chosen
    assert_accessible(keyboard)
    assert_no_horizontal_scroll(keyboard)
    keyboard.screenshot(path=str(ARTIFACTS / "prio-phone-matrix.png"), full_page=True)
    control_click(control, "Afficher les résultats")
    expect(screen.locator("#screen-results .matrix-median")).to_have_count(8)
    expect(control.locator(".matrix__plot")).to_be_visible()
    assert_accessible(control)
    assert_accessible(screen)
    # The synthesis: each kind's text version.
    control.goto(server.url + reverse("workshops:synthesis", args=[session.pk]))
    expect(control.locator("main")).to_contain_text("médianes Impact")
    expect(control.locator("main")).to_contain_text("10 points donnés en tout")
    expect(control.locator("main")).to_contain_text("2 participant·es ont classé.")
    assert_accessible(control)
