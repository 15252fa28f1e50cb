"""Who may read and who may edit a roadmap.

- edit: the roadmap's editors who are coordinators (and superusers);
- read: those, plus the facilitators of a workshop of the roadmap's programme (they project
  its governance);
- anyone else gets a 404, so the ids of other territories' roadmaps don't leak; anonymous
  visitors are sent to the login page first (by the view decorators);
- a signed roadmap is read-only, for its editors too: every page that changes a roadmap goes
  through `edits_roadmap`, every form that changes one through `ReadOnlyOnceSigned`.
"""

from collections.abc import Callable
from functools import wraps

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Q, QuerySet
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.utils.translation import gettext_lazy as _

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
    # What the pages offer: no button that changes a signed roadmap.
    roadmap.user_can_change = roadmap.user_can_edit and not roadmap.is_frozen
    if edit and not roadmap.user_can_edit:
        raise PermissionDenied
    return roadmap


# A signed roadmap is read-only

SIGNED = _(
    "Cette feuille de route est signée : elle est figée. Ouvrez une nouvelle version pour la "
    "modifier."
)
SIGNED_FORM = _(
    "Cette feuille de route est signée : elle est figée. Ouvrez une nouvelle version pour la "
    "modifier. Votre saisie est conservée ci-dessous."
)


def edits_roadmap(
    view: Callable | None = None, *, form: bool = False, open_when_signed: bool = False
) -> Callable:
    """The guard of every page that changes a roadmap (its `pk` in the URL): its editors only
    (403 for its readers, 404 for others), and nothing once it is signed. The view receives the
    roadmap instead of its pk.

    On a signed roadmap, the editor is sent back to it with the reason. With `form`, a form
    posted to it goes through to the form, which refuses it (`ReadOnlyOnceSigned`): someone may
    have signed while it was being typed, and what was typed must not be lost.
    `open_when_signed` is for the few pages that change nothing the signature covers (who edits,
    the way to a new version, documents sent in, the sheet form's live figures); say why where
    it is used.
    """

    def decorator(view: Callable) -> Callable:
        @wraps(view)
        def guarded(request: HttpRequest, pk: int, **kwargs) -> HttpResponse:
            roadmap = get_roadmap_for_user(request.user, pk, edit=True)
            posted_form = form and request.method == "POST"
            if roadmap.is_frozen and not (open_when_signed or posted_form):
                messages.warning(request, SIGNED)
                return redirect(roadmap)
            return view(request, roadmap, **kwargs)

        return guarded

    return decorator(view) if view else decorator


class ReadOnlyOnceSigned:
    """Mixed into every form that changes a roadmap: once the roadmap is signed, the form is
    refused with the reason, and what was typed stays on screen."""

    def changed_roadmap(self) -> Roadmap | None:
        """The roadmap this form changes (None for a roadmap being created)."""
        return self.roadmap

    def clean(self):
        cleaned = super().clean()
        roadmap = self.changed_roadmap()
        if roadmap is not None and roadmap.is_frozen:
            raise ValidationError(SIGNED_FORM, code="frozen")
        return cleaned
