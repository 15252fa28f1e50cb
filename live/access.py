"""Who may run a session: one check for the régie's pages, the synthesis and exports, and the
projector's and the régie's WebSockets."""

from django.db.models import QuerySet
from django.shortcuts import get_object_or_404

from live.models import LiveSession
from workshops.access import User, workshops_for_user


def sessions_run_by(user: User | None) -> QuerySet[LiveSession]:
    """The sessions of the workshops this user facilitates; none for an anonymous visitor
    (a socket's scope may carry no user, or an anonymous one)."""
    if user is None or not user.is_authenticated:
        return LiveSession.objects.none()
    return LiveSession.objects.filter(workshop__in=workshops_for_user(user))


def may_run(user: User | None, *, session_id: int) -> bool:
    return sessions_run_by(user).filter(pk=session_id).exists()


def session_for_user(user: User, pk: int) -> LiveSession:
    """A session this facilitator runs, with what its pages show at once; 404 otherwise."""
    return get_object_or_404(
        sessions_run_by(user).select_related("workshop__programme", "current_step"), pk=pk
    )
