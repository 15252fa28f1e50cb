"""Running a workshop live: sessions, joining, stepping, opening, revealing, the timer.

Every change is stored first, then announced (live.broadcast) after the commit, so a
reload, a reconnection or a restarted server always finds the same state in the database.
"""

import datetime as dt
import secrets
from dataclasses import dataclass

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import IntegrityError, connection, transaction
from django.db.models import Count, F
from django.utils import timezone
from django.utils.crypto import constant_time_compare, salted_hmac
from django.utils.translation import gettext as _

from common import throttle
from common.rows import one_row
from live import cowriting
from live.broadcast import (
    answers_changed,
    phones_changed,
    presence_changed,
    session_changed,
)
from live.models import ActivityRun, LiveSession, Participant, Response
from quizzes.kinds import get_kind
from workshops.models import Step, Workshop

# A session left open this long stops accepting newcomers (a forgotten session's code).
# A phone silent for this long (no heartbeat) no longer counts as connected.
PRESENCE_TIMEOUT = dt.timedelta(seconds=75)


class JoinError(Exception):
    """A code that leads nowhere; the message is for the participant."""


class JoinThrottled(JoinError):
    """Too many wrong codes from this client for now."""


def _next_version(session: LiveSession) -> dict:
    """Count one more version of the session's state; the pushes carry it (with the start of
    the session, which tells two databases' sessions of the same id apart), so that the phones
    of a process share one render of each version (`live.phones`)."""
    with transaction.atomic():
        sessions = LiveSession.objects.filter(pk=session.pk)
        sessions.update(version=F("version") + 1)
        # Read in the same transaction: the row stays locked by the update until the commit.
        version, started_at = sessions.values_list("version", "started_at").get()
    return {"version": version, "started": started_at.timestamp()}


def _announce(session: LiveSession) -> None:
    """A new version of the session's state, announced to every view after the commit."""
    session_changed(session_id=session.pk, **_next_version(session))


def redraw_open_sessions(*, workshop: Workshop) -> None:
    """Every view of the workshop's open sessions redraws: what its steps show changed outside
    the session (the items a report step carries over, an activity filled with them)."""
    for session in workshop.sessions.filter(ended_at__isnull=True):
        _announce(session)


def _announce_to_phones(session: LiveSession) -> None:
    """Only what the phones show changed (an answer they list was moderated)."""
    phones_changed(session_id=session.pk, **_next_version(session))


def _new_code() -> str:
    return f"{secrets.randbelow(1_000_000):06d}"


def start_session(*, workshop: Workshop, user) -> LiveSession:
    """Open a session with a 6-digit code unique among open sessions; first step shown."""
    first_step = workshop.steps.order_by("order", "pk").first()
    for _attempt in range(20):
        try:
            with transaction.atomic():
                session = LiveSession.objects.create(
                    workshop=workshop, code=_new_code(), started_by=user
                )
                break
        except IntegrityError:
            continue  # the code is in use by another open session: draw again
    else:  # pragma: no cover - a million codes, twenty draws
        raise RuntimeError("no free session code")
    if first_step:
        go_to_step(session=session, step=first_step)
    return session


def end_session(*, session: LiveSession) -> None:
    """Close the code; answers and results stay."""
    with transaction.atomic():
        session.ended_at = timezone.now()
        session.timer_started_at = None
        session.save(update_fields=["ended_at", "timer_started_at"])
        session.runs.update(is_open=False, closed_at=timezone.now())
        _announce(session)


def find_open_session(*, code: str) -> LiveSession:
    """The open session with this code, or JoinError with what to tell the participant."""
    code = "".join(code.split())
    if not (code.isdigit() and len(code) == 6):
        raise JoinError(_("Le code d'un atelier compte 6 chiffres."))
    # At most one open session has the code (`session_code_unique_while_open`); the ordered
    # lookup only runs to tell an ended session's code from an unknown one.
    session = one_row(LiveSession, "code = %s AND ended_at IS NULL", [code]) or (
        LiveSession.objects.filter(code=code).order_by("-started_at").first()
    )
    if session is None:
        raise JoinError(
            _("Aucun atelier n'a ce code : vérifiez les 6 chiffres affichés à l'écran.")
        )
    if session.ended_at is not None:
        raise JoinError(_("Cet atelier est terminé : son code ne sert plus."))
    if timezone.now() - session.started_at > dt.timedelta(hours=settings.SESSION_CODE_HOURS):
        raise JoinError(_("Ce code a expiré : demandez le nouveau code à l'animateur·rice."))
    return session


