"""The raw answers of a live session as a spreadsheet (XLSX) or a CSV file.

One row per answer: the activity, who (pseudonym, or the arrival number), their structure, the
answer in one line (the kind's `summary`), whether it was hidden from the screen, and when.
Every cell goes through `fne92.spreadsheets.safe_row`: a participant's `=HYPERLINK(…)` is kept
as text and never runs as a formula.
"""

import csv
import io

from django.utils import timezone
from django.utils.translation import gettext as _
from openpyxl import Workbook
from openpyxl.styles import Font

from fne92.spreadsheets import safe_row
from quizzes.kinds import get_kind
from quizzes.models import Response


def header() -> list[str]:
    return [
        _("N°"),
        _("Activité"),
        _("Participant·e"),
        _("Structure"),
        _("Réponse"),
        _("Masquée à l'écran"),
        _("Date et heure"),
    ]


def answer_rows(*, session) -> list[list]:
    """The answers of `session`, in the order of the workshop's steps, then of arrival."""
    responses = (
        Response.objects.filter(session=session)
        .select_related("activity", "participant")
        .order_by("activity__step__order", "activity_id", "created_at", "pk")
    )
    rows = []
    for response in responses:
        activity = response.activity
        try:
            summary = get_kind(activity.kind).summary(config=activity.config, answer=response.data)
        except LookupError:  # a kind no longer installed: its answer as stored
            summary = str(response.data)
        rows.append(
            [
                response.pk,
                activity.title,
                response.participant.display_name,
                response.participant.structure,
                summary,
                _("oui") if response.hidden else _("non"),
                # Local time without its zone: spreadsheets have no time zones.
                timezone.localtime(response.updated_at).replace(tzinfo=None, microsecond=0),
            ]
        )
    return rows


def answers_xlsx(*, session) -> bytes:
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = _("Réponses")
    sheet.append(safe_row(header()))
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    for row in answer_rows(session=session):
        sheet.append(safe_row(row))
        sheet.cell(row=sheet.max_row, column=7).number_format = "dd/mm/yyyy hh:mm:ss"
    for column, width in zip("ABCDEFG", (8, 40, 22, 28, 70, 12, 20), strict=True):
        sheet.column_dimensions[column].width = width
    sheet.freeze_panes = "A2"
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def answers_csv(*, session) -> str:
    """UTF-8 text with a byte order mark and semicolons: what French spreadsheets open as is."""
    buffer = io.StringIO()
    buffer.write("\ufeff")
    writer = csv.writer(buffer, delimiter=";", lineterminator="\r\n")
    writer.writerow(safe_row(header()))
    for row in answer_rows(session=session):
        row[-1] = row[-1].strftime("%Y-%m-%d %H:%M:%S")
        writer.writerow(safe_row(row))
    return buffer.getvalue()
