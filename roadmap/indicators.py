"""The indicator library offered on every sheet, and the roll-up of a roadmap's indicators.

ANCT's tool keeps indicators as free text; here each one has a unit, a baseline with its date,
a target per year and a source, so the roadmap can add them up across its sheets.
"""

from dataclasses import dataclass, field
from decimal import Decimal

from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

CUSTOM = "autre"


@dataclass(frozen=True)
class Definition:
    code: str
    name: Promise | str
    unit: Promise | str
    additive: bool = True  # False: values of several sheets must not be summed (an index)


LIBRARY: list[Definition] = [
    Definition("accompagnes_individuel", _("Personnes accompagnées en individuel"), _("personnes")),
    Definition(
        "accompagnes_collectif", _("Personnes accompagnées en atelier collectif"), _("personnes")
    ),
    Definition(
        "lieux_conseiller_numerique",
        _("Lieux d'inclusion numérique avec un conseiller numérique"),
        _("lieux"),
    ),
    Definition("lieux_france_services", _("Lieux labellisés France Services"), _("lieux")),
    Definition("lieux_aidants_connect", _("Lieux habilités Aidants Connect"), _("lieux")),
    Definition(
        "lieux_qpv", _("Lieux d'inclusion numérique en quartier prioritaire (QPV)"), _("lieux")
    ),
    Definition(
        "lieux_zrr",
        _("Lieux d'inclusion numérique en zone de revitalisation rurale (ZRR)"),
        _("lieux"),
    ),
    Definition("mediateurs", _("Médiateurs et médiatrices numériques"), _("personnes")),
    Definition(
        "conseillers_numeriques", _("Conseillers et conseillères numériques"), _("personnes")
    ),
    Definition(
        "coordinateurs",
        _("Coordinateurs et coordinatrices de conseillers numériques"),
        _("personnes"),
    ),
    Definition(
        "habilitations_aidants_connect", _("Habilitations Aidants Connect"), _("habilitations")
    ),
    Definition("aidants_formes", _("Aidants et aidantes formés"), _("personnes")),
    Definition("formations_financees", _("Formations financées"), _("formations")),
    Definition(
        "equipements_reconditionnes", _("Équipements reconditionnés distribués"), _("équipements")
    ),
    Definition(
        "ifn",
        _("Indice de fragilité numérique (IFN) des communes couvertes"),
        _("indice"),
        additive=False,
    ),
]
BY_CODE = {definition.code: definition for definition in LIBRARY}


def library_choices() -> list[tuple[str, str]]:
    return [(d.code, d.name) for d in LIBRARY] + [(CUSTOM, _("Autre indicateur (à définir)"))]


@dataclass
class RollupRow:
    """One indicator across the roadmap: its baselines and targets added up per year."""

    name: str
    unit: str
    additive: bool
    sheets: list[str] = field(default_factory=list)
    baseline: Decimal | None = None
    targets: dict[int, Decimal] = field(default_factory=dict)


def rollup_indicators(*, indicators) -> tuple[list[RollupRow], list[int]]:
    """Group the sheets' indicators by definition (library code, or custom name and unit).

    Non-additive indicators (an index) list their sheets but get no total. Returns the rows and
    the years that have at least one target.
    """
    rows: dict[tuple, RollupRow] = {}
    for indicator in indicators:
        if indicator.code != CUSTOM:
            key = ("library", indicator.code)
        else:
            key = ("custom", indicator.name.strip().lower(), indicator.unit.strip().lower())
        row = rows.get(key)
        if row is None:
            row = rows[key] = RollupRow(
                name=indicator.name, unit=indicator.unit, additive=indicator.additive
            )
        row.sheets.append(indicator.sheet.title)
        if not row.additive:
            continue
        if indicator.baseline is not None:
            row.baseline = (row.baseline or Decimal(0)) + indicator.baseline
        for target in indicator.targets.all():
            row.targets[target.year] = row.targets.get(target.year, Decimal(0)) + target.value
    years = sorted({year for row in rows.values() for year in row.targets})
    return list(rows.values()), years
