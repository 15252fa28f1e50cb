"""Workshop n°2 starts from n°1: after a full n°1 (forty ideas voted, a 120-word cloud, forty
long retrospective answers), the facilitator ticks what n°2 carries over, by keyboard, on a
page that passes axe and reads on a phone; n°2's report step then shows it on the projector's
stage, nothing outside or cut, no text too small, at 1280 × 720 and 1920 × 1080; n°1's
question compared with n°4's passes axe too."""

import pytest
from django.urls import reverse
from playwright.sync_api import expect

from live import sessions
from live.models import CarriedItem
from tests.conftest import run_by
from tests.e2e.a11y import assert_accessible, assert_no_horizontal_scroll, serious_violations
from tests.e2e.test_facilitator_pages import log_in
from tests.e2e.test_projector_stage import ARTIFACTS, MEASURE, SETTLE
from tests.volumes import fill_room
from workshops.models import Step

pytestmark = pytest.mark.browser


def test_n2_carries_over_n1_and_projects_it_on_the_stage(
    page, server, workshop, facilitator, demo_programme
):
    fill_room(session=sessions.start_session(workshop=workshop, user=facilitator))
    second = run_by(facilitator, demo_programme, 2)
    log_in(page, server)
    page.goto(server.url + second.get_absolute_url())
    expect(page.get_by_text("Proposition à adapter par l'équipe d'animation").first).to_be_visible()
    page.get_by_text("Modifier ou retirer cette note").click()
    assert_accessible(page)
    page.get_by_role("link", name="Reprendre les ateliers précédents").click()
    expect(page.get_by_role("heading", level=1)).to_have_text(
        "Reprendre les résultats des ateliers précédents"
    )
    assert_accessible(page)

    # Every item of n°1 ticked, the first by keyboard, the others by click.
    boxes = page.get_by_role("checkbox")
    assert boxes.count() > 100
    boxes.first.focus()
    page.keyboard.press("Space")
    for index in range(1, boxes.count()):
        boxes.nth(index).check()
    page.get_by_role("button", name="Enregistrer le report").click()
    expect(page.get_by_role("status")).to_contain_text("éléments reportés enregistrés")
    carried = CarriedItem.objects.filter(workshop=second).count()
    assert carried == boxes.count()

    page.set_viewport_size({"width": 360, "height": 740})
    assert_no_horizontal_scroll(page)
    assert_accessible(page)

    session = sessions.start_session(workshop=second, user=facilitator)
    sessions.go_to_step(session=session, step=second.steps.get(kind=Step.Kind.CARRY_OVER))
    problems = []
    for width, height in [(1280, 720), (1920, 1080)]:
        page.set_viewport_size({"width": width, "height": height})
        page.goto(server.url + f"/animation/sessions/{session.pk}/ecran/")
        expect(page.locator("#stage")).to_have_attribute("data-laid-out", f"{width}x{height}")
        page.evaluate(SETTLE)
        expect(page.locator(".carried__item").first).to_be_visible()
        expect(page.locator(".carried__more")).to_contain_text("autres éléments reportés")
        measured = page.evaluate(MEASURE)
        for what in ("outside", "clipped", "small"):
            if measured[what]:
                problems.append(f"{width}×{height} {what}: {measured[what]}")
        if measured["scroll"] != [0, 0]:
            problems.append(f"{width}×{height} défilement : {measured['scroll']}")
        problems += [f"{width}×{height} axe: {v}" for v in serious_violations(page)]
        (ARTIFACTS / f"{width}x{height}").mkdir(parents=True, exist_ok=True)
        page.screenshot(path=str(ARTIFACTS / f"{width}x{height}" / "report-atelier-2.png"))
    assert problems == []

    # N°1's question, asked again at n°4: both clouds side by side, on a phone too.
    run_by(facilitator, demo_programme, 4)
    question = workshop.steps.get(title="Question")
    page.goto(server.url + reverse("workshops:compare", args=[workshop.pk, question.pk]))
    expect(page.get_by_role("heading", name="Atelier n°4")).to_be_visible()
    expect(page.get_by_text("Pas encore lancée en session.")).to_be_visible()
    assert_accessible(page)
    page.set_viewport_size({"width": 360, "height": 740})
    assert_no_horizontal_scroll(page)
    assert_accessible(page)
