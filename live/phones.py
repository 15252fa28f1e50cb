"""What a participant's phone shows: the current step, rendered once per version of the session
and shared by every phone, with each phone's own few values put in.

A thousand phones of a session see the same page at a given version, except for who they are,
their token, a fresh answer id and the seconds left on the timer. So the page (the join and the
reload, over HTTP) and the stage fragment (every push over the WebSocket) are rendered once per
version and process, with *markers* where those values go; a phone gets a copy with its own
values in place of the markers (`PhoneView.personal`). A marker holds a secret drawn when the
process starts and never sent to anyone, so nothing a participant types can be mistaken for one:
what one phone typed or is called never reaches another phone.

A phone that has answered the current activity (its answer and « Modifier ma réponse » are its
own), and the kinds whose phone view depends on the participant (`ActivityKind.personal_phone`:
the idea board lists one's own ideas), get the whole render of their own instead.
"""

import secrets
import uuid
from dataclasses import dataclass, field

from django.db.models import QuerySet
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.html import escape

from live import sessions
from live.models import LiveSession, Participant, Response
from live.stage import answers_for_results, step_and_run, timer_context
from quizzes.kinds import get_kind
from workshops.slides import slide_context

PHONE = "live/_phone.html"
PAGE = "live/phone.html"

# Drawn at start-up, never sent: see the module's docstring.
_SECRET = secrets.token_hex(12)


def _marker(name: str) -> str:
    return f"fne{_SECRET}{name}z"


NAME, STRUCTURE, TOKEN, CLIENT, TIMER_MS, TIMER_S = (
    _marker(n) for n in ("name", "structure", "token", "client", "timerms", "timers")
)


class _MarkedParticipant:
    """The participant, as a shared render sees them: markers for what the templates read."""

    pk = None
    display_name = NAME
    structure = STRUCTURE

    def __str__(self) -> str:
        return NAME


def state_key(session: LiveSession) -> str:
    """What a phone page says it shows (its WebSocket's `v`): the session and its version."""
    return f"{int(session.started_at.timestamp() * 1_000_000)}-{session.version}"


def shared_phone_context(*, session: LiveSession) -> dict:
    """What every phone of the session shows alike at this moment."""
    context: dict = {"session": session}
    if not session.is_open:
        return context
    step, run = step_and_run(session)
    context.update(step=step, run=run)
    if step is None:
        return context
    if not step.activity_id:
        slide = slide_context(step=step)
        # Evaluated now: the context outlives this call.
        context.update({k: list(v) if isinstance(v, QuerySet) else v for k, v in slide.items()})
        return context
    activity = step.activity
    kind = get_kind(activity.kind)
    context.update(
        activity=activity,
        kind=kind,
        phone_fragment=kind.fragment("phone"),
        answer_fragment=kind.fragment("answer"),
        signed=kind.shows_names,
    )
    context["answering"] = kind.answering(state=run.state if run else {})
    if run and run.is_revealed:
        responses = answers_for_results(session=session, activity=activity, kind=kind)
        context.update(
            correction_fragment=kind.fragment("correction"),
            text_fragment=kind.fragment("text"),
            results=kind.results_context(activity=activity, run=run, responses=responses),
        )
    return context


@dataclass
class PhoneView:
    """One version of a session as its phones see it, in this process."""

    session: LiveSession
    shared: dict
    # Who had answered the current activity when this version was read: they get a render of
    # their own (their answer is on their page).
    answered: frozenset[int] = frozenset()
    _stage: str | None = field(default=None, repr=False)
    _page: str | None = field(default=None, repr=False)

    @property
    def version(self) -> int:
        return self.session.version

    @property
    def shareable(self) -> bool:
        """False when the kind's phone view depends on the participant (one's own ideas)."""
        kind = self.shared.get("kind")
        return kind is None or not kind.personal_phone

    def is_shared_for(self, participant_id: int) -> bool:
        """Whether this participant gets the shared render, as far as this version knows."""
        return self.shareable and participant_id not in self.answered

    def has_answered(self, participant: Participant) -> bool:
        """Whether the participant has answered the current activity, as stored now."""
        activity = self.shared.get("activity")
        if activity is None or self.shared["kind"].several_answers:
            return False
        return (
            participant.pk in self.answered
            or Response.objects.filter(participant=participant, activity=activity).exists()
        )

    def _marked_context(self) -> dict:
        context = {
            **self.shared,
            **timer_context(self.session),
            "participant": _MarkedParticipant(),
            "participant_token": TOKEN,
            "client_id": CLIENT,
            "own": None,
            "values": {},
            "state_key": state_key(self.session),
        }
        if context["timer_remaining"] is not None:
            context.update(timer_remaining_ms=TIMER_MS, timer_seconds_left=TIMER_S)
        activity = self.shared.get("activity")
        if activity is not None:
            context.update(
                self.shared["kind"].phone_context(
                    activity=activity, run=self.shared.get("run"), participant=None
                )
            )
        return context

    @property
    def stage_ready(self) -> bool:
        return self._stage is not None

    def render_stage(self) -> str:
        """The marked stage fragment, rendered once (may read the database: call it in the
        database thread)."""
        if self._stage is None:
            self._stage = render_to_string(f"{PHONE}#stage", self._marked_context())
        return self._stage

    def stage(self, participant: Participant) -> str:
        """The stage fragment (what a push swaps in) for this participant."""
        return self.personal(self.render_stage(), participant)

    def page(self, participant: Participant) -> str:
        """The whole phone page for this participant (no messages to show)."""
        if self._page is None:
            context = self._marked_context()
            context.update(page_context(self.session, context))
            self._page = render_to_string(PAGE, context)
        return self.personal(self._page, participant)

    def personal(self, html: str, participant: Participant) -> str:
        values = {
            NAME: escape(participant.display_name),
            STRUCTURE: escape(participant.structure),
            TOKEN: sessions.participant_token(participant.pk),
            CLIENT: str(uuid.uuid4()),
        }
        timer = timer_context(self.session)
        if timer["timer_remaining"] is not None:
            values.update(
                {
                    TIMER_MS: str(timer["timer_remaining_ms"]),
                    TIMER_S: str(timer["timer_seconds_left"]),
                }
            )
        for marker, value in values.items():
            html = html.replace(marker, value)
        return html


