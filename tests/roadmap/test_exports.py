"""Exports: the roadmap as DOCX, the costing as XLSX (one worksheet per sheet plus the
roll-up), a print view; files parsed back and checked against the stored figures."""

import datetime as dt
from decimal import Decimal
from io import BytesIO

import pytest
from django.urls import reverse
from django.utils.html import escape
from docx import Document
from openpyxl import load_workbook

from roadmap.exports import costing_xlsx, roadmap_docx
from roadmap.models import CostLine, FundingLine, ProjectSheet
from roadmap.money import format_euros
from roadmap.report import build_report
from tests.factories import make_axis, make_sheet
from tests.roadmap.conftest import STAFF, figure


@pytest.fixture
def sheets(roadmap, sheet):
    """The roadmap's two sheets: `sheet` (n°1) and n°2 on an axis of its own, costed in 2025 and
    part-funded by the Département."""
    cd92 = roadmap.members.get(organisation__short_name="CD92")
    second = make_sheet(
        roadmap,
        "Référentiel de pratique départemental",
        axis=make_axis(roadmap, "Outiller et professionnaliser les acteurs"),
        starts_on=dt.date(2025, 1, 1),
        ends_on=dt.date(2025, 12, 31),
        costs=[{"year": 2025, "category": "prestation", "label": "Rédaction", "amount": "12000"}],
        fundings=[{"funder": cd92, "year": 2025, "amount": "8000", "status": "acquis"}],
    )
    return [sheet, second]


def totals(sheets) -> tuple[Decimal, Decimal]:
    """The cost and the funding of these sheets, added up from their lines."""
    cost = sum(line.amount for s in sheets for line in s.cost_lines.all())
    funding = sum(line.amount for s in sheets for line in s.funding_lines.all())
    return cost, funding


@pytest.fixture
def docx(editor_client, roadmap, sheets):
    roadmap.name = "Feuille de route France Numérique Ensemble — Hauts-de-Seine"
    roadmap.is_example = True
    roadmap.save()
    response = editor_client.get(reverse("roadmap:export_docx", args=[roadmap.pk]))
    assert response.status_code == 200
    assert response["Content-Type"].startswith(
        "application/vnd.openxmlformats-officedocument.wordprocessingml"
    )
    assert (
        'filename="feuille-de-route-france-numerique-ensemble-hauts-de-seine-v1.docx"'
        in (response["Content-Disposition"])
    )
    return Document(BytesIO(response.content))


@pytest.fixture
def workbook(editor_client, roadmap, sheets):
    response = editor_client.get(reverse("roadmap:export_xlsx", args=[roadmap.pk]))
    assert response.status_code == 200
    return load_workbook(BytesIO(response.content))


def docx_text(document) -> str:
    parts = [p.text for p in document.paragraphs]
    for table in document.tables:
        for row in table.rows:
            parts.append(" | ".join(cell.text for cell in row.cells))
    return "\n".join(parts)


def test_the_docx_holds_governance_axes_sheets_costing_indicators_and_calendar(
    docx, roadmap, sheet
):
    headings = [p.text for p in docx.paragraphs if p.style.name.startswith("Heading")]
    for heading in [
        "Gouvernance",
        "Comité de pilotage",
        "Axes stratégiques",
        *[axis.title for axis in roadmap.axes.all()],
        "Fiches projet",
        *[f"Fiche n°{s.number} — {s.title}" for s in roadmap.sheets.all()],
        "Projet structurant et dimensionnant",
        "Chiffrage",
        "Indicateurs",
        "Synthèse du chiffrage",
        "Indicateurs consolidés",
        "Calendrier",
    ]:
        assert heading in headings, heading
    text = docx_text(docx)
    assert "Exemple : montants fictifs, pour l'exemple." in text
    assert "Co-porteurs : Département des Hauts-de-Seine, Préfet des Hauts-de-Seine" in text
    assert "Co-présidence : Département des Hauts-de-Seine, Préfet des Hauts-de-Seine" in text
    cost, funding = totals([sheet])
    assert f"Coût total | {format_euros(cost)}" in text
    assert f"Reste à financer | {format_euros(cost - funding)}" in text
    staff = sheet.cost_lines.get(label=STAFF, year=2025)
    assert (staff.fte, staff.months, staff.monthly_cost) == (1, 12, 4000)
    assert "1 ETP × 12 mois × 4\u202f000,00\u00a0€" in text
    assert sheet.indicators.filter(name="Personnes accompagnées en individuel").exists()
    assert "Personnes accompagnées en individuel" in text
    milestone = sheet.milestones.get()
    assert milestone.date == dt.date(2025, 3, 31)
    assert f"31 mars 2025 | {milestone.title}" in text


def test_the_xlsx_has_a_roll_up_then_one_worksheet_per_sheet(workbook, roadmap, sheets):
    assert [s.title for s in sheets] == [
        "Parcours usager coordonné entre structures",
        "Référentiel de pratique départemental",
    ]
    assert workbook.sheetnames == [  # cut to Excel's 31 characters
        "Synthèse",
        "1. Parcours usager coordonné en",
        "2. Référentiel de pratique dépa",
    ]
    rows = list(workbook["Synthèse"].iter_rows(values_only=True))
    assert rows[0][0] == roadmap.name
    total = next(row for row in rows if row[0] == "Total (hors fiches abandonnées)")
    cost, funding = totals(sheets)
    assert [Decimal(str(v)) for v in total[3:6]] == [cost, funding, cost - funding]
    funders = rows[rows.index(("Par financeur",) + (None,) * (len(rows[0]) - 1)) + 2 :]
    lines = FundingLine.objects.filter(sheet__roadmap=roadmap)
    by_funder = {}
    for line in lines.select_related("funder__organisation"):
        by_funder.setdefault(line.funder.label, []).append(line)
    first = max(by_funder, key=lambda label: sum(line.amount for line in by_funder[label]))
    assert first == "CD92"
    by_status = [
        sum(line.amount for line in by_funder[first] if line.status == status)
        for status in ("acquis", "sollicite", "envisage")
    ]
    assert funders[0][:5] == (first, *by_status, sum(by_status))


