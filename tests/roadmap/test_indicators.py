"""Structured indicators: from the library or custom, with a unit, a baseline and its date,
a target per year and a source; rolled up across the roadmap's sheets."""

import datetime as dt
from decimal import Decimal

import pytest
from django.urls import reverse

from roadmap.models import Indicator, ProjectSheet
from roadmap.money import format_quantity
from tests.factories import make_indicator, make_sheet


@pytest.fixture
def second(roadmap, sheet):
    """Sheet n°2 of the roadmap, over 2025–2026, a cost line a year, that trains aidants."""
    second = make_sheet(
        roadmap,
        "Référentiel de pratique départemental",
        starts_on=dt.date(2025, 1, 1),
        ends_on=dt.date(2026, 12, 31),
        costs=[
            {"year": 2025, "category": "prestation", "label": "Rédaction", "amount": "12000"},
            {"year": 2026, "category": "formation", "label": "Formations", "amount": "4500.50"},
        ],
    )
    make_indicator(second, "aidants_formes", targets={2026: "120"})
    return second


def indicator_url(roadmap, sheet):
    return reverse("roadmap:indicator_add", args=[roadmap.pk, sheet.pk])


def test_a_library_indicator_takes_its_name_and_unit_from_the_library(
    editor_client, roadmap, sheet
):
    response = editor_client.post(
        indicator_url(roadmap, sheet),
        {
            "code": "habilitations_aidants_connect",
            "baseline": "12",
            "baseline_on": "2024-12-31",
            "source": "Tableau de bord Aidants Connect",
            "target_2025": "40",
            "target_2026": "1 200,5",
        },
    )
    assert response.status_code == 302
    indicator = sheet.indicators.get(code="habilitations_aidants_connect")
    assert (indicator.name, indicator.unit) == ("Habilitations Aidants Connect", "habilitations")
    assert {t.year: t.value for t in indicator.targets.all()} == {
        2025: Decimal("40"),
        2026: Decimal("1200.5"),
    }


def test_a_custom_indicator_needs_its_name_and_unit(editor_client, roadmap, sheet):
    response = editor_client.post(
        indicator_url(roadmap, sheet), {"code": "autre", "target_2025": "5"}
    )
    html = response.content.decode()
    assert "Donnez un intitulé à cet indicateur personnalisé." in html
    assert "Donnez l&#x27;unité de cet indicateur" in html


def test_an_indicator_needs_a_target_and_a_dated_baseline(editor_client, roadmap, sheet):
    response = editor_client.post(
        indicator_url(roadmap, sheet),
        {"code": "mediateurs", "baseline": "3", "target_2025": "", "target_2026": "-2"},
    )
    html = response.content.decode()
    assert "Indiquez la date de la valeur de départ." in html
    assert "Ce nombre ne peut pas être négatif." in html
    assert not sheet.indicators.filter(code="mediateurs").exists()


def test_editing_an_indicator_keeps_and_changes_its_targets(editor_client, roadmap, sheet):
    indicator = sheet.indicators.get(code="accompagnes_individuel")
    assert indicator.targets.get(year=2025).value == Decimal("1500")
    url = reverse("roadmap:indicator_edit", args=[roadmap.pk, sheet.pk, indicator.pk])
    page = editor_client.get(url).content.decode()
    assert 'value="1500"' in page
    editor_client.post(
        url, {"code": "accompagnes_individuel", "target_2025": "", "target_2026": "3500"}
    )
    assert {t.year: t.value for t in indicator.targets.all()} == {2026: Decimal("3500")}


def test_indicators_are_rolled_up_by_definition_and_year(editor_client, roadmap, sheet, second):
    first = sheet.indicators.get(code="accompagnes_individuel")
    targets = {t.year: t.value for t in first.targets.all()}
    assert first.baseline is None
    indicator = Indicator.objects.create(
        sheet=second,
        code="accompagnes_individuel",
        name="Personnes accompagnées en individuel",
        unit="personnes",
        baseline=Decimal("100"),
    )
    indicator.targets.create(year=2026, value=Decimal("500"))
    html = editor_client.get(reverse("roadmap:indicators", args=[roadmap.pk])).content.decode()
    row = html.split("Personnes accompagnées en individuel")[1].split("</tr>")[0]
    assert f"{sheet.title}, {second.title}" in row
    assert format_quantity(targets[2025]) in row  # 2025, one sheet
    assert format_quantity(targets[2026] + 500) in row  # 2026: both sheets
    assert ">100<" in row  # the only baseline


def test_abandoned_sheets_and_non_additive_indicators_are_not_summed(roadmap, sheet, second):
    from roadmap.report import build_report

    third = make_sheet(
        roadmap,
        "Outil de diagnostic unifié",
        costs=[{"year": 2025, "category": "equipement", "label": "Outil", "amount": "9000"}],
    )
    second.status = ProjectSheet.Status.ABANDONED
    second.save()
    for kept in roadmap.sheets.exclude(pk=second.pk):
        ifn = Indicator.objects.create(
            sheet=kept, code="ifn", name="IFN", unit="indice", additive=False
        )
        ifn.targets.create(year=2025, value=Decimal("50"))
    report = build_report(roadmap=roadmap)
    names = [row.name for row in report.indicators]
    assert "Aidants et aidantes formés" not in names  # only on the abandoned sheet
    ifn = next(row for row in report.indicators if row.name == "IFN")
    assert ifn.targets == {}
    assert len(ifn.sheets) == 2
    assert second.cost_lines.exists()
    counted = [line.amount for s in (sheet, third) for line in s.cost_lines.all()]
    assert report.totals.total_cost == sum(counted)  # not the abandoned sheet's
