"""Load a programme and its workshops from a seed file (fixtures/workshop1.json).

The seed is a nested document, easier to check against the deck than a flat Django fixture.
Loading is idempotent: a programme already present (same slug) is left as it is, so running
the demo twice keeps everything facilitators changed or participants answered. The one thing
added to a programme already there is the plan and steps of a workshop the seed has and the
database holds still empty (workshops n°2 to n°4, planned in the rétroplanning before their
content was written): a workshop with a plan or a step is never touched.
"""

import json
from pathlib import Path

from django.conf import settings
from django.db import transaction
from django.utils.dateparse import parse_date, parse_datetime

from workshops.models import (
    AgendaItem,
    Milestone,
    Organisation,
    Phase,
    Programme,
    Step,
    Track,
    Workshop,
)

SEED_FILE = Path(settings.BASE_DIR) / "fixtures" / "workshop1.json"


def _date(value: str | None):
    return parse_date(value) if value else None


@transaction.atomic
def load_seed(*, path: Path = SEED_FILE) -> tuple[Programme, bool]:
    """Create the programme described in `path` unless it exists. Returns (programme, created)."""
    data = json.loads(Path(path).read_text(encoding="utf-8"))
    spec = data["programme"]
    existing = Programme.objects.filter(slug=spec["slug"]).first()
    if existing:
        _complete_workshops(existing, spec.get("workshops", []))
        return existing, False

    organisations = {}
    for org in data.get("organisations", []):
        obj, _ = Organisation.objects.get_or_create(
            name=org["name"],
            defaults={"short_name": org.get("short_name", ""), "kind": org.get("kind", "autre")},
        )
        organisations[obj.name] = obj

    programme = Programme.objects.create(
        slug=spec["slug"],
        name=spec["name"],
        territory=spec["territory"],
        description=spec.get("description", ""),
        timeline_note=spec.get("timeline_note", ""),
    )
    programme.carriers.set(organisations[name] for name in spec.get("carriers", []))

    phases = {}
    for order, item in enumerate(spec.get("phases", []), start=1):
        phases[item["title"]] = Phase.objects.create(
            programme=programme,
            order=order,
            title=item["title"],
            summary=item.get("summary", ""),
            status=item.get("status", "a_venir"),
            status_note=item.get("status_note", ""),
            carried_by=organisations.get(item.get("carried_by") or ""),
        )
    tracks = {}
    for order, item in enumerate(spec.get("tracks", []), start=1):
        tracks[item["name"]] = Track.objects.create(
            programme=programme,
            order=order,
            name=item["name"],
            starts_on=_date(item.get("starts_on")),
            ends_on=_date(item.get("ends_on")),
            note=item.get("note", ""),
        )
    workshops = {}
    for item in spec.get("workshops", []):
        workshops[item["number"]] = _create_workshop(programme, item, organisations)
    for item in spec.get("milestones", []):
        Milestone.objects.create(
            programme=programme,
            phase=phases.get(item.get("phase") or ""),
            track=tracks.get(item.get("track") or ""),
            workshop=workshops.get(item.get("workshop")),
            kind=item.get("kind", "autre"),
            stage=item.get("stage", ""),
            title=item["title"],
            description=item.get("description", ""),
            starts_on=_date(item.get("starts_on")),
            ends_on=_date(item.get("ends_on")),
            date_label=item.get("date_label", ""),
            status=item.get("status", "a_venir"),
        )
    return programme, True


def _create_workshop(programme: Programme, item: dict, organisations: dict) -> Workshop:
    workshop = Workshop.objects.create(
        programme=programme,
        number=item["number"],
        title=item["title"],
        theme=item.get("theme", ""),
        starts_at=parse_datetime(item["starts_at"]),
        ends_at=parse_datetime(item["ends_at"]) if item.get("ends_at") else None,
        venue=item.get("venue", ""),
        address=item.get("address", ""),
        city=item.get("city", ""),
        preparation_note=item.get("preparation_note", ""),
    )
    workshop.partners.set(organisations[name] for name in item.get("partners", []))
    _fill_workshop(workshop, item)
    return workshop


def _complete_workshops(programme: Programme, items: list[dict]) -> None:
    """Give the programme's still empty workshops the plan and steps of the seed."""
    for item in items:
        if not item.get("steps"):
            continue
        workshop = programme.workshops.filter(number=item["number"]).first()
        if workshop is None:
            organisations = {o.name: o for o in Organisation.objects.all()}
            _create_workshop(programme, item, organisations)
            continue
        if workshop.steps.exists() or workshop.agenda.exists():
            continue
        workshop.venue = workshop.venue or item.get("venue", "")
        workshop.preparation_note = workshop.preparation_note or item.get("preparation_note", "")
        workshop.save(update_fields=["venue", "preparation_note"])
        _fill_workshop(workshop, item)


def _same_as(programme: Programme, ref: dict | None):
    """The activity a seeded one is "the same" as (`{"workshop": n, "title": step title}`),
    so their results compare across workshops; None when there is none."""
    if not ref:
        return None
    step = Step.objects.filter(
        workshop__programme=programme,
        workshop__number=ref["workshop"],
        title=ref["title"],
        activity__isnull=False,
    ).first()
    if step is None:
        return None
    return step.activity.lineage_id or step.activity_id


def _fill_workshop(workshop: Workshop, item: dict) -> None:
    from quizzes.models import Activity

    agenda = [
        AgendaItem.objects.create(workshop=workshop, order=order, title=title)
        for order, title in enumerate(item.get("agenda", []), start=1)
    ]
    for order, step in enumerate(item.get("steps", []), start=1):
        activity = None
        if step.get("activity"):
            activity = Activity(
                **step["activity"], lineage_id=_same_as(workshop.programme, step.get("same_as"))
            )
            activity.full_clean()
            activity.save()
        Step.objects.create(
            workshop=workshop,
            order=order,
            kind=step["kind"],
            title=step["title"],
            subtitle=step.get("subtitle", ""),
            body=step.get("body", ""),
            notes=step.get("notes", ""),
            agenda_item=agenda[step["agenda"] - 1] if step.get("agenda") else None,
            activity=activity,
        )
