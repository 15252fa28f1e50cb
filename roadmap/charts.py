"""The roll-ups drawn as bar charts: positions in whole SVG units computed here, drawn by
`roadmap/costing.html#chart`, with the same figures in a table beside.

A row's cost is an outlined bar; its funding is stacked on it in three patterns (acquis solid,
sollicité hatched, envisagé dotted) so that the status never rests on colour alone.
"""

from dataclasses import dataclass, field
from decimal import Decimal

from django.utils.translation import gettext as _

from roadmap.costing import CONSIDERED, FUNDING_STATUSES, REQUESTED, SECURED, RollupRow
from roadmap.money import format_euros

WIDTH = 960
LABEL_WIDTH = 300
BAR_LEFT = LABEL_WIDTH + 10
BAR_RIGHT = WIDTH - 20
ROW_HEIGHT = 58
BAR_HEIGHT = 26
TOP = 34
LABEL_MAX = 32
STATUS_CLASS = {SECURED: "acquis", REQUESTED: "sollicite", CONSIDERED: "envisage"}


@dataclass
class Segment:
    status: str
    x: int
    width: int


@dataclass
class ChartBar:
    label: str
    full_label: str
    y: int
    cost_width: int | None
    segments: list[Segment] = field(default_factory=list)
    caption: str = ""

    @property
    def label_y(self) -> int:
        return self.y + 18

    @property
    def caption_y(self) -> int:
        return self.y + BAR_HEIGHT + 20


@dataclass
class Tick:
    x: int
    label: str


@dataclass
class Chart:
    chart_id: str
    title: str
    bars: list[ChartBar]
    ticks: list[Tick]
    height: int
    width: int = WIDTH
    bar_left: int = BAR_LEFT
    bar_height: int = BAR_HEIGHT


def _nice_maximum(value: Decimal) -> Decimal:
    """The axis' end: 1, 2, 2.5 or 5 times a power of ten, at or above `value`."""
    if value <= 0:
        return Decimal(1)
    magnitude = Decimal(10) ** (len(str(int(value))) - 1)
    for step in (1, 2, Decimal("2.5"), 5, 10):
        if value <= magnitude * step:
            return magnitude * step
    return magnitude * 10  # pragma: no cover


def build_chart(*, chart_id: str, title: str, rows: list[RollupRow]) -> Chart | None:
    """One bar per row; None when there is nothing to draw."""
    peak = max(
        [max(row.cost or 0, row.funding) for row in rows] or [Decimal(0)], default=Decimal(0)
    )
    if not rows or peak <= 0:
        return None
    maximum = _nice_maximum(Decimal(peak))
    span = BAR_RIGHT - BAR_LEFT

    def width_of(value: Decimal) -> int:
        # Whole units: a float would be printed with a French decimal comma and break the SVG.
        return int(round(Decimal(value) / maximum * span))

    bars = []
    for index, row in enumerate(rows):
        y = TOP + index * ROW_HEIGHT
        x = BAR_LEFT
        segments = []
        for status in FUNDING_STATUSES:
            width = width_of(row.by_status[status])
            if width > 0:
                segments.append(Segment(status=STATUS_CLASS[status], x=x, width=width))
                x += width
        caption = format_euros(row.funding)
        if row.cost is not None:
            caption = _("%(funding)s financés sur %(cost)s") % {
                "funding": format_euros(row.funding),
                "cost": format_euros(row.cost),
            }
        label = row.label if len(row.label) <= LABEL_MAX else row.label[: LABEL_MAX - 1] + "…"
        bars.append(
            ChartBar(
                label=label,
                full_label=row.label,
                y=y,
                cost_width=None if row.cost is None else max(width_of(row.cost), 1),
                segments=segments,
                caption=caption,
            )
        )
    ticks = [
        Tick(
            x=BAR_LEFT + span * step // 4, label=format_euros(maximum * step / 4).replace(",00", "")
        )
        for step in range(5)
    ]
    return Chart(
        chart_id=chart_id,
        title=title,
        bars=bars,
        ticks=ticks,
        height=TOP + len(rows) * ROW_HEIGHT + 10,
    )
