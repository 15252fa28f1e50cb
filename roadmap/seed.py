"""Load the demo roadmap of the Hauts-de-Seine from fixtures/roadmap92.json.

Like `workshops/seed.py`: a nested document, easy to read against the deck, loaded only if the
roadmap is missing, so running the demo twice keeps what coordinators changed. Its amounts are
fictitious and the roadmap is flagged as an example, which every page and export says.
"""

import json
from decimal import Decimal
from pathlib import Path

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.db import transaction
from django.utils.dateparse import parse_date

from roadmap.costing import staff_cost
from roadmap.history import record_revision
from roadmap.indicators import BY_CODE
from roadmap.models import (
    Axis,
    Beneficiary,
    Committee,
    CostLine,
    FundingLine,
    Indicator,
    IndicatorTarget,
    Member,
    ProjectSheet,
    Roadmap,
    Seat,
    SheetMilestone,
)
from workshops.models import Organisation, Programme, Step
from workshops.seed import load_seed

SEED_FILE = Path(settings.BASE_DIR) / "fixtures" / "roadmap92.json"


def _decimal(value) -> Decimal | None:
    return None if value in (None, "") else Decimal(str(value))


@transaction.atomic
def load_roadmap_seed(*, path: Path = SEED_FILE) -> tuple[Roadmap, bool]:
    """Create the demo roadmap unless it exists. Returns (roadmap, created)."""
    data = json.loads(Path(path).read_text(encoding="utf-8"))
    spec = data["roadmap"]
    programme = Programme.objects.filter(slug=spec["programme"]).first()
    if programme is None:
        programme, _created = load_seed()
    # Any roadmap already linked to the demo's programme is kept, even renamed.
    existing = Roadmap.objects.filter(programme=programme).order_by("-version").first()
    if existing:
        return existing, False

    for org in data.get("organisations", []):
        Organisation.objects.get_or_create(
            name=org["name"],
            defaults={"short_name": org.get("short_name", ""), "kind": org["kind"]},
        )
    roadmap = Roadmap.objects.create(
        programme=programme,
        name=spec["name"],
        territory=spec["territory"],
        perimeter=spec["perimeter"],
        contract=spec.get("contract", Roadmap.Contract.NONE),
        status=spec.get("status", Roadmap.Status.DRAFT),
        is_example=spec.get("is_example", False),
        context=spec.get("context", ""),
        data_call_intro=spec.get("data_call_intro", ""),
    )
    members = {}
    for item in data.get("members", []):
        members[item["organisation"]] = Member.objects.create(
            roadmap=roadmap,
            organisation=Organisation.objects.get(name=item["organisation"]),
            roles=item.get("roles", []),
            status=item.get("status", Member.Status.CANDIDATE),
            political_function=item.get("political_function", ""),
            technical_function=item.get("technical_function", ""),
        )
    for order, item in enumerate(data.get("committees", []), start=1):
        committee = Committee.objects.create(
            roadmap=roadmap,
            order=order,
            name=item["name"],
            kind=item["kind"],
            frequency=item["frequency"],
            description=item.get("description", ""),
        )
        for name in item.get("co_chairs", []):
            Seat.objects.create(committee=committee, member=members[name], co_chair=True)
        for name in item.get("members", []):
            if name not in item.get("co_chairs", []):
                Seat.objects.create(committee=committee, member=members[name])
    axes = [
        Axis.objects.create(
            roadmap=roadmap,
            order=order,
            title=item["title"],
            description=item.get("description", ""),
            stakes=item.get("stakes", ""),
        )
        for order, item in enumerate(data.get("axes", []), start=1)
    ]
    for number, item in enumerate(data.get("sheets", []), start=1):
        _create_sheet(roadmap, number, item, members, axes, programme)
    return roadmap, True


