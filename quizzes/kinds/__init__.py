"""Activity kinds: each one a module that brings only what differs (settings, answer checks,
results, fragments). The registry maps a kind's name to its module's KIND."""

from quizzes.kinds import (
    blanks,
    choice,
    classify,
    cowrite,
    icebreaker,
    ideas,
    matrix,
    open_question,
    points,
    ranking,
    retro,
    vote,
)
from quizzes.kinds.base import ActivityKind

KINDS: dict[str, ActivityKind] = {
    module.KIND.name: module.KIND
    for module in (
        vote,
        icebreaker,
        ideas,
        open_question,
        choice,
        blanks,
        classify,
        retro,
        ranking,
        matrix,
        points,
        cowrite,
    )
}


def get_kind(name: str) -> ActivityKind:
    try:
        return KINDS[name]
    except KeyError:
        raise LookupError(f"Type d'activité inconnu : « {name} ».") from None
