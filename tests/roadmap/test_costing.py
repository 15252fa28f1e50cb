"""Every computation and check of the costing, on plain values (roadmap/costing.py)."""

from decimal import Decimal as D

import pytest

from roadmap.costing import (
    CostItem,
    FundingItem,
    SheetFigures,
    SubsidyRequest,
    check_sheet,
    eligible_base,
    funding_by_status,
    percentages,
    rollup_by_axis,
    rollup_by_funder,
    rollup_by_year,
    staff_cost,
    summarise_roadmap,
    summarise_sheet,
    total_cost,
)


def cost(amount, year=2025, eligible=True, **kwargs):
    return CostItem(year=year, amount=D(amount), eligible=eligible, **kwargs)


def fund(funder, amount, status="acquis", year=2025, **kwargs):
    return FundingItem(funder=funder, amount=D(amount), status=status, year=year, **kwargs)


def fields(checks):
    return [(c.field, c.blocking) for c in checks]


# Staff lines: ETP × months × monthly cost


def test_staff_cost_is_fte_times_months_times_monthly_cost():
    assert staff_cost(fte=D("1"), months=D("12"), monthly_cost=D("4500")) == D("54000.00")


def test_staff_cost_is_rounded_half_up_to_the_cent():
    # 0.33 × 7 × 1234.57 = 2851.8567 → 2851.86
    assert staff_cost(fte=D("0.33"), months=D("7"), monthly_cost=D("1234.57")) == D("2851.86")
    # 0.5 × 1 × 0.01 = 0.005 → 0.01 (half up, not banker's rounding to 0.00)
    assert staff_cost(fte=D("0.5"), months=D("1"), monthly_cost=D("0.01")) == D("0.01")
    # 0.5 × 1 × 0.05 = 0.025 → 0.03
    assert staff_cost(fte=D("0.5"), months=D("1"), monthly_cost=D("0.05")) == D("0.03")


def test_half_months_and_part_time_are_exact():
    assert staff_cost(fte=D("0.8"), months=D("10.5"), monthly_cost=D("3900")) == D("32760.00")


# Totals


def test_totals_are_exact_decimals_without_float_drift():
    costs = [cost("0.10"), cost("0.20"), cost("0.30")]
    assert total_cost(costs=costs) == D("0.60")
    assert total_cost(costs=[]) == D("0.00")


def test_the_eligible_base_leaves_out_ineligible_lines():
    costs = [cost("30000", eligible=False, label="Agent titulaire"), cost("12000"), cost("500.50")]
    assert eligible_base(costs=costs) == D("12500.50")
    summary = summarise_sheet(costs=costs, fundings=[])
    assert summary.ineligible == D("30000")
    assert summary.total_cost == D("42500.50")


def test_a_tenured_salary_counts_in_the_cost_but_never_in_the_eligible_base():
    costs = [cost("25200", eligible=True, tenured=True, label="Agent titulaire"), cost("1000")]
    summary = summarise_sheet(costs=costs, fundings=[])
    assert summary.total_cost == D("26200")
    assert summary.eligible_base == D("1000")
    assert summary.ineligible == D("25200")


def test_funding_is_totalled_by_status_with_every_status_present():
    statuses = funding_by_status(
        fundings=[
            fund("CD92", "1000"),
            fund("CAF", "250", "sollicite"),
            fund("État", "50.5", "acquis"),
        ]
    )
    assert statuses == {"acquis": D("1050.5"), "sollicite": D("250"), "envisage": D("0")}


def test_gap_remaining_self_funding_and_carriers_share():
    summary = summarise_sheet(
        costs=[cost("10000"), cost("5000", year=2026)],
        fundings=[
            fund("Préfecture", "6000", "sollicite", funder_key=1),
            fund("CD92", "3000", "acquis", funder_key=2, is_carrier=True),
            fund("CAF", "1000", "envisage", funder_key=3),
        ],
    )
    assert summary.total_cost == D("15000")
    assert summary.total_funding == D("10000")
    assert summary.carriers_funding == D("3000")
    assert summary.external_funding == D("7000")
    # What the carriers would pay if no other funder than the external ones comes in.
    assert summary.remaining_self_funding == D("8000")
    assert summary.gap == D("5000")
    assert summary.excess == D("0")
    assert summary.secured_percent == D("20.0")


def test_funding_above_the_cost_is_an_excess_not_a_negative_gap():
    summary = summarise_sheet(costs=[cost("1000")], fundings=[fund("CD92", "1200")])
    assert summary.gap == D("0")
    assert summary.excess == D("200")
    assert summary.remaining_self_funding == D("0")


def test_multi_year_costs_and_funding_are_split_per_year():
    summary = summarise_sheet(
        costs=[cost("1000", 2025), cost("2000", 2026), cost("500", 2025), cost("250", 2027)],
        fundings=[fund("CD92", "800", year=2026), fund("CD92", "100", year=2025)],
    )
    assert summary.cost_by_year == {2025: D("1500"), 2026: D("2000"), 2027: D("250")}
    assert summary.funding_by_year == {2025: D("100"), 2026: D("800")}
    assert summary.years == [2025, 2026, 2027]


