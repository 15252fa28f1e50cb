"""The costing of a project sheet and of a whole roadmap: exact sums, shares and ANCT's checks.

Every function takes plain values (no model, no form): the same code computes the totals of a
saved sheet, of a form being typed (the totals update as you type) and of the exports.
Amounts are `Decimal` euros. Rounding happens in two places only: a staff line (ETP × months ×
monthly cost) is rounded to the cent, half up; shares are rounded to 0.1 %, and their rounding
is spread (largest remainder) so that the shares shown always add up to 100 %.
"""

from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from decimal import ROUND_DOWN, Decimal

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from roadmap.money import format_euros, money

ZERO = Decimal("0.00")
HUNDRED = Decimal(100)
TENTH = Decimal("0.1")

SECURED, REQUESTED, CONSIDERED = "acquis", "sollicite", "envisage"
FUNDING_STATUSES = (SECURED, REQUESTED, CONSIDERED)


TENURED_NOT_ELIGIBLE = gettext_lazy(
    "Comptée comme non éligible : le salaire d'un fonctionnaire territorial titulaire ne peut "
    "pas être subventionné par l'État."
)


def is_eligible(*, eligible: bool, tenured: bool) -> bool:
    """Whether an expense counts in the base a State subsidy may pay for.

    A tenured territorial civil servant's salary never does, whatever the "eligible" box says;
    it still counts in the total cost, like every line.
    """
    return eligible and not tenured


@dataclass(frozen=True)
class CostItem:
    """One expense: an amount for one year, eligible or not for a State subsidy."""

    year: int
    amount: Decimal
    category: str = "autre"
    nature: str = "fonctionnement"
    eligible: bool = True
    label: str = ""
    tenured: bool = False

    @property
    def is_eligible(self) -> bool:
        return is_eligible(eligible=self.eligible, tenured=self.tenured)


@dataclass(frozen=True)
class FundingItem:
    """Money from one funder. `funder_key` groups lines of the same funder (their id)."""

    funder: str
    amount: Decimal
    status: str
    year: int | None = None
    envelope: str = ""
    funder_key: object = None
    is_carrier: bool = False

    @property
    def key(self) -> object:
        return self.funder_key if self.funder_key is not None else self.funder


@dataclass(frozen=True)
class SubsidyRequest:
    """The sheet's request for a State subsidy, as ANCT's tool records it."""

    requested: Decimal | None = None
    rh: Decimal | None = None
    prestation: Decimal | None = None
    beneficiaries: tuple[Decimal, ...] = ()
    envelope: str = ""

    @property
    def is_made(self) -> bool:
        return self.requested is not None or self.rh is not None or self.prestation is not None


@dataclass
class FunderShare:
    funder: str
    amount: Decimal
    percent: Decimal | None
    by_status: dict[str, Decimal]
    is_carrier: bool = False


@dataclass
class SheetCosting:
    """What a sheet costs and how it is funded; every figure the sheet page shows."""

    total_cost: Decimal
    eligible_base: Decimal
    ineligible: Decimal
    by_status: dict[str, Decimal]
    total_funding: Decimal
    carriers_funding: Decimal
    external_funding: Decimal
    remaining_self_funding: Decimal
    gap: Decimal
    excess: Decimal
    shares: list[FunderShare]
    gap_percent: Decimal | None
    secured_percent: Decimal | None
    cost_by_year: dict[int, Decimal]
    funding_by_year: dict[int, Decimal]
    cost_by_category: dict[str, Decimal]
    cost_by_nature: dict[str, Decimal]
    years: list[int] = field(default_factory=list)


@dataclass(frozen=True)
class Check:
    """A problem found in a sheet's figures, and where to show it.

    `blocking` checks refuse the save; the others say what is missing and only block a sheet
    sent for validation.
    """

    field: str
    message: str
    blocking: bool = True


def staff_cost(*, fte: Decimal, months: Decimal, monthly_cost: Decimal) -> Decimal:
    """Project engineering: ETP × months × monthly cost of one ETP, to the cent (half up)."""
    return money(Decimal(fte) * Decimal(months) * Decimal(monthly_cost))


