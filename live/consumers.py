"""The live WebSockets: the phone, the projector and the control view (régie).

Every (re)connection first receives a full snapshot rendered from the database. Then the
consumer re-renders its own view when the channel layer says something changed; bursts are
coalesced: what arrives while a view renders is drawn together by its next render, so a
thousand answers take a hundred renders or so (bench/live_load.py), not a thousand.
"""

import asyncio
import json
import logging
import math
import time
from urllib.parse import parse_qs

from channels.consumer import get_handler_name
from channels.db import database_sync_to_async
from channels.generic.websocket import AsyncWebsocketConsumer
from django.http.cookie import parse_cookie
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.translation import gettext as _

from common import collector
from common.rows import one_row
from live import phones, sessions, stage
from live.access import may_run
from live.answers import Submission
from live.broadcast import phones_group, remember_loop, screen_group
from live.models import ActivityRun, LiveSession, Participant
from live.writer import get_writer
from quizzes.kinds import get_kind
from quizzes.kinds.base import FormData
from quizzes.models import Activity

logger = logging.getLogger(__name__)

# Close codes of a refused client: outside 1006/1011/1012/1013, so htmx does not retry.
FORBIDDEN = 4403
NOT_FOUND = 4404
MIN_RENDER_INTERVAL = 0.02  # seconds between two renders of the same phone
MAX_RENDER_INTERVAL = 0.5
# group_send drops messages to a full channel, so pushes alone can't promise the screen shows
# the exact stored totals: screens also compare the stored count every few seconds.
RECONCILE_EVERY = 2.0


def _header(scope, name: bytes) -> str | None:
    for key, value in scope.get("headers", []):
        if key == name:
            return value.decode("latin-1")
    return None


def _cookie(scope, name: str) -> str:
    return parse_cookie(_header(scope, b"cookie") or "").get(name, "")


def _refuse_constant(name: str):
    raise ValueError(f"{name} is not a number we take")


def _finite(text: str) -> float:
    number = float(text)
    if not math.isfinite(number):  # 1e400
        raise ValueError(f"{text} is not a number we take")
    return number


def read_message(text: str | None) -> dict:
    """A phone's message: a JSON object (what htmx's ws-send makes of a form). ValueError for
    anything else, including what Python's JSON reads but nothing else can hold: Infinity,
    NaN, 1e400, and nesting deep enough to exhaust the interpreter's stack."""
    try:
        message = json.loads(text or "", parse_constant=_refuse_constant, parse_float=_finite)
    except RecursionError:
        raise ValueError("nested too deep") from None
    if not isinstance(message, dict):
        raise ValueError("not an object")
    return message


def read_answer(message: dict) -> tuple[int, str, FormData]:
    """(activity id, client id, the form's fields as lists of texts) of an answer message;
    ValueError when it is not a flat form."""
    message = dict(message)
    for extra in ("HEADERS", "csrfmiddlewaretoken", "token"):
        message.pop(extra, None)
    activity_id = int(message.pop("activity", ""))
    if not 0 < activity_id < 2**63:  # no database holds a larger id
        raise ValueError("no such activity id")
    client_id = str(message.pop("client_id", ""))
    form = {}
    for name, value in message.items():
        values = value if isinstance(value, list) else [value]
        if not all(isinstance(item, str | int | float) for item in values):
            raise ValueError(f"{name} is not a form field")
        form[name] = [str(item) for item in values]
    return activity_id, client_id, form


