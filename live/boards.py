"""An idea board's ideas as they stand in a session, read from the answer store (for the
synthesis and the roadmap: an idea becomes a project sheet). The board itself, its merges and
its ranking are the kind's (`quizzes.kinds.ideas`); this reads the answers it is built from."""

from dataclasses import dataclass

from live.models import ActivityRun, Response
from quizzes.kinds.ideas import (
    KIND,
    build_board,
    column_title,
    is_idea,
    merged_map,
    ranking,
    resolve,
)


# Reading an idea (for the roadmap: an idea becomes a project sheet) ------------------------
@dataclass(frozen=True)
class IdeaRecord:
    id: int
    text: str
    column: str
    column_title: str
    votes: int
    merged_texts: tuple[str, ...]
    authors: tuple[str, ...]
    hidden: bool
    activity_id: int
    session_id: int
    workshop_id: int
    workshop_title: str


def read_idea(*, response_id: int) -> IdeaRecord:
    """An idea of an idea board as it stands: its text, its column (after the facilitator's
    moves), its votes, the texts merged into it, its workshop. An idea merged into another
    reads as the idea it joined. LookupError if `response_id` is not an idea."""
    response = (
        Response.objects.select_related("activity", "session__workshop")
        .filter(pk=response_id, activity__kind=KIND.name)
        .first()
    )
    if response is None or not is_idea(response):
        raise LookupError(f"Aucune idée n° {response_id}.")
    run = ActivityRun.objects.filter(
        session_id=response.session_id, activity_id=response.activity_id
    ).first()
    state = (run.state if run else None) or {}
    root_id = resolve(response.pk, merged_map(state))
    responses = list(
        Response.objects.filter(
            session_id=response.session_id, activity_id=response.activity_id
        ).select_related("participant")
    )
    hidden = {r.pk for r in responses if r.hidden}
    visible = [r for r in responses if not r.hidden or r.pk == root_id]
    board = build_board(config=response.activity.config, state=state, responses=visible)
    idea = board["ideas"][root_id]
    config = response.activity.config
    return IdeaRecord(
        id=idea.id,
        text=idea.text,
        column=idea.column,
        column_title=column_title(config, idea.column),
        votes=idea.votes,
        merged_texts=tuple(item["text"] for item in idea.merged),
        authors=tuple(idea.authors),
        hidden=root_id in hidden,
        activity_id=response.activity_id,
        session_id=response.session_id,
        workshop_id=response.session.workshop_id,
        workshop_title=response.session.workshop.title,
    )


def ranked_ideas(*, session, activity) -> list[IdeaRecord]:
    """Every visible idea of a board in a session, most voted first."""
    run = ActivityRun.objects.filter(session=session, activity=activity).first()
    responses = list(
        Response.objects.filter(session=session, activity=activity, hidden=False).select_related(
            "participant"
        )
    )
    board = build_board(
        config=activity.config, state=(run.state if run else None) or {}, responses=responses
    )
    return [
        IdeaRecord(
            id=idea.id,
            text=idea.text,
            column=idea.column,
            column_title=column_title(activity.config, idea.column),
            votes=idea.votes,
            merged_texts=tuple(item["text"] for item in idea.merged),
            authors=tuple(idea.authors),
            hidden=False,
            activity_id=activity.pk,
            session_id=session.pk,
            workshop_id=session.workshop_id,
            workshop_title=session.workshop.title,
        )
        for idea in ranking(list(board["ideas"].values()))
    ]
