"""What each screen of a live session shows, rendered from the stored state.

The pages, the snapshot sent on every (re)connection and the pushes all render these same
named fragments, so they cannot drift apart.
"""

import functools
from dataclasses import dataclass

import segno
from django.conf import settings
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.safestring import mark_safe

from live import sessions
from live.models import ActivityRun, LiveSession, Response
from quizzes.kinds import get_kind
from workshops.models import Step
from workshops.slides import slide_context

SCREEN = "live/_screen.html"
CONTROL = "live/_control.html"


@dataclass(frozen=True)
class Rendered:
    """A fragment for the screens and the answer count it shows: the projector and the régie
    compare that count with the store's to catch a lost push (`consumers.ScreensConsumer`)."""

    html: str
    answer_count: int = 0


def _rendered(template: str, context: dict) -> Rendered:
    return Rendered(render_to_string(template, context), context.get("answer_count", 0))


# A question longer than this is laid out beside its answers on the projector, not above
# them: the stage is wide, not tall (the « Qui suis-je » definitions run to 400 characters).
SPLIT_PROMPT_LENGTH = 160


def base_url(host: str | None) -> str:
    if settings.SITE_URL:
        return settings.SITE_URL
    return f"http://{host}" if host else ""


def join_url(*, session: LiveSession, host: str | None) -> str:
    return base_url(host) + reverse("workshops:join_code", args=[session.code])


@functools.lru_cache(maxsize=64)
def qr_svg(url: str) -> str:
    """The QR code of the join link, as inline SVG with an accessible name."""
    qr = segno.make(url, error="m")
    # No fixed size: a viewBox, so the stage can draw it small in its band or big alone.
    svg = qr.svg_inline(
        scale=8, border=2, dark="#000", light="#fff", svgclass="qr__svg", omitsize=True
    )
    label = f"QR code pour rejoindre : {url}"
    return mark_safe(  # noqa: S308 - segno's own SVG; the label is the server's own URL
        svg.replace("<svg ", f'<svg role="img" aria-label="{label}" ', 1)
    )


def step_and_run(session: LiveSession) -> tuple[Step | None, ActivityRun | None]:
    """The current step with its activity, and the activity's run in this session.

    Narrow queries on purpose: these run for every phone at every change, and building a
    wide select_related query cost more than running it.
    """
    if session.current_step_id is None:
        return None, None
    step = Step.objects.select_related("activity").get(pk=session.current_step_id)
    step.workshop = session.workshop
    if not step.activity_id:
        return step, None
    run = ActivityRun.objects.filter(session=session, activity_id=step.activity_id).first()
    if run is not None:
        run.activity = step.activity
    return step, run


def timer_context(session: LiveSession) -> dict:
    # A session that has ended shows no timer, whatever was left on it.
    remaining = sessions.timer_remaining(session) if session.is_open else None
    return {
        "timer_remaining": remaining,
        "timer_running": session.timer_started_at is not None and bool(remaining),
        "timer_seconds_left": int(remaining + 0.999) if remaining is not None else None,
        # Milliseconds as an integer: a float would be printed with a French decimal comma.
        "timer_remaining_ms": int(remaining * 1000) if remaining is not None else "",
        # One running timer, whichever render carries it: a page keeps its own deadline for it.
        "timer_key": int(session.timer_started_at.timestamp() * 1000)
        if session.timer_started_at
        else "",
    }


# The projector --------------------------------------------------------------------------
def answers_for_results(*, session: LiveSession, activity, kind) -> list:
    """The visible answers as the kind's results read them: whole responses with their
    participants, or just their data when that is all it reads (the cheaper, by far)."""
    if kind.results_use_participants(config=activity.config):
        return list(sessions.visible_responses(session=session, activity=activity))
    return sessions.visible_answers(session=session, activity=activity)


def results_context(
    *, session: LiveSession, step: Step | None, run: ActivityRun | None, stage: bool = False
) -> dict:
    """The results of the current activity; `stage`: as the projector shows them, a page at a
    time when they are too long for it (`screen`). Every view gets the page count."""
    context: dict = {"session": session, "step": step, "run": run, "screen_pages": 1}
    if step is None or run is None:
        return context
    activity = run.activity
    kind = get_kind(activity.kind)
    if kind.tallied:  # how many gave each answer is all its results read: counted in SQL
        tally = sessions.visible_tally(session=session, activity=activity)
        answer_count = sum(given for _, given in tally)
        results = kind.results_from_tally(activity=activity, run=run, tally=tally)
    else:
        responses = answers_for_results(session=session, activity=activity, kind=kind)
        answer_count = len(responses)
        results = kind.results_context(activity=activity, run=run, responses=responses)
    context.update(
        {
            "activity": activity,
            "kind": kind,
            "answer_count": answer_count,
            "results_fragment": kind.fragment("results"),
            "text_fragment": kind.fragment("text"),
            "waiting_fragment": kind.optional_fragment("waiting"),
            "live_control_fragment": kind.optional_fragment("live_control"),
            "reveal": run.is_revealed,
        }
    )
    context["results"] = results
    pages = kind.screen_pages(results=results) if run.show_results or run.is_revealed else []
    if pages:
        page = min(session.screen_page, len(pages) - 1)
        context["screen_pages"] = len(pages)
        context["screen_page"] = page + 1
        if stage:
            context["screen"] = {**pages[page], "page": page + 1, "pages": len(pages)}
    return context


