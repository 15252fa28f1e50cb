"""The synthesis of the whole démarche: for each workshop of the roadmap's programme, what it
produced (its sessions, their syntheses, the most voted results of each activity), what later
workshops carried over from it, and what became of it in the roadmap (the axes and sheets whose
origin is that workshop); the roadmap's axes and sheets that came from no workshop close it.

It reads the live sessions (`live`), which sit below the roadmap; the live app never reads the
roadmap.
"""

from dataclasses import dataclass, field

from django.db.models import Count

from live.access import sessions_run_by
from live.carry_over import Offer, run_offers
from live.models import CarriedItem, LiveSession
from roadmap.models import Axis, ProjectSheet, Roadmap
from workshops.models import Workshop

TOP = 3  # results shown per activity, the most voted first


@dataclass
class Produced:
    """An activity of a session and its first results."""

    title: str
    offers: list[Offer]
    more: int


@dataclass
class SessionTrace:
    session: LiveSession
    participant_count: int
    answer_count: int
    may_open: bool  # the reader runs it: the link to its synthesis works for them
    produced: list[Produced] = field(default_factory=list)


@dataclass
class WorkshopTrace:
    workshop: Workshop
    sessions: list[SessionTrace]
    carried_in: list[CarriedItem]  # taken from earlier workshops
    carried_on: list[CarriedItem]  # taken up by later workshops
    axes: list[Axis]
    sheets: list[ProjectSheet]


def _session_trace(session: LiveSession, *, may_open: bool) -> SessionTrace:
    trace = SessionTrace(
        session=session,
        participant_count=session.participant_count,
        answer_count=session.answer_count,
        may_open=may_open,
    )
    runs = session.runs.select_related("activity", "session__workshop").order_by(
        "activity__step__order"
    )
    for run in runs:
        offers = run_offers(run)
        if offers:
            trace.produced.append(
                Produced(title=run.activity.title, offers=offers[:TOP], more=len(offers) - TOP)
            )
    return trace


def demarche_trace(*, roadmap: Roadmap, user) -> list[WorkshopTrace]:
    """Workshop by workshop, what it produced and what the roadmap made of it."""
    if roadmap.programme_id is None:
        return []
    runnable = set(sessions_run_by(user).values_list("pk", flat=True))
    axes = list(roadmap.axes.filter(origin_workshop__isnull=False))
    sheets = list(roadmap.sheets.filter(origin_workshop__isnull=False).select_related("axis"))
    carried = list(
        CarriedItem.objects.filter(workshop__programme_id=roadmap.programme_id).select_related(
            "workshop", "run__activity", "run__session__workshop"
        )
    )
    traces = []
    for workshop in roadmap.programme.workshops.order_by("number"):
        sessions = workshop.sessions.annotate(
            participant_count=Count("participants", distinct=True),
            answer_count=Count("responses", distinct=True),
        ).order_by("started_at")
        traces.append(
            WorkshopTrace(
                workshop=workshop,
                sessions=[_session_trace(s, may_open=s.pk in runnable) for s in sessions],
                carried_in=[item for item in carried if item.workshop_id == workshop.pk],
                carried_on=[
                    item for item in carried if item.run.session.workshop_id == workshop.pk
                ],
                axes=[axis for axis in axes if axis.origin_workshop_id == workshop.pk],
                sheets=[sheet for sheet in sheets if sheet.origin_workshop_id == workshop.pk],
            )
        )
    return traces


def without_workshop(*, roadmap: Roadmap) -> dict:
    """The roadmap's axes and sheets that came from no workshop of the démarche."""
    return {
        "axes": list(roadmap.axes.filter(origin_workshop__isnull=True)),
        "sheets": list(roadmap.sheets.filter(origin_workshop__isnull=True)),
    }
