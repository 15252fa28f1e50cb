"""A coordinator writes and costs a project sheet: rows, totals as you type, checks beside the
fields, nothing typed lost on an error, history, and two people saving at once."""

from decimal import Decimal

import pytest
from django.urls import reverse
from django.utils.html import escape

from roadmap.models import ProjectSheet
from roadmap.money import format_euros
from roadmap.sheet_editing import SheetEditor
from tests.roadmap.conftest import STAFF, TRAINING, figure, form_data

NNBSP, NBSP = "\u202f", "\u00a0"


def euros(text: str) -> str:
    """ "12 345,00 €" as the pages print it (narrow no-break spaces, no-break space before €)."""
    return text.replace(" ", NNBSP).replace(NNBSP + "€", NBSP + "€")


def add_url(roadmap):
    return reverse("roadmap:sheet_add", args=[roadmap.pk])


def test_a_new_sheet_is_saved_with_its_lines_and_exact_totals(
    editor_client, roadmap, sheet, new_sheet_data
):
    last = sheet.number
    response = editor_client.post(add_url(roadmap), new_sheet_data)
    assert response.status_code == 302
    sheet = ProjectSheet.objects.get(title="Maison numérique itinérante")
    assert sheet.number == last + 1
    assert [line.amount for line in sheet.cost_lines.all()] == [
        Decimal("24000.00"),
        Decimal("35000.50"),
        Decimal("1500.00"),
    ]
    assert sheet.cost_lines.get(label="Coordinatrice").fte == Decimal("0.50")
    summary = sheet.costing()
    assert summary.total_cost == Decimal("60500.50")
    assert summary.total_funding == Decimal("30000")
    assert summary.gap == Decimal("30500.50")
    page = editor_client.get(response.url).content.decode()
    assert euros("60 500,50 €") in page
    assert euros("30 500,50 €") in page
    assert sheet.revisions.count() == 1


def test_a_funding_above_the_cost_is_refused_beside_the_funding_and_nothing_is_lost(
    editor_client, roadmap, new_sheet_data
):
    new_sheet_data["fundings-0-amount"] = "90000"
    response = editor_client.post(add_url(roadmap), new_sheet_data)
    assert response.status_code == 422
    html = response.content.decode()
    slot = html.split('id="check-funding"')[1].split("</div>")[0]
    assert "dépassent le coût total de la fiche" in slot
    assert "Véhicule aménagé" in html
    assert 'value="35 000,50"' in html
    assert not ProjectSheet.objects.filter(title="Maison numérique itinérante").exists()


@pytest.mark.parametrize(
    ("field", "value", "message"),
    [
        ("costs-1-amount", "-5", "ne peut pas être négatif"),
        ("costs-1-amount", "trente mille", "Saisissez un nombre en chiffres"),
        ("costs-1-amount", "1.000,50", "une seule virgule"),
        ("fundings-1-amount", "0", "supérieur à zéro"),
        ("costs-2-year", "2031", "hors de la période de la fiche (2025-2026)"),
        ("sheet-ends_on", "2024-06-30", "La fin ne peut pas précéder le début."),
    ],
)
def test_bad_input_gets_a_french_message_beside_the_field(
    editor_client, roadmap, new_sheet_data, field, value, message
):
    new_sheet_data[field] = value
    response = editor_client.post(add_url(roadmap), new_sheet_data)
    assert response.status_code == 422
    html = response.content.decode()
    assert f'id="id_{field}_error">' in html
    error = html.split(f'id="id_{field}_error">')[1].split("</p>")[0]
    assert message in error.replace("&#x27;", "'")
    assert f'value="{value}"' in html  # what was typed is shown again


def test_a_partial_staff_costing_asks_for_the_three_numbers(editor_client, roadmap, new_sheet_data):
    del new_sheet_data["costs-0-months"]
    response = editor_client.post(add_url(roadmap), new_sheet_data)
    html = response.content.decode()
    assert "Renseignez l&#x27;ETP, le nombre de mois et le coût mensuel" in html


def test_a_tenured_salary_ticked_eligible_is_saved_as_counted_but_not_eligible(
    editor_client, roadmap, new_sheet_data
):
    new_sheet_data["costs-0-tenured"] = "on"  # "Éligible (État)" is still ticked
    assert editor_client.post(add_url(roadmap), new_sheet_data).status_code == 302
    sheet = ProjectSheet.objects.get(title="Maison numérique itinérante")
    staff = sheet.cost_lines.get(label="Coordinatrice")
    assert (staff.tenured, staff.eligible, staff.amount) == (True, False, Decimal("24000.00"))
    summary = sheet.costing()
    assert summary.total_cost == Decimal("60500.50")
    assert summary.eligible_base == Decimal("36500.50")
    assert summary.ineligible == Decimal("24000.00")
    page = editor_client.get(sheet.get_absolute_url()).content.decode()
    assert figure(page, "Coût total") == euros("60 500,50 €")
    assert figure(page, "dont non éligible") == euros("24 000,00 €")