class LiveConsumer(AsyncWebsocketConsumer):
    """What the three views share: authorisation, snapshot, coalesced re-rendering."""

    # Render in a thread of its own, not in the one the phones' database work queues in: a
    # projector must not wait behind two hundred reconnecting phones' snapshots.
    renders_apart = False
    # Seconds from the end of a render to the start of the next, at least; and the next waits
    # `render_spacing` times as long as the last render took (a big room's renders are slow).
    min_render_interval = MIN_RENDER_INTERVAL
    render_spacing = 2.0

    session_id: int

    async def connect(self) -> None:
        remember_loop()
        collector.ensure_running()
        self.render_task: asyncio.Task | None = None
        self.dirty: set[str] = set()
        self.last_render = 0.0
        self.render_interval = self.min_render_interval
        self.host = _header(self.scope, b"host")
        # The browser's CSRF cookie: fragments rendered here keep working as plain forms.
        self.csrf_token = _cookie(self.scope, "csrftoken")
        self.joined: list[str] = []
        if self.joins_before_authorizing:
            await self.accept()
            await self.join_groups()
            code, snapshot = await database_sync_to_async(self.authorize_and_snapshot)()
        else:
            code = await database_sync_to_async(self.authorize)()
            await self.accept()
            if not code:
                await self.join_groups()
                snapshot = await database_sync_to_async(self.render_connection_snapshot)()
        # Accepted, then closed with an explicit code: the browser sees why and won't retry.
        if code:
            await self.close(code=code)
            return
        if snapshot:
            await self.send(text_data=snapshot)
        await self.on_connected()

    # A view whose groups are known from its address (a phone: its session's) joins them
    # first, then is authorised and gets its snapshot in one trip to the database thread
    # (one trip less for each phone of a room arriving). A refused one leaves them on
    # disconnecting and is never sent anything. The projector and the régie, whose session
    # may come from a secret link, are authorised first.
    joins_before_authorizing = False

    async def join_groups(self) -> None:
        for group in self.groups_to_join():
            await self.channel_layer.group_add(group, self.channel_name)
            self.joined.append(group)

    def authorize_and_snapshot(self) -> tuple[int | None, str]:
        code = self.authorize()
        return code, "" if code else self.render_connection_snapshot()

    async def dispatch(self, message: dict) -> None:
        """Channels' dispatch, without its `aclose_old_connections()` before every message.

        That call is a round trip to the thread of synchronous code, where the participants'
        pages and every consumer's database work queue: each answer a phone sends and each
        push a projector receives waited its turn there first. A projector's pushes then fell
        a second behind while a room joined (bench/live_load.py: PostgreSQL + Redis, 1,000
        phones, the screen still working through the join's presence pushes when the answers
        came). Nothing is lost: every database call of these consumers goes through
        `database_sync_to_async`, which closes old connections itself, in its thread.
        """
        handler = getattr(self, get_handler_name(message), None)
        if handler is None:
            raise ValueError(f"No handler for message type {message['type']}")
        await handler(message)

    async def disconnect(self, code: int) -> None:
        for group in getattr(self, "joined", []):
            await self.channel_layer.group_discard(group, self.channel_name)
        for task in (getattr(self, "render_task", None), getattr(self, "reconcile_task", None)):
            if task and not task.done():
                task.cancel()

    async def on_connected(self) -> None:
        pass

    def authorize(self) -> int | None:
        """Runs in the database thread; returns a close code to refuse the client."""
        raise NotImplementedError

    def groups_to_join(self) -> list[str]:
        raise NotImplementedError

    def load_session(self) -> LiveSession:
        return LiveSession.objects.select_related("workshop").get(pk=self.session_id)

    def render_snapshot(self) -> str:
        raise NotImplementedError

    def render_connection_snapshot(self) -> str:
        """What a view receives when it (re)connects: the snapshot; "" when it has it."""
        return self.render_snapshot()

    def render_changes(self, dirty: set[str]) -> str:
        return self.render_snapshot()

    def _timed_render(self, dirty: set[str]) -> tuple[str, float]:
        started = time.perf_counter()
        html = self.render_changes(dirty)
        return html, time.perf_counter() - started

    def context_extras(self) -> dict:
        return {"csrf_token": self.csrf_token}

    # Channel-layer messages: mark what changed, render once soon -------------------------
    async def session_changed(self, event: dict) -> None:
        await self.mark_dirty("session")

    async def answers_changed(self, event: dict) -> None:
        await self.mark_dirty("answers")

    async def presence_changed(self, event: dict) -> None:
        await self.mark_dirty("presence")

    async def mark_dirty(self, what: str) -> None:
        self.dirty.add(what)
        if self.render_task is None or self.render_task.done():
            self.render_task = asyncio.create_task(self._render_soon())

    async def _render_soon(self) -> None:
        loop = asyncio.get_running_loop()
        while self.dirty:
            wait = self.last_render + self.render_interval - loop.time()
            if wait > 0:
                await asyncio.sleep(wait)
            dirty, self.dirty = self.dirty, set()
            try:
                html, took = await database_sync_to_async(
                    self._timed_render, thread_sensitive=not self.renders_apart
                )(dirty)
            except LiveSession.DoesNotExist:
                await self.close(code=NOT_FOUND)
                return
            self.last_render = loop.time()
            # Slow renders (a big room) space the next ones out; fast ones stay immediate.
            # The render's own time, not its wait for the database thread: a busy thread
            # (a burst being written) must not slow the screen down further.
            self.render_interval = min(
                MAX_RENDER_INTERVAL, max(self.min_render_interval, self.render_spacing * took)
            )
            if html and self.still_current():
                await self.send(text_data=html)

    def still_current(self) -> bool:
        """Whether what was just rendered is still worth sending (see PhoneConsumer)."""
        return True


