"""Who may do what: facilitators run workshops, coordinators edit roadmaps.

Both are Django groups; per-object rights sit on the objects (a workshop's facilitators,
a roadmap's editors). Superusers may do everything.
"""

from collections.abc import Callable
from functools import wraps

from django.contrib.auth.decorators import login_required
from django.contrib.auth.models import AbstractBaseUser, AnonymousUser
from django.core.exceptions import PermissionDenied
from django.db.models import QuerySet
from django.shortcuts import get_object_or_404

FACILITATORS_GROUP = "Animateurs"
COORDINATORS_GROUP = "Coordinateurs"

User = AbstractBaseUser | AnonymousUser


def _in_group(user: User, name: str) -> bool:
    if not user.is_authenticated or not user.is_active:
        return False
    if user.is_superuser:
        return True
    # Cached on the user object: the layout asks on every page.
    cache = getattr(user, "_fne_groups", None)
    if cache is None:
        cache = set(user.groups.values_list("name", flat=True))
        user._fne_groups = cache
    return name in cache


def is_facilitator(user: User) -> bool:
    return _in_group(user, FACILITATORS_GROUP)


def is_coordinator(user: User) -> bool:
    return _in_group(user, COORDINATORS_GROUP)


def is_staff_member(user: User) -> bool:
    """Facilitators and coordinators share the programme pages (rétroplanning, each only its
    own programmes: `programmes_for_user`)."""
    return is_facilitator(user) or is_coordinator(user)


def landing_url(user: User) -> str | None:
    """Where a person lands after logging in: the one space their role works in, or None
    when they have both (they choose) or neither (they are told)."""
    from django.urls import reverse

    facilitator, coordinator = is_facilitator(user), is_coordinator(user)
    if facilitator and not coordinator:
        return reverse("workshops:dashboard")
    if coordinator and not facilitator:
        return reverse("roadmap:list")
    return None


def group_required(check: Callable[[User], bool]) -> Callable:
    """Log in first, then refuse (403) a user who is not in the right group."""

    def decorator(view: Callable) -> Callable:
        @wraps(view)
        @login_required
        def wrapped(request, *args, **kwargs):
            if not check(request.user):
                raise PermissionDenied
            return view(request, *args, **kwargs)

        return wrapped

    return decorator


facilitator_required = group_required(is_facilitator)
staff_required = group_required(is_staff_member)


def workshops_for_user(user: User) -> QuerySet:
    from workshops.models import Workshop

    workshops = Workshop.objects.select_related("programme")
    if user.is_superuser:
        return workshops
    if not is_facilitator(user):
        return workshops.none()
    return workshops.filter(facilitators=user)


def programmes_for_user(user: User) -> QuerySet:
    """The programmes this user works on: facilitating one of its workshops, or editing one
    of its roadmaps (its rétroplanning is theirs to read, not other territories')."""
    from django.db.models import Q

    from workshops.models import Programme

    if user.is_superuser:
        return Programme.objects.all()
    mine = Q(pk__in=[])
    if is_facilitator(user):
        mine |= Q(workshops__facilitators=user)
    if is_coordinator(user):
        mine |= Q(roadmaps__editors=user)
    return Programme.objects.filter(pk__in=Programme.objects.filter(mine).values("pk"))


def get_workshop_for_user(user: User, pk: int):
    """The workshop if this user facilitates it; 404 otherwise, so ids don't leak."""
    return get_object_or_404(workshops_for_user(user), pk=pk)
