"""Versions of a roadmap: a signed roadmap is frozen; changing it means opening a new version.

The new version is a full copy (governance, axes, sheets with their rows and indicators) in
draft; the signed one is left untouched and stays readable. Documents received through the
call for analysis data follow the newest version, and so does the public link.
"""

import uuid

from django.db import transaction
from django.utils.translation import gettext as _

from roadmap.history import record_revision
from roadmap.models import Roadmap


class VersionError(ValueError):
    """A new version can only be opened from the latest, signed version."""


def _copy(instance, **changes):
    instance.pk = None
    instance.id = None
    instance._state.adding = True
    for name, value in changes.items():
        setattr(instance, name, value)
    instance.save()
    return instance


@transaction.atomic
def open_new_version(*, roadmap: Roadmap, user) -> Roadmap:
    """Copy a signed roadmap into a new draft version and return it."""
    roadmap = Roadmap.objects.select_for_update().get(pk=roadmap.pk)
    if not roadmap.is_frozen:
        raise VersionError(_("Seule une feuille de route signée s'ouvre en nouvelle version."))
    if roadmap.latest_version().pk != roadmap.pk:
        raise VersionError(_("Une version plus récente existe déjà."))
    source_pk = roadmap.pk
    source = Roadmap.objects.get(pk=source_pk)
    editors = list(source.editors.all())
    token = source.data_call_token
    Roadmap.objects.filter(pk=source_pk).update(data_call_token=uuid.uuid4(), data_call_open=False)
    new = _copy(
        Roadmap.objects.get(pk=source_pk),
        version=source.version + 1,
        previous_version=source,
        status=Roadmap.Status.DRAFT,
        validated_on=None,
        signed_on=None,
        signatories="",
        data_call_token=token,
        data_call_open=source.data_call_open,
        revision=1,
    )
    new.editors.set(editors)
    source.submissions.update(roadmap=new)

    members = {}
    for member in source.members.all():
        old_pk = member.pk
        members[old_pk] = _copy(member, roadmap=new)
    for committee in source.committees.prefetch_related("seats", "meetings"):
        seats, meetings = list(committee.seats.all()), list(committee.meetings.all())
        committee = _copy(committee, roadmap=new)
        for seat in seats:
            _copy(seat, committee=committee, member=members[seat.member_id])
        for meeting in meetings:
            _copy(meeting, committee=committee)
    axes = {}
    for axis in source.axes.all():
        old_pk = axis.pk
        axes[old_pk] = _copy(axis, roadmap=new)
    for sheet in source.sheets.prefetch_related(
        "carriers",
        "partners",
        "cost_lines",
        "funding_lines",
        "beneficiaries",
        "milestones",
        "indicators__targets",
    ):
        carriers = [members[m.pk] for m in sheet.carriers.all()]
        partners = [members[m.pk] for m in sheet.partners.all()]
        rows = {
            "cost_lines": list(sheet.cost_lines.all()),
            "funding_lines": list(sheet.funding_lines.all()),
            "beneficiaries": list(sheet.beneficiaries.all()),
            "milestones": list(sheet.milestones.all()),
        }
        indicators = [(i, list(i.targets.all())) for i in sheet.indicators.all()]
        sheet = _copy(
            sheet,
            roadmap=new,
            axis=axes.get(sheet.axis_id),
            revision=1,
            updated_by=user,
        )
        sheet.carriers.set(carriers)
        sheet.partners.set(partners)
        for line in rows["cost_lines"]:
            _copy(line, sheet=sheet)
        for line in rows["funding_lines"]:
            _copy(line, sheet=sheet, funder=members[line.funder_id])
        for line in rows["beneficiaries"]:
            _copy(line, sheet=sheet, member=members[line.member_id])
        for line in rows["milestones"]:
            _copy(line, sheet=sheet)
        for indicator, targets in indicators:
            indicator = _copy(indicator, sheet=sheet)
            for target in targets:
                _copy(target, indicator=indicator)
        record_revision(sheet=sheet, user=user)
    return new