class PhoneConsumer(LiveConsumer):
    """A participant's phone: receives its view of the current step, sends answers.

    A step change reaches the phones of a process from one shared render (`live.phones`): the
    push carries the session's version, the first phone to see it has the view read (one trip
    to the database thread for all), and each phone gets a copy with its own values, without
    a trip of its own. A phone whose page already shows the current version (`?v=` of its
    socket's address) receives no snapshot when it connects.
    """

    joins_before_authorizing = True

    async def connect(self) -> None:
        self.session_id = int(self.scope["url_route"]["kwargs"]["session_id"])
        self.participant: Participant | None = None
        self.activities: dict[int, Activity] = {}
        query = parse_qs(self.scope.get("query_string", b"").decode("latin-1"))
        self.page_state = (query.get("v") or [""])[0]
        # Activities answered through this socket: their step shows this phone's own answer.
        self.answered_here: set[int] = set()
        self.sent_version = -1  # the newest version sent to this phone
        self.rendered_version = -1  # the version of the last render made in the thread
        await super().connect()

    def authorize(self) -> int | None:
        cookie = _cookie(self.scope, sessions.PARTICIPANT_COOKIE)
        participant_id = sessions.read_participants(cookie).get(self.session_id)
        if participant_id is None:
            return FORBIDDEN
        # Once per phone arriving: common.rows says why not the ORM.
        self.participant = one_row(
            Participant, "id = %s AND session_id = %s", [participant_id, self.session_id]
        )
        return None if self.participant else FORBIDDEN

    def groups_to_join(self) -> list[str]:
        return [phones_group(self.session_id)]

    async def on_connected(self) -> None:
        collector.note_activity()
        get_writer().mark_seen(self.participant.pk)

    async def disconnect(self, code: int) -> None:
        await super().disconnect(code)
        if getattr(self, "participant", None):
            await database_sync_to_async(sessions.mark_left)(
                participant_id=self.participant.pk, session_id=self.session_id
            )

    def render_connection_snapshot(self) -> str:
        # Read after joining the group: a change from now on arrives as a push.
        if self.page_state:
            session = one_row(LiveSession, "id = %s", [self.session_id])
            if session is None:
                raise LiveSession.DoesNotExist
            if self.page_state == phones.state_key(session):
                self.sent_version = session.version
                return ""
        return self.render_snapshot()

    def render_snapshot(self) -> str:
        session = self.load_session()
        view = phones.view_for(session=session)
        self.rendered_version = view.version
        if self.gets_shared(view):
            return view.stage(self.participant)
        context = phones.phone_context(session=session, participant=self.participant, view=view)
        if "activity" in context:
            self.activities[context["activity"].pk] = context["activity"]
        return render_to_string(f"{phones.PHONE}#stage", context)

    def gets_shared(self, view: phones.PhoneView) -> bool:
        activity = view.shared.get("activity")
        if activity is not None:
            self.activities[activity.pk] = activity
            if activity.pk in self.answered_here:
                return False
        return view.is_shared_for(self.participant.pk)

    def still_current(self) -> bool:
        # A render of its own, made while a newer version was sent from the shared one.
        if self.rendered_version < self.sent_version:
            return False
        self.sent_version = self.rendered_version
        return True

    async def session_changed(self, event: dict) -> None:
        if self.participant is None:  # refused, on its way out
            return
        version, started = event.get("version"), event.get("started")
        if version is None or version <= self.sent_version:
            if version is None:
                await self.mark_dirty("session")
            return
        view = phones.cached_view(session_id=self.session_id, started=started, version=version)
        if view is None or not view.stage_ready:
            try:
                view = await _shared_view(self.session_id, version)
            except LiveSession.DoesNotExist:
                await self.close(code=NOT_FOUND)
                return
        if self.gets_shared(view) and (self.render_task is None or self.render_task.done()):
            self.sent_version = view.version
            await self.send(text_data=view.stage(self.participant))
        else:
            await self.mark_dirty("session")

    async def receive(self, text_data: str | None = None, bytes_data: bytes | None = None):
        if self.participant is None:  # refused, on its way out
            return
        # A message we can't read is refused with a message, and the socket stays open.
        try:
            message = read_message(text_data)
            if message.get("type") == "ping":
                get_writer().mark_seen(self.participant.pk)
                return
            activity_id, client_id, form = read_answer(message)
        except ValueError:
            await self.send(
                text_data=self.render_refusal(_("Réponse mal formée : rechargez la page."))
            )
            return
        # The step shown now, as this process's shared view has read it: a room answering at
        # once must not read the same activity a thousand times in the database thread.
        activity = self.activities.get(activity_id) or phones.shown_activity(
            session_id=self.session_id, activity_id=activity_id
        )
        if activity is None:
            activity = await database_sync_to_async(Activity.objects.filter(pk=activity_id).first)()
            if activity is None:
                await self.send(text_data=self.render_refusal(_("Cette activité n'existe plus.")))
                return
            self.activities[activity_id] = activity
        kind = get_kind(activity.kind)
        answer = kind.answer_from_form(form)
        outcome = await get_writer().submit(
            Submission(
                client_id=client_id,
                session_id=self.session_id,
                participant_id=self.participant.pk,
                activity_id=activity_id,
                answer=answer,
            )
        )
        html = None
        if outcome.ok:
            self.answered_here.add(activity_id)
        if outcome.ok and kind.several_answers:
            # Posting several things (ideas): a fresh form (a new id, empty fields) and the
            # list of what was posted come back with the acknowledgement.
            html = await database_sync_to_async(phones.render_phone_after_answer)(
                session_id=self.session_id,
                participant=self.participant,
                activity_id=activity_id,
                extra=self.ack_context(outcome),
            )
        await self.send(text_data=html or self.render_ack(activity, kind, outcome, answer))

    def ack_context(self, outcome) -> dict:
        if outcome.ok:
            return {
                "own": outcome.response,
                "status": _("Réponse enregistrée à %(time)s.")
                % {"time": timezone.localtime().strftime("%H:%M:%S")},
            }
        return {"error": outcome.error}

    def render_refusal(self, error: str) -> str:
        return render_to_string(f"{phones.PHONE}#refused", {"error": error})

    def render_ack(self, activity, kind, outcome, answer) -> str:
        """The acknowledgement, rendered without the database: the form stays as typed."""
        context = self.ack_context(outcome)
        own = context.get("own")
        key = (
            id(activity),
            context.get("status"),
            context.get("error"),
            json.dumps(own.data, sort_keys=True) if own is not None else None,
        )
        cached = _acks.get(key)
        if cached is not None and cached[0] is activity:
            return cached[1]
        context.update(activity=activity, kind=kind, answer_fragment=kind.fragment("answer"))
        html = render_to_string(f"{phones.PHONE}#ack", context)
        if len(_acks) >= ACKS_KEPT:
            _acks.clear()
        # The activity is kept with its render, so its id is not reused while the key lives.
        _acks[key] = (activity, html)
        return html