def total(*, amounts: Iterable[Decimal]) -> Decimal:
    return sum((Decimal(a) for a in amounts), ZERO)


def total_cost(*, costs: Iterable[CostItem]) -> Decimal:
    return total(amounts=(c.amount for c in costs))


def eligible_base(*, costs: Iterable[CostItem]) -> Decimal:
    """What a State subsidy may pay for: the eligible lines only."""
    return total(amounts=(c.amount for c in costs if c.is_eligible))


def funding_by_status(*, fundings: Iterable[FundingItem]) -> dict[str, Decimal]:
    """Acquired, requested and considered funding; every status present, zero if none."""
    result = dict.fromkeys(FUNDING_STATUSES, ZERO)
    for item in fundings:
        result[item.status] = result.get(item.status, ZERO) + item.amount
    return result


def _by(items: Iterable, key) -> dict:
    result: dict = defaultdict(lambda: ZERO)
    for item in items:
        result[key(item)] += item.amount
    return dict(sorted(result.items(), key=lambda pair: (pair[0] is None, pair[0] or 0)))


def cost_by_year(*, costs: Iterable[CostItem]) -> dict[int, Decimal]:
    return _by(costs, lambda c: c.year)


def funding_by_year(*, fundings: Iterable[FundingItem]) -> dict[int | None, Decimal]:
    return _by(fundings, lambda f: f.year)


def percentages(*, parts: Sequence[Decimal], whole: Decimal) -> list[Decimal | None]:
    """Each part as a percentage of `whole`, to 0.1 %, by largest remainder.

    When the parts add up to the whole, the rounded percentages add up to exactly 100.0
    (plain rounding of 33.33 + 33.33 + 33.34 would show 99.9 or 100.1). None when the whole is
    zero.
    """
    if whole <= 0:
        return [None for _part in parts]
    exact = [Decimal(part) * HUNDRED / Decimal(whole) for part in parts]
    floors = [value.quantize(TENTH, rounding=ROUND_DOWN) for value in exact]
    target = sum(exact, Decimal(0)).quantize(TENTH)
    missing = int(((target - sum(floors, Decimal(0))) / TENTH).to_integral_value())
    # Give the missing tenths to the parts that lost most in the rounding down.
    order = sorted(range(len(parts)), key=lambda i: (exact[i] - floors[i], -i), reverse=True)
    for index in order[: max(missing, 0)]:
        floors[index] += TENTH
    return floors


def funder_shares(
    *, fundings: Sequence[FundingItem], total_cost: Decimal
) -> tuple[list[FunderShare], Decimal | None]:
    """Each funder's amount (all statuses) and share of the total cost, and the gap's share."""
    grouped: dict[object, FunderShare] = {}
    for item in fundings:
        share = grouped.get(item.key)
        if share is None:
            share = grouped[item.key] = FunderShare(
                funder=item.funder,
                amount=ZERO,
                percent=None,
                by_status=dict.fromkeys(FUNDING_STATUSES, ZERO),
                is_carrier=item.is_carrier,
            )
        share.amount += item.amount
        share.by_status[item.status] += item.amount
        # Across sheets a funder may carry one and only fund another: "carrier" only if always.
        share.is_carrier = share.is_carrier and item.is_carrier
    shares = sorted(grouped.values(), key=lambda s: (-s.amount, s.funder))
    gap = max(total_cost - sum((s.amount for s in shares), ZERO), ZERO)
    whole = max(total_cost, sum((s.amount for s in shares), ZERO))
    percents = percentages(parts=[s.amount for s in shares] + [gap], whole=whole)
    for share, percent in zip(shares, percents, strict=False):
        share.percent = percent
    return shares, percents[-1]


