"""The projector as a presentation engine: every step of workshop n°1, in every state it has,
with a full room (sixty participants, forty ideas, forty long reasons, a 120-word cloud…), at
1280 × 720, 1920 × 1080 and 1024 × 768. Nothing may leave the stage or be cut, no text may be
smaller than 2.2 % of the stage's height, and axe finds nothing serious.

Each view is saved under test-artifacts/stage/ so that a person can look at it.
"""

import re
import time
from pathlib import Path

import pytest
from playwright.sync_api import expect

from live import sessions
from tests.e2e.a11y import serious_violations
from tests.e2e.test_facilitator_pages import log_in
from tests.volumes import fill_room

pytestmark = pytest.mark.browser


def wait_until(page, expression: str, timeout: float = 10) -> None:
    """Poll an expression from the test side: Playwright's wait_for_function polls with eval
    inside the page, which the Content-Security-Policy refuses (and reports)."""
    deadline = time.monotonic() + timeout
    while not page.evaluate(expression):
        assert time.monotonic() < deadline, f"pas vrai après {timeout} s : {expression}"
        page.wait_for_timeout(50)


VIEWPORTS = [(1280, 720), (1920, 1080), (1024, 768)]
ARTIFACTS = Path(__file__).resolve().parents[2] / "test-artifacts" / "stage"
SMALLEST = 0.022  # of the stage's height: 24 px at 1080 lines

# What is measured on the stage, in the page: anything outside the stage or cut by a box that
# hides its overflow, and every visible text smaller than the floor, at its size on screen.
MEASURE = """() => {
  const stage = document.getElementById("stage");
  const box = stage.getBoundingClientRect();
  const scale = box.height / 1080;
  const name = (el) => el.tagName.toLowerCase() + (el.id ? "#" + el.id : "")
    + (typeof el.className === "string" && el.className
       ? "." + el.className.trim().split(/\\s+/).join(".") : "");
  const outside = [], clipped = [], small = [];
  for (const el of stage.querySelectorAll("*")) {
    if (el.closest(".visually-hidden, title")) continue;
    const style = getComputedStyle(el);
    if (style.visibility === "hidden" || style.display === "none") continue;
    const r = el.getBoundingClientRect();
    if (r.width === 0 && r.height === 0) continue;
    if (r.left < box.left - 1 || r.top < box.top - 1
        || r.right > box.right + 1 || r.bottom > box.bottom + 1) {
      outside.push(name(el) + " " + Math.round(r.bottom - box.bottom) + "px");
    }
    if (style.overflowX !== "visible" || style.overflowY !== "visible") {
      if (el.scrollHeight > el.clientHeight + 1 || el.scrollWidth > el.clientWidth + 1) {
        clipped.push(name(el) + " " + (el.scrollHeight - el.clientHeight) + "px");
      }
    }
    const text = Array.from(el.childNodes).filter((n) => n.nodeType === 3 && n.textContent.trim());
    if (!text.length) continue;
    const ctm = el instanceof SVGElement && el.getScreenCTM ? el.getScreenCTM() : null;
    const shown = parseFloat(style.fontSize) * (ctm ? ctm.a : scale);
    if (shown < %(smallest)s * box.height - 0.01) {
      const words = text[0].textContent.trim().slice(0, 30);
      small.push(name(el) + " " + shown.toFixed(1) + "px: " + words);
    }
  }
  const page = document.documentElement;
  return {
    scroll: [page.scrollWidth - innerWidth, page.scrollHeight - innerHeight],
    outside: outside.slice(0, 5), clipped: clipped.slice(0, 5), small: small.slice(0, 5),
    fit: document.getElementById("screen-stage").getAttribute("data-fit"),
  };
}""".replace("%(smallest)s", str(SMALLEST))

# The projector's keys post these actions; the test posts them the same way.
POST = """async (body) => {
  const root = document.getElementById("live");
  const csrf = JSON.parse(document.body.getAttribute("hx-headers"))["X-CSRFToken"];
  const response = await fetch(root.getAttribute("data-control-url"), {
    method: "POST", body: new URLSearchParams(body),
    headers: {"X-CSRFToken": csrf, "HX-Request": "true"}, credentials: "same-origin",
  });
  return response.status;
}"""