# The acknowledgements rendered lately, by activity, status (its time, to the second), error
# and answer: the ack says nothing of who answered, and a room answering at once gets the same
# few (a vote: one per option and second). Rendering each took 0.2 ms of the event loop, as
# much as storing the answer: 0.2 s of a thousand answers sent at once.
ACKS_KEPT = 512
_acks: dict[tuple, tuple[Activity, str]] = {}


# The phones' shared view being read, per session and version: one read for every phone of
# the process that a push reaches at once.
_views_read: dict[tuple[int, int], asyncio.Future] = {}


async def _shared_view(session_id: int, version: int) -> phones.PhoneView:
    key = (session_id, version)
    future = _views_read.get(key)
    if future is None:
        future = asyncio.ensure_future(
            database_sync_to_async(phones.load_view)(session_id=session_id)
        )
        _views_read[key] = future
        future.add_done_callback(lambda _: _views_read.pop(key, None))
    # Shielded: a phone that leaves meanwhile must not cancel the read for the others.
    return await asyncio.shield(future)


class ScreensConsumer(LiveConsumer):
    """The projector and the control view show results: they check they show the stored
    totals now and then, whatever pushes were lost on the way."""

    renders_apart = True
    # The first answer of a burst is drawn as soon as its push comes; the next ones wait for
    # the render in progress, then as long again as it took: the projector spends at most
    # half its time rendering, and an answer waits about two renders, not 20 ms more (with
    # the results counted in SQL, a render of a 1,000-answer vote takes a few milliseconds).
    min_render_interval = 0.0
    render_spacing = 1.0
    shown_count: int | None = None

    async def on_connected(self) -> None:
        self.reconcile_task = asyncio.create_task(self._reconcile())

    async def _reconcile(self) -> None:
        while True:
            await asyncio.sleep(RECONCILE_EVERY)
            count = await database_sync_to_async(self.stored_count)()
            if count != self.shown_count:
                await self.mark_dirty("answers")

    def stored_count(self) -> int | None:
        session = LiveSession.objects.filter(pk=self.session_id).only("current_step").first()
        step = session.current_step if session else None
        if step is None or step.activity_id is None:
            return 0
        return sessions.visible_responses(session=session, activity=step.activity).count()


