"""From workshops to the roadmap: an idea or a vote's result becomes an axis or a draft sheet.

The activities (idea board, prioritisation vote) call these functions; the axis or sheet keeps
where it came from, as a sentence people read ("issu de l'atelier n°2, idée « … », 14 votes")
and as links (the workshop, and the idea or result itself through a generic relation).
"""

from django.contrib.contenttypes.models import ContentType
from django.db import models, transaction
from django.db.models import Max
from django.utils.translation import gettext as _

from roadmap.history import record_revision
from roadmap.models import Axis, ProjectSheet, Roadmap
from workshops.models import Workshop

TITLE_MAX = 200


class BridgeError(ValueError):
    """The roadmap cannot take this source (signed roadmap, workshop of another programme)."""


def describe_origin(*, workshop: Workshop | None, kind: str, text: str, votes: int | None) -> str:
    """ "issu de l'atelier n°2, idée « Un guichet unique », 14 votes"."""
    parts = []
    if workshop is not None:
        parts.append(_("issu de l'atelier n°%(number)s") % {"number": workshop.number})
    else:
        parts.append(_("issu des ateliers"))
    if text:
        short = text if len(text) <= 80 else text[:79].rstrip() + "…"
        parts.append(f"{kind} « {short} »")
    if votes is not None:
        # French puts 0 and 1 in the singular; ngettext without a catalogue would not.
        label = _("%(count)s vote") if votes < 2 else _("%(count)s votes")
        parts.append(label % {"count": votes})
    return ", ".join(parts)


def _check(*, roadmap: Roadmap, workshop: Workshop | None) -> None:
    if roadmap.is_frozen:
        raise BridgeError(
            _("Cette feuille de route est signée : ouvrez une nouvelle version pour y ajouter.")
        )
    if (
        workshop is not None
        and roadmap.programme_id
        and workshop.programme_id != roadmap.programme_id
    ):
        raise BridgeError(
            _("Cet atelier n'appartient pas à la démarche de cette feuille de route.")
        )


def _origin_fields(
    *, workshop: Workshop | None, label: str, votes: int | None, source: models.Model | None
) -> dict:
    fields = {"origin_workshop": workshop, "origin_label": label[:300], "origin_votes": votes}
    if source is not None:
        fields["origin_content_type"] = ContentType.objects.get_for_model(source)
        fields["origin_object_id"] = source.pk
    return fields


def _split_title(title: str, description: str) -> tuple[str, str]:
    """An idea longer than a title keeps its full text at the top of the description."""
    title = " ".join(title.split())
    if len(title) <= TITLE_MAX:
        return title, description
    short = title[: TITLE_MAX - 1].rstrip() + "…"
    return short, "\n\n".join(part for part in (title, description) if part)


@transaction.atomic
def draft_sheet_from_source(
    *,
    roadmap: Roadmap,
    title: str,
    description: str = "",
    origin_workshop: Workshop | None = None,
    origin_label: str = "",
    votes: int | None = None,
    source: models.Model | None = None,
    axis: Axis | None = None,
    user=None,
    fields: dict | None = None,
) -> ProjectSheet:
    """A draft project sheet made from an idea or a vote's result, keeping where it came from.

    `origin_label` defaults to "issu de l'atelier n°N, idée « title », V votes"; `fields`: other
    text fields of the sheet (a co-written sheet's objectives, publics…).
    """
    _check(roadmap=roadmap, workshop=origin_workshop)
    if axis is not None and axis.roadmap_id != roadmap.pk:
        raise BridgeError(_("Cet axe appartient à une autre feuille de route."))
    label = origin_label or describe_origin(
        workshop=origin_workshop, kind=_("idée"), text=title, votes=votes
    )
    title, description = _split_title(title, description)
    number = (roadmap.sheets.aggregate(last=Max("number"))["last"] or 0) + 1
    sheet = ProjectSheet.objects.create(
        roadmap=roadmap,
        axis=axis,
        number=number,
        title=title,
        description=description,
        status=ProjectSheet.Status.DRAFT,
        updated_by=user,
        **(fields or {}),
        **_origin_fields(workshop=origin_workshop, label=label, votes=votes, source=source),
    )
    record_revision(sheet=sheet, user=user)
    return sheet


@transaction.atomic
def axis_from_source(
    *,
    roadmap: Roadmap,
    title: str,
    description: str = "",
    stakes: str = "",
    origin_workshop: Workshop | None = None,
    origin_label: str = "",
    votes: int | None = None,
    source: models.Model | None = None,
    user=None,
) -> Axis:
    """A strategic axis made from an idea or a vote's result, placed after the existing ones.

    `user` is accepted for symmetry with `draft_sheet_from_source` (axes keep no history).
    """
    _check(roadmap=roadmap, workshop=origin_workshop)
    label = origin_label or describe_origin(
        workshop=origin_workshop, kind=_("idée"), text=title, votes=votes
    )
    title, description = _split_title(title, description)
    order = (roadmap.axes.aggregate(last=Max("order"))["last"] or 0) + 1
    return Axis.objects.create(
        roadmap=roadmap,
        order=order,
        title=title,
        description=description,
        stakes=stakes,
        **_origin_fields(workshop=origin_workshop, label=label, votes=votes, source=source),
    )
