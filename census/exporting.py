"""Exports of a census: CSV and JSON in the standard, unchanged (for the national map and
data.inclusion), and an XLSX for people.

The standard's CSV must stay the standard's (a telephone starts with "+33"), so its cells are not
prefixed as `common.spreadsheets.safe_cell` does: nothing that looks like a formula can be stored
(`standard.unsafe_text` refuses it at every entry), which is what protects the reader. The XLSX
keeps the house rule anyway, except for the telephone, which the standard's pattern limits to
"+" and digits. Its header row holds the standard's names, so it imports back as it is.
"""

import csv
import io
import json

from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext as _
from openpyxl import Workbook
from openpyxl.styles import Font

from census import standard
from census.models import Census
from common.spreadsheets import safe_cell


def _places(census: Census):
    return census.places.order_by("ident")


def export_filename(census: Census, suffix: str) -> str:
    slug = slugify(census.programme.name) or "recensement"
    return f"lieux-{slug}-{timezone.localdate().isoformat()}.{suffix}"


def census_csv(*, census: Census) -> str:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(standard.NAMES)
    for place in _places(census):
        values = place.as_standard()
        writer.writerow([values[name] for name in standard.NAMES])
    return out.getvalue()


def census_json(*, census: Census) -> str:
    records = []
    for place in _places(census):
        values = place.as_standard()
        records.append(
            {
                name: (
                    None
                    if not values[name]
                    else float(values[name])
                    if standard.FIELDS[name].kind == "number"
                    else values[name]
                )
                for name in standard.NAMES
            }
        )
    return json.dumps(records, ensure_ascii=False, indent=1)


def census_xlsx(*, census: Census) -> bytes:
    book = Workbook()
    sheet = book.active
    sheet.title = _("Lieux")
    title = _("Recensement des lieux de médiation numérique — %(name)s — %(date)s") % {
        "name": census.programme.name,
        "date": timezone.localdate().strftime("%d/%m/%Y"),
    }
    if census.is_example:
        title += " — " + _("Données fictives d'exemple")
    sheet.append([title])
    sheet["A1"].font = Font(bold=True)
    sheet.append(standard.NAMES)
    for cell in sheet[2]:
        cell.font = Font(bold=True)
    for place in _places(census):
        values = place.as_standard()
        sheet.append(
            [
                values[name] if name == "telephone" else safe_cell(values[name])
                for name in standard.NAMES
            ]
        )
    sheet.freeze_panes = "C3"
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()
