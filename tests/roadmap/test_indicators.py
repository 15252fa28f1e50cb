"""Structured indicators: from the library or custom, with a unit, a baseline and its date,
a target per year and a source; rolled up across the roadmap's sheets."""

from decimal import Decimal

from django.urls import reverse

from roadmap.models import Indicator, ProjectSheet


def indicator_url(roadmap, sheet):
    return reverse("roadmap:indicator_add", args=[roadmap.pk, sheet.pk])


def test_a_library_indicator_takes_its_name_and_unit_from_the_library(
    editor_client, roadmap92, sheet
):
    response = editor_client.post(
        indicator_url(roadmap92, sheet),
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


def test_a_custom_indicator_needs_its_name_and_unit(editor_client, roadmap92, sheet):
    response = editor_client.post(
        indicator_url(roadmap92, sheet), {"code": "autre", "target_2025": "5"}
    )
    html = response.content.decode()
    assert "Donnez un intitulé à cet indicateur personnalisé." in html
    assert "Donnez l&#x27;unité de cet indicateur" in html


def test_an_indicator_needs_a_target_and_a_dated_baseline(editor_client, roadmap92, sheet):
    response = editor_client.post(
        indicator_url(roadmap92, sheet),
        {"code": "mediateurs", "baseline": "3", "target_2025": "", "target_2026": "-2"},
    )
    html = response.content.decode()
    assert "Indiquez la date de la valeur de départ." in html
    assert "Ce nombre ne peut pas être négatif." in html
    assert not sheet.indicators.filter(code="mediateurs").exists()


def test_editing_an_indicator_keeps_and_changes_its_targets(editor_client, roadmap92, sheet):
    indicator = sheet.indicators.get(code="accompagnes_individuel")
    url = reverse("roadmap:indicator_edit", args=[roadmap92.pk, sheet.pk, indicator.pk])
    page = editor_client.get(url).content.decode()
    assert 'value="1500"' in page
    editor_client.post(
        url, {"code": "accompagnes_individuel", "target_2025": "", "target_2026": "3500"}
    )
    assert {t.year: t.value for t in indicator.targets.all()} == {2026: Decimal("3500")}


def test_indicators_are_rolled_up_by_definition_and_year(editor_client, roadmap92):
    second = roadmap92.sheets.get(number=2)
    indicator = Indicator.objects.create(
        sheet=second,
        code="accompagnes_individuel",
        name="Personnes accompagnées en individuel",
        unit="personnes",
        baseline=Decimal("100"),
    )
    indicator.targets.create(year=2026, value=Decimal("500"))
    html = editor_client.get(reverse("roadmap:indicators", args=[roadmap92.pk])).content.decode()
    row = html.split("Personnes accompagnées en individuel")[1].split("</tr>")[0]
    assert (
        "Parcours usager coordonné entre structures, Référentiel de pratique départemental" in row
    )
    assert "1\u202f500" in row  # 2025, one sheet
    assert "3\u202f500" in row  # 2026: 3 000 + 500
    assert ">100<" in row  # the only baseline


def test_abandoned_sheets_and_non_additive_indicators_are_not_summed(roadmap92):
    from roadmap.report import build_report

    second = roadmap92.sheets.get(number=2)
    second.status = ProjectSheet.Status.ABANDONED
    second.save()
    for sheet in roadmap92.sheets.exclude(pk=second.pk):
        ifn = Indicator.objects.create(
            sheet=sheet, code="ifn", name="IFN", unit="indice", additive=False
        )
        ifn.targets.create(year=2025, value=Decimal("50"))
    report = build_report(roadmap=roadmap92)
    names = [row.name for row in report.indicators]
    assert "Aidants et aidantes formés" not in names  # only on the abandoned sheet
    ifn = next(row for row in report.indicators if row.name == "IFN")
    assert ifn.targets == {}
    assert len(ifn.sheets) == 2
    assert report.totals.total_cost == Decimal("200700.00")  # 235 200 − 34 500