def summarise_sheet(*, costs: Sequence[CostItem], fundings: Sequence[FundingItem]) -> SheetCosting:
    """Every figure of a sheet from its cost and funding lines."""
    cost = total_cost(costs=costs)
    base = eligible_base(costs=costs)
    statuses = funding_by_status(fundings=fundings)
    funding = total(amounts=statuses.values())
    carriers = total(amounts=(f.amount for f in fundings if f.is_carrier))
    external = funding - carriers
    shares, gap_percent = funder_shares(fundings=fundings, total_cost=cost)
    by_year_cost = cost_by_year(costs=costs)
    by_year_funding = funding_by_year(fundings=fundings)
    years = sorted({y for y in [*by_year_cost, *by_year_funding] if y is not None})
    return SheetCosting(
        total_cost=cost,
        eligible_base=base,
        ineligible=cost - base,
        by_status=statuses,
        total_funding=funding,
        carriers_funding=carriers,
        external_funding=external,
        remaining_self_funding=max(cost - external, ZERO),
        gap=max(cost - funding, ZERO),
        excess=max(funding - cost, ZERO),
        shares=shares,
        gap_percent=gap_percent,
        secured_percent=percentages(parts=[statuses[SECURED]], whole=cost)[0],
        cost_by_year=by_year_cost,
        funding_by_year=by_year_funding,
        cost_by_category=_by(costs, lambda c: c.category),
        cost_by_nature=_by(costs, lambda c: c.nature),
        years=years,
    )


def check_sheet(
    *,
    costing: SheetCosting,
    subsidy: SubsidyRequest,
    needs: Sequence[str],
    strict: bool = False,
) -> list[Check]:
    """ANCT's checks and ours, as French sentences placed beside the field concerned.

    `strict` (a sheet sent for validation) makes the completeness checks blocking too.
    """
    checks: list[Check] = []
    eur = format_euros
    if costing.excess > 0:
        checks.append(
            Check(
                "funding",
                _(
                    "Les financements (%(funding)s) dépassent le coût total de la fiche "
                    "(%(cost)s) de %(excess)s : réduisez un financement ou complétez les "
                    "dépenses."
                )
                % {
                    "funding": eur(costing.total_funding),
                    "cost": eur(costing.total_cost),
                    "excess": eur(costing.excess),
                },
            )
        )
    if not needs:
        checks.append(
            Check(
                "needs",
                _("Choisissez au moins un besoin dans la liste de l'ANCT."),
                blocking=strict,
            )
        )
    if not subsidy.is_made:
        return checks

    requested = subsidy.requested
    split = None
    if subsidy.rh is not None or subsidy.prestation is not None:
        split = (subsidy.rh or ZERO) + (subsidy.prestation or ZERO)
    if requested is None:
        checks.append(
            Check(
                "subsidy_requested",
                _("Indiquez le montant demandé : ressources humaines + prestation font %(split)s.")
                % {"split": eur(split)},
            )
        )
        return checks
    if requested > costing.total_cost:
        checks.append(
            Check(
                "subsidy_requested",
                _(
                    "Le montant demandé (%(requested)s) dépasse le budget global de la fiche "
                    "(%(cost)s)."
                )
                % {"requested": eur(requested), "cost": eur(costing.total_cost)},
            )
        )
    elif requested > costing.eligible_base:
        checks.append(
            Check(
                "subsidy_requested",
                _(
                    "Le montant demandé (%(requested)s) dépasse l'assiette éligible (%(base)s) : "
                    "les dépenses non éligibles (%(ineligible)s), comme les salaires de "
                    "fonctionnaires territoriaux titulaires, ne peuvent pas être subventionnées "
                    "par l'État."
                )
                % {
                    "requested": eur(requested),
                    "base": eur(costing.eligible_base),
                    "ineligible": eur(costing.ineligible),
                },
            )
        )
    if split is None:
        checks.append(
            Check(
                "subsidy_rh",
                _("Répartissez la demande entre ressources humaines (ETP) et prestation."),
                blocking=strict,
            )
        )
    elif split != requested:
        checks.append(
            Check(
                "subsidy_rh",
                _(
                    "Ressources humaines (%(rh)s) + prestation (%(prestation)s) = %(split)s, "
                    "mais le montant demandé est %(requested)s : la répartition doit égaler la "
                    "demande."
                )
                % {
                    "rh": eur(subsidy.rh or ZERO),
                    "prestation": eur(subsidy.prestation or ZERO),
                    "split": eur(split),
                    "requested": eur(requested),
                },
            )
        )
    if not subsidy.beneficiaries:
        checks.append(
            Check(
                "beneficiaries",
                _("Indiquez au moins un bénéficiaire de la subvention et son montant."),
                blocking=strict,
            )
        )
    else:
        shared = total(amounts=subsidy.beneficiaries)
        if shared != requested:
            checks.append(
                Check(
                    "beneficiaries",
                    _(
                        "Les montants des bénéficiaires totalisent %(shared)s, le montant "
                        "demandé est %(requested)s : écart de %(difference)s."
                    )
                    % {
                        "shared": eur(shared),
                        "requested": eur(requested),
                        "difference": eur(abs(shared - requested)),
                    },
                )
            )
    if not subsidy.envelope.strip():
        checks.append(
            Check(
                "subsidy_envelope",
                _("Indiquez l'enveloppe de la demande de subvention."),
                blocking=strict,
            )
        )
    return checks