def test_ticking_tenured_keeps_the_line_in_the_live_total_and_says_it_is_not_eligible(
    editor_client, roadmap, sheet
):
    lines = list(sheet.cost_lines.all())
    staff = next(i for i, line in enumerate(lines) if line.label == STAFF and line.year == 2025)
    assert (lines[staff].eligible, lines[staff].tenured) == (True, False)
    total = sum(line.amount for line in lines)
    ineligible = sum(line.amount for line in lines if line.tenured or not line.eligible)
    assert ineligible  # the tenured civil servant's salary
    url = reverse("roadmap:sheet_preview", args=[roadmap.pk, sheet.pk])
    data = form_data(SheetEditor(roadmap=roadmap, sheet=sheet))
    before = editor_client.post(url, data).content.decode()
    assert figure(before, "Coût total") == format_euros(total)
    assert figure(before, "dont non éligible") == format_euros(ineligible)

    data[f"costs-{staff}-tenured"] = "on"  # "Éligible (État)" is still ticked
    html = editor_client.post(url, data).content.decode()
    ineligible += lines[staff].amount
    assert figure(html, "Coût total") == format_euros(total)
    assert figure(html, "dont assiette éligible (État)") == format_euros(total - ineligible)
    assert figure(html, "dont non éligible") == format_euros(ineligible)
    computed = html.split(f'<span id="costs-{staff}-computed" hx-swap-oob="innerHTML">')[1]
    assert computed.startswith(format_euros(lines[staff].amount))
    note = html.split(f'<small id="costs-{staff}-eligibility" hx-swap-oob="innerHTML">')[1]
    assert note.split("</small>")[0].replace("&#x27;", "'") == (
        '<span class="warning">Comptée comme non éligible : le salaire d\'un fonctionnaire '
        "territorial titulaire ne peut pas être subventionné par l'État.</span>"
    )

    # The form shown again (here: another row to add, without JavaScript) says so beside it.
    data["add_row"] = "costs"
    page = editor_client.post(reverse("roadmap:sheet_edit", args=[roadmap.pk, sheet.pk]), data)
    row = page.content.decode().split(f'id="costs-{staff}-row"')[1].split("</fieldset>")[0]
    assert format_euros(lines[staff].amount) in row
    assert "Comptée comme non éligible : le salaire d&#x27;un fonctionnaire territorial" in row


def test_an_untouched_new_sheet_shows_the_form_with_its_errors(editor_client, roadmap):
    data = form_data(SheetEditor(roadmap=roadmap))  # the blank cost and funding rows
    response = editor_client.post(add_url(roadmap), data)
    assert response.status_code == 422
    html = response.content.decode()
    error = html.split('id="id_sheet-title_error">')[1].split("</p>")[0]
    assert error == "Ce champ est obligatoire."
    assert not roadmap.sheets.filter(title="").exists()


def test_a_title_alone_shows_the_sheet_s_errors_and_keeps_what_was_typed(editor_client, roadmap):
    data = form_data(SheetEditor(roadmap=roadmap))
    data["sheet-title"] = "Conseiller numérique en mairie"
    data["sheet-status"] = "a_valider"  # sent for validation: it needs a need
    response = editor_client.post(add_url(roadmap), data)
    assert response.status_code == 422
    html = response.content.decode()
    slot = html.split('id="check-needs"')[1].split("</div>")[0]
    assert "Choisissez au moins un besoin" in slot
    assert 'value="Conseiller numérique en mairie"' in html
    assert not roadmap.sheets.filter(title="Conseiller numérique en mairie").exists()

    data["sheet-status"] = "brouillon"  # a draft with a title alone is saved, with no line
    assert editor_client.post(add_url(roadmap), data).status_code == 302
    saved = roadmap.sheets.get(title="Conseiller numérique en mairie")
    assert (saved.cost_lines.count(), saved.funding_lines.count()) == (0, 0)


def test_an_ineligible_tenured_salary_lowers_the_eligible_base(
    editor_client, roadmap, new_sheet_data
):
    new_sheet_data["costs-0-tenured"] = "on"
    del new_sheet_data["costs-0-eligible"]
    assert editor_client.post(add_url(roadmap), new_sheet_data).status_code == 302
    summary = ProjectSheet.objects.get(title="Maison numérique itinérante").costing()
    assert summary.eligible_base == Decimal("36500.50")