COUNT_MESSAGES = """() => { window.fneMessages = 0;
  document.body.addEventListener("htmx:wsAfterMessage", () => { window.fneMessages += 1; }); }"""

SETTLE = """() => new Promise((done) =>
  requestAnimationFrame(() => requestAnimationFrame(() => setTimeout(done, 30))))"""


def views_of(step) -> list[tuple[str, list[dict], str]]:
    """Each state the step has on the projector: its name, the control actions that reach it
    from the previous state, and a selector that shows it is there."""
    kind = step.activity.kind if step.activity_id else None
    reach = [{"action": "goto", "step": str(step.pk)}]
    if kind is None:
        return [("", reach, "#screen-stage h1")]
    if kind == "icebreaker":
        return [
            ("attente", reach, ".icebreaker__waiting"),
            ("carte", [{"action": "kind:start"}], ".icebreaker-card"),
        ]
    if kind == "ideas":
        return [
            ("depot", reach, ".idea-board--post"),
            ("vote", [{"action": "kind:vote", "votes": "3"}], ".idea-board--vote"),
            ("classement", [{"action": "kind:ranking"}], ".idea-ranking"),
        ]
    views = [
        ("attente", reach, ".results-hidden"),
        ("resultats", [{"action": "show_results"}], "#screen-results > :not(.answer-count)"),
    ]
    if kind == "retro":  # forty long answers: a page at a time; the second one too
        views.append(("page-2", [{"action": "page_next"}], ".screen-page"))
    if step.activity.kind in ("blanks", "choice", "classify"):
        revealed = ".blank__answer, .bar--correct, .verdict"
        views.append(("correction", [{"action": "reveal"}], revealed))
    return views


def test_every_step_of_workshop_1_fits_the_stage_legibly_with_a_full_room(
    page, server, workshop, facilitator
):
    session = sessions.start_session(workshop=workshop, user=facilitator)
    fill_room(session=session)
    log_in(page, server)
    errors = []
    page.on("console", lambda message: message.type == "error" and errors.append(message.text))
    page.set_viewport_size({"width": 1280, "height": 720})
    page.goto(server.url + f"/animation/sessions/{session.pk}/ecran/")
    expect(page.locator("#connection")).to_have_attribute("data-state", "open")
    page.evaluate(COUNT_MESSAGES)

    def act(actions: list[dict], shown: str) -> None:
        for body in actions:
            before = page.evaluate("window.fneMessages")
            assert page.evaluate(POST, body) == 204, body
            wait_until(page, f"window.fneMessages > {before}")
        expect(page.locator(shown).first).to_be_attached()

    steps = list(workshop.steps.select_related("activity").order_by("order", "pk"))
    views = [("rejoindre", [{"action": "show_join_full"}], ".join-full")]
    for number, step in enumerate(steps, start=1):
        for state, actions, shown in views_of(step):
            label = f"{number:02d}-{step.kind}" + (f"-{state}" if state else "")
            views.append((label, actions, shown))
    views.append(("sans-bandeau", [{"action": "hide_join"}], ".screen-band--hidden"))
    views.append(("fin", [{"action": "end"}], ".screen-end"))

    problems = []
    for name, actions, shown in views:
        act(actions, shown)
        for width, height in VIEWPORTS:
            page.set_viewport_size({"width": width, "height": height})
            expect(page.locator("#stage")).to_have_attribute("data-laid-out", f"{width}x{height}")
            page.evaluate(SETTLE)
            folder = ARTIFACTS / f"{width}x{height}"
            folder.mkdir(parents=True, exist_ok=True)
            page.screenshot(path=str(folder / f"{name}.png"))
            measured = page.evaluate(MEASURE)
            for what in ("outside", "clipped", "small"):
                if measured[what]:
                    problems.append(f"{name} {width}×{height} {what}: {measured[what]}")
            if measured["scroll"] != [0, 0]:
                problems.append(f"{name} {width}×{height} défilement : {measured['scroll']}")
        page.set_viewport_size({"width": 1280, "height": 720})
        expect(page.locator("#stage")).to_have_attribute("data-laid-out", "1280x720")
        problems += [f"{name} axe: {v}" for v in serious_violations(page)]
    assert problems == [], "\n".join(problems)
    assert [e for e in errors if re.search("htmx|oob", e, re.I)] == []
    assert len(views) >= 46
