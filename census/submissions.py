"""Places declared by structures through the public form (no account), and their review.

A declaration enters the census only when a coordinator accepts it, through the same writer as
an import (`importing.write_plan`). The form is throttled per client (`common.throttle`): a room
sharing one Wi-Fi address stays well under the limit, a script does not.
"""

import uuid

from django.db import transaction
from django.utils import timezone

from census.importing import plan_rows, write_plan
from census.models import Census, Place, PlaceSubmission
from common import throttle

SUBMISSIONS = throttle.Limit("census-submissions", 60, 60 * 60)


def too_many_submissions(*, client: str) -> bool:
    return throttle.is_reached(limit=SUBMISSIONS, client=client)


def note_submission(*, client: str) -> None:
    throttle.count(limit=SUBMISSIONS, client=client)


def new_ident() -> str:
    return f"lieu-{uuid.uuid4().hex[:12]}"


def submit_place(
    *, census: Census, values: dict[str, str], place: Place | None, contact_email: str = ""
) -> PlaceSubmission:
    return PlaceSubmission.objects.create(
        census=census, place=place, values=values, contact_email=contact_email
    )


@transaction.atomic
def accept_submission(*, submission: PlaceSubmission, user) -> None:
    census = submission.census
    values = dict(submission.values)
    if submission.place_id:  # the place keeps its identifier even if someone changed it since
        values["id"] = submission.place.ident
    write_plan(census=census, planned=plan_rows(census=census, rows=[(0, values)]))
    _decide(submission, user, PlaceSubmission.Status.ACCEPTED, "")


def refuse_submission(*, submission: PlaceSubmission, user, reason: str) -> None:
    _decide(submission, user, PlaceSubmission.Status.REFUSED, reason)


def _decide(submission: PlaceSubmission, user, status: str, reason: str) -> None:
    submission.status = status
    submission.reason = reason
    submission.reviewed_by = user
    submission.reviewed_at = timezone.now()
    submission.save()