def screen_context(*, session: LiveSession, host: str | None) -> dict:
    step, run = step_and_run(session)
    context = {
        "session": session,
        "step": step,
        "run": run,
        "presence": sessions.presence(session=session),
        "join_url": join_url(session=session, host=host),
        "join_display": base_url(host).split("://")[-1] + reverse("workshops:join"),
        **timer_context(session),
        **results_context(session=session, step=step, run=run, stage=True),
        "split_prompt_length": SPLIT_PROMPT_LENGTH,
    }
    if (session.show_join or session.join_full) and session.is_open:
        context["qr"] = qr_svg(context["join_url"])
    if step is not None and not step.activity_id:
        context.update(slide_context(step=step, stage=True))
    return context


def screen_page_count(*, session: LiveSession) -> int:
    """How many pages the projector's results take now (1 when they fit)."""
    step, run = step_and_run(session)
    return results_context(session=session, step=step, run=run)["screen_pages"]


def turn(*, session: LiveSession, forward: bool, pages_only: bool = False) -> None:
    """The projector's forward / back: the results' next or previous page when there is one,
    else (unless `pages_only`) the next or previous step, as a presenter remote steps through
    a slide's builds before the next slide."""
    pages = screen_page_count(session=session)
    page = min(session.screen_page, pages - 1)
    if forward and page + 1 < pages:
        sessions.set_screen_page(session=session, page=page + 1)
    elif not forward and page > 0:
        sessions.set_screen_page(session=session, page=page - 1)
    elif not pages_only:
        step = sessions.step_by_offset(session=session, offset=1 if forward else -1)
        if step:
            sessions.go_to_step(session=session, step=step)


def render_screen(*, session: LiveSession, host: str | None) -> Rendered:
    return _rendered(f"{SCREEN}#snapshot", screen_context(session=session, host=host))


def render_results(
    *, session: LiveSession, step: Step | None = None, run: ActivityRun | None = None
) -> Rendered:
    """The projector's results; pass the step and run when known (a burst re-renders these
    many times: only the answers are read again)."""
    if step is None:
        step, run = step_and_run(session)
    if run is None or not session.is_open:
        # The stage shows no results now (a slide, the end screen): nothing to swap into.
        return Rendered("")
    return _rendered(
        f"{SCREEN}#results", results_context(session=session, step=step, run=run, stage=True)
    )


def render_presence(*, session: LiveSession) -> str:
    return render_to_string(
        f"{SCREEN}#presence", {"session": session, "presence": sessions.presence(session=session)}
    )


# The control view (régie) -----------------------------------------------------------------
def control_context(*, session: LiveSession, host: str | None) -> dict:
    context = screen_context(session=session, host=host)
    # The régie lists every result, not the projector's page of them.
    context.pop("screen", None)
    steps = list(session.workshop.steps.select_related("activity").order_by("order", "pk"))
    current = context["step"]
    index = next((i for i, s in enumerate(steps) if current and s.pk == current.pk), None)
    run = context["run"]
    kind = get_kind(run.activity.kind) if run else None
    context.update(
        {
            "steps": steps,
            "previous_step": steps[index - 1] if index else None,
            "next_step": steps[index + 1] if index is not None and index + 1 < len(steps) else None,
            "step_position": (index or 0) + 1,
            "screen_url": base_url(host)
            + reverse("workshops:screen_link", args=[session.screen_token]),
            "kind_actions": kind.available_actions(state=run.state) if run else {},
            "control_fragment": kind.optional_fragment("control") if run else None,
            **moderation_context(session=session, run=run),
        }
    )
    return context


def moderation_context(*, session: LiveSession, run: ActivityRun | None) -> dict:
    """The control view's list of every answer received, with what the kind adds to it."""
    if run is None:
        return {"moderation": [], "moderation_fragment": None}
    kind = get_kind(run.activity.kind)
    responses = Response.objects.filter(session=session, activity=run.activity).select_related(
        "participant"
    )
    context = {
        "moderation": [
            (response, kind.summary(config=run.activity.config, answer=response.data))
            for response in responses.order_by("created_at", "pk")
        ],
        "moderation_fragment": kind.optional_fragment("moderation"),
        # Hidden answers wait for approval: showing one is "Valider".
        "held_for_approval": kind.held_for_approval(config=run.activity.config),
    }
    if context["moderation_fragment"]:
        visible = list(sessions.visible_responses(session=session, activity=run.activity))
        context["kind_moderation"] = kind.moderation_context(
            activity=run.activity, run=run, responses=visible
        )
    return context


def render_control_activity(
    *, session: LiveSession, step: Step | None, run: ActivityRun | None, extra: dict
) -> Rendered:
    """The control view's live part: answer count, results, moderation list."""
    if run is None:
        return Rendered("")
    context = results_context(session=session, step=step, run=run)
    context.update(moderation_context(session=session, run=run), **extra)
    return _rendered(f"{CONTROL}#activity_live", context)