def test_costs_are_split_by_category_and_by_nature():
    summary = summarise_sheet(
        costs=[
            cost("100", category="ingenierie", nature="fonctionnement"),
            cost("300", category="equipement", nature="investissement"),
            cost("50", category="ingenierie", nature="fonctionnement"),
        ],
        fundings=[],
    )
    assert summary.cost_by_category == {"equipement": D("300"), "ingenierie": D("150")}
    assert summary.cost_by_nature == {"fonctionnement": D("150"), "investissement": D("300")}


# Shares


def test_each_funder_s_share_is_of_the_total_cost_and_the_gap_completes_it():
    summary = summarise_sheet(
        costs=[cost("20000")],
        fundings=[
            fund("Préfecture", "10000", funder_key=1),
            fund("CD92", "4000", funder_key=2),
            fund("CD92", "1000", "sollicite", funder_key=2),
        ],
    )
    assert [(s.funder, s.amount, s.percent) for s in summary.shares] == [
        ("Préfecture", D("10000"), D("50.0")),
        ("CD92", D("5000"), D("25.0")),
    ]
    assert summary.shares[1].by_status["sollicite"] == D("1000")
    assert summary.gap_percent == D("25.0")


def test_shares_in_thirds_still_add_up_to_100():
    summary = summarise_sheet(
        costs=[cost("100")],
        fundings=[
            fund("A", "33.33", funder_key=1),
            fund("B", "33.33", funder_key=2),
            fund("C", "33.34", funder_key=3),
        ],
    )
    percents = [s.percent for s in summary.shares]
    assert sum(percents) + summary.gap_percent == D("100.0")
    assert sorted(percents) == [D("33.3"), D("33.3"), D("33.4")]


def test_percentages_spread_the_rounding_by_largest_remainder():
    assert percentages(parts=[D(1), D(1), D(1)], whole=D(3)) == [D("33.4"), D("33.3"), D("33.3")]
    assert percentages(parts=[D(2), D(1)], whole=D(3)) == [D("66.7"), D("33.3")]
    assert percentages(parts=[D(1)], whole=D(0)) == [None]


def test_a_sheet_with_no_cost_has_no_shares_to_show():
    summary = summarise_sheet(costs=[], fundings=[])
    assert summary.shares == []
    assert summary.gap_percent is None
    assert summary.secured_percent is None


# ANCT checks


def summary_of(total="20000", ineligible="0", funding=()):
    costs = [cost(total)]
    if D(ineligible):
        costs = [cost(D(total) - D(ineligible)), cost(ineligible, eligible=False)]
    return summarise_sheet(costs=costs, fundings=list(funding))


def test_a_consistent_request_passes_every_check():
    subsidy = SubsidyRequest(
        requested=D("15000"),
        rh=D("10000"),
        prestation=D("5000"),
        beneficiaries=(D("9000"), D("6000")),
        envelope="Ingénierie France Numérique Ensemble - 2024",
    )
    assert check_sheet(costing=summary_of(), subsidy=subsidy, needs=["rediger"], strict=True) == []


def test_a_request_above_the_budget_is_refused_beside_the_requested_amount():
    subsidy = SubsidyRequest(
        requested=D("25000"),
        rh=D("25000"),
        prestation=D("0"),
        beneficiaries=(D("25000"),),
        envelope="X",
    )
    checks = check_sheet(costing=summary_of(), subsidy=subsidy, needs=["rediger"])
    assert fields(checks) == [("subsidy_requested", True)]
    assert "dépasse le budget global de la fiche" in checks[0].message
    assert "25\u202f000,00\u00a0€" in checks[0].message


def test_a_request_above_the_eligible_base_names_the_ineligible_salaries():
    subsidy = SubsidyRequest(
        requested=D("15000"),
        rh=D("15000"),
        prestation=D("0"),
        beneficiaries=(D("15000"),),
        envelope="X",
    )
    checks = check_sheet(costing=summary_of(ineligible="8000"), subsidy=subsidy, needs=["rediger"])
    assert fields(checks) == [("subsidy_requested", True)]
    assert "assiette éligible (12\u202f000,00\u00a0€)" in checks[0].message
    assert "fonctionnaires territoriaux titulaires" in checks[0].message


def test_rh_plus_prestation_must_equal_the_request():
    subsidy = SubsidyRequest(
        requested=D("15000"),
        rh=D("10000"),
        prestation=D("4999.99"),
        beneficiaries=(D("15000"),),
        envelope="X",
    )
    checks = check_sheet(costing=summary_of(), subsidy=subsidy, needs=["rediger"])
    assert fields(checks) == [("subsidy_rh", True)]
    assert "= 14\u202f999,99\u00a0€" in checks[0].message


def test_beneficiaries_must_add_up_to_the_request():
    subsidy = SubsidyRequest(
        requested=D("15000"),
        rh=D("15000"),
        prestation=None,
        beneficiaries=(D("9000"), D("5000")),
        envelope="X",
    )
    checks = check_sheet(costing=summary_of(), subsidy=subsidy, needs=["rediger"])
    assert fields(checks) == [("beneficiaries", True)]
    assert "écart de 1\u202f000,00\u00a0€" in checks[0].message


