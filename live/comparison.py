"""The same activity across the démarche's workshops, its results side by side.

"The same" is a stored link: a copy of an activity (a duplicated workshop or step, a question
asked again in a later workshop) points to the first of its line (`Activity.lineage`). Each
column is one session's results, drawn by the kind's synthesis (or text) fragment, as the
session's synthesis shows them.
"""

from dataclasses import dataclass

from django.db.models import Q, QuerySet

from live.models import LiveSession
from live.synthesis import ActivityResult, activity_result
from quizzes.models import Activity
from workshops.models import Step, Workshop


@dataclass
class Column:
    step: Step
    session: LiveSession | None  # None: not run yet
    result: ActivityResult | None
    html: str

    @property
    def workshop(self) -> Workshop:
        return self.step.workshop


def lineage(*, activity: Activity) -> QuerySet[Activity]:
    """The activity, the one it was copied from and every other copy of that one."""
    root = activity.lineage_id or activity.pk
    return Activity.objects.filter(Q(pk=root) | Q(lineage_id=root))


def compare(*, activity: Activity, workshops: QuerySet[Workshop]) -> list[Column]:
    """One column per session that ran an activity of the line, workshop by workshop (only
    the `workshops` the reader may see); an activity not run yet has an empty column."""
    steps = (
        Step.objects.filter(activity__in=lineage(activity=activity), workshop__in=workshops)
        .select_related("activity", "workshop")
        .order_by("workshop__number", "order", "pk")
    )
    columns = []
    for step in steps:
        runs = step.activity.runs.select_related("session").order_by("session__started_at")
        if not runs:
            columns.append(Column(step=step, session=None, result=None, html=""))
        for run in runs:
            result = activity_result(session=run.session, step=step, run=run)
            columns.append(
                Column(step=step, session=run.session, result=result, html=result.render())
            )
    return columns
