"""The census feeds the roadmap's diagnostic: figures and the coverage map, dated, with the
source, in the pages and in the Word and XLSX exports; a figure follows the census, and a signed
roadmap keeps the figures it was signed with."""

import datetime as dt
import io
import re
from html import unescape

from django.urls import reverse
from docx import Document
from openpyxl import load_workbook

from census.importing import plan_rows, write_plan
from census.seed import example_rows, load_census_seed
from tests.census.conftest import standard_row


def add_place(census, ident: str) -> None:
    row = standard_row(id=ident, nom=f"Lieu {ident}", pivot="43493312300029")
    write_plan(census=census, planned=plan_rows(census=census, rows=[(0, row)]))


def in_commune(code: str) -> int:
    """How many places of the example census (`load_census_seed`) are in this commune."""
    return sum(row["code_insee"] == code for row in example_rows())


def places_figure(html: str) -> int:
    return int(re.search(r"<strong>(\d+)</strong> lieux? dans le département", html).group(1))


def test_the_overview_shows_the_diagnostic_and_follows_the_census(editor_client, roadmap):
    census, _ = load_census_seed(programme=roadmap.programme)
    url = reverse("roadmap:detail", args=[roadmap.pk])
    html = unescape(editor_client.get(url).content.decode())
    assert "Diagnostic : l'offre d'inclusion numérique" in html
    assert places_figure(html) == len(example_rows())
    assert "coverage-map__svg" in html
    assert "Source : Données fictives d'exemple (standard Lieux de médiation" in html

    add_place(census, "nouveau")
    assert places_figure(editor_client.get(url).content.decode()) == len(example_rows()) + 1


def test_the_indicators_count_places_by_label_and_commune(editor_client, roadmap):
    load_census_seed(programme=roadmap.programme)
    html = editor_client.get(reverse("roadmap:indicators", args=[roadmap.pk])).content.decode()
    advisers = sum(
        "Conseillers numériques" in row["dispositif_programmes_nationaux"].split("|")
        for row in example_rows()
    )
    assert advisers
    assert f'<th scope="row">Conseillers numériques</th><td class="num">{advisers}</td>' in html
    assert '<th scope="row">Nanterre</th>' in html


def test_the_word_and_xlsx_exports_carry_the_diagnostic(editor_client, roadmap):
    load_census_seed(programme=roadmap.programme)
    content = editor_client.get(reverse("roadmap:export_docx", args=[roadmap.pk])).content
    document = Document(io.BytesIO(content))
    texts = [p.text for p in document.paragraphs]
    assert "Diagnostic : l'offre d'inclusion numérique" in texts
    places = len(example_rows())
    figure = f"{places} lieux d'inclusion numérique dans le département"
    assert any(t.startswith(figure) for t in texts)
    assert any("Données fictives d'exemple." in t for t in texts)
    cells = {cell.text for table in document.tables for row in table.rows for cell in row.cells}
    nanterre = in_commune("92050")
    assert nanterre
    assert f"Nanterre\n{nanterre}" in cells  # the map, one square per commune
    assert in_commune("92047") == 0
    assert "Marnes\n0" in cells  # Marnes-la-Coquette has none

    content = editor_client.get(reverse("roadmap:export_xlsx", args=[roadmap.pk])).content
    sheet = load_workbook(io.BytesIO(content))["Diagnostic"]
    values = list(sheet.iter_rows(values_only=True))
    row = next(v for v in values if v[0] == "Nanterre")
    assert row[:4] == ("Nanterre", 97783, nanterre, round(nanterre * 10_000 / 97783, 2))


def test_a_signed_roadmap_keeps_the_figures_it_was_signed_with(editor_client, roadmap):
    census, _ = load_census_seed(programme=roadmap.programme)
    roadmap.status = "validee"
    roadmap.validated_on = dt.date(2025, 1, 20)
    roadmap.save()
    editor_client.post(
        reverse("roadmap:status", args=[roadmap.pk]),
        {
            "status": "signee",
            "validated_on": "2025-01-20",
            "signed_on": "2025-02-03",
            "signatories": "Préfète\nPrésident",
        },
    )
    roadmap.refresh_from_db()
    assert roadmap.is_frozen
    add_place(census, "apres-signature")

    signed = editor_client.get(reverse("roadmap:detail", args=[roadmap.pk])).content.decode()
    places = len(example_rows())
    assert places_figure(signed) == places
    assert "gardés tels qu'à la signature" in unescape(signed)
    docx = editor_client.get(reverse("roadmap:export_docx", args=[roadmap.pk])).content
    texts = [p.text for p in Document(io.BytesIO(docx)).paragraphs]
    assert any(t.startswith(f"{places} lieux d'inclusion") for t in texts)

    editor_client.post(reverse("roadmap:new_version", args=[roadmap.pk]))
    draft = roadmap.latest_version()
    assert draft.pk != roadmap.pk
    html = editor_client.get(reverse("roadmap:detail", args=[draft.pk])).content.decode()
    assert places_figure(html) == places + 1
