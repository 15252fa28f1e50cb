"""A coordinator creates a project sheet with three cost lines and two funders, sees the
totals and a check error as they type, fixes it, saves, then exports DOCX and XLSX; the files
are parsed back and checked. Every page passes axe."""

import re
from decimal import Decimal
from io import BytesIO
from pathlib import Path

import pytest
from docx import Document
from openpyxl import load_workbook
from playwright.sync_api import expect

from roadmap.models import ProjectSheet
from tests.e2e.a11y import assert_accessible

pytestmark = pytest.mark.browser


SPACE = r"[\s\u202f\u00a0]"  # French figures use (narrow) no-break spaces


def amount(text: str) -> re.Pattern:
    """ "60 500,50 €" as a pattern that accepts any kind of space."""
    return re.compile(re.escape(text).replace(r"\ ", SPACE))


TEST_PASSWORD = "motdepasse-test-1"  # noqa: S105 - the password tests/conftest.py gives users


def log_in(page, server, username="sacha"):
    page.goto(server.url + "/connexion/")
    page.get_by_label("Nom d’utilisateur").fill(username)
    page.get_by_label("Mot de passe").fill(TEST_PASSWORD)
    page.get_by_role("button", name="Se connecter").click()


def fill_row(page, prefix: str, values: dict) -> None:
    for name, value in values.items():
        field = page.locator(f"#id_{prefix}-{name}")
        if field.evaluate("el => el.tagName") == "SELECT":
            field.select_option(label=value)
        else:
            field.fill(value)


def test_a_coordinator_costs_a_sheet_fixes_a_check_and_exports_it(
    page, server, editor, roadmap92, tmp_path
):
    log_in(page, server)
    page.goto(server.url + roadmap92.get_absolute_url())
    assert_accessible(page)
    page.get_by_role("link", name="Nouvelle fiche projet").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Nouvelle fiche projet")

    page.get_by_label("Intitulé").fill("Maison numérique itinérante")
    page.locator("#id_sheet-starts_on").fill("2025-01-01")
    page.locator("#id_sheet-ends_on").fill("2026-12-31")
    page.get_by_label("Rédiger la feuille de route").check()

    # Three cost lines: one staff line in ETP, two typed amounts; rows added with htmx.
    fill_row(
        page,
        "costs-0",
        {
            "year": "2025",
            "category": "Ingénierie de projet (personnel)",
            "label": "Coordinatrice",
            "fte": "0,5",
            "months": "12",
            "monthly_cost": "4 000",
        },
    )
    expect(page.locator("#costs-0-computed")).to_have_text(amount("24 000,00 €"))
    page.get_by_role("button", name="Ajouter une dépense").click()
    expect(page.locator("#id_costs-1-year")).to_be_focused()
    fill_row(
        page,
        "costs-1",
        {
            "year": "2025",
            "category": "Équipement",
            "label": "Véhicule aménagé",
            "nature": "Investissement",
            "amount": "35 000,50",
        },
    )
    page.get_by_role("button", name="Ajouter une dépense").click()
    fill_row(
        page,
        "costs-2",
        {
            "year": "2026",
            "category": "Communication",
            "label": "Affiches",
            "amount": "1500",
        },
    )
    summary = page.locator("#totals-summary")
    expect(summary).to_contain_text(amount("Coût total 60 500,50 €"))

    # Two funders; the first amount is too high: the check shows beside the funding.
    fill_row(
        page,
        "fundings-0",
        {
            "funder": "Préfet des Hauts-de-Seine",
            "envelope": "Ingénierie France Numérique Ensemble - 2024",
            "year": "2025",
            "amount": "90000",
            "status": "Sollicité",
        },
    )
    page.get_by_role("button", name="Ajouter un financement").click()
    fill_row(
        page,
        "fundings-1",
        {
            "funder": "Département des Hauts-de-Seine",
            "year": "2026",
            "amount": "10000",
            "status": "Acquis",
        },
    )
    check = page.locator("#check-funding")
    expect(check).to_contain_text("dépassent le coût total de la fiche")
    expect(summary).to_contain_text("1 contrôle à régler")
    assert_accessible(page)

    # Saving now is refused, with everything typed kept.
    page.get_by_role("button", name="Enregistrer la fiche").click()
    expect(page.get_by_role("alert")).to_contain_text("La fiche contient des erreurs")
    expect(page.locator("#id_costs-1-label")).to_have_value("Véhicule aménagé")
    expect(page.locator("#check-funding")).to_contain_text("dépassent le coût total")
    assert not ProjectSheet.objects.filter(title="Maison numérique itinérante").exists()

    # Fixed: the check goes away as you type, the totals follow.
    page.locator("#id_fundings-0-amount").fill("20000")
    expect(page.locator("#check-funding")).to_be_empty()
    expect(summary).to_contain_text(amount("financé 30 000,00 €"))
    expect(summary).to_contain_text(amount("reste à financer 30 500,50 €"))
    page.get_by_role("button", name="Enregistrer la fiche").click()

    expect(page.get_by_role("heading", level=1)).to_have_text(
        "Fiche n°4 — Maison numérique itinérante"
    )
    expect(page.get_by_text("Fiche « Maison numérique itinérante » enregistrée.")).to_be_visible()
    expect(page.locator(".figures").first).to_contain_text(amount("60 500,50 €"))
    assert_accessible(page)
    sheet = ProjectSheet.objects.get(title="Maison numérique itinérante")
    assert sheet.costing().total_cost == Decimal("60500.50")
    assert [f.funder.label for f in sheet.funding_lines.all()] == ["Préfecture 92", "CD92"]

    # Exports, downloaded and read back.
    page.get_by_role("link", name="Vue d'ensemble").click()
    with page.expect_download() as download:
        page.get_by_role("link", name="Feuille de route (Word, DOCX)").click()
    docx_path = Path(tmp_path) / "feuille.docx"
    download.value.save_as(docx_path)
    document = Document(str(docx_path))
    headings = [p.text for p in document.paragraphs if p.style.name.startswith("Heading")]
    assert "Fiche n°4 — Maison numérique itinérante" in headings
    cells = [c.text for t in document.tables for r in t.rows for c in r.cells]
    assert "Véhicule aménagé" in cells
    assert "60\u202f500,50\u00a0€" in cells

    with page.expect_download() as download:
        page.get_by_role("link", name="Chiffrage (tableur, XLSX)").click()
    book = load_workbook(BytesIO(Path(download.value.path()).read_bytes()))
    ws = book["4. Maison numérique itinérante"]
    rows = list(ws.iter_rows(values_only=True))
    total = next(row for row in rows if row[0] == "Total des dépenses")
    assert Decimal(str(total[8])) == Decimal("60500.50")
    lines = [row for row in rows if row[2] in ("Coordinatrice", "Véhicule aménagé", "Affiches")]
    assert [Decimal(str(row[8])) for row in lines] == [
        Decimal("24000"),
        Decimal("35000.50"),
        Decimal("1500"),
    ]
    funders = [
        row[0]
        for row in rows
        if row[0] in ("Préfet des Hauts-de-Seine", "Département des Hauts-de-Seine")
    ]
    assert funders == ["Préfet des Hauts-de-Seine", "Département des Hauts-de-Seine"]
