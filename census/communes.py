"""The communes of the département, shipped with the app (no network at run time), and how a
place finds its commune.

`data/communes92.json` comes from the npm package `@etalab/decoupage-administratif` (see
`data/README.md` to regenerate it). Commune shapes are not available offline, so the map is a
grid cartogram: one square per commune, placed by hand from the communes' positions (north at
the top, the Seine's loop on the left), which keeps small communes as visible as large ones.
"""

import functools
import json
import unicodedata
from dataclasses import dataclass
from pathlib import Path

DATA_PATH = Path(__file__).resolve().parent / "data" / "communes92.json"

# (column, row) of each commune in the cartogram, west → east and north → south.
GRID: dict[str, tuple[int, int]] = {
    "92025": (3, 0),  # Colombes
    "92036": (4, 0),  # Gennevilliers
    "92078": (5, 0),  # Villeneuve-la-Garenne
    "92035": (2, 1),  # La Garenne-Colombes
    "92009": (3, 1),  # Bois-Colombes
    "92004": (4, 1),  # Asnières-sur-Seine
    "92024": (5, 1),  # Clichy
    "92063": (0, 2),  # Rueil-Malmaison
    "92050": (1, 2),  # Nanterre
    "92062": (2, 2),  # Puteaux
    "92026": (3, 2),  # Courbevoie
    "92044": (4, 2),  # Levallois-Perret
    "92076": (0, 3),  # Vaucresson
    "92033": (1, 3),  # Garches
    "92073": (2, 3),  # Suresnes
    "92051": (3, 3),  # Neuilly-sur-Seine
    "92047": (0, 4),  # Marnes-la-Coquette
    "92077": (1, 4),  # Ville-d'Avray
    "92064": (2, 4),  # Saint-Cloud
    "92012": (3, 4),  # Boulogne-Billancourt
    "92040": (4, 4),  # Issy-les-Moulineaux
    "92075": (5, 4),  # Vanves
    "92049": (6, 4),  # Montrouge
    "92022": (1, 5),  # Chaville
    "92072": (2, 5),  # Sèvres
    "92048": (3, 5),  # Meudon
    "92023": (4, 5),  # Clamart
    "92046": (5, 5),  # Malakoff
    "92007": (6, 5),  # Bagneux
    "92060": (3, 6),  # Le Plessis-Robinson
    "92032": (4, 6),  # Fontenay-aux-Roses
    "92020": (5, 6),  # Châtillon
    "92014": (6, 6),  # Bourg-la-Reine
    "92019": (3, 7),  # Châtenay-Malabry
    "92071": (4, 7),  # Sceaux
    "92002": (5, 7),  # Antony
}


@dataclass(frozen=True)
class Commune:
    code: str  # INSEE
    name: str
    population: int
    postcodes: tuple[str, ...]
    column: int
    row: int


def _key(name: str) -> str:
    """ "Ville-d'Avray", "VILLE D AVRAY", "ville d’avray" → one key."""
    text = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode().lower()
    return "".join(char for char in text if char.isalnum())


@functools.cache
def communes() -> tuple[Commune, ...]:
    data = json.loads(DATA_PATH.read_text(encoding="utf-8"))
    return tuple(
        Commune(
            code=item["code"],
            name=item["nom"],
            population=item["population"],
            postcodes=tuple(item["codes_postaux"]),
            column=GRID[item["code"]][0],
            row=GRID[item["code"]][1],
        )
        for item in data["communes"]
    )


@functools.cache
def _indexes() -> tuple[dict, dict, dict]:
    by_code = {c.code: c for c in communes()}
    by_name = {_key(c.name): c for c in communes()}
    by_postcode: dict[str, list[Commune]] = {}
    for commune in communes():
        for postcode in commune.postcodes:
            by_postcode.setdefault(postcode, []).append(commune)
    return by_code, by_name, by_postcode


def find_commune(*, code_insee: str = "", name: str = "", postcode: str = "") -> Commune | None:
    """The commune of the département a place is in: by INSEE code, else by name, else by
    postal code when only one commune has it; None for a place outside the département."""
    by_code, by_name, by_postcode = _indexes()
    if code_insee:
        return by_code.get(code_insee)
    if found := by_name.get(_key(name)):
        return found
    candidates = by_postcode.get(postcode, [])
    return candidates[0] if len(candidates) == 1 else None
