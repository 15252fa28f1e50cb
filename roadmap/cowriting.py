"""The sheets co-written in groups during a workshop (live.cowriting) land in the roadmap as
draft project sheets, with their trace: the workshop, the group, the contributors' pseudonyms,
the idea the group started from. Landing twice gives the same sheets (each group's sheet points
back to its group, `Origin.origin_object`); the coordinator then reviews them with the sheet's
own tools (editing, costing, history)."""

from django.contrib.contenttypes.models import ContentType
from django.db import transaction
from django.utils.translation import gettext as _

from live import cowriting
from live.models import ActivityRun, CowriteGroup
from quizzes.kinds.cowrite import FIELDS_BY_NAME
from roadmap.bridge import draft_sheet_from_source
from roadmap.models import ProjectSheet, Roadmap

# Sheet fields that have a field of their own in a ProjectSheet; the others are gathered, each
# under its label, in the sheet's description.
OWN_FIELDS = {"need": "context", "objectives": "objectives", "publics": "target_publics"}
IN_DESCRIPTION = ("lead", "partners", "actions", "calendar", "cost", "indicators")


def cowrite_runs(*, roadmap: Roadmap) -> list[ActivityRun]:
    """The co-writing activities run in the workshops of the roadmap's programme."""
    if roadmap.programme_id is None:
        return []
    return list(
        ActivityRun.objects.filter(
            session__workshop__programme_id=roadmap.programme_id,
            activity__kind="cowrite",
            cowrite_groups__isnull=False,
        )
        .distinct()
        .select_related("activity", "session__workshop")
        .order_by("-session__started_at", "activity__title")
    )


def landed_sheet(*, roadmap: Roadmap, group: CowriteGroup) -> ProjectSheet | None:
    return ProjectSheet.objects.filter(
        roadmap=roadmap,
        origin_content_type=ContentType.objects.get_for_model(CowriteGroup),
        origin_object_id=group.pk,
    ).first()


def sheet_title(group: CowriteGroup) -> str:
    title = cowriting.fields_of(group).get("title")
    return (title.text.strip() if title else "") or group.label


def trace(*, group: CowriteGroup, workshop) -> str:
    """ "issu de l'atelier n°3, groupe « Table 2 », rédigé par Awa, Léo, idée « … »"."""
    parts = [
        _("issu de l'atelier n°%(number)s") % {"number": workshop.number},
        _("groupe « %(label)s »") % {"label": group.label},
    ]
    names = cowriting.contributors(group)
    if names:
        parts.append(_("rédigé par %(names)s") % {"names": ", ".join(names)})
    if group.idea:
        parts.append(_("idée « %(idea)s »") % {"idea": group.idea})
    return ", ".join(parts)


@transaction.atomic
def land_sheets(*, roadmap: Roadmap, run: ActivityRun, user=None) -> list[ProjectSheet]:
    """Every group's sheet with something written, as a draft sheet of `roadmap` (the ones
    already landed are given back as they are, not duplicated)."""
    Roadmap.objects.select_for_update().filter(pk=roadmap.pk).first()  # one landing at a time
    workshop = run.session.workshop
    sheets = []
    for group in cowriting.groups_of(run):
        existing = landed_sheet(roadmap=roadmap, group=group)
        if existing is not None:
            sheets.append(existing)
            continue
        texts = {name: field.text.strip() for name, field in cowriting.fields_of(group).items()}
        if not any(texts.values()):
            continue
        description = "\n\n".join(
            f"{FIELDS_BY_NAME[name].label} : {texts[name]}"
            for name in IN_DESCRIPTION
            if texts.get(name)
        )
        axis = roadmap.axes.filter(title__iexact=group.axis).first() if group.axis else None
        sheets.append(
            draft_sheet_from_source(
                roadmap=roadmap,
                title=sheet_title(group),
                description=description,
                origin_workshop=workshop,
                origin_label=trace(group=group, workshop=workshop)[:300],
                source=group,
                axis=axis,
                user=user,
                fields={own: texts.get(name, "") for name, own in OWN_FIELDS.items()},
            )
        )
    return sheets
