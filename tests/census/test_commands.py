"""The census from the command line: import_lieux (a preview, then --confirmer) and
export_lieux (the standard's CSV or JSON on standard output)."""

import io
import json

import pytest
from django.core.management import CommandError, call_command

from census.models import Place
from census.seed import example_rows, load_census_seed
from tests.census.conftest import EXAMPLE_CSV, csv_bytes, standard_row


def test_import_lieux_previews_then_writes_when_confirmed(census):
    slug = census.programme.slug
    out = io.StringIO()
    call_command("import_lieux", str(EXAMPLE_CSV), demarche=slug, stdout=out)
    assert "1 nouveaux, 0 mis à jour, 0 inchangés, 0 lignes refusées" in out.getvalue()
    assert Place.objects.count() == 0
    call_command("import_lieux", str(EXAMPLE_CSV), demarche=slug, confirmer=True, stdout=out)
    assert Place.objects.get().ident == "structure-1"


def test_import_lieux_names_each_problem_and_writes_nothing(census, tmp_path):
    path = tmp_path / "lieux.csv"
    path.write_bytes(csv_bytes([standard_row(), standard_row(id="b", code_postal="abc")]))
    out = io.StringIO()
    with pytest.raises(CommandError, match="rien n'est écrit"):
        call_command(
            "import_lieux", str(path), demarche=census.programme.slug, confirmer=True, stdout=out
        )
    assert "ligne 3, colonne code_postal (E) : Le code postal compte 5 chiffres" in out.getvalue()
    assert Place.objects.count() == 0


def test_export_lieux_writes_the_standard(roadmap):
    census, _ = load_census_seed(programme=roadmap.programme)
    out = io.StringIO()
    call_command("export_lieux", demarche=census.programme.slug, format="json", stdout=out)
    assert len(json.loads(out.getvalue())) == len(example_rows())
