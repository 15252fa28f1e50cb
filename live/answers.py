"""The answer store: one writer for every kind, over the WebSocket and the HTTP form alike.

An answer is acknowledged only after it is committed. It carries the id the phone made for it;
for kinds with one answer per person, (participant, activity) is unique, so sending it again
(after a lost ack, a reload, a reconnection) updates or confirms it and never duplicates it.
"""

import logging
import uuid
from dataclasses import dataclass, field

from django.core.exceptions import ValidationError
from django.db import DatabaseError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from common.text import without_controls
from live.broadcast import answers_changed
from live.models import ActivityRun, Response
from quizzes.kinds import get_kind
from quizzes.models import Activity

logger = logging.getLogger(__name__)


@dataclass
class Submission:
    """One answer as it arrives from a phone, not yet checked."""

    client_id: str
    session_id: int
    participant_id: int
    activity_id: int
    answer: dict


@dataclass
class Outcome:
    submission: Submission
    error: str | None = None
    response: Response | None = None
    errors: dict = field(default_factory=dict)

    @property
    def ok(self) -> bool:
        return self.error is None


def _check(submission: Submission, activity: Activity | None, run: ActivityRun | None) -> dict:
    """The normalised answer, or ValidationError with the French message to show."""
    if activity is None:
        raise ValidationError(_("Cette activité n'existe plus."), code="gone")
    if run is None:
        raise ValidationError(
            _("Cette activité n'est pas ouverte dans cet atelier."), code="not_in_session"
        )
    if run.session.ended_at is not None:
        raise ValidationError(
            _("Cet atelier est terminé : les réponses sont closes."), code="ended"
        )
    if not run.is_open:
        raise ValidationError(
            _("Cette question est fermée : votre réponse précédente est conservée."),
            code="closed",
        )
    # The step on screen only. A step left open when the facilitator moved on takes answers
    # again when they come back to it, not before: the control view shows and moderates the
    # current step's answers only, so answers elsewhere would arrive where nobody sees them
    # (and only a crafted or a late phone could send them: phones show the current step).
    current_step = run.session.current_step
    if current_step is None or current_step.activity_id != activity.pk:
        raise ValidationError(
            _("Cette question n'est plus en cours : votre réponse précédente est conservée."),
            code="not_current",
        )
    try:
        uuid.UUID(str(submission.client_id))
    except ValueError:
        raise ValidationError(_("Réponse mal formée : rechargez la page."), code="bad_id") from None
    kind = get_kind(activity.kind)
    # Every answer comes this way, over the WebSocket too: control characters end here.
    answer = kind.clean_answer(config=activity.config, answer=without_controls(submission.answer))
    run.activity = activity
    return kind.check_in_run(
        run=run,
        participant_id=submission.participant_id,
        slot=kind.slot(client_id=str(submission.client_id), answer=answer),
        answer=answer,
    )


def record_answers(submissions: list[Submission]) -> list[Outcome]:
    """Check and store a batch of answers in one transaction; one outcome per submission.

    Answers that fail their checks get their French error and are not stored; the others are
    upserted with one statement. After the commit, the screens of every touched activity are
    told to refresh (coalesced by the screens themselves).
    """
    if not submissions:
        return []
    try:
        with transaction.atomic():
            return _record(submissions)
    except DatabaseError:
        if len(submissions) == 1:
            logger.exception("answer could not be stored")
            message = _("Le serveur n'a pas pu enregistrer votre réponse : réessayez.")
            return [Outcome(submissions[0], error=message)]
        # One bad row must not cost the others their answer: store them one by one.
        logger.warning("batch of %d answers failed, retrying one by one", len(submissions))
        return [outcome for s in submissions for outcome in record_answers([s])]


def _record(submissions: list[Submission]) -> list[Outcome]:
    activities = Activity.objects.in_bulk({s.activity_id for s in submissions})
    runs = {
        (run.session_id, run.activity_id): run
        for run in ActivityRun.objects.select_related("session__current_step").filter(
            session_id__in={s.session_id for s in submissions},
            activity_id__in={s.activity_id for s in submissions},
        )
    }
    now = timezone.now()
    outcomes: list[Outcome] = []
    rows: dict[tuple, Response] = {}
    for submission in submissions:
        activity = activities.get(submission.activity_id)
        run = runs.get((submission.session_id, submission.activity_id))
        try:
            answer = _check(submission, activity, run)
        except ValidationError as error:
            outcomes.append(Outcome(submission, error=error.messages[0]))
            continue
        kind = get_kind(activity.kind)
        slot = kind.slot(client_id=str(submission.client_id), answer=answer)
        key = (submission.participant_id, submission.activity_id, slot)
        # The same answer twice in one batch (a double tap): the last one wins.
        rows[key] = Response(
            client_id=submission.client_id,
            session_id=submission.session_id,
            activity_id=submission.activity_id,
            participant_id=submission.participant_id,
            slot=slot,
            data=answer,
            # Held for the facilitator's approval: hidden until they show it.
            hidden=kind.held_for_approval(config=activity.config),
            created_at=now,
            updated_at=now,
        )
        outcomes.append(Outcome(submission, response=rows[key]))
    if rows:
        held = [row for row in rows.values() if row.hidden]
        plain = [row for row in rows.values() if not row.hidden]
        if held:
            # An approved answer sent again unchanged (a lost ack) stays approved.
            stored = Response.objects.filter(
                participant_id__in={row.participant_id for row in held},
                activity_id__in={row.activity_id for row in held},
                hidden=False,
            ).values_list("participant_id", "activity_id", "slot", "data")
            approved = {(p, a, s): data for p, a, s, data in stored}
            for row in held:
                row.hidden = (
                    approved.get((row.participant_id, row.activity_id, row.slot)) != row.data
                )
        for batch, fields in (
            (plain, ["data", "updated_at"]),
            (held, ["data", "updated_at", "hidden"]),
        ):
            if batch:
                Response.objects.bulk_create(
                    batch,
                    update_conflicts=True,
                    unique_fields=["participant", "activity", "slot"],
                    update_fields=fields,
                )
        for session_id, activity_id in {(r.session_id, r.activity_id) for r in rows.values()}:
            answers_changed(session_id=session_id, activity_id=activity_id)
    return outcomes