def test_a_split_without_a_requested_amount_asks_for_it():
    subsidy = SubsidyRequest(rh=D("100"), prestation=D("50"))
    checks = check_sheet(costing=summary_of(), subsidy=subsidy, needs=["rediger"])
    assert fields(checks) == [("subsidy_requested", True)]
    assert "150,00\u00a0€" in checks[0].message


def test_funding_above_the_cost_is_refused():
    summary = summary_of(total="1000", funding=[fund("CD92", "1500")])
    checks = check_sheet(costing=summary, subsidy=SubsidyRequest(), needs=["rediger"])
    assert fields(checks) == [("funding", True)]
    assert "dépassent le coût total" in checks[0].message


def test_missing_need_beneficiary_split_and_envelope_only_block_a_sheet_sent_for_validation():
    subsidy = SubsidyRequest(requested=D("1000"))
    relaxed = check_sheet(costing=summary_of(), subsidy=subsidy, needs=[])
    assert fields(relaxed) == [
        ("needs", False),
        ("subsidy_rh", False),
        ("beneficiaries", False),
        ("subsidy_envelope", False),
    ]
    strict = check_sheet(costing=summary_of(), subsidy=subsidy, needs=[], strict=True)
    assert all(check.blocking for check in strict)


def test_no_request_means_no_subsidy_check():
    assert check_sheet(costing=summary_of(), subsidy=SubsidyRequest(), needs=["x"]) == []


@pytest.mark.parametrize("requested", [D("0"), D("0.01"), D("19999.99"), D("20000")])
def test_requests_up_to_the_budget_pass(requested):
    subsidy = SubsidyRequest(
        requested=requested, rh=requested, beneficiaries=(requested,), envelope="X"
    )
    assert check_sheet(costing=summary_of(), subsidy=subsidy, needs=["x"]) == []


# Roll-ups


@pytest.fixture
def sheets():
    return [
        SheetFigures(
            title="Parcours usager",
            axis="Axe 1",
            costs=(cost("10000", 2025), cost("5000", 2026)),
            fundings=(
                fund("Préfecture", "6000", "sollicite", 2025, funder_key=1),
                fund("CD92", "3000", "acquis", 2026, funder_key=2),
            ),
        ),
        SheetFigures(
            title="Référentiel",
            axis="Axe 2",
            costs=(cost("8000", 2025),),
            fundings=(fund("CD92", "8000", "acquis", 2025, funder_key=2),),
        ),
        SheetFigures(
            title="Diagnostic",
            axis="Axe 1",
            costs=(cost("2000.50", 2026),),
            fundings=(fund("CAF", "1000", "envisage", 2026, funder_key=3),),
        ),
        SheetFigures(title="Sans axe", axis="", costs=(cost("100", 2027),), fundings=()),
    ]


def test_roll_up_per_axis(sheets):
    rows = rollup_by_axis(sheets=sheets, no_axis_label="Sans axe")
    assert [(r.label, r.cost, r.funding, r.gap) for r in rows] == [
        ("Axe 1", D("17000.50"), D("10000"), D("7000.50")),
        ("Axe 2", D("8000"), D("8000"), D("0")),
        ("Sans axe", D("100"), D("0"), D("100")),
    ]
    assert rows[0].by_status == {"acquis": D("3000"), "sollicite": D("6000"), "envisage": D("1000")}


def test_roll_up_per_funder_adds_a_funder_s_lines_across_sheets(sheets):
    rows = rollup_by_funder(sheets=sheets)
    assert [(r.label, r.funding, r.by_status["acquis"]) for r in rows] == [
        ("CD92", D("11000"), D("11000")),
        ("Préfecture", D("6000"), D("0")),
        ("CAF", D("1000"), D("0")),
    ]


def test_roll_up_per_year(sheets):
    rows = rollup_by_year(sheets=sheets, undated_label="Sans année")
    assert [(r.label, r.cost, r.funding) for r in rows] == [
        ("2025", D("18000"), D("14000")),
        ("2026", D("7000.50"), D("4000")),
        ("2027", D("100"), D("0")),
    ]


def test_funding_without_year_gets_its_own_row():
    sheet = SheetFigures("S", "A", (cost("10"),), (fund("X", "5", year=None),))
    rows = rollup_by_year(sheets=[sheet], undated_label="Sans année")
    assert [(r.label, r.cost, r.funding) for r in rows] == [
        ("2025", D("10"), D("0")),
        ("Sans année", None, D("5")),
    ]


def test_roadmap_totals_equal_the_sum_of_the_axes(sheets):
    whole = summarise_roadmap(sheets=sheets)
    axes = rollup_by_axis(sheets=sheets, no_axis_label="Sans axe")
    assert whole.total_cost == sum(r.cost for r in axes) == D("25100.50")
    assert whole.total_funding == sum(r.funding for r in axes) == D("18000")
    assert whole.gap == D("7100.50")
