"""Exports: the roadmap as DOCX, the costing as XLSX (one worksheet per sheet plus the
roll-up), a print view; files parsed back and checked against the stored figures."""

from decimal import Decimal
from io import BytesIO

import pytest
from django.urls import reverse
from docx import Document
from openpyxl import load_workbook

from roadmap.exports import costing_xlsx, roadmap_docx
from roadmap.models import CostLine
from roadmap.money import format_euros
from roadmap.report import build_report
from tests.roadmap.conftest import figure


@pytest.fixture
def docx(editor_client, roadmap92):
    response = editor_client.get(reverse("roadmap:export_docx", args=[roadmap92.pk]))
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
def workbook(editor_client, roadmap92):
    response = editor_client.get(reverse("roadmap:export_xlsx", args=[roadmap92.pk]))
    assert response.status_code == 200
    return load_workbook(BytesIO(response.content))


def docx_text(document) -> str:
    parts = [p.text for p in document.paragraphs]
    for table in document.tables:
        for row in table.rows:
            parts.append(" | ".join(cell.text for cell in row.cells))
    return "\n".join(parts)


def test_the_docx_holds_governance_axes_sheets_costing_indicators_and_calendar(docx):
    headings = [p.text for p in docx.paragraphs if p.style.name.startswith("Heading")]
    for heading in [
        "Gouvernance",
        "Comité de pilotage",
        "Axes stratégiques",
        "Coordonner les parcours des usagers entre structures",
        "Fiches projet",
        "Fiche n°1 — Parcours usager coordonné entre structures",
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
    assert "Coût total | 156\u202f800,00\u00a0€" in text
    assert "Reste à financer | 16\u202f800,00\u00a0€" in text
    assert "1 ETP × 12 mois × 4\u202f500,00\u00a0€" in text
    assert "Personnes accompagnées en individuel" in text
    assert "31 mars 2025 | Cartographie des structures et de leurs offres (exemple)" in text


def test_the_xlsx_has_a_roll_up_then_one_worksheet_per_sheet(workbook, roadmap92):
    assert workbook.sheetnames == [
        "Synthèse",
        "1. Parcours usager coordonné en",
        "2. Référentiel de pratique dépa",
        "3. Outil de diagnostic unifié",
    ]
    rows = list(workbook["Synthèse"].iter_rows(values_only=True))
    assert rows[0][0] == roadmap92.name
    totals = next(row for row in rows if row[0] == "Total (hors fiches abandonnées)")
    assert [Decimal(str(v)) for v in totals[3:6]] == [
        Decimal("235200"),
        Decimal("197000"),
        Decimal("38200"),
    ]
    funders = rows[rows.index(("Par financeur",) + (None,) * (len(rows[0]) - 1)) + 2 :]
    assert funders[0][:5] == ("CD92", 55000, 0, 40000, 95000)


def test_each_worksheet_s_amounts_add_up_to_the_stored_costing(workbook, roadmap92):
    for number, sheet in enumerate(roadmap92.sheets.all(), start=1):
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


def test_text_that_would_run_as_a_formula_is_neutralised(roadmap92, sheet):
    CostLine.objects.create(
        sheet=sheet,
        year=2025,
        category="autre",
        label='=HYPERLINK("http://x")',
        amount=Decimal("1"),
    )
    sheet.title = "+33 1 40 00 00 00"
    sheet.save()
    book = load_workbook(BytesIO(costing_xlsx(roadmap=roadmap92)))
    cells = [c for ws in book for row in ws.iter_rows() for c in row]
    assert not [c for c in cells if c.data_type == "f"]
    values = [c.value for c in cells]
    assert '\'=HYPERLINK("http://x")' in values
    assert "'+33 1 40 00 00 00" in values


def test_the_docx_of_an_empty_roadmap(other_roadmap):
    document = Document(BytesIO(roadmap_docx(roadmap=other_roadmap)))
    assert "Aucune date pour l'instant." in docx_text(document)


def test_the_print_view_has_everything_and_print_styles(editor_client, roadmap92):
    html = editor_client.get(reverse("roadmap:print", args=[roadmap92.pk])).content.decode()
    for text in [
        "Gouvernance",
        "Fiche n°3 — Outil de diagnostic unifié",
        "Synthèse du chiffrage",
        "Indicateurs consolidés",
        "Calendrier",
        "data-print",
    ]:
        assert text in html, text
    assert '<details class="text-alternative" open>' in html
    assert "Modifier la fiche" not in html


def test_a_tenured_salary_ticked_eligible_counts_in_the_roll_ups_and_exports_as_not_eligible(
    editor_client, roadmap92, new_sheet_data
):
    before = build_report(roadmap=roadmap92).totals
    new_sheet_data["costs-0-tenured"] = "on"  # the 24 000 € staff line, "Éligible" still ticked
    add = reverse("roadmap:sheet_add", args=[roadmap92.pk])
    assert editor_client.post(add, new_sheet_data).status_code == 302
    cost, base = before.total_cost + Decimal("60500.50"), before.eligible_base + Decimal("36500.50")

    page = editor_client.get(reverse("roadmap:costing", args=[roadmap92.pk])).content.decode()
    assert figure(page, "Coût total") == format_euros(cost)
    assert figure(page, "dont assiette éligible (État)") == format_euros(base)

    response = editor_client.get(reverse("roadmap:export_xlsx", args=[roadmap92.pk]))
    workbook = load_workbook(BytesIO(response.content))
    rollup = list(workbook["Synthèse"].iter_rows(values_only=True))
    totals = next(row for row in rollup if row[0] == "Total (hors fiches abandonnées)")
    assert Decimal(str(totals[3])) == cost
    rows = list(workbook["4. Maison numérique itinérante"].iter_rows(values_only=True))
    staff = next(row for row in rows if row[2] == "Coordinatrice")
    assert (staff[4], Decimal(str(staff[8]))) == ("Non", Decimal("24000"))
    spent = next(row for row in rows if row[0] == "Total des dépenses")
    assert Decimal(str(spent[8])) == Decimal("60500.50")
    eligible = [row for row in rows if row[0] == "Assiette éligible"]
    assert [Decimal(str(v)) for row in eligible for v in row[1:] if v not in ("", None)] == [
        Decimal("36500.50"),
        Decimal("36500.50"),
    ]

    response = editor_client.get(reverse("roadmap:export_docx", args=[roadmap92.pk]))
    text = docx_text(Document(BytesIO(response.content)))
    assert f"Coût total : {format_euros(cost)} ;" in text
    staff_row = f"Coordinatrice (0,5 ETP × 12 mois × {format_euros(Decimal(4000))})"
    assert (
        f"{staff_row} | Ingénierie de projet (personnel) | Fonctionnement | Non | "
        f"{format_euros(Decimal(24000))}"
    ) in text
    assert f"Assiette éligible | {format_euros(Decimal('36500.50'))}" in text