# Roll-ups: the whole roadmap, per axis, per funder, per year.


@dataclass(frozen=True)
class SheetFigures:
    """A sheet reduced to what the roll-ups need."""

    title: str
    axis: str
    costs: tuple[CostItem, ...]
    fundings: tuple[FundingItem, ...]


@dataclass
class RollupRow:
    label: str
    cost: Decimal | None
    by_status: dict[str, Decimal]
    funding: Decimal
    gap: Decimal | None


def _row(
    label: str, costs: Iterable[CostItem] | None, fundings: Iterable[FundingItem]
) -> RollupRow:
    statuses = funding_by_status(fundings=fundings)
    funding = total(amounts=statuses.values())
    cost = None if costs is None else total_cost(costs=costs)
    gap = None if cost is None else max(cost - funding, ZERO)
    return RollupRow(label=label, cost=cost, by_status=statuses, funding=funding, gap=gap)


def rollup_by_axis(*, sheets: Sequence[SheetFigures], no_axis_label: str) -> list[RollupRow]:
    """Cost, funding by status and gap of each axis, in the order the sheets come."""
    labels: list[str] = []
    for sheet in sheets:
        label = sheet.axis or no_axis_label
        if label not in labels:
            labels.append(label)
    return [
        _row(
            label,
            [c for s in sheets if (s.axis or no_axis_label) == label for c in s.costs],
            [f for s in sheets if (s.axis or no_axis_label) == label for f in s.fundings],
        )
        for label in labels
    ]


def rollup_by_funder(*, sheets: Sequence[SheetFigures]) -> list[RollupRow]:
    """Each funder's commitments across the roadmap, largest first."""
    grouped: dict[object, list[FundingItem]] = {}
    names: dict[object, str] = {}
    for item in (f for s in sheets for f in s.fundings):
        grouped.setdefault(item.key, []).append(item)
        names[item.key] = item.funder
    rows = [_row(names[key], None, items) for key, items in grouped.items()]
    return sorted(rows, key=lambda row: (-row.funding, row.label))


def rollup_by_year(*, sheets: Sequence[SheetFigures], undated_label: str) -> list[RollupRow]:
    """Cost and funding of each year; funding with no year gets its own row at the end."""
    costs = [c for s in sheets for c in s.costs]
    fundings = [f for s in sheets for f in s.fundings]
    years = sorted({c.year for c in costs} | {f.year for f in fundings if f.year is not None})
    rows = [
        _row(
            str(year), [c for c in costs if c.year == year], [f for f in fundings if f.year == year]
        )
        for year in years
    ]
    undated = [f for f in fundings if f.year is None]
    if undated:
        rows.append(_row(undated_label, None, undated))
    return rows


def summarise_roadmap(*, sheets: Sequence[SheetFigures]) -> SheetCosting:
    """The whole roadmap as if it were one sheet."""
    return summarise_sheet(
        costs=[c for s in sheets for c in s.costs],
        fundings=[f for s in sheets for f in s.fundings],
    )