def join(*, session: LiveSession, pseudonym: str = "", structure: str = "") -> Participant:
    """A new participant of `session`, numbered in order of arrival."""
    participant = _insert_participant(
        session_id=session.pk,
        pseudonym=" ".join(pseudonym.split()),
        structure=" ".join(structure.split()),
    )
    presence_changed(session_id=session.pk)
    return participant


# Storing a participant, written out in SQL: it runs once for every phone of a room arriving,
# and the ORM's compilation of a count then an insert, in a transaction, cost more than the
# database's own work (bench, one process: 1.0 → 0.2 ms of CPU; see also common/rows.py).
PARTICIPANT_COLUMNS = ("session_id", "number", "pseudonym", "structure", "joined_at")


def _insert_participant(*, session_id: int, pseudonym: str, structure: str) -> Participant:
    """The participant stored with the next number of its session (`LiveSession.arrivals`).

    Phones of a room arrive at once, and on PostgreSQL their pages run in several threads
    (`fne92.asgi.ParticipantsHandler`): the counter is taken and the participant stored in one
    statement, whose row lock on the session lasts only that statement and its commit, so no
    two phones get the same number and none waits on another's thread. SQLite has no
    statement for both, and takes one writer at a time anyway: two, in a transaction."""
    sessions_table = connection.ops.quote_name(LiveSession._meta.db_table)
    table = connection.ops.quote_name(Participant._meta.db_table)
    joined_at = timezone.now()
    stored_at = connection.ops.adapt_datetimefield_value(joined_at)
    count = (
        f"UPDATE {sessions_table} SET arrivals = arrivals + 1 "  # noqa: S608 - our tables
        "WHERE id = %s RETURNING arrivals"
    )
    insert = f"INSERT INTO {table} ({', '.join(PARTICIPANT_COLUMNS)}) "
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute(
                f"WITH counter AS ({count}) {insert}"  # noqa: S608 - our tables
                "SELECT %s, arrivals, %s, %s, %s FROM counter RETURNING id, number",
                [session_id, session_id, pseudonym, structure, stored_at],
            )
            participant_id, number = cursor.fetchone()
        else:
            with transaction.atomic():
                cursor.execute(count, [session_id])
                [number] = cursor.fetchone()
                cursor.execute(
                    f"{insert} VALUES (%s, %s, %s, %s, %s) RETURNING id",  # noqa: S608
                    [session_id, number, pseudonym, structure, stored_at],
                )
                [participant_id] = cursor.fetchone()
    return Participant.from_db(
        connection.alias,
        ["id", *PARTICIPANT_COLUMNS],
        [participant_id, session_id, number, pseudonym, structure, joined_at],
    )


def set_profile(*, participant: Participant, pseudonym: str, structure: str) -> None:
    """A participant gives (or changes, or clears) their pseudonym and structure."""
    participant.pseudonym = " ".join(pseudonym.split())
    participant.structure = " ".join(structure.split())
    participant.save(update_fields=["pseudonym", "structure"])
    presence_changed(session_id=participant.session_id)


def run_for(*, session: LiveSession, step: Step | None) -> ActivityRun | None:
    """The activity run of a step, created (answers open) the first time it is shown;
    `run.first_shown` says whether this call created it."""
    if step is None or step.activity_id is None:
        return None
    kind = get_kind(step.activity.kind)
    run, created = ActivityRun.objects.get_or_create(
        session=session,
        activity_id=step.activity_id,
        defaults={
            "is_open": True,
            "opened_at": timezone.now(),
            "show_results": not kind.results_hidden_by_default,
        },
    )
    run.first_shown = created
    return run


