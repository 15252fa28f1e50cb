"""Import of a census file: a preview first (every row new, updated, unchanged or refused, each
problem named by line and column in French), nothing written before the coordinator confirms."""

import io
import time

from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from openpyxl import Workbook

from census.models import ImportBatch, Place
from tests.census.conftest import EXAMPLE_CSV, csv_bytes, standard_row


def upload(client, census, content: bytes, name: str = "lieux.csv"):
    return client.post(
        reverse("census:import", args=[census.pk]),
        {"file": SimpleUploadedFile(name, content)},
        follow=True,
    )


def confirm(client, census):
    batch = ImportBatch.objects.filter(census=census).first()
    return client.post(reverse("census:import_preview", args=[census.pk, batch.pk]), follow=True)


def test_the_standards_own_example_file_is_accepted_whole(editor_client, census):
    response = upload(editor_client, census, EXAMPLE_CSV.read_bytes(), "exemple-valide.csv")
    html = response.content.decode()
    assert "<strong>1</strong> nouveau lieu" in html
    assert "<strong>0</strong> ligne" in html
    assert Place.objects.count() == 0  # a preview writes nothing

    response = confirm(editor_client, census)
    assert "1 lieu(x) ajouté(s)" in response.content.decode()
    place = Place.objects.get()
    assert place.ident == "structure-1"
    assert place.nom == "Anonymal"
    assert place.latitude == 43.52609
    assert place.formations_labels == (
        "Formé à « Mon Espace Santé »|Arnia/MedNum BFC (Bourgogne-Franche-Comté)"
    )
    assert place.date_maj.isoformat() == "2024-04-02"


def test_a_file_with_one_error_of_each_kind_names_each_line_and_column_and_writes_nothing(
    editor_client, census
):
    rows = [
        standard_row(id="ok-1"),
        standard_row(id="a", code_postal="9239"),  # line 3
        standard_row(id="b", services="Aide aux démarches administratives|Cours de cuisine"),
        standard_row(id="c", pivot="43493312300028"),  # bad SIRET checksum, line 5
        standard_row(id="d", nom=""),  # required, line 6
        standard_row(id="e", date_maj="02/04/2024"),  # line 7
        standard_row(id="f", nom='=HYPERLINK("http://x")'),  # formula, line 8
        standard_row(id="g", adresse="1 rue\x07 du Bip"),  # control character, line 9
        standard_row(id="ok-1", nom="Doublon"),  # duplicate id, line 10
        standard_row(id="h", telephone="01 40 00 00 00"),  # line 11
    ]
    response = upload(editor_client, census, csv_bytes(rows))
    html = response.content.decode()
    assert response.status_code == 200
    problems = {(p["line"], p["field"], p["column"]) for p in ImportBatch.objects.get().problems}
    assert problems == {
        (3, "code_postal", "E"),
        (4, "services", "V"),
        (5, "pivot", "B"),
        (6, "nom", "C"),
        (7, "date_maj", "U"),
        (8, "nom", "C"),
        (9, "adresse", "G"),
        (10, "id", "A"),
        (11, "telephone", "L"),
    }
    assert "« Cours de cuisine » n&#x27;est pas une valeur permise" in html
    assert "Ce numéro SIRET n&#x27;est pas valide" in html
    assert "Date attendue au format AAAA-MM-JJ" in html
    assert "c&#x27;est une formule de tableur" in html
    assert "caractère de contrôle invisible (U+0007)" in html
    assert "L&#x27;identifiant « ok-1 » est déjà utilisé ligne 2" in html
    assert "<strong>9</strong> lignes refusées" in html
    assert "Confirmer l&#x27;import" not in html

    confirm(editor_client, census)  # a forged confirmation is refused too
    assert Place.objects.count() == 0


def test_a_semicolon_file_in_latin_1_is_read_and_said_so(editor_client, census):
    content = csv_bytes([standard_row(nom="Médiathèque Jean-Jaurès")], separator=";")
    response = upload(editor_client, census, content.decode().encode("cp1252"))
    html = response.content.decode()
    assert "Séparateur reconnu : point-virgule." in html
    assert "lu en Latin-1 (Windows-1252)" in html
    confirm(editor_client, census)
    assert Place.objects.get().nom == "Médiathèque Jean-Jaurès"


