"""The census in a browser: a coordinator imports a file, reads the preview, confirms, and sees
the coverage map; a structure declares its place from a phone. Every page passes axe and reads
on a 360 px phone."""

import pytest
from django.urls import reverse
from playwright.sync_api import expect

from census.models import Census, Place, PlaceSubmission
from tests.census.conftest import csv_bytes, standard_row
from tests.e2e.a11y import assert_accessible, assert_no_horizontal_scroll
from tests.e2e.test_roadmap_journey import log_in

pytestmark = pytest.mark.browser


def test_import_preview_confirm_then_coverage_map(page, server, editor, roadmap92, tmp_path):
    census = Census.objects.create(programme=roadmap92.programme, source="Préfecture 92")
    path = tmp_path / "lieux.csv"
    path.write_bytes(
        csv_bytes(
            [
                standard_row(),
                standard_row(
                    id="lieu-2",
                    nom="Médiathèque",
                    commune="Sceaux",
                    code_postal="92330",
                    code_insee="92071",
                ),
            ]
        )
    )
    log_in(page, server)
    page.goto(server.url + reverse("roadmap:detail", args=[roadmap92.pk]))
    page.get_by_role("link", name="Recensement des lieux").first.click()
    page.get_by_role("link", name="Importer").click()
    assert_accessible(page)
    page.get_by_label("Fichier du recensement").set_input_files(str(path))
    page.get_by_role("button", name="Lire et vérifier le fichier").click()
    expect(page.locator("#import-counts")).to_contain_text("2 nouveaux lieux")
    assert_accessible(page)
    assert Place.objects.count() == 0
    page.get_by_role("button", name="Confirmer l'import").click()
    expect(page.get_by_role("status")).to_contain_text("2 lieu(x) ajouté(s)")
    assert_accessible(page)
    page.get_by_role("link", name="Couverture du territoire").click()
    expect(page.locator(".coverage-map__svg")).to_be_visible()
    expect(page.get_by_role("row", name="Sceaux")).to_contain_text("1")
    assert_accessible(page)
    page.get_by_label("Public").select_option("Seniors")
    page.get_by_role("button", name="Filtrer").click()
    expect(page.locator("#coverage-map-title")).to_contain_text("0 lieux")
    for path_ in (
        reverse("census:coverage", args=[census.pk]),
        reverse("census:detail", args=[census.pk]),
        reverse("census:declarations", args=[census.pk]),
        reverse("census:place_edit", args=[census.pk, Place.objects.first().pk]),
        reverse("roadmap:detail", args=[roadmap92.pk]),
    ):
        page.goto(server.url + path_)
        assert_accessible(page)
        page.set_viewport_size({"width": 360, "height": 740})
        assert_no_horizontal_scroll(page)
        page.set_viewport_size({"width": 1280, "height": 800})


def test_a_structure_declares_its_place_from_a_phone(phone_factory, server, roadmap92):
    census = Census.objects.create(programme=roadmap92.programme)
    phone = phone_factory()
    phone.goto(server.url + reverse("census:declare", args=[census.form_token]))
    assert_accessible(phone)
    assert_no_horizontal_scroll(phone)
    phone.get_by_role("button", name="Envoyer la déclaration").click()
    expect(phone.locator("#form-errors")).to_be_visible()
    assert_accessible(phone)
    phone.get_by_label("Nom (obligatoire)").fill("Centre social Nelly Roussel")
    phone.get_by_label("SIRET ou RNA ou RIDET (obligatoire)").fill("43493312300029")
    phone.get_by_label("Adresse (obligatoire)").fill("1 place de l'Exemple")
    phone.get_by_label("Code postal (obligatoire)").fill("92390")
    phone.get_by_label("Commune (obligatoire)").fill("Villeneuve-la-Garenne")
    phone.get_by_label("Aide aux démarches administratives").check()
    phone.get_by_role("button", name="Envoyer la déclaration").click()
    expect(phone.get_by_role("heading", level=1)).to_contain_text("Merci")
    assert PlaceSubmission.objects.get().values["nom"] == "Centre social Nelly Roussel"
