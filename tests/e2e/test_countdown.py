"""The countdown on the projector, the régie and the phones: pushes never restart it."""

import time

import pytest
from playwright.sync_api import expect

from tests.e2e.test_live_journey import goto_step, join_from_phone, start_projected_session
from tests.factories import workshop_with

pytestmark = pytest.mark.browser


@pytest.fixture
def workshop(facilitator):
    """A slide, then the vote (Pour / Contre / Abstention) that the countdown runs on."""
    return workshop_with(["cover", "vote"], facilitator=facilitator)


def shown_seconds(page) -> int | None:
    value = page.locator("#screen-timer [data-timer-value]")
    if not value.count():
        return None
    return int(value.inner_text())


def test_a_running_countdown_never_goes_up_and_stays_within_a_second_while_pushes_come(
    page, server, workshop, phone_factory
):
    control = page
    session, screen = start_projected_session(control, server, workshop)
    goto_step(control, workshop.steps.get(activity__kind="vote").title)
    control.get_by_label("Durée (secondes)").fill("60")
    control.get_by_role("button", name="Démarrer").click()
    expect(screen.locator("#screen-timer")).to_have_attribute("data-running", "1")
    expect(control.locator("#screen-timer")).to_have_attribute("data-running", "1")
    session.refresh_from_db()
    started, duration = session.timer_started_at.timestamp(), session.timer_remaining

    # Pushes keep coming while the timer runs: phones join, answer, change their answer, leave.
    phones = []

    def join():
        phone = phone_factory()
        join_from_phone(phone, server, session.code, f"Phone {len(phones) + 1}")
        phones.append(phone)

    def answer(index: int, choice: str):
        phones[index].get_by_label(choice).check()
        phones[index].get_by_role("button", name="Envoyer").click()

    actions = {
        1: join,
        3: lambda: answer(0, "Pour"),
        5: join,
        7: lambda: answer(1, "Contre"),
        9: lambda: answer(0, "Abstention"),
        11: join,
        13: lambda: phones[1].context.close(),
        15: lambda: answer(2, "Pour"),
    }
    views = {"projecteur": screen, "régie": control}
    last = {}
    samples = 0
    end = time.monotonic() + 20
    iteration = 0
    while time.monotonic() < end:
        if iteration in actions:
            actions[iteration]()
        iteration += 1
        watched = dict(views)
        if phones and not phones[0].is_closed():
            watched["téléphone"] = phones[0]
        for name, view in watched.items():
            before = time.time()
            shown = shown_seconds(view)
            true_left = duration - ((before + time.time()) / 2 - started)
            assert shown is not None, name
            # Shown is the whole seconds left, rounded up: never more than a second above the
            # truth (plus the sampling's own time), never below it.
            assert true_left - 0.3 <= shown <= true_left + 1.3, (name, shown, true_left)
            assert shown <= last.get(name, shown), (name, "est remonté", last[name], shown)
            last[name] = shown
            samples += 1
        view.wait_for_timeout(500)
    assert samples >= 40
    assert min(last.values()) <= 45  # twenty seconds did pass on every view
    assert len(phones) == 3