def test_a_utf8_file_with_bom_is_read(editor_client, census):
    upload(editor_client, census, b"\xef\xbb\xbf" + csv_bytes([standard_row()]))
    confirm(editor_client, census)
    assert Place.objects.get().ident == "lieu-1"


def test_a_file_in_utf16_is_refused_with_the_way_to_save_it(editor_client, census):
    response = upload(editor_client, census, csv_bytes([standard_row()]).decode().encode("utf-16"))
    assert response.status_code == 422
    assert "CSV UTF-8" in response.content.decode()
    assert not ImportBatch.objects.exists()


def test_missing_required_columns_are_named_and_extra_columns_ignored_out_loud(
    editor_client, census
):
    content = b"id,nom,commune,couleur\nx,Lieu,Nanterre,bleu\n"
    html = upload(editor_client, census, content).content.decode()
    assert "Colonnes obligatoires absentes : pivot, code_postal, adresse, date_maj." in html
    assert "Colonnes hors du standard, ignorées : « couleur »." in html
    assert Place.objects.count() == 0


def test_the_same_file_twice_changes_nothing_the_second_time(editor_client, census):
    content = csv_bytes([standard_row(), standard_row(id="lieu-2", nom="Autre lieu")])
    upload(editor_client, census, content)
    confirm(editor_client, census)
    before = list(Place.objects.order_by("pk").values())

    html = upload(editor_client, census, content).content.decode()
    assert "<strong>2</strong> inchangés" in html
    assert "ne change rien au recensement" in html
    assert list(Place.objects.order_by("pk").values()) == before


def test_a_row_is_matched_on_id_then_on_pivot_and_name(editor_client, census):
    upload(editor_client, census, csv_bytes([standard_row()]))
    confirm(editor_client, census)
    changed = standard_row(id="autre-identifiant", horaires="Mo-Fr 09:00-12:00")
    html = upload(editor_client, census, csv_bytes([changed])).content.decode()
    assert "<strong>1</strong> mis à jour" in html
    confirm(editor_client, census)
    place = Place.objects.get()
    assert (place.ident, place.horaires) == ("lieu-1", "Mo-Fr 09:00-12:00")


def test_an_xlsx_of_the_template_with_a_title_row_is_imported_and_formulas_refused(
    editor_client, census
):
    from census.standard import NAMES

    book = Workbook()
    sheet = book.active
    sheet.append(["Modèle de fichier — Lieux de médiation numérique"])
    sheet.append(NAMES)
    row = standard_row()
    sheet.append([row[name] for name in NAMES])
    formula = standard_row(id="lieu-2", nom="Lieu 2")
    sheet.append([formula[name] for name in NAMES])
    sheet.cell(row=4, column=NAMES.index("commune") + 1, value="=A3")
    out = io.BytesIO()
    book.save(out)
    html = upload(editor_client, census, out.getvalue(), "modele.xlsx").content.decode()
    problems = ImportBatch.objects.get().problems
    assert [(p["line"], p["field"]) for p in problems] == [(4, "commune")]
    assert "c&#x27;est une formule de tableur" in html


def test_ten_thousand_rows_are_previewed_and_imported_in_seconds(editor_client, census):
    rows = [standard_row(id=f"lieu-{n}", nom=f"Lieu {n}") for n in range(10_000)]
    content = csv_bytes(rows)
    started = time.perf_counter()
    html = upload(editor_client, census, content).content.decode()
    previewed = time.perf_counter()
    assert "<strong>10000</strong> nouveaux lieux" in html
    batch = ImportBatch.objects.get()
    editor_client.post(reverse("census:import_preview", args=[census.pk, batch.pk]))
    done = time.perf_counter()
    assert Place.objects.count() == 10_000
    page = editor_client.get(reverse("census:detail", args=[census.pk]))
    assert "10000 lieux recensés" in page.content.decode()
    print(f"10 000 lignes : aperçu {previewed - started:.2f} s, écriture {done - previewed:.2f} s")


def test_only_the_roadmaps_editors_import(client, facilitator, census, workshop):
    client.force_login(facilitator)
    response = client.get(reverse("census:import", args=[census.pk]))
    assert response.status_code == 403