def build_view(*, session: LiveSession) -> PhoneView:
    shared = shared_phone_context(session=session)
    activity = shared.get("activity")
    answered = frozenset()
    if activity is not None and not shared["kind"].several_answers:
        answered = frozenset(
            Response.objects.filter(session=session, activity=activity).values_list(
                "participant_id", flat=True
            )
        )
    return PhoneView(session=session, shared=shared, answered=answered)


# One view per session in this process: the newest version read.
_views: dict[int, PhoneView] = {}


def cached_view(*, session_id: int, started: float, version: int) -> PhoneView | None:
    """The view of this session at `version` or later, if this process has read it (no
    database: the pushes carry the version)."""
    view = _views.get(session_id)
    if (
        view is not None
        and view.session.started_at.timestamp() == started
        and view.version >= version
    ):
        return view
    return None


def shown_activity(*, session_id: int, activity_id: int):
    """The activity `activity_id` if it is the one this process's view of the session shows
    (no database); None otherwise."""
    view = _views.get(session_id)
    activity = view.shared.get("activity") if view is not None else None
    return activity if activity is not None and activity.pk == activity_id else None


def view_for(*, session: LiveSession) -> PhoneView:
    """The view of `session` as read now (its version), built once per version."""
    view = _views.get(session.pk)
    if (
        view is None
        or view.session.started_at != session.started_at
        or view.version != session.version
    ):
        view = build_view(session=session)
        current = _views.get(session.pk)
        # Two threads may build at once: keep the newer.
        if (
            current is None
            or current.session.started_at != session.started_at
            or (current.version <= view.version)
        ):
            _views[session.pk] = view
    return view


def load_view(*, session_id: int) -> PhoneView:
    """The view of the session as stored now, its stage rendered (in the database thread)."""
    session = LiveSession.objects.select_related("workshop").get(pk=session_id)
    view = view_for(session=session)
    view.render_stage()
    return view


# One phone's own render (the answered, the personal kinds, the refusals) -------------------
def phone_context(
    *, session: LiveSession, participant: Participant, view: PhoneView | None = None
) -> dict:
    """One participant's view: the shared part, plus their own answer and its correction."""
    if view is None:
        view = view_for(session=session)
    shared = view.shared
    # The timer is read at each render: a phone arriving later sees the seconds left now.
    context = {
        **shared,
        **timer_context(session),
        "participant": participant,
        "participant_token": sessions.participant_token(participant.pk),
        "state_key": state_key(view.session),
    }
    activity = shared.get("activity")
    if activity is None:
        return context
    kind = shared["kind"]
    own = (
        None
        if kind.several_answers
        else Response.objects.filter(participant=participant, activity=activity)
        .order_by("created_at")
        .first()
    )
    context.update(
        own=own,
        values=own.data if own else {},
        client_id=own.client_id if own else uuid.uuid4(),
    )
    run = shared.get("run")
    context.update(kind.phone_context(activity=activity, run=run, participant=participant))
    if run and run.is_revealed:
        context["grade"] = kind.grade(config=activity.config, answer=own.data) if own else None
    return context


def page_context(session: LiveSession, context: dict) -> dict:
    """What the whole page adds to the stage: its address, and whether it refreshes itself."""
    run = context.get("run")
    # Without JavaScript the page refreshes itself, except while an answer is being written.
    writing = run is not None and run.is_open and not context.get("own")
    return {
        "auto_refresh": not writing,
        # Also rendered at the join and answer addresses: its own address is this one.
        "phone_url": reverse("workshops:phone", args=[session.pk]),
    }


def render_phone_after_answer(
    *, session_id: int, participant: Participant, activity_id: int, extra: dict
) -> str | None:
    """For kinds where a person posts several things: the activity again after an answer was
    stored, with a fresh form (a new id, empty fields) and what they posted. None if the
    screen has moved on to another activity meanwhile."""
    session = LiveSession.objects.select_related("workshop").get(pk=session_id)
    context = phone_context(session=session, participant=participant)
    if context.get("activity") is None or context["activity"].pk != activity_id:
        return None
    context.update(extra)
    return render_to_string(f"{PHONE}#activity", context)