def go_to_step(*, session: LiveSession, step: Step) -> None:
    if step.workshop_id != session.workshop_id:
        raise ValidationError(_("Cette étape n'appartient pas à cet atelier."))
    with transaction.atomic():
        session.current_step = step
        # A timer belongs to the step it was started on.
        session.timer_started_at = None
        session.timer_remaining = None
        session.timer_seconds = 0
        # Going to a step is going back to the steps: the full-screen join view closes; its
        # results start on their first page.
        session.join_full = False
        session.screen_page = 0
        session.save(
            update_fields=[
                "current_step",
                "timer_started_at",
                "timer_remaining",
                "timer_seconds",
                "join_full",
                "screen_page",
            ]
        )
        run = run_for(session=session, step=step)
        seconds = run.activity.timer_seconds if run is not None and run.is_open else 0
        if seconds and run.first_shown:
            _start_timer(session, seconds)  # the step is shown for the first time
        elif seconds:  # back on a step still open: the timer is ready, not running
            session.timer_seconds = seconds
            session.timer_remaining = float(seconds)
            session.save(update_fields=["timer_seconds", "timer_remaining"])
        _announce(session)


def step_by_offset(*, session: LiveSession, offset: int) -> Step | None:
    steps = list(session.workshop.steps.order_by("order", "pk"))
    if not steps:
        return None
    try:
        index = steps.index(session.current_step)
    except ValueError:
        index = -1 if offset > 0 else len(steps)
    target = index + offset
    return steps[target] if 0 <= target < len(steps) else None


def set_run(
    *,
    session: LiveSession,
    run: ActivityRun,
    is_open: bool | None = None,
    show_results: bool | None = None,
    is_revealed: bool | None = None,
) -> None:
    with transaction.atomic():
        now = timezone.now()
        if is_open is not None and is_open != run.is_open:
            run.is_open = is_open
            if is_open:
                run.opened_at = now
                if run.activity.timer_seconds:
                    _start_timer(session, run.activity.timer_seconds)
            else:
                run.closed_at = now
        if show_results is not None:
            run.show_results = show_results
        if is_revealed is not None:
            run.is_revealed = is_revealed
            if is_revealed:
                run.show_results = True
        run.save()
        _announce(session)


def perform_action(
    *, session: LiveSession, run: ActivityRun, action: str, form: dict | None = None
) -> None:
    """A kind's own facilitator action (the tour de table's next card, the idea board's vote
    with its number of votes in `form`…)."""
    kind = get_kind(run.activity.kind)
    if action not in kind.actions:
        raise ValidationError(_("Action inconnue pour cette activité."))
    with transaction.atomic():
        run = ActivityRun.objects.select_for_update().get(pk=run.pk)
        responses = list(visible_responses(session=session, activity=run.activity))
        run.state = kind.perform_with_input(
            action,
            config=run.activity.config,
            state=run.state,
            responses=responses,
            form=form or {},
        )
        run.save(update_fields=["state"])
        if action == "form_groups":  # the co-writing's groups are stored by live
            cowriting.form_groups(run=run)
        seconds = kind.timer_after(action, config=run.activity.config)
        if seconds:
            _start_timer(session, seconds)
        _announce(session)


def _visible(*, session: LiveSession, activity):
    """The answers the screen may show (not hidden), in the order they came."""
    return Response.objects.filter(session=session, activity=activity, hidden=False)


def visible_responses(*, session: LiveSession, activity):
    """The answers the screen may show, with their participants."""
    return _visible(session=session, activity=activity).select_related("participant")


@dataclass(frozen=True, slots=True)
class StoredAnswer:
    """What the results of most kinds read of an answer: no model instance to build (the
    projector reads every answer at each of its renders: a thousand, several times a second
    while a room answers)."""

    pk: int
    participant_id: int
    slot: str
    data: dict


def visible_answers(*, session: LiveSession, activity) -> list[StoredAnswer]:
    """`visible_responses` for kinds whose results read the answers only."""
    rows = _visible(session=session, activity=activity).values_list(
        "pk", "participant_id", "slot", "data"
    )
    return [StoredAnswer(*row) for row in rows]


def visible_tally(*, session: LiveSession, activity) -> list[tuple[dict, int]]:
    """The visible answers counted by the database: (an answer's data, how many gave it),
    for kinds whose results need no more (`tallied`): a few rows instead of a thousand."""
    rows = (
        _visible(session=session, activity=activity)
        .order_by()
        .values_list("data")
        .annotate(given=Count("pk"))
    )
    return list(rows)


