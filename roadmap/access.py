"""Who may read and who may edit a roadmap.

- edit: the roadmap's editors who are coordinators (and superusers);
- read: those, plus the facilitators of a workshop of the roadmap's programme (they project
  its governance);
- anyone else gets a 404, so the ids of other territories' roadmaps don't leak; anonymous
  visitors are sent to the login page first (by the view decorators).
"""

from django.core.exceptions import PermissionDenied
from django.db.models import Q, QuerySet
from django.shortcuts import get_object_or_404

from roadmap.models import Roadmap
from workshops.access import User, group_required, is_coordinator, is_facilitator

coordinator_required = group_required(is_coordinator)


def roadmaps_for_user(user: User) -> QuerySet:
    roadmaps = Roadmap.objects.select_related("programme")
    if user.is_superuser:
        return roadmaps
    readable = Q(pk__in=[])
    if is_coordinator(user):
        readable |= Q(editors=user)
    if is_facilitator(user):
        readable |= Q(programme__workshops__facilitators=user)
    return roadmaps.filter(pk__in=Roadmap.objects.filter(readable).values("pk"))


def can_edit(user: User, roadmap: Roadmap) -> bool:
    if not user.is_authenticated or not user.is_active:
        return False
    if user.is_superuser:
        return True
    return is_coordinator(user) and roadmap.editors.filter(pk=user.pk).exists()


def get_roadmap_for_user(user: User, pk: int, *, edit: bool = False) -> Roadmap:
    """The roadmap if this user may read it (404 otherwise); with `edit`, 403 for readers."""
    roadmap = get_object_or_404(roadmaps_for_user(user), pk=pk)
    roadmap.user_can_edit = can_edit(user, roadmap)
    if edit and not roadmap.user_can_edit:
        raise PermissionDenied
    return roadmap
