"""What only the roadmap tests need. They run on `roadmap`, the small roadmap of tests/conftest.py
built from factories: `editor` edits it here and `sheet` is a costed sheet of it. The modules that
check the demo's roadmap (test_seed, test_demarche) put these back on `roadmap92`."""

import datetime as dt

import pytest

from tests.factories import make_indicator, make_sheet


@pytest.fixture(autouse=True)
def media_root(settings, tmp_path):
    """Uploaded documents go to a temporary folder, never to the real one."""
    settings.MEDIA_ROOT = tmp_path / "uploads"
    return settings.MEDIA_ROOT


def form_data(editor) -> dict:
    """What a browser would post for this editor's form as it opens (unchanged values)."""
    from django.forms import CheckboxInput

    data = {}
    forms = [editor.form]
    for formset in editor.formsets.values():
        forms.append(formset.management_form)
        forms.extend(formset.forms)
    for form in forms:
        for field in form:
            value = field.value()
            if isinstance(field.field.widget, CheckboxInput):
                if value:
                    data[field.html_name] = "on"
            elif isinstance(value, list | tuple):
                data[field.html_name] = [str(v) for v in value]
            else:
                data[field.html_name] = "" if value is None else str(value)
    return data


def figure(html: str, label: str) -> str:
    """The amount a totals panel shows for one label ("Coût total", "dont non éligible"…)."""
    return html.split(f"<dt>{label}</dt><dd>")[1].split("</dd>")[0]


@pytest.fixture
def editor(coordinator, roadmap):
    """A coordinator who edits `roadmap` (the one of tests/conftest.py edits the demo's)."""
    roadmap.editors.add(coordinator)
    return coordinator


ENVELOPE = "Ingénierie France Numérique Ensemble - 2024"
STAFF = "Cheffe de projet parcours"
TRAINING = "Formation des agents d'accueil à l'orientation"


@pytest.fixture
def sheet(roadmap):
    """Sheet n°1 of `roadmap`, sent for validation, costed over 2025–2026: a staff line costed in
    ETP each year (`STAFF`), a tenured civil servant's salary (never eligible), an investment
    and a training (`TRAINING`); funded by the three members, most of it in 2025 (without its
    2026 line, the funding would exceed the cost); a consistent subsidy request, two indicators
    and a milestone. Its blocking checks pass."""
    members = {m.label: m for m in roadmap.members.select_related("organisation")}
    prefecture, cd92, caf = members["Préfecture 92"], members["CD92"], members["CAF 92"]
    staff = {"category": "ingenierie", "label": STAFF, "fte": "1", "months": "12"}
    sheet = make_sheet(
        roadmap,
        "Parcours usager coordonné entre structures",
        axis=roadmap.axes.first(),
        status="a_valider",
        starts_on=dt.date(2025, 1, 1),
        ends_on=dt.date(2026, 12, 31),
        needs=["animer_gouvernance"],
        carriers=[cd92],
        partners=[caf],
        costs=[
            {**staff, "year": 2025, "monthly_cost": "4000"},
            {**staff, "year": 2026, "monthly_cost": "4100"},
            {
                "year": 2025,
                "category": "ingenierie",
                "label": "Pilotage par un agent départemental titulaire",
                "fte": "0.5",
                "months": "6",
                "monthly_cost": "3000",
                "tenured": True,
                "eligible": False,
            },
            {
                "year": 2025,
                "category": "prestation",
                "label": "Outil partagé d'orientation",
                "nature": "investissement",
                "amount": "20000",
            },
            {"year": 2025, "category": "formation", "label": TRAINING, "amount": "6000"},
        ],
        fundings=[
            {
                "funder": prefecture,
                "envelope": ENVELOPE,
                "year": 2025,
                "amount": "50000",
                "status": "sollicite",
            },
            {"funder": cd92, "year": 2025, "amount": "30000", "status": "acquis"},
            {"funder": cd92, "year": 2026, "amount": "25000", "status": "envisage"},
            {"funder": caf, "year": 2025, "amount": "10000", "status": "envisage"},
        ],
        subsidy_envelope=ENVELOPE,
        subsidy_status="a_deposer",
        subsidy_requested="50000",
        subsidy_rh="40000",
        subsidy_prestation="10000",
        beneficiaries=[(cd92, "50000")],
        milestones=[(dt.date(2025, 3, 31), "Cartographie des structures et de leurs offres")],
    )
    make_indicator(
        sheet,
        "accompagnes_individuel",
        source="Outil partagé d'orientation",
        targets={2025: "1500", 2026: "3000"},
    )
    make_indicator(
        sheet,
        "autre",
        name="Orientations suivies jusqu'à leur prise en charge",
        unit="orientations",
        targets={2025: "800"},
    )
    return sheet


@pytest.fixture
def new_sheet_data(roadmap):
    """A new sheet with three cost lines (one staff line costed in ETP) and two funders."""
    from roadmap.sheet_editing import SheetEditor

    members = {m.label: m.pk for m in roadmap.members.select_related("organisation")}
    data = form_data(SheetEditor(roadmap=roadmap))
    data.update(
        {
            "sheet-title": "Maison numérique itinérante",
            "sheet-axis": str(roadmap.axes.first().pk),
            "sheet-status": "brouillon",
            "sheet-starts_on": "2025-01-01",
            "sheet-ends_on": "2026-12-31",
            "sheet-needs": ["rediger"],
            "sheet-carriers": [str(members["CD92"])],
            "costs-TOTAL_FORMS": "3",
            "costs-0-year": "2025",
            "costs-0-category": "ingenierie",
            "costs-0-label": "Coordinatrice",
            "costs-0-nature": "fonctionnement",
            "costs-0-eligible": "on",
            "costs-0-fte": "0,5",
            "costs-0-months": "12",
            "costs-0-monthly_cost": "4 000",
            "costs-1-year": "2025",
            "costs-1-category": "equipement",
            "costs-1-label": "Véhicule aménagé",
            "costs-1-nature": "investissement",
            "costs-1-eligible": "on",
            "costs-1-amount": "35 000,50",
            "costs-2-year": "2026",
            "costs-2-category": "communication",
            "costs-2-label": "Affiches",
            "costs-2-nature": "fonctionnement",
            "costs-2-eligible": "on",
            "costs-2-amount": "1500",
            "fundings-TOTAL_FORMS": "2",
            "fundings-0-funder": str(members["Préfecture 92"]),
            "fundings-0-envelope": "Ingénierie France Numérique Ensemble - 2024",
            "fundings-0-year": "2025",
            "fundings-0-amount": "20000",
            "fundings-0-status": "sollicite",
            "fundings-1-funder": str(members["CD92"]),
            "fundings-1-envelope": "",
            "fundings-1-year": "2026",
            "fundings-1-amount": "10000",
            "fundings-1-status": "acquis",
        }
    )
    return data


def sign(roadmap):
    from roadmap.models import Roadmap

    roadmap.status = Roadmap.Status.SIGNED
    roadmap.validated_on = dt.date(2025, 1, 20)
    roadmap.signed_on = dt.date(2025, 2, 3)
    roadmap.signatories = (
        "La préfète déléguée pour l'égalité des chances\nLe président du Département"
    )
    roadmap.save()
    return roadmap


@pytest.fixture
def signed(roadmap, editor):
    return sign(roadmap)
