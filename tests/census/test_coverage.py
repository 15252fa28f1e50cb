"""Coverage of the territory from a known set of places: per commune, per 10,000 inhabitants,
services missing, labels, fees; a map and a table that say the same; a filter by service and
public."""

import re

import pytest
from django.urls import reverse

from census.coverage import census_coverage
from census.importing import plan_rows, write_plan
from tests.census.conftest import standard_row

NANTERRE = {"commune": "Nanterre", "code_postal": "92000", "code_insee": "92050"}
SCEAUX = {"commune": "Sceaux", "code_postal": "92330", "code_insee": ""}  # found by its name


@pytest.fixture
def known_places(census):
    rows = [
        standard_row(
            id="n1",
            **NANTERRE,
            services="Aide aux démarches administratives",
            dispositif_programmes_nationaux="Conseillers numériques|France Services",
            frais_a_charge="Gratuit",
            publics_specifiquement_adresses="Seniors",
        ),
        standard_row(
            id="n2",
            **NANTERRE,
            nom="Deuxième lieu",
            services="Loisirs et créations numériques",
            dispositif_programmes_nationaux="Aidants Connect",
            frais_a_charge="Payant",
            prise_en_charge_specifique="Surdité",
        ),
        standard_row(id="s1", **SCEAUX, services="Aide aux démarches administratives"),
        standard_row(id="p1", commune="Paris", code_postal="75011", code_insee="75111"),
    ]
    write_plan(census=census, planned=plan_rows(census=census, rows=list(enumerate(rows))))
    return census


def commune(coverage: dict, name: str) -> dict:
    return next(row for row in coverage["communes"] if row["name"] == name)


def test_figures_per_commune_follow_the_places(known_places):
    coverage = census_coverage(census=known_places)
    assert coverage["total"] == 4
    assert coverage["in_department"] == 3
    assert coverage["outside"] == 1
    nanterre = commune(coverage, "Nanterre")
    assert nanterre["places"] == 2
    assert nanterre["per_10k"] == round(2 * 10_000 / 97_783, 2)
    assert nanterre["labels"] == {
        "Conseillers numériques": 1,
        "France Services": 1,
        "Aidants Connect": 1,
    }
    assert (nanterre["free"], nanterre["paid"], nanterre["specific"]) == (1, 1, 1)
    assert nanterre["services"] == [
        "Aide aux démarches administratives",
        "Loisirs et créations numériques",
    ]
    assert len(nanterre["missing"]) == 7
    assert commune(coverage, "Sceaux")["places"] == 1
    assert len(coverage["communes"]) == 36
    assert len(coverage["communes_without"]) == 34
    assert coverage["population"] == 1_654_712
    assert coverage["labels"]["Conseillers numériques"] == 1


def test_the_filter_keeps_the_places_offering_a_service_to_a_public(known_places):
    coverage = census_coverage(
        census=known_places, service="Aide aux démarches administratives", public="Seniors"
    )
    assert coverage["in_department"] == 1
    assert commune(coverage, "Nanterre")["places"] == 1
    assert commune(coverage, "Sceaux")["places"] == 0


def test_the_page_shows_a_map_and_a_table_that_say_the_same(editor_client, known_places):
    url = reverse("census:coverage", args=[known_places.pk])
    html = editor_client.get(url).content.decode()
    assert "<title>Nanterre : 2 lieux</title>" in html
    assert re.search(
        r'<th scope="row">Nanterre</th>\s*<td class="num">97783</td>\s*'
        r'<td class="num">2</td>',
        html,
    )
    assert "coverage-map__cell--0" in html  # communes with none are drawn too
    assert "34</strong> communes sans lieu" in html

    filtered = editor_client.get(url, {"public": "Seniors"}).content.decode()
    assert "<title>Nanterre : 1 lieu</title>" in filtered
    assert (
        "<title>Sceaux : 0 lieu</title>" in filtered
        or "<title>Sceaux : 0 lieux</title>" in filtered
    )


def test_the_census_is_read_by_the_programmes_facilitators_and_hidden_from_others(
    client, facilitator, workshop, other_editor, census
):
    client.force_login(facilitator)
    assert client.get(reverse("census:coverage", args=[census.pk])).status_code == 200
    client.force_login(other_editor)
    assert client.get(reverse("census:coverage", args=[census.pk])).status_code == 404