class ScreenConsumer(ScreensConsumer):
    """The projector: opened by a facilitator of the workshop, or by its secret screen link."""

    async def connect(self) -> None:
        kwargs = self.scope["url_route"]["kwargs"]
        self.token = kwargs.get("token")
        self.session_id = int(kwargs.get("session_id") or 0)
        await super().connect()

    def authorize(self) -> int | None:
        if self.token:
            session = LiveSession.objects.filter(screen_token=self.token).first()
            if session is None:
                return FORBIDDEN
            self.session_id = session.pk
            return None
        allowed = may_run(self.scope.get("user"), session_id=self.session_id)
        return None if allowed else FORBIDDEN

    def groups_to_join(self) -> list[str]:
        return [screen_group(self.session_id)]

    def render_snapshot(self) -> str:
        session = self.load_session()
        if self.token and session.screen_token != self.token:
            raise RevokedScreen
        # Kept until the session changes: a burst of answers only re-reads the answers.
        self.current = (session, *stage.step_and_run(session))
        rendered = stage.render_screen(session=session, host=self.host)
        self.shown_count = rendered.answer_count
        return rendered.html

    def render_changes(self, dirty: set[str]) -> str:
        if "session" in dirty:
            return self.render_snapshot()
        session, step, run = self.current
        parts = []
        if "answers" in dirty:
            run = _fresh(run)
            rendered = stage.render_results(session=session, step=step, run=run)
            self.shown_count = rendered.answer_count
            parts.append(rendered.html)
        if "presence" in dirty:
            parts.append(stage.render_presence(session=session))
        return "".join(parts)

    async def _render_soon(self) -> None:
        try:
            await super()._render_soon()
        except RevokedScreen:
            await self.close(code=FORBIDDEN)


class RevokedScreen(Exception):
    """The screen link was revoked while this projector was connected."""


def _fresh(run: ActivityRun | None) -> ActivityRun | None:
    """The run as stored now: moderating an answer (merging ideas) changes its state."""
    if run is None:
        return None
    fresh = ActivityRun.objects.filter(pk=run.pk).first()
    if fresh is not None:
        fresh.activity = run.activity
    return fresh


class ControlConsumer(ScreensConsumer):
    """The facilitator's control view: it only listens; actions are plain HTTP forms."""

    # Spaced as before: its moderation list of every answer makes it the slowest view to
    # render (300 ms for 1,000 answers), and its renders share the projector's interpreter.
    min_render_interval = MIN_RENDER_INTERVAL
    render_spacing = 2.0

    async def connect(self) -> None:
        self.session_id = int(self.scope["url_route"]["kwargs"]["session_id"])
        await super().connect()

    def authorize(self) -> int | None:
        allowed = may_run(self.scope.get("user"), session_id=self.session_id)
        return None if allowed else FORBIDDEN

    def groups_to_join(self) -> list[str]:
        return [screen_group(self.session_id)]

    def render_snapshot(self) -> str:
        session = self.load_session()
        context = stage.control_context(session=session, host=self.host)
        context.update(self.context_extras())
        self.current = (session, context["step"], context["run"])
        self.shown_count = context.get("answer_count", 0)
        return render_to_string(f"{stage.CONTROL}#panel", context)

    def render_changes(self, dirty: set[str]) -> str:
        # Only what changed is redrawn: a facilitator about to click a button keeps it.
        if "session" in dirty:
            return self.render_snapshot()
        session, step, run = self.current
        parts = []
        if "answers" in dirty:
            run = _fresh(run)
            rendered = stage.render_control_activity(
                session=session, step=step, run=run, extra=self.context_extras()
            )
            self.shown_count = rendered.answer_count
            parts.append(rendered.html)
        if "presence" in dirty:
            parts.append(stage.render_presence(session=session))
        return "".join(parts)