def hide_response(*, session: LiveSession, response: Response, hidden: bool) -> None:
    with transaction.atomic():
        response.hidden = hidden
        response.save(update_fields=["hidden"])
        answers_changed(session_id=session.pk, activity_id=response.activity_id)
        run = ActivityRun.objects.filter(session=session, activity_id=response.activity_id).first()
        kind = get_kind(response.activity.kind)
        if run and kind.phones_show_answers(state=run.state):
            _announce_to_phones(session)


def perform_response_action(
    *, session: LiveSession, response: Response, action: str, form: dict | None = None
) -> None:
    """A kind's action on one answer (move or merge an idea); it changes the run's state,
    never the participant's answer."""
    kind = get_kind(response.activity.kind)
    if action not in kind.response_actions:
        raise ValidationError(_("Action inconnue pour cette réponse."))
    with transaction.atomic():
        run = (
            ActivityRun.objects.select_for_update()
            .select_related("activity")
            .filter(session=session, activity_id=response.activity_id)
            .first()
        )
        if run is None:
            raise ValidationError(_("Cette activité n'a pas été lancée dans cette session."))
        responses = list(visible_responses(session=session, activity=run.activity))
        run.state = kind.perform_on_response(
            action,
            config=run.activity.config,
            state=run.state,
            response=response,
            responses=responses,
            form=form or {},
        )
        run.save(update_fields=["state"])
        answers_changed(session_id=session.pk, activity_id=run.activity_id)
        if kind.phones_show_answers(state=run.state):
            _announce_to_phones(session)


# The timer ------------------------------------------------------------------------------
def _start_timer(session: LiveSession, seconds: int) -> None:
    session.timer_seconds = seconds
    session.timer_remaining = float(seconds)
    session.timer_started_at = timezone.now()
    session.save(update_fields=["timer_seconds", "timer_remaining", "timer_started_at"])


def timer_remaining(session: LiveSession) -> float | None:
    """Seconds left (None when no timer is set)."""
    if session.timer_remaining is None:
        return None
    if session.timer_started_at is None:
        return max(0.0, session.timer_remaining)
    elapsed = (timezone.now() - session.timer_started_at).total_seconds()
    return max(0.0, session.timer_remaining - elapsed)


def timer(*, session: LiveSession, action: str, seconds: int | None = None) -> None:
    with transaction.atomic():
        if action == "start":
            if session.timer_started_at is None and session.timer_remaining:
                session.timer_started_at = timezone.now()  # resume after a pause
            else:
                _start_timer(session, seconds or session.timer_seconds or 60)
        elif action == "pause" and session.timer_started_at is not None:
            session.timer_remaining = timer_remaining(session)
            session.timer_started_at = None
        elif action == "reset":
            session.timer_started_at = None
            session.timer_remaining = (
                float(session.timer_seconds) if session.timer_seconds else None
            )
        elif action == "clear":
            session.timer_started_at = None
            session.timer_remaining = None
            session.timer_seconds = 0
        session.save(update_fields=["timer_seconds", "timer_remaining", "timer_started_at"])
        _announce(session)


def set_show_join(*, session: LiveSession, show: bool) -> None:
    with transaction.atomic():
        session.show_join = show
        session.save(update_fields=["show_join"])
        _announce(session)


def set_join_full(*, session: LiveSession, full: bool) -> None:
    """The projector shows the join view on its whole stage, or goes back to the step."""
    with transaction.atomic():
        session.join_full = full
        session.save(update_fields=["join_full"])
        _announce(session)


def set_screen_page(*, session: LiveSession, page: int) -> None:
    """Show another page of the current results on the projector."""
    with transaction.atomic():
        session.screen_page = max(0, page)
        session.save(update_fields=["screen_page"])
        _announce(session)


def revoke_screen_link(*, session: LiveSession) -> None:
    """A new secret: the old projector link stops working (its socket is closed too)."""
    from live.models import new_screen_token

    with transaction.atomic():
        session.screen_token = new_screen_token()
        session.save(update_fields=["screen_token"])
        _announce(session)


# Presence -------------------------------------------------------------------------------
def mark_seen(*, participant_ids: list[int]) -> None:
    """Phones that connected or sent their heartbeat: counted as connected."""
    if not participant_ids:
        return
    participants = Participant.objects.filter(pk__in=participant_ids)
    participants.update(last_seen_at=timezone.now(), left_at=None)
    for session_id in set(participants.values_list("session_id", flat=True)):
        presence_changed(session_id=session_id)


