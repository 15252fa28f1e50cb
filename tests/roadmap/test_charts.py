"""Roll-up charts: server-side SVG in whole units (a French decimal comma would break SVG),
with the same figures in a table beside."""

import re
from decimal import Decimal

from django.urls import reverse

from roadmap.charts import BAR_LEFT, BAR_RIGHT, build_chart
from roadmap.costing import RollupRow
from roadmap.money import format_euros


def row(label, cost, secured="0", requested="0", considered="0"):
    statuses = {
        "acquis": Decimal(secured),
        "sollicite": Decimal(requested),
        "envisage": Decimal(considered),
    }
    funding = sum(statuses.values())
    return RollupRow(
        label=label,
        cost=None if cost is None else Decimal(cost),
        by_status=statuses,
        funding=funding,
        gap=None if cost is None else max(Decimal(cost) - funding, 0),
    )


def test_bars_are_proportional_and_stay_within_the_chart():
    chart = build_chart(
        chart_id="c",
        title="T",
        rows=[row("A", "200000", "50000", "25000.5"), row("B", "50000", considered="50000")],
    )
    first, second = chart.bars
    assert first.cost_width == BAR_RIGHT - BAR_LEFT  # 200 000 on an axis ending at 200 000
    assert [s.status for s in first.segments] == ["acquis", "sollicite"]
    assert first.segments[1].x == first.segments[0].x + first.segments[0].width
    assert second.cost_width == 158  # a quarter of 630 units, rounded
    assert [t.label for t in chart.ticks] == [
        "0\u00a0€",
        "50\u202f000\u00a0€",
        "100\u202f000\u00a0€",
        "150\u202f000\u00a0€",
        "200\u202f000\u00a0€",
    ]
    for bar in chart.bars:
        for value in [
            bar.cost_width,
            *[s.x for s in bar.segments],
            *[s.width for s in bar.segments],
        ]:
            assert isinstance(value, int)


def test_the_axis_ends_on_a_round_value():
    ends = [
        build_chart(chart_id="c", title="T", rows=[row("A", value)]).ticks[-1].label
        for value in ["7", "150000", "230000", "999"]
    ]
    assert ends == ["10\u00a0€", "200\u202f000\u00a0€", "250\u202f000\u00a0€", "1\u202f000\u00a0€"]


def test_an_empty_roll_up_draws_nothing():
    assert build_chart(chart_id="c", title="T", rows=[]) is None
    assert build_chart(chart_id="c", title="T", rows=[row("A", "0")]) is None


def test_long_labels_are_shortened_in_the_picture_but_not_in_the_table():
    label = "Outiller et professionnaliser les acteurs de la médiation numérique"
    chart = build_chart(chart_id="c", title="T", rows=[row(label, "10")])
    assert chart.bars[0].label.endswith("…")
    assert chart.bars[0].full_label == label


def test_the_costing_page_draws_three_charts_in_whole_units_with_their_tables(
    editor_client, roadmap, sheet
):
    html = editor_client.get(reverse("roadmap:costing", args=[roadmap.pk])).content.decode()
    svgs = re.findall(r"<svg.*?</svg>", html, flags=re.S)
    assert len(svgs) == 3
    for svg in svgs:
        values = re.findall(r'\b(?:x|y|x1|x2|y1|y2|width|height)="([^"]*)"', svg)
        assert values
        assert all(re.fullmatch(r"\d+", v) for v in values), values
    assert html.count("<table") >= 4
    assert "Coût et financements par axe</caption>" in html
    assert "Financements par financeur</caption>" in html
    assert "Coût et financements par année</caption>" in html
    assert format_euros(sum(line.amount for line in sheet.cost_lines.all())) in html
