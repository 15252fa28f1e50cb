"""What only the roadmap tests need; their fixtures (roadmap92, editor…) are in tests/conftest.py,
shared with the browser journeys."""

import datetime as dt

import pytest


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
def new_sheet_data(roadmap92):
    """A new sheet with three cost lines (one staff line costed in ETP) and two funders."""
    from roadmap.sheet_editing import SheetEditor

    members = {m.label: m.pk for m in roadmap92.members.select_related("organisation")}
    data = form_data(SheetEditor(roadmap=roadmap92))
    data.update(
        {
            "sheet-title": "Maison numérique itinérante",
            "sheet-axis": str(roadmap92.axes.first().pk),
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
def signed(roadmap92, editor):
    return sign(roadmap92)
