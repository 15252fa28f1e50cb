"""Saving a sheet when several coordinators edit at once (optimistic locking) and keeping its
history.

Each sheet carries a revision number. The form sends back the number it was opened at; the save
goes through only if the sheet is still at that number. Otherwise nothing is written, and the
second person sees who saved in between and what changed, with everything they typed kept.
"""

from dataclasses import dataclass, field

from django.db import transaction
from django.db.models import Max

from roadmap.forms import SheetEditor
from roadmap.history import Change, changes_since, record_revision
from roadmap.models import ProjectSheet


@dataclass
class Conflict:
    """Someone saved the sheet after this form was opened."""

    current: ProjectSheet
    changes: list[Change] = field(default_factory=list)


@transaction.atomic
def save_sheet(*, editor: SheetEditor, user) -> ProjectSheet | Conflict:
    """Save a valid editor's sheet and rows, or return the conflict without writing anything."""
    sheet = editor.form.instance
    if sheet.pk:
        current = ProjectSheet.objects.select_for_update().get(pk=sheet.pk)
        opened_at = editor.form.cleaned_data.get("revision")
        if opened_at != current.revision:
            return Conflict(
                current=current,
                changes=changes_since(sheet=current, revision=opened_at or 0),
            )
        sheet.revision = current.revision + 1
    else:
        last = editor.roadmap.sheets.aggregate(last=Max("number"))["last"] or 0
        sheet.number = last + 1
        sheet.revision = 1
    sheet.roadmap = editor.roadmap
    sheet.updated_by = user
    sheet = editor.form.save()
    for formset in editor.formsets.values():
        formset.instance = sheet
        rows = formset.save(commit=False)
        for row in formset.deleted_objects:
            row.delete()
        # Rows keep the order they have on screen.
        positions = {id(form.instance): index for index, form in enumerate(formset.forms, 1)}
        for row in rows:
            if hasattr(row, "order"):
                row.order = positions.get(id(row), 0)
            row.save()
    record_revision(sheet=sheet, user=user)
    return sheet