def test_anct_checks_refuse_an_inconsistent_subsidy_request_beside_its_fields(
    editor_client, roadmap, new_sheet_data
):
    cd92 = roadmap.members.get(organisation__short_name="CD92")
    new_sheet_data.update(
        {
            "sheet-subsidy_status": "a_deposer",
            "sheet-subsidy_envelope": "Ingénierie France Numérique Ensemble - 2024",
            "sheet-subsidy_requested": "20000",
            "sheet-subsidy_rh": "15000",
            "sheet-subsidy_prestation": "4000",
            "beneficiaries-TOTAL_FORMS": "1",
            "beneficiaries-0-member": str(cd92.pk),
            "beneficiaries-0-amount": "18000",
        }
    )
    response = editor_client.post(add_url(roadmap), new_sheet_data)
    html = response.content.decode()
    assert response.status_code == 422
    rh_slot = html.split('id="check-subsidy_rh"')[1].split("</div>")[0]
    assert "la répartition doit égaler la demande" in rh_slot
    beneficiaries_slot = html.split('id="check-beneficiaries"')[1].split("</div>")[0]
    assert "écart de 2" in beneficiaries_slot

    new_sheet_data.update({"sheet-subsidy_prestation": "5000", "beneficiaries-0-amount": "20000"})
    assert editor_client.post(add_url(roadmap), new_sheet_data).status_code == 302


def test_a_sheet_sent_for_validation_must_have_a_need(editor_client, roadmap, new_sheet_data):
    new_sheet_data["sheet-needs"] = []
    new_sheet_data["sheet-status"] = "brouillon"
    assert editor_client.post(add_url(roadmap), new_sheet_data).status_code == 302
    sheet = ProjectSheet.objects.get(title="Maison numérique itinérante")
    data = form_data(SheetEditor(roadmap=roadmap, sheet=sheet))
    data["sheet-status"] = "a_valider"
    url = reverse("roadmap:sheet_edit", args=[roadmap.pk, sheet.pk])
    response = editor_client.post(url, data)
    assert response.status_code == 422
    assert "Choisissez au moins un besoin" in response.content.decode()


def test_a_ticked_criterion_needs_a_justification(editor_client, roadmap, new_sheet_data):
    new_sheet_data["sheet-criterion_standard"] = "on"
    response = editor_client.post(add_url(roadmap), new_sheet_data)
    error = response.content.decode().split('id="id_sheet-criterion_standard_why_error">')[1]
    assert error.startswith("Dites pourquoi la fiche remplit ce critère.")


def test_the_live_preview_computes_totals_and_checks_without_saving(
    editor_client, roadmap, new_sheet_data
):
    new_sheet_data["fundings-0-amount"] = "90000"
    url = reverse("roadmap:sheet_preview", args=[roadmap.pk])
    response = editor_client.post(url, new_sheet_data, HTTP_HX_REQUEST="true")
    html = response.content.decode()
    assert response.status_code == 200
    assert "<html" not in html
    assert euros("60 500,50 €") in html
    assert 'id="check-funding" class="check-slot" hx-swap-oob="innerHTML"' in html
    assert "dépassent le coût total" in html
    # The staff line's amount, computed from ETP × months × monthly cost, shown as you type.
    assert (
        f'<span id="costs-0-computed" hx-swap-oob="innerHTML">{euros("24 000,00 €")}</span>' in html
    )
    assert not ProjectSheet.objects.filter(title="Maison numérique itinérante").exists()


def test_the_live_preview_skips_rows_still_being_typed(editor_client, roadmap, new_sheet_data):
    new_sheet_data["costs-2-amount"] = "15"
    new_sheet_data["costs-1-amount"] = "35 000,"
    new_sheet_data["costs-0-months"] = ""  # the staff line is incomplete: not counted yet
    url = reverse("roadmap:sheet_preview", args=[roadmap.pk])
    html = editor_client.post(url, new_sheet_data).content.decode()
    assert euros("35 015,00 €") in html


def test_a_row_is_added_by_htmx_with_the_new_row_count(editor_client, roadmap):
    url = reverse("roadmap:sheet_row", args=[roadmap.pk, "costs"])
    html = editor_client.get(
        url, {"costs-TOTAL_FORMS": "3"}, HTTP_HX_REQUEST="true"
    ).content.decode()
    assert 'name="costs-3-amount"' in html
    assert 'id="costs-3-row"' in html
    assert 'name="costs-TOTAL_FORMS" value="4" id="id_costs-TOTAL_FORMS" hx-swap-oob="true"' in html
    assert editor_client.get(url, {"costs-TOTAL_FORMS": "x"}).status_code == 404


def test_without_javascript_adding_a_row_shows_the_form_again_with_one_more_row(
    editor_client, roadmap, new_sheet_data
):
    new_sheet_data["add_row"] = "fundings"
    response = editor_client.post(add_url(roadmap), new_sheet_data)
    html = response.content.decode()
    assert 'name="fundings-2-amount"' in html
    assert "Véhicule aménagé" in html
    assert not ProjectSheet.objects.filter(title="Maison numérique itinérante").exists()


