"""The structures governance members stand for (`workshops.Organisation`), and who may change
them.

A structure is one record, known by its name, shared by every roadmap that lists it (each signed
version of a roadmap included) and by the programmes and workshops it carries or partners. So a
member form changes a structure's short name, type and SIRET only when nothing but that member
points to it. Otherwise the member is linked to the structure as it is: one coordinator must not
rewrite another territory's governance, a signed version or a workshop page through their own
roadmap. A different name is a different structure, so renaming a member never touches the
records others point to.
"""

from django.db.models import Q, QuerySet

from roadmap.access import roadmaps_for_user
from roadmap.models import Member
from workshops.access import User, is_staff_member, workshops_for_user
from workshops.models import Organisation


def find_structure(*, name: str) -> Organisation | None:
    """The known structure of that name, whatever its case."""
    return Organisation.objects.filter(name__iexact=name.strip()).first()


def is_shared(*, organisation: Organisation, member: Member | None = None) -> bool:
    """Whether anything but this member points to the structure (another roadmap or version,
    a programme, a phase, a workshop, or whatever comes to point to structures later)."""
    if organisation.pk is None:
        return False
    for relation in Organisation._meta.related_objects:
        users = relation.related_model._base_manager.filter(**{relation.field.name: organisation})
        if relation.related_model is Member and member is not None and member.pk:
            users = users.exclude(pk=member.pk)
        if users.exists():
            return True
    return False


def structures_for_user(*, user: User) -> QuerySet:
    """The structures this user already sees: the members of the roadmaps they read, the
    carriers of the programmes' phases (the rétroplanning, open to facilitators and
    coordinators), and the partners of the workshops they facilitate."""
    seen = Q(memberships__roadmap__in=roadmaps_for_user(user))
    if is_staff_member(user):
        seen |= Q(programmes__isnull=False) | Q(phases__isnull=False)
        seen |= Q(workshops__in=workshops_for_user(user))
    return Organisation.objects.filter(
        pk__in=Organisation.objects.filter(seen).values("pk")
    ).order_by("name")
