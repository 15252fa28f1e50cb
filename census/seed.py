"""The demo census of the Hauts-de-Seine: 40 places over the 36 communes, some communes with
none, so that the coverage means something. **Every place is fictitious** (names, addresses,
SIRET numbers made up with a valid key): the census is flagged as example data, and the
`source` of each place says so too. Loaded through the import's writer, like any file."""

from census import standard
from census.communes import communes
from census.importing import plan_rows, write_plan
from census.models import Census
from workshops.models import Programme

EXAMPLE_SOURCE = "Données fictives d'exemple"
DATE = "2024-11-21"  # the day of workshop n°1
# Places per commune (INSEE code); the communes not named here have none.
PLACES_PER_COMMUNE = {
    "92050": 3,  # Nanterre
    "92012": 3,  # Boulogne-Billancourt
    "92025": 2,  # Colombes
    "92004": 2,  # Asnières-sur-Seine
    "92036": 2,  # Gennevilliers
    "92078": 2,  # Villeneuve-la-Garenne
    "92063": 2,  # Rueil-Malmaison
    "92026": 2,  # Courbevoie
    "92002": 2,  # Antony
    "92024": 2,  # Clichy
    **dict.fromkeys(
        [
            "92007", "92009", "92019", "92020", "92022", "92023", "92032", "92035", "92040",
            "92046", "92048", "92049", "92062", "92064", "92071", "92072", "92073", "92075",
        ],
        1,
    ),
}  # fmt: skip
SUPPORT = "Accompagnement individuel|Dans un atelier collectif"
KINDS = [
    "Médiathèque",
    "Centre social",
    "Espace France Services",
    "CCAS",
    "Association Numérique pour tous",
    "Maison de quartier",
]


def _siret(number: int) -> str:
    """A made-up SIRET (prefix 999) whose Luhn key is right."""
    base = f"999{number:010d}"
    for key in range(10):
        digits = base + str(key)
        total = 0
        for index, char in enumerate(reversed(digits)):
            value = int(char) * (2 if index % 2 else 1)
            total += value - 9 if value > 9 else value
        if total % 10 == 0:
            return digits
    raise AssertionError("unreachable")  # pragma: no cover


def _pick(values: tuple[str, ...], number: int, count: int) -> str:
    return standard.join(values[(number + step * 2) % len(values)] for step in range(count))


def example_rows() -> list[dict[str, str]]:
    rows = []
    number = 0
    for commune in communes():
        for _index in range(PLACES_PER_COMMUNE.get(commune.code, 0)):
            number += 1
            kind = KINDS[number % len(KINDS)]
            labels = [
                label
                for label, every in (
                    ("Conseillers numériques", 2),
                    ("France Services", 4),
                    ("Aidants Connect", 3),
                )
                if number % every == 0
            ]
            fee = (
                "Payant"
                if number % 9 == 0
                else "Gratuit sous condition"
                if number % 5 == 0
                else "Gratuit"
            )
            row = dict.fromkeys(standard.NAMES, "")
            row.update(
                {
                    "id": f"exemple-92-{number:02d}",
                    "pivot": _siret(number),
                    "nom": f"{kind} de {commune.name} (exemple)",
                    "commune": commune.name,
                    "code_postal": commune.postcodes[0],
                    "code_insee": commune.code,
                    "adresse": f"{number} rue de l'Exemple",
                    "horaires": "Mo-Fr 09:00-12:00,14:00-18:00",
                    "presentation_resume": "Lieu fictif, pour l'exemple.",
                    "source": EXAMPLE_SOURCE,
                    "itinerance": "Itinérant" if number % 13 == 0 else "Fixe",
                    "date_maj": DATE,
                    "services": _pick(standard.SERVICES, number, 2 + number % 4),
                    "publics_specifiquement_adresses": (
                        _pick(standard.PUBLICS, number, 1) if number % 3 == 0 else ""
                    ),
                    "prise_en_charge_specifique": (
                        _pick(standard.SPECIFIC_SUPPORT, number, 2) if number % 4 == 1 else ""
                    ),
                    "frais_a_charge": fee,
                    "dispositif_programmes_nationaux": standard.join(labels),
                    "modalites_acces": "Se présenter|Téléphoner",
                    "modalites_accompagnement": SUPPORT,
                }
            )
            rows.append(row)
    return rows


def load_census_seed(*, programme: Programme) -> tuple[Census, bool]:
    """The demo census of this programme; a census that already has places is kept."""
    census, _created = Census.objects.get_or_create(
        programme=programme, defaults={"source": EXAMPLE_SOURCE, "is_example": True}
    )
    if census.places.exists():
        return census, False
    rows = [(0, row) for row in example_rows()]
    write_plan(census=census, planned=plan_rows(census=census, rows=rows))
    return census, True