def test_deleting_a_row(editor_client, roadmap, sheet):
    lines = list(sheet.cost_lines.all())
    training = next(i for i, line in enumerate(lines) if line.category == "formation")
    data = form_data(SheetEditor(roadmap=roadmap, sheet=sheet))
    data[f"costs-{training}-DELETE"] = "on"
    url = reverse("roadmap:sheet_edit", args=[roadmap.pk, sheet.pk])
    assert editor_client.post(url, data).status_code == 302
    assert sheet.cost_lines.count() == len(lines) - 1
    assert not sheet.cost_lines.filter(category="formation").exists()


def test_deleting_a_row_that_leaves_funding_above_the_cost_is_refused(
    editor_client, roadmap, sheet
):
    lines = list(sheet.cost_lines.all())
    year_2026 = next(i for i, line in enumerate(lines) if line.year == 2026)
    funding = sum(line.amount for line in sheet.funding_lines.all())
    assert sum(line.amount for line in lines) - lines[year_2026].amount < funding
    data = form_data(SheetEditor(roadmap=roadmap, sheet=sheet))
    data[f"costs-{year_2026}-DELETE"] = "on"
    url = reverse("roadmap:sheet_edit", args=[roadmap.pk, sheet.pk])
    response = editor_client.post(url, data)
    assert response.status_code == 422
    assert "dépassent le coût total" in response.content.decode()
    assert sheet.cost_lines.count() == len(lines)


def test_the_history_says_who_changed_what_and_when(editor_client, editor, roadmap, sheet):
    data = form_data(SheetEditor(roadmap=roadmap, sheet=sheet))
    line = sheet.cost_lines.get(label=TRAINING)
    index = list(sheet.cost_lines.all()).index(line)
    data[f"costs-{index}-amount"] = "9500"
    title = sheet.title
    data["sheet-title"] = "Parcours usager coordonné"
    url = reverse("roadmap:sheet_edit", args=[roadmap.pk, sheet.pk])
    assert editor_client.post(url, data).status_code == 302
    html = editor_client.get(reverse("roadmap:sheet_history", args=[roadmap.pk, sheet.pk]))
    html = html.content.decode()
    assert "par sacha" in html
    assert "Intitulé" in html
    assert f"{escape(title)}</del>" in html
    assert "Montant" in html
    assert f"{format_euros(line.amount)}</del>" in html
    assert euros("9 500,00 €</ins>") in html


def test_a_second_save_gets_a_conflict_message_and_keeps_what_was_typed(
    client, editor_client, roadmap, sheet, django_user_model
):
    url = reverse("roadmap:sheet_edit", args=[roadmap.pk, sheet.pk])
    opened_by_both = form_data(SheetEditor(roadmap=roadmap, sheet=sheet))

    first = dict(opened_by_both, **{"sheet-objectives": "Objectifs de la première personne"})
    assert editor_client.post(url, first).status_code == 302

    second = dict(opened_by_both, **{"sheet-objectives": "Objectifs de la seconde personne"})
    response = editor_client.post(url, second)
    assert response.status_code == 409
    html = response.content.decode()
    assert "pendant que vous la modifiiez" in html
    assert "Objectifs de la seconde personne" in html  # kept in the form
    assert "première personne" in html  # shown in what changed meanwhile
    sheet.refresh_from_db()
    assert sheet.objectives == "Objectifs de la première personne"

    # The form now carries the current revision: saving again is a deliberate overwrite.
    revision = html.split('name="sheet-revision" value="')[1].split('"')[0]
    assert int(revision) == sheet.revision
    second["sheet-revision"] = revision
    assert editor_client.post(url, second).status_code == 302
    sheet.refresh_from_db()
    assert sheet.objectives == "Objectifs de la seconde personne"


def test_user_text_is_escaped_on_every_sheet_page(editor_client, roadmap, new_sheet_data):
    new_sheet_data["sheet-title"] = "<script>alert(1)</script>"
    new_sheet_data["costs-1-label"] = "<img src=x onerror=alert(1)>"
    response = editor_client.post(add_url(roadmap), new_sheet_data)
    sheet = ProjectSheet.objects.get(title="<script>alert(1)</script>")
    for url in [
        response.url,
        reverse("roadmap:sheet_edit", args=[roadmap.pk, sheet.pk]),
        reverse("roadmap:sheet_history", args=[roadmap.pk, sheet.pk]),
        roadmap.get_absolute_url(),
        reverse("roadmap:print", args=[roadmap.pk]),
    ]:
        html = editor_client.get(url).content.decode()
        assert "<script>alert(1)</script>" not in html, url
        assert "<img src=x" not in html, url