def _origin(item: dict, programme: Programme) -> dict:
    origin = item.get("origin")
    if not origin:
        return {}
    workshop = programme.workshops.filter(number=origin.get("workshop")).first()
    fields = {"origin_workshop": workshop, "origin_label": origin.get("label", "")}
    step = Step.objects.filter(workshop=workshop, title=origin.get("step")).first()
    if step:
        fields["origin_content_type"] = ContentType.objects.get_for_model(Step)
        fields["origin_object_id"] = step.pk
    return fields


def _create_sheet(roadmap, number, item, members, axes, programme) -> ProjectSheet:
    subsidy = item.get("subsidy") or {}
    criteria = item.get("criteria", {})
    sheet = ProjectSheet.objects.create(
        roadmap=roadmap,
        number=number,
        axis=axes[item["axis"] - 1] if item.get("axis") else None,
        title=item["title"],
        status=item.get("status", ProjectSheet.Status.DRAFT),
        starts_on=parse_date(item["starts_on"]) if item.get("starts_on") else None,
        ends_on=parse_date(item["ends_on"]) if item.get("ends_on") else None,
        context=item.get("context", ""),
        description=item.get("description", ""),
        objectives=item.get("objectives", ""),
        target_publics=item.get("target_publics", ""),
        needs=item.get("needs", []),
        schemes=item.get("schemes", []),
        subsidy_envelope=subsidy.get("envelope", ""),
        subsidy_status=subsidy.get("status", ProjectSheet.SubsidyStatus.NONE),
        subsidy_requested=_decimal(subsidy.get("requested")),
        subsidy_rh=_decimal(subsidy.get("rh")),
        subsidy_prestation=_decimal(subsidy.get("prestation")),
        **{f"criterion_{code}": True for code in criteria},
        **{f"criterion_{code}_why": why for code, why in criteria.items()},
        **_origin(item, programme),
    )
    sheet.carriers.set(members[name] for name in item.get("carriers", []))
    sheet.partners.set(members[name] for name in item.get("partners", []))
    for order, line in enumerate(item.get("costs", []), start=1):
        fte, months, monthly = (_decimal(line.get(k)) for k in ("fte", "months", "monthly_cost"))
        amount = _decimal(line.get("amount"))
        if fte is not None:
            amount = staff_cost(fte=fte, months=months, monthly_cost=monthly)
        CostLine.objects.create(
            sheet=sheet,
            order=order,
            year=line["year"],
            category=line["category"],
            label=line["label"],
            nature=line.get("nature", CostLine.Nature.OPERATING),
            eligible=line.get("eligible", True),
            tenured=line.get("tenured", False),
            fte=fte,
            months=months,
            monthly_cost=monthly,
            amount=amount,
        )
    for order, line in enumerate(item.get("fundings", []), start=1):
        FundingLine.objects.create(
            sheet=sheet,
            order=order,
            funder=members[line["funder"]],
            envelope=line.get("envelope", ""),
            year=line["year"],
            amount=Decimal(line["amount"]),
            status=line["status"],
        )
    for order, line in enumerate(subsidy.get("beneficiaries", []), start=1):
        Beneficiary.objects.create(
            sheet=sheet, order=order, member=members[line["member"]], amount=Decimal(line["amount"])
        )
    for order, spec in enumerate(item.get("indicators", []), start=1):
        definition = BY_CODE.get(spec["code"])
        indicator = Indicator.objects.create(
            sheet=sheet,
            order=order,
            code=spec["code"],
            name=str(definition.name) if definition else spec["name"],
            unit=str(definition.unit) if definition else spec["unit"],
            additive=definition.additive if definition else True,
            source=spec.get("source", ""),
        )
        for year, value in spec.get("targets", {}).items():
            IndicatorTarget.objects.create(
                indicator=indicator, year=int(year), value=Decimal(value)
            )
    for milestone in item.get("milestones", []):
        SheetMilestone.objects.create(
            sheet=sheet, date=parse_date(milestone["date"]), title=milestone["title"]
        )
    record_revision(sheet=sheet, user=None)
    return sheet