def mark_left(*, participant_id: int, session_id: int) -> None:
    Participant.objects.filter(pk=participant_id).update(left_at=timezone.now())
    presence_changed(session_id=session_id)


def presence(*, session: LiveSession) -> dict[str, int]:
    participants = session.participants
    connected = participants.filter(
        left_at__isnull=True, last_seen_at__gte=timezone.now() - PRESENCE_TIMEOUT
    ).count()
    return {"connected": connected, "joined": participants.count()}


# Guessing codes --------------------------------------------------------------------------
# Wrong codes from one client are limited: only wrong codes count (a whole room joining from
# the venue's one address is never slowed), and the first limit is generous enough for that
# room's typos. Past it the client is slowed, not locked out: one code every few seconds, so
# that someone with the right code behind the guesser's address still gets in, while guessing
# 6 digits at that pace is hopeless; past the daily limit its codes are refused.
def _join_limits() -> tuple[throttle.Limit, throttle.Limit]:
    """The limits on wrong codes: within a short window, and within a day (read from the
    settings at each call, so that a test or an operator's change applies at once)."""
    return (
        throttle.Limit(
            "join-failures", settings.JOIN_CODE_FAILURES, settings.JOIN_CODE_FAILURE_SECONDS
        ),
        throttle.Limit("join-failures-day", settings.JOIN_CODE_DAILY_FAILURES, 86_400),
    )


def session_for_code(*, code: str, client: str) -> LiveSession:
    """`find_open_session` for a participant: what every page that tests a code goes
    through (one cache read when the client has sent no wrong code)."""
    window, day = _join_limits()
    reached = throttle.reached(limits=[window, day], client=client)
    if day.name in reached:
        raise JoinThrottled(
            _(
                "Trop de codes erronés depuis votre connexion : réessayez demain, ou demandez le "
                "lien de l'atelier à l'animateur·rice."
            )
        )
    if reached and not throttle.take_turn(
        name="join", client=client, seconds=settings.JOIN_CODE_SLOW_SECONDS
    ):
        raise JoinThrottled(
            _(
                "Trop de codes erronés depuis votre connexion : patientez quelques secondes, "
                "puis réessayez."
            )
        )
    try:
        return find_open_session(code=code)
    except JoinError:
        throttle.count(limit=window, client=client)
        throttle.count(limit=day, client=client)
        raise


# Which participant this phone is ----------------------------------------------------------
# A signed cookie, not the session: joining writes nothing but the participant itself, and a
# WebSocket finds its participant without a session lookup.
PARTICIPANT_COOKIE = "fne_participants"
PARTICIPANT_COOKIE_AGE = 60 * 60 * 24 * 7


def _participant_signer():
    from django.core import signing

    return signing.TimestampSigner(salt="workshops.participants")


def read_participants(cookie: str | None) -> dict[int, int]:
    """{session id: participant id} from the phone's signed cookie; {} if absent or forged."""
    from django.core import signing

    if not cookie:
        return {}
    try:
        value = _participant_signer().unsign(cookie, max_age=PARTICIPANT_COOKIE_AGE)
    except signing.BadSignature:
        return {}
    pairs = (item.split("-") for item in value.split(".") if "-" in item)
    try:
        return {int(session): int(participant) for session, participant in pairs}
    except ValueError:
        return {}


def write_participants(participants: dict[int, int]) -> str:
    # Only characters a cookie carries unquoted.
    value = ".".join(f"{session}-{participant}" for session, participant in participants.items())
    return _participant_signer().sign(value)


# The participants' plain forms carry this token instead of Django's CSRF token: it is bound to
# the participant (one phone's token is worth nothing on another) and costs one HMAC, where the
# CSRF token meant a cookie and a masked token for every phone. The participant cookie is
# SameSite=Lax and HttpOnly, so another site can neither post with it nor read the token.
def participant_token(participant_id: int) -> str:
    return salted_hmac("live.participant-form", str(participant_id)).hexdigest()[:32]


def token_matches(*, participant_id: int, token: str) -> bool:
    return constant_time_compare(participant_token(participant_id), token or "")
