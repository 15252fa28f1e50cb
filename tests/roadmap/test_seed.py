"""The demo roadmap of the 92: loaded once, drawn from the deck's examples, amounts marked as
fictitious; the demo command makes `coordination` its editor and prints its address."""

import re
from decimal import Decimal
from io import StringIO

import pytest
from django.contrib.auth import get_user_model
from django.core.management import call_command

from fne92 import demo
from roadmap.models import Roadmap
from roadmap.seed import load_roadmap_seed


def test_the_demo_roadmap_has_its_governance_axes_and_the_deck_s_three_examples(roadmap92):
    assert roadmap92.programme.slug == "fne-hauts-de-seine"
    assert roadmap92.is_example
    assert [m.label for m in roadmap92.co_carriers] == ["CD92", "Préfecture 92"]
    assert roadmap92.committees.count() == 3
    assert roadmap92.axes.count() == 3
    assert list(roadmap92.sheets.values_list("title", flat=True)) == [
        "Parcours usager coordonné entre structures",
        "Référentiel de pratique départemental",
        "Outil de diagnostic unifié",
    ]


def test_every_demo_sheet_passes_its_blocking_checks_and_says_its_amounts_are_fictitious(
    roadmap92,
):
    for sheet in roadmap92.sheets.all():
        assert [c.message for c in sheet.checks() if c.blocking] == [], sheet.title
        assert "Montants fictifs, pour l'exemple." in sheet.description
        assert all("(exemple)" in line.label for line in sheet.cost_lines.all())
        assert sheet.origin_label.startswith("issu de l'atelier n°1")
        assert (
            sheet.origin_object.title
            == "Retour sur le concept de projet dimensionnant et structurant"
        )
        assert sheet.revisions.count() == 1


@pytest.fixture
def sheet(roadmap92):
    """The demo's sheet n°1 (in tests/roadmap, `sheet` is a sheet built from factories)."""
    return roadmap92.sheets.get(title="Parcours usager coordonné entre structures")


def test_the_staff_lines_are_costed_in_etp(roadmap92, sheet):
    staff = sheet.cost_lines.get(tenured=True)
    assert staff.amount == Decimal("9600.00")
    assert not staff.eligible
    assert sheet.costing().total_cost == Decimal("156800.00")


def test_loading_twice_keeps_what_coordinators_changed(roadmap92):
    roadmap92.context = "Changé par la coordination"
    roadmap92.name = "Feuille de route renommée"
    roadmap92.save()
    again, created = load_roadmap_seed()
    assert not created
    assert again == roadmap92
    assert Roadmap.objects.count() == 1
    assert Roadmap.objects.get().context == "Changé par la coordination"


@pytest.fixture
def credentials_file(tmp_path, monkeypatch):
    path = tmp_path / "demo_credentials.json"
    monkeypatch.setattr(demo, "CREDENTIALS_FILE", path)
    return path


def test_the_demo_command_prints_the_roadmap_and_makes_coordination_its_editor(
    db, credentials_file
):
    out = StringIO()
    call_command("prepare_demo", stdout=out)
    roadmap = Roadmap.objects.get()
    assert f"Feuille de route (exemple) : http://127.0.0.1:8000/feuille-de-route/{roadmap.pk}/" in (
        out.getvalue()
    )
    assert list(roadmap.editors.values_list("username", flat=True)) == ["coordination"]
    assert len(re.findall(r"mot de passe « ([^»]+) »", out.getvalue())) == 2
    call_command("prepare_demo", stdout=StringIO())
    assert Roadmap.objects.count() == 1
    assert get_user_model().objects.get(username="coordination").edited_roadmaps.count() == 1
