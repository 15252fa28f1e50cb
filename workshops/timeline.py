"""The rétroplanning drawn as a picture: positions computed here, drawn by an SVG template."""

import calendar
import datetime as dt
from dataclasses import dataclass, field

from django.utils import formats

from workshops.models import Milestone, Programme


@dataclass(frozen=True)
class Layout:
    """The sizes the picture is drawn with, in SVG units shown at 1:1 where it is laid out."""

    width: int
    label_width: int  # left column holding the tracks' names
    font: int  # milestones' labels
    row_font: int  # months and rows' names
    milestone_row: int
    track_row: int
    title_chars: int  # a milestone's title is cut after this many characters
    char_width: int  # a character's average width at `font`, rounded up
    undated_width: int


# The page: a wide figure that scrolls sideways on a phone.
PAGE = Layout(
    width=1200,
    label_width=300,
    font=13,
    row_font=15,
    milestone_row=62,
    track_row=48,
    title_chars=34,
    char_width=7,
    undated_width=110,
)
# The projector's stage (1920 × 1080, 72 px margins): labels of 26 px, legible at 10 m.
STAGE = Layout(
    width=1776,
    label_width=340,
    font=26,
    row_font=26,
    milestone_row=50,
    track_row=52,
    title_chars=24,
    char_width=14,
    undated_width=190,
)
WIDTH = PAGE.width
LABEL_WIDTH = PAGE.label_width
CHART_LEFT = LABEL_WIDTH + 10
CHART_RIGHT = WIDTH - 20
MONTHS_TOP = 30


@dataclass
class MonthTick:
    x: int
    width: int
    label: str  # empty where the months are too narrow to name each one


@dataclass
class Marker:
    milestone: Milestone
    x: int
    width: int  # 0 for a single date
    y: int
    label_y: int
    row: int
    label_x: int
    label_anchor: str  # labels near an edge are anchored on it, so they are not cut off
    date: str
    title: str
    label_left: int  # where the label is estimated to start and end
    label_right: int

    @property
    def is_span(self) -> bool:
        return self.width > 0

    @property
    def center(self) -> int:
        return self.x + self.width // 2


@dataclass
class Bar:
    name: str
    note: str
    x: int
    width: int
    y: int
    milestones: list[Marker] = field(default_factory=list)
    height: int = 16

    @property
    def center_y(self) -> int:
        return self.y + self.height // 2

    @property
    def label_y(self) -> int:
        return self.center_y + 8


@dataclass
class Timeline:
    months: list[MonthTick]
    markers: list[Marker]
    bars: list[Bar]
    height: int
    undated_x: int | None
    layout: Layout = PAGE
    months_y: int = MONTHS_TOP
    milestones_label_y: int = 70

    @property
    def width(self) -> int:
        return self.layout.width

    @property
    def chart_left(self) -> int:
        return self.layout.label_width + 10

    @property
    def chart_right(self) -> int:
        return self.layout.width - 20


def _month_start(day: dt.date) -> dt.date:
    return day.replace(day=1)


def _month_end(day: dt.date) -> dt.date:
    return day.replace(day=calendar.monthrange(day.year, day.month)[1])


def _cut(text: str, chars: int) -> str:
    return text if len(text) <= chars else text[: chars - 1].rstrip() + "…"


def build_timeline(*, programme: Programme, layout: Layout = PAGE) -> Timeline | None:
    """Lay out the programme's months, milestones and tracks; None when nothing is dated."""
    milestones = list(programme.milestones.select_related("phase", "track", "workshop"))
    tracks = list(programme.tracks.all())
    dates = [m.starts_on for m in milestones if m.starts_on]
    dates += [m.ends_on for m in milestones if m.ends_on]
    dates += [t.starts_on for t in tracks if t.starts_on] + [t.ends_on for t in tracks if t.ends_on]
    if not dates:
        return None
    chart_left = layout.label_width + 10
    chart_right = layout.width - 20
    first, last = _month_start(min(dates)), _month_end(max(dates))
    has_undated = any(m.starts_on is None for m in milestones)
    right = chart_right - (layout.undated_width if has_undated else 0)
    total_days = (last - first).days + 1

    # Whole SVG units: a float would be printed with a French decimal comma.
    def x_of(day: dt.date) -> int:
        return round(chart_left + (day - first).days / total_days * (right - chart_left))

    months = []
    cursor = first
    while cursor <= last:
        end = _month_end(cursor)
        label = formats.date_format(cursor, "N Y")
        months.append(MonthTick(x=x_of(cursor), width=x_of(end) - x_of(cursor) + 1, label=label))
        cursor = end + dt.timedelta(days=1)
    # Months too narrow for their names are named every other one (or less often).
    label_width = (max(len(m.label) for m in months) + 1) * layout.char_width
    step = -(-label_width // max(1, min(m.width for m in months)))
    for index, month in enumerate(months):
        if index % step:
            month.label = ""

    # A label goes on the first row where it overlaps no other label.
    top = MONTHS_TOP + 30
    markers: list[Marker] = []
    right_edge_by_row: dict[int, int] = {}
    for milestone in milestones:
        if milestone.starts_on:
            x = x_of(milestone.starts_on)
            width = x_of(milestone.ends_on) - x if milestone.ends_on else 0
        else:
            x, width = right + layout.undated_width // 2, 0
        date = str(milestone.date_label or formats.date_format(milestone.starts_on, "j N"))
        title = _cut(milestone.title, layout.title_chars)
        extent = (len(date) + len(title) + 1) * layout.char_width
        center = x + width // 2
        if center + extent // 2 > layout.width - 4:
            anchor, label_x, left = "end", layout.width - 4, layout.width - 4 - extent
        elif center - extent // 2 < chart_left:
            anchor, label_x, left = "start", x, x
        else:
            anchor, label_x, left = "middle", center, center - extent // 2
        row = 0
        while right_edge_by_row.get(row, -1000) > min(left, x) - layout.char_width:
            row += 1
        right_edge_by_row[row] = max(left + extent, x + width)
        y = top + row * layout.milestone_row
        markers.append(
            Marker(
                milestone=milestone,
                x=x,
                width=width,
                y=y,
                label_y=y + 14 + layout.font + 2,
                row=row,
                label_x=label_x,
                label_anchor=anchor,
                date=date,
                title=title,
                label_left=left,
                label_right=left + extent,
            )
        )

    rows = max((m.row for m in markers), default=0) + 1
    tracks_top = top + rows * layout.milestone_row + 20
    bars = []
    for index, track in enumerate(tracks):
        start = x_of(track.starts_on) if track.starts_on else chart_left
        end = x_of(track.ends_on) if track.ends_on else right
        bars.append(
            Bar(
                name=_cut(track.name, (layout.label_width - 10) // layout.char_width),
                note=track.note,
                x=start,
                width=max(end - start, 4),
                y=tracks_top + index * layout.track_row,
                milestones=[m for m in markers if m.milestone.track_id == track.pk],
                height=layout.track_row // 3,
            )
        )
    height = tracks_top + len(tracks) * layout.track_row + 10
    return Timeline(
        months=months,
        markers=markers,
        bars=bars,
        height=height,
        undated_x=right if has_undated else None,
        layout=layout,
        milestones_label_y=top + 14 + layout.font // 2,
    )