def test_each_worksheet_s_amounts_add_up_to_the_stored_costing(workbook, roadmap):
    for number, sheet in enumerate(roadmap.sheets.all(), start=1):
        ws = workbook[workbook.sheetnames[number]]
        rows = list(ws.iter_rows(values_only=True))
        header = rows.index(
            (
                "Année",
                "Catégorie",
                "Libellé",
                "Nature",
                "Éligible (État)",
                "ETP",
                "Mois",
                "Coût mensuel d'un ETP",
                "Montant",
            )
        )
        end = next(i for i, row in enumerate(rows) if row[0] == "Total des dépenses")
        amounts = [Decimal(str(row[8])) for row in rows[header + 1 : end]]
        assert sum(amounts) == sheet.costing().total_cost
        assert Decimal(str(rows[end][8])) == sheet.costing().total_cost
        summary = {row[0]: row[1] for row in rows if row[0] and row[1] is not None}
        assert Decimal(str(summary["Reste à financer"])) == sheet.costing().gap
        assert ws.cell(row=end + 1, column=9).number_format == '#,##0.00\\ "€"'


def test_text_that_would_run_as_a_formula_is_neutralised(roadmap, sheet):
    CostLine.objects.create(
        sheet=sheet,
        year=2025,
        category="autre",
        label='=HYPERLINK("http://x")',
        amount=Decimal("1"),
    )
    sheet.title = "+33 1 40 00 00 00"
    sheet.save()
    book = load_workbook(BytesIO(costing_xlsx(roadmap=roadmap)))
    cells = [c for ws in book for row in ws.iter_rows() for c in row]
    assert not [c for c in cells if c.data_type == "f"]
    values = [c.value for c in cells]
    assert '\'=HYPERLINK("http://x")' in values
    assert "'+33 1 40 00 00 00" in values


def test_the_docx_of_an_empty_roadmap(other_roadmap):
    document = Document(BytesIO(roadmap_docx(roadmap=other_roadmap)))
    assert "Aucune date pour l'instant." in docx_text(document)


def test_the_print_view_has_everything_and_print_styles(editor_client, roadmap, sheets):
    html = editor_client.get(reverse("roadmap:print", args=[roadmap.pk])).content.decode()
    for text in [
        "Gouvernance",
        *[f"Fiche n°{s.number} — {escape(s.title)}" for s in sheets],
        "Synthèse du chiffrage",
        "Indicateurs consolidés",
        "Calendrier",
        "data-print",
    ]:
        assert text in html, text
    assert '<details class="text-alternative" open>' in html
    assert "Modifier la fiche" not in html


def test_a_tenured_salary_ticked_eligible_counts_in_the_roll_ups_and_exports_as_not_eligible(
    editor_client, roadmap, sheets, new_sheet_data
):
    before = build_report(roadmap=roadmap).totals
    new_sheet_data["costs-0-tenured"] = "on"  # the 24 000 € staff line, "Éligible" still ticked
    add = reverse("roadmap:sheet_add", args=[roadmap.pk])
    assert editor_client.post(add, new_sheet_data).status_code == 302
    cost, base = before.total_cost + Decimal("60500.50"), before.eligible_base + Decimal("36500.50")

    page = editor_client.get(reverse("roadmap:costing", args=[roadmap.pk])).content.decode()
    assert figure(page, "Coût total") == format_euros(cost)
    assert figure(page, "dont assiette éligible (État)") == format_euros(base)

    response = editor_client.get(reverse("roadmap:export_xlsx", args=[roadmap.pk]))
    workbook = load_workbook(BytesIO(response.content))
    rollup = list(workbook["Synthèse"].iter_rows(values_only=True))
    totals = next(row for row in rollup if row[0] == "Total (hors fiches abandonnées)")
    assert Decimal(str(totals[3])) == cost
    new = ProjectSheet.objects.get(title="Maison numérique itinérante")
    assert new.number == len(sheets) + 1
    rows = list(workbook[f"{new.number}. Maison numérique itinérante"].iter_rows(values_only=True))
    staff = next(row for row in rows if row[2] == "Coordinatrice")
    assert (staff[4], Decimal(str(staff[8]))) == ("Non", Decimal("24000"))
    spent = next(row for row in rows if row[0] == "Total des dépenses")
    assert Decimal(str(spent[8])) == Decimal("60500.50")
    eligible = [row for row in rows if row[0] == "Assiette éligible"]
    assert [Decimal(str(v)) for row in eligible for v in row[1:] if v not in ("", None)] == [
        Decimal("36500.50"),
        Decimal("36500.50"),
    ]

    response = editor_client.get(reverse("roadmap:export_docx", args=[roadmap.pk]))
    text = docx_text(Document(BytesIO(response.content)))
    assert f"Coût total : {format_euros(cost)} ;" in text
    staff_row = f"Coordinatrice (0,5 ETP × 12 mois × {format_euros(Decimal(4000))})"
    assert (
        f"{staff_row} | Ingénierie de projet (personnel) | Fonctionnement | Non | "
        f"{format_euros(Decimal(24000))}"
    ) in text
    assert f"Assiette éligible | {format_euros(Decimal('36500.50'))}" in text
