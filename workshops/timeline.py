"""The rétroplanning drawn as a picture: positions computed here, drawn by an SVG template."""

import calendar
import datetime as dt
from dataclasses import dataclass, field

from django.utils import formats

from workshops.models import Milestone, Programme

WIDTH = 1200
LABEL_WIDTH = 300  # left column holding the tracks' names
CHART_LEFT = LABEL_WIDTH + 10
CHART_RIGHT = WIDTH - 20
UNDATED_WIDTH = 110  # a last column for milestones whose date is not set yet
MONTHS_TOP = 30
MILESTONES_TOP = 60
MILESTONE_ROW = 62
TRACK_ROW = 48


@dataclass
class MonthTick:
    x: int
    width: int
    label: str


@dataclass
class Marker:
    milestone: Milestone
    x: int
    width: int  # 0 for a single date
    y: int
    label_y: int
    row: int

    @property
    def is_span(self) -> bool:
        return self.width > 0

    @property
    def center(self) -> int:
        return self.x + self.width // 2

    @property
    def label_anchor(self) -> str:
        """Labels near an edge are anchored on that edge so they are not cut off."""
        if self.center > WIDTH - 160:
            return "end"
        if self.center < CHART_LEFT + 100:
            return "start"
        return "middle"

    @property
    def label_x(self) -> int:
        return {"end": WIDTH - 4, "start": self.x, "middle": self.center}[self.label_anchor]


@dataclass
class Bar:
    name: str
    note: str
    x: int
    width: int
    y: int
    milestones: list[Marker] = field(default_factory=list)


@dataclass
class Timeline:
    months: list[MonthTick]
    markers: list[Marker]
    bars: list[Bar]
    height: int
    undated_x: int | None
    width: int = WIDTH
    label_width: int = LABEL_WIDTH
    chart_left: int = CHART_LEFT
    chart_right: int = CHART_RIGHT


def _month_start(day: dt.date) -> dt.date:
    return day.replace(day=1)


def _month_end(day: dt.date) -> dt.date:
    return day.replace(day=calendar.monthrange(day.year, day.month)[1])


def build_timeline(*, programme: Programme) -> Timeline | None:
    """Lay out the programme's months, milestones and tracks; None when nothing is dated."""
    milestones = list(programme.milestones.select_related("phase", "track", "workshop"))
    tracks = list(programme.tracks.all())
    dates = [m.starts_on for m in milestones if m.starts_on]
    dates += [m.ends_on for m in milestones if m.ends_on]
    dates += [t.starts_on for t in tracks if t.starts_on] + [t.ends_on for t in tracks if t.ends_on]
    if not dates:
        return None
    first, last = _month_start(min(dates)), _month_end(max(dates))
    has_undated = any(m.starts_on is None for m in milestones)
    right = CHART_RIGHT - (UNDATED_WIDTH if has_undated else 0)
    total_days = (last - first).days + 1

    # Whole SVG units: a float would be printed with a French decimal comma.
    def x_of(day: dt.date) -> int:
        return round(CHART_LEFT + (day - first).days / total_days * (right - CHART_LEFT))

    months = []
    cursor = first
    while cursor <= last:
        end = _month_end(cursor)
        label = formats.date_format(cursor, "N Y")
        months.append(MonthTick(x=x_of(cursor), width=x_of(end) - x_of(cursor) + 1, label=label))
        cursor = end + dt.timedelta(days=1)

    # Milestones close to each other alternate between rows so their labels don't overlap.
    markers: list[Marker] = []
    last_x_by_row: dict[int, float] = {}
    for milestone in milestones:
        if milestone.starts_on:
            x = x_of(milestone.starts_on)
            width = x_of(milestone.ends_on) - x if milestone.ends_on else 0
        else:
            x, width = right + UNDATED_WIDTH // 2, 0
        row = 0
        while last_x_by_row.get(row, -1000) > x - 120:
            row += 1
        last_x_by_row[row] = x + width
        y = MILESTONES_TOP + row * MILESTONE_ROW
        markers.append(Marker(milestone=milestone, x=x, width=width, y=y, label_y=y + 28, row=row))

    rows = max((m.row for m in markers), default=0) + 1
    tracks_top = MILESTONES_TOP + rows * MILESTONE_ROW + 20
    bars = []
    for index, track in enumerate(tracks):
        start = x_of(track.starts_on) if track.starts_on else CHART_LEFT
        end = x_of(track.ends_on) if track.ends_on else right
        bars.append(
            Bar(
                name=track.name,
                note=track.note,
                x=start,
                width=max(end - start, 4),
                y=tracks_top + index * TRACK_ROW,
                milestones=[m for m in markers if m.milestone.track_id == track.pk],
            )
        )
    height = tracks_top + len(tracks) * TRACK_ROW + 10
    return Timeline(
        months=months,
        markers=markers,
        bars=bars,
        height=height,
        undated_x=right if has_undated else None,
    )
