"""What the workshops produced that a coordinator can turn into an axis or a draft sheet.

Each activity kind says which of its results qualify (`ActivityKind.roadmap_sources`: the
options of a prioritisation vote, the ideas of an idea board…); this module gathers them for
the workshops of the roadmap's programme and finds one again from its reference.
"""

from dataclasses import dataclass, field

from live.models import ActivityRun, Response
from quizzes.kinds import get_kind
from roadmap.models import Roadmap


@dataclass
class Source:
    run: ActivityRun
    key: str
    text: str
    votes: int | None
    kind: str
    description: str = ""

    @property
    def reference(self) -> str:
        return f"{self.run.pk}:{self.key}"


@dataclass
class SourceGroup:
    run: ActivityRun
    sources: list[Source] = field(default_factory=list)


def _sources_of(run: ActivityRun) -> list[Source]:
    responses = list(
        Response.objects.filter(
            session=run.session, activity=run.activity, hidden=False
        ).select_related("participant")
    )
    kind = get_kind(run.activity.kind)
    return [
        Source(
            run=run,
            key=item["key"],
            text=item["text"],
            votes=item.get("votes"),
            kind=str(item.get("kind", "")),
            description=item.get("description", ""),
        )
        for item in kind.roadmap_sources(activity=run.activity, run=run, responses=responses)
    ]


def workshop_sources(*, roadmap: Roadmap) -> list[SourceGroup]:
    """For every activity run in the programme's sessions, what it offers, newest first."""
    if roadmap.programme_id is None:
        return []
    runs = (
        ActivityRun.objects.filter(session__workshop__programme_id=roadmap.programme_id)
        .select_related("activity", "session__workshop")
        .order_by("-session__started_at", "activity__title")
    )
    groups = [SourceGroup(run=run, sources=_sources_of(run)) for run in runs]
    return [group for group in groups if group.sources]


def find_source(*, roadmap: Roadmap, reference: str) -> Source | None:
    """The source a form names ("run id:key"), recomputed from the stored answers."""
    run_id, _sep, key = reference.partition(":")
    if not run_id.isdigit() or roadmap.programme_id is None:
        return None
    run = (
        ActivityRun.objects.filter(
            pk=int(run_id), session__workshop__programme_id=roadmap.programme_id
        )
        .select_related("activity", "session__workshop")
        .first()
    )
    if run is None:
        return None
    return next((source for source in _sources_of(run) if source.key == key), None)
