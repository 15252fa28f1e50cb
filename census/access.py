"""Who may read and who may edit a census: the same people as the programme's roadmap.

- edit: coordinators who edit a roadmap of the census' programme (and superusers);
- read: those, plus the facilitators of a workshop of the programme;
- anyone else gets a 404, so other territories' censuses don't leak.

The roadmap is read through the programme's reverse relation (`programme.roadmaps`): the census
does not import the roadmap, which sits on top of it.
"""

from django.core.exceptions import PermissionDenied
from django.db.models import Q, QuerySet
from django.shortcuts import get_object_or_404

from census.models import Census
from workshops.access import User, group_required, is_coordinator, is_facilitator

coordinator_required = group_required(is_coordinator)


def censuses_for_user(user: User) -> QuerySet:
    censuses = Census.objects.select_related("programme")
    if user.is_superuser:
        return censuses
    readable = Q(pk__in=[])
    if is_coordinator(user):
        readable |= Q(programme__roadmaps__editors=user)
    if is_facilitator(user):
        readable |= Q(programme__workshops__facilitators=user)
    return censuses.filter(pk__in=Census.objects.filter(readable).values("pk"))


def can_edit(user: User, census: Census) -> bool:
    if not user.is_authenticated or not user.is_active:
        return False
    if user.is_superuser:
        return True
    return is_coordinator(user) and census.programme.roadmaps.filter(editors=user).exists()


def get_census_for_user(user: User, pk: int, *, edit: bool = False) -> Census:
    """The census if this user may read it (404 otherwise); with `edit`, 403 for readers."""
    census = get_object_or_404(censuses_for_user(user), pk=pk)
    census.user_can_edit = can_edit(user, census)
    if edit and not census.user_can_edit:
        raise PermissionDenied
    return census
