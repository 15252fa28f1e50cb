"""The census of the programme of `roadmap` (the small roadmap of tests/conftest.py built from
factories), edited by that roadmap's editor and read by the facilitator of a workshop of it."""

from pathlib import Path

import pytest

HERE = Path(__file__).resolve().parent
# The standard's own valid example file (LaMednum, Etalab-2.0), shipped as it is published.
EXAMPLE_CSV = HERE / "exemple-valide.csv"


@pytest.fixture
def census(roadmap):
    from census.models import Census

    return Census.objects.create(programme=roadmap.programme, source="Préfecture 92")


@pytest.fixture
def editor(coordinator, roadmap):
    """A coordinator who edits `roadmap`, so the census of its programme."""
    roadmap.editors.add(coordinator)
    return coordinator


@pytest.fixture
def workshop(roadmap, facilitator):
    """A workshop of the roadmap's programme, run by `facilitator`."""
    from tests.factories import make_workshop

    return make_workshop(programme=roadmap.programme, facilitator=facilitator)


def standard_row(**overrides) -> dict[str, str]:
    """One valid place of the 92, as the standard's texts."""
    from census.standard import NAMES

    row = dict.fromkeys(NAMES, "")
    row.update(
        {
            "id": "lieu-1",
            "pivot": "43493312300029",
            "nom": "Espace numérique Nelly Roussel",
            "commune": "Villeneuve-la-Garenne",
            "code_postal": "92390",
            "code_insee": "92078",
            "adresse": "1 rue de l'Exemple",
            "date_maj": "2024-04-02",
            "services": (
                "Aide aux démarches administratives|Maîtrise des outils numériques du quotidien"
            ),
            "frais_a_charge": "Gratuit",
        }
    )
    row.update(overrides)
    return row


def csv_bytes(rows: list[dict[str, str]], *, separator: str = ",", encoding="utf-8") -> bytes:
    import csv
    import io

    from census.standard import NAMES

    out = io.StringIO()
    writer = csv.writer(out, delimiter=separator, lineterminator="\n")
    writer.writerow(NAMES)
    for row in rows:
        writer.writerow([row[name] for name in NAMES])
    return out.getvalue().encode(encoding)


@pytest.fixture(autouse=True)
def _fresh_throttle():
    """The public form's per-client counter lives in the cache, which outlives a test."""
    from django.core.cache import cache

    cache.clear()
