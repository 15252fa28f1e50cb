"""Every roadmap page passes axe, reads on a 360 px phone and works by keyboard; the public
call for analysis data takes a file from a browser."""

import pytest
from django.urls import reverse
from playwright.sync_api import expect

from roadmap.models import DataSubmission, Roadmap
from tests.e2e.a11y import assert_accessible, assert_no_horizontal_scroll
from tests.e2e.test_roadmap_journey import log_in
from workshops.models import Step

pytestmark = pytest.mark.browser


@pytest.fixture
def submission(roadmap92):
    return DataSubmission.objects.create(
        roadmap=roadmap92,
        category="diagnostic",
        title="Diagnostic des usages numériques",
        structure="Établissement public territorial Boucle Nord de Seine",
        link="https://example.org/diagnostic",
    )


def roadmap_pages(roadmap, sheet, submission) -> list[str]:
    pk = roadmap.pk
    return [
        reverse("roadmap:list"),
        reverse("roadmap:create"),
        reverse("roadmap:detail", args=[pk]),
        reverse("roadmap:edit", args=[pk]),
        reverse("roadmap:editors", args=[pk]),
        reverse("roadmap:governance", args=[pk]),
        reverse("roadmap:member_add", args=[pk]),
        reverse("roadmap:member_edit", args=[pk, roadmap.members.first().pk]),
        reverse("roadmap:committee_edit", args=[pk, roadmap.committees.first().pk]),
        reverse("roadmap:axis_edit", args=[pk, roadmap.axes.first().pk]),
        reverse("roadmap:sheet", args=[pk, sheet.pk]),
        reverse("roadmap:sheet_add", args=[pk]),
        reverse("roadmap:sheet_edit", args=[pk, sheet.pk]),
        reverse("roadmap:sheet_history", args=[pk, sheet.pk]),
        reverse("roadmap:indicator_add", args=[pk, sheet.pk]),
        reverse("roadmap:costing", args=[pk]),
        reverse("roadmap:indicators", args=[pk]),
        reverse("roadmap:print", args=[pk]),
        reverse("roadmap:documents", args=[pk]),
        reverse("roadmap:demarche", args=[pk]),
    ]


def test_every_roadmap_page_passes_axe(page, server, editor, roadmap92, sheet, submission):
    log_in(page, server)
    for path in roadmap_pages(roadmap92, sheet, submission):
        page.goto(server.url + path)
        expect(page.get_by_role("heading", level=1)).to_be_visible()
        assert_accessible(page)
    # Forms showing their errors, and a page opened with its details unfolded.
    page.goto(server.url + reverse("roadmap:member_add", args=[roadmap92.pk]))
    page.get_by_label("SIRET").fill("123")
    page.get_by_role("button", name="Enregistrer").click()
    expect(page.get_by_text("Un SIRET compte 14 chiffres")).to_be_visible()
    assert_accessible(page)
    # A refusal without its reason: the review page shows the error.
    page.goto(server.url + reverse("roadmap:documents", args=[roadmap92.pk]))
    page.get_by_label("Refuser").check()
    page.get_by_role("button", name="Enregistrer la décision").click()
    expect(page.get_by_text("Dites pourquoi ce document est refusé.")).to_be_visible()
    assert_accessible(page)
    page.get_by_label("Motif").fill("Hors du département")
    page.get_by_role("button", name="Enregistrer la décision").click()
    expect(page.get_by_text("Hors du département")).to_be_visible()
    assert_accessible(page)
    page.goto(server.url + reverse("roadmap:governance", args=[roadmap92.pk]))
    page.get_by_text("Version texte de la gouvernance").click()
    expect(page.get_by_text("Co-présidence : Département des Hauts-de-Seine")).to_be_visible()
    assert_accessible(page)


def test_the_public_data_call_passes_axe_and_takes_a_file(page, server, roadmap92, tmp_path):
    url = server.url + reverse("roadmap:data_call", args=[roadmap92.data_call_token])
    page.goto(url)
    assert_accessible(page)
    page.get_by_label("Analyse des besoins").check()
    page.get_by_label("Titre du document").fill("Analyse des besoins sociaux")
    page.get_by_label("Structure").fill("CCAS de Nanterre")
    wrong = tmp_path / "page.html"
    wrong.write_text("<script>alert(1)</script>")
    page.get_by_label("Fichier").set_input_files(str(wrong))
    page.get_by_role("button", name="Envoyer").click()
    expect(
        page.get_by_text("Ce type de fichier n’est pas accepté").or_(
            page.get_by_text("Ce type de fichier n'est pas accepté")
        )
    ).to_be_visible()
    expect(page.get_by_label("Titre du document")).to_have_value("Analyse des besoins sociaux")
    assert_accessible(page)

    document = tmp_path / "analyse.pdf"
    document.write_bytes(b"%PDF-1.4\n%test\n")
    page.get_by_label("Analyse des besoins").check()
    page.get_by_label("Fichier").set_input_files(str(document))
    page.get_by_role("button", name="Envoyer").click()
    expect(page.get_by_role("heading", level=1)).to_have_text(
        "Merci, votre document est bien arrivé"
    )
    assert_accessible(page)
    stored = DataSubmission.objects.get()
    assert stored.original_name == "analyse.pdf"
    stored.file.delete()  # the server stored it in its own MEDIA_ROOT

    Roadmap.objects.filter(pk=roadmap92.pk).update(data_call_open=False)
    page.goto(url)
    expect(page.get_by_role("heading", level=1)).to_have_text("Cet appel à données est clos")
    assert_accessible(page)


def test_roadmap_pages_read_on_a_360px_phone(
    phone_factory, server, editor, roadmap92, sheet, submission
):
    phone = phone_factory()
    log_in(phone, server)
    for path in roadmap_pages(roadmap92, sheet, submission) + [
        reverse("roadmap:data_call", args=[roadmap92.data_call_token])
    ]:
        phone.goto(server.url + path)
        assert_no_horizontal_scroll(phone)
        assert_accessible(phone)


def test_cost_rows_are_added_and_totals_follow_by_keyboard(page, server, editor, roadmap92, sheet):
    log_in(page, server)
    page.goto(server.url + reverse("roadmap:sheet_edit", args=[roadmap92.pk, sheet.pk]))
    add = page.get_by_role("button", name="Ajouter une dépense")
    add.focus()
    page.keyboard.press("Enter")
    expect(page.locator("#id_costs-5-year")).to_be_focused()
    page.keyboard.type("2026")
    page.keyboard.press("Tab")
    page.keyboard.press("Tab")
    page.keyboard.type("Évaluation")
    amount = page.locator("#id_costs-5-amount")
    amount.focus()
    page.keyboard.type("1000")
    expect(page.locator("#totals-summary")).to_contain_text("157\u202f800,00\u00a0€")


def test_a_facilitator_projects_the_governance_slide(page, server, workshop, roadmap92):
    step = workshop.steps.get(kind=Step.Kind.GOVERNANCE)
    log_in(page, server, username="camille")
    page.goto(server.url + reverse("workshops:step_edit", args=[workshop.pk, step.pk]))
    expect(page.get_by_role("img", name="Schéma de la gouvernance")).to_be_visible()
    assert_accessible(page)
    # The facilitator reads the roadmap, without the editing buttons.
    page.goto(server.url + roadmap92.get_absolute_url())
    expect(page.get_by_role("heading", level=1)).to_contain_text("Hauts-de-Seine")
    expect(page.get_by_role("link", name="Nouvelle fiche projet")).to_have_count(0)
    assert_accessible(page)
