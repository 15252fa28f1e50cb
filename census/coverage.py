"""How well the census covers the territory: places per commune and per 10,000 inhabitants,
services offered and missing, national labels, fees, specific support.

The result is a plain dict (JSON-ready): the coverage page, the roadmap's diagnostic and the
figures a signed roadmap keeps are all the same dict, so a map drawn from a signed roadmap's
snapshot is the map it was signed with.
"""

from collections import Counter

from django.utils import timezone
from django.utils.translation import gettext as _

from census import standard
from census.communes import communes, find_commune
from census.models import Census, Place

# The labels the roadmap's indicators follow (FNE.md, "Indicators worth offering").
LABELS = ("Conseillers numériques", "France Services", "Aidants Connect")
FREE, FREE_IF, PAID = standard.FEES  # Gratuit, Gratuit sous condition, Payant
CELL = 76  # a commune's square on the map, gap included, in SVG units


def _level(count: int) -> int:
    """The map's shade: none, one, two, three or more places."""
    return min(count, 3)


def _short_name(name: str) -> str:
    """A name that fits in a square of the map; the full name is in its title and the table."""
    words = name.removeprefix("La ").removeprefix("Le ").split("-")
    short = words[0] if len(words[0]) > 4 or len(words) == 1 else "-".join(words[:2])
    return short if len(short) <= 11 else short[:10] + "."


def summarise(
    *,
    places: list[Place],
    service: str = "",
    public: str = "",
    source: str = "",
    is_example: bool = False,
) -> dict:
    """The coverage of these places, optionally only those offering `service` to `public`."""
    if service:
        places = [p for p in places if service in p.values_of("services")]
    if public:
        places = [p for p in places if public in p.values_of("publics_specifiquement_adresses")]
    by_commune: dict[str, list[Place]] = {}
    outside = 0
    for place in places:
        commune = find_commune(
            code_insee=place.code_insee, name=place.commune, postcode=place.code_postal
        )
        if commune is None:
            outside += 1
        else:
            by_commune.setdefault(commune.code, []).append(place)
    rows = []
    for commune in communes():
        here = by_commune.get(commune.code, [])
        offered = {s for p in here for s in p.values_of("services")}
        labels = Counter(
            label for p in here for label in p.values_of("dispositif_programmes_nationaux")
        )
        fees = [set(p.values_of("frais_a_charge")) for p in here]
        rows.append(
            {
                "code": commune.code,
                "name": commune.name,
                "short": _short_name(commune.name),
                "population": commune.population,
                "places": len(here),
                "per_10k": round(len(here) * 10_000 / commune.population, 2),
                "services": [s for s in standard.SERVICES if s in offered],
                "missing": [s for s in standard.SERVICES if s not in offered],
                "labels": {label: labels[label] for label in LABELS},
                "free": sum(1 for f in fees if FREE in f),
                "paid": sum(1 for f in fees if PAID in f),
                "specific": sum(1 for p in here if p.prise_en_charge_specifique),
                "x": commune.column * CELL,
                "y": commune.row * CELL,
                "level": _level(len(here)),
            }
        )
    population = sum(c.population for c in communes())
    in_department = sum(row["places"] for row in rows)
    all_fees = Counter(f for p in places for f in p.values_of("frais_a_charge"))
    return {
        "date": timezone.localdate().isoformat(),
        "source": source,
        "is_example": is_example,
        "standard": f"Lieux de médiation numérique {standard.VERSION}",
        "service": service,
        "public": public,
        "total": len(places),
        "in_department": in_department,
        "outside": outside,
        "population": population,
        "per_10k": round(in_department * 10_000 / population, 2),
        "communes": rows,
        "communes_without": [row["name"] for row in rows if not row["places"]],
        "labels": {label: sum(row["labels"][label] for row in rows) for label in LABELS},
        "fees": {fee: all_fees[fee] for fee in standard.FEES},
        "no_fee_given": sum(1 for p in places if not p.frais_a_charge),
        "services": {
            s: sum(1 for p in places if s in p.values_of("services")) for s in standard.SERVICES
        },
        "specific": {
            s: sum(1 for p in places if s in p.values_of("prise_en_charge_specifique"))
            for s in standard.SPECIFIC_SUPPORT
        },
        "width": CELL * (1 + max(c.column for c in communes())),
        "height": CELL * (1 + max(c.row for c in communes())),
    }


def census_coverage(*, census: Census, service: str = "", public: str = "") -> dict:
    return summarise(
        places=list(census.places.all()),
        service=service,
        public=public,
        source=census.source
        or _("Recensement de la démarche « %(name)s »") % {"name": census.programme.name},
        is_example=census.is_example,
    )
