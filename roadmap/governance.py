"""The governance drawn as a picture (the deck's "Gouvernance … vue détaillée"): positions are
computed here in whole SVG units, the template only draws them.

From top to bottom: the co-carriers, then each committee (strategic first) with who co-chairs
and who sits there, then the members who sit on no committee. A star marks a co-chair; a
dashed outline a member who is still a candidate (never colour alone).
"""

from dataclasses import dataclass, field

from django.utils.translation import gettext as _

from roadmap.models import Committee, Member, Roadmap

WIDTH = 1200
MARGIN = 20
INNER = WIDTH - 2 * MARGIN
PADDING = 16
CHIP_HEIGHT = 34
CHIP_GAP = 10
CHAR_WIDTH = 9  # average width of a 16px system-font character, rounded up
HEADER = 62
GAP = 34  # between boxes, where the connector goes
LABEL_MAX = 38
KIND_ORDER = [
    Committee.Kind.STRATEGIC,
    Committee.Kind.TECHNICAL,
    Committee.Kind.CONSULTATIVE,
    Committee.Kind.OTHER,
]


@dataclass
class Chip:
    text: str
    x: int
    y: int
    width: int
    co_chair: bool = False
    candidate: bool = False

    @property
    def text_x(self) -> int:
        return self.x + self.width // 2

    @property
    def text_y(self) -> int:
        return self.y + 23


@dataclass(kw_only=True)
class PlacedBox:
    """A box of the diagram where it stands, with its members' chips; the page's box and the
    stage's add their text."""

    title: str
    x: int
    y: int
    width: int
    height: int
    kind: str
    chips: list[Chip] = field(default_factory=list)

    @property
    def bottom(self) -> int:
        return self.y + self.height


@dataclass(kw_only=True)
class Box(PlacedBox):
    subtitle: str

    @property
    def title_y(self) -> int:
        return self.y + 30

    @property
    def subtitle_y(self) -> int:
        return self.y + 52


@dataclass
class Connector:
    x: int
    y1: int
    y2: int


@dataclass
class Diagram:
    boxes: list[Box]
    connectors: list[Connector]
    height: int
    width: int = WIDTH


def _chip(member: Member, co_chair: bool, *, text: str, x: int, y: int, width: int) -> Chip:
    """A member's chip where it stands, on the page or the stage (a candidate's looks apart)."""
    return Chip(
        text=text,
        x=x,
        y=y,
        width=width,
        co_chair=co_chair,
        candidate=member.status == Member.Status.CANDIDATE,
    )


def _chip_label(member: Member) -> str:
    text = member.label
    return text if len(text) <= LABEL_MAX else text[: LABEL_MAX - 1] + "…"


def _lay_chips(entries: list[tuple[Member, bool]], top: int) -> tuple[list[Chip], int]:
    """Place chips left to right, wrapping; returns them and the height they take."""
    chips: list[Chip] = []
    x, y = MARGIN + PADDING, top
    right = WIDTH - MARGIN - PADDING
    for member, co_chair in entries:
        text = ("★ " if co_chair else "") + _chip_label(member)
        width = min(len(text) * CHAR_WIDTH + 28, right - (MARGIN + PADDING))
        if x + width > right and x > MARGIN + PADDING:
            x, y = MARGIN + PADDING, y + CHIP_HEIGHT + CHIP_GAP
        chips.append(_chip(member, co_chair, text=text, x=x, y=y, width=width))
        x += width + CHIP_GAP
    used = (y - top + CHIP_HEIGHT) if chips else 0
    return chips, used


def _box(*, title: str, subtitle: str, kind: str, entries, top: int) -> Box:
    chips, used = _lay_chips(entries, top + HEADER)
    height = HEADER + used + PADDING
    return Box(
        title=title,
        subtitle=subtitle,
        x=MARGIN,
        y=top,
        width=INNER,
        height=height,
        kind=kind,
        chips=chips,
    )


def ordered_committees(*, roadmap: Roadmap) -> list[Committee]:
    committees = list(
        roadmap.committees.prefetch_related("seats__member__organisation", "meetings")
    )
    for committee in committees:
        committee.seat_list = list(committee.seats.all())
        committee.chair_list = [seat.member for seat in committee.seat_list if seat.co_chair]
    return sorted(committees, key=lambda c: (KIND_ORDER.index(c.kind), c.order, c.pk))


def build_governance_diagram(*, roadmap: Roadmap) -> Diagram | None:
    """Lay out the governance; None when it has neither member nor committee."""
    members = list(roadmap.members.select_related("organisation"))
    committees = ordered_committees(roadmap=roadmap)
    if not members and not committees:
        return None
    boxes: list[Box] = []
    top = MARGIN
    carriers = [m for m in members if m.has_role(Member.Role.CO_CARRIER)]
    if carriers:
        boxes.append(
            _box(
                title=_("Co-porteurs de la feuille de route"),
                subtitle=roadmap.territory,
                kind="carriers",
                entries=[(m, False) for m in carriers],
                top=top,
            )
        )
        top = boxes[-1].bottom + GAP
    seated: set[int] = set()
    for committee in committees:
        seats = list(committee.seats.all())
        seated |= {seat.member_id for seat in seats}
        subtitle = _("Comité %(kind)s · réunion %(frequency)s") % {
            "kind": committee.get_kind_display().lower(),
            "frequency": committee.get_frequency_display().lower(),
        }
        if committee.frequency == Committee.Frequency.AS_NEEDED:
            subtitle = _("Comité %(kind)s · se réunit selon les besoins") % {
                "kind": committee.get_kind_display().lower()
            }
        boxes.append(
            _box(
                title=committee.name,
                subtitle=subtitle,
                kind=committee.kind,
                entries=[(seat.member, seat.co_chair) for seat in seats],
                top=top,
            )
        )
        top = boxes[-1].bottom + GAP
    others = [m for m in members if m.pk not in seated and m not in carriers]
    if others:
        boxes.append(
            _box(
                title=_("Autres membres"),
                subtitle=_("Membres de la gouvernance qui ne siègent dans aucun comité"),
                kind="others",
                entries=[(m, False) for m in others],
                top=top,
            )
        )
        top = boxes[-1].bottom + GAP
    connectors = [
        Connector(x=WIDTH // 2, y1=upper.bottom, y2=lower.y)
        for upper, lower in zip(boxes, boxes[1:], strict=False)
        if lower.kind != "others"
    ]
    return Diagram(boxes=boxes, connectors=connectors, height=top - GAP + MARGIN)


def governance_context(
    *, roadmap: Roadmap | None, id_suffix: str = "", stage: bool = False
) -> dict:
    """What `roadmap/_governance.html` needs, for the page and the workshop slide alike
    (`stage`: the projector's, with the picture drawn for it).

    `id_suffix` keeps the SVG's ids unique when several diagrams share a page.
    """
    if roadmap is None:
        return {"governance_roadmap": None, "id_suffix": id_suffix}
    committees = ordered_committees(roadmap=roadmap)
    members = list(roadmap.members.select_related("organisation"))
    seated = {seat.member_id for committee in committees for seat in committee.seat_list}
    return {
        "governance_roadmap": roadmap,
        "id_suffix": id_suffix,
        "diagram": build_governance_diagram(roadmap=roadmap),
        "stage_diagram": build_stage_governance_diagram(roadmap=roadmap) if stage else None,
        "committees": committees,
        "members": members,
        "unseated_members": [
            m for m in members if m.pk not in seated and not m.has_role(Member.Role.CO_CARRIER)
        ],
    }


def roadmap_for_programme(*, programme) -> Roadmap | None:
    """The latest version of the roadmap linked to this programme (the one to project)."""
    return Roadmap.objects.filter(programme=programme).order_by("-updated_at", "-version").first()


def governance_slide(*, step, stage: bool = False) -> dict:
    """A workshop's governance step (the deck's "Gouvernance … vue détaillée"): the governance
    of its programme's roadmap. Registered with `workshops.slides` by `RoadmapConfig.ready`."""
    roadmap = roadmap_for_programme(programme=step.workshop.programme)
    return governance_context(roadmap=roadmap, id_suffix=f"-step{step.pk}", stage=stage)


# The projector's stage ------------------------------------------------------------------
# Drawn for a 1776 × 700 area of the 1920 × 1080 stage at 1:1, not shrunk from the page's
# picture: the committees side by side, one member a line, every text 24 px or more.
STAGE_WIDTH = 1776
STAGE_GAP = 28
STAGE_FONT = 24
STAGE_CHAR = 14  # a 24 px character's average width (bold too), rounded up
STAGE_CHIP = 34
STAGE_CHIP_GAP = 5
STAGE_PADDING = 14
STAGE_TITLE = 30
STAGE_LINE = 30


@dataclass(kw_only=True)
class StageBox(PlacedBox):
    lines: list[str]  # the subtitle, one line each

    @property
    def title_y(self) -> int:
        return self.y + STAGE_PADDING + STAGE_TITLE

    @property
    def text_x(self) -> int:
        return self.x + STAGE_PADDING

    @property
    def line_ys(self) -> list[tuple[int, str]]:
        return [(self.title_y + STAGE_LINE * (n + 1), line) for n, line in enumerate(self.lines)]


def _cut(text: str, width: int, char: int = STAGE_CHAR) -> str:
    chars = max(4, width // char)
    return text if len(text) <= chars else text[: chars - 1].rstrip() + "…"


def _stage_box(*, title, lines, kind, entries, x, y, width, flow: bool) -> StageBox:
    """A box with its chips: flowing left to right (`flow`), or one a line."""
    inner = width - 2 * STAGE_PADDING
    top = y + STAGE_PADDING + STAGE_TITLE + STAGE_LINE * len(lines) + 14
    chips = []
    cx, cy = x + STAGE_PADDING, top
    for member, co_chair in entries:
        text = ("★ " if co_chair else "") + member.label
        if flow:
            text = _cut(text, inner - 32)
            chip_width = min(len(text) * STAGE_CHAR + 32, inner)
            if cx + chip_width > x + width - STAGE_PADDING and cx > x + STAGE_PADDING:
                cx, cy = x + STAGE_PADDING, cy + STAGE_CHIP + STAGE_CHIP_GAP
        else:
            text = _cut(text, inner - 32)
            chip_width = inner
        chips.append(_chip(member, co_chair, text=text, x=cx, y=cy, width=chip_width))
        if flow:
            cx += chip_width + STAGE_CHIP_GAP
        else:
            cy += STAGE_CHIP + STAGE_CHIP_GAP
    bottom = chips[-1].y + STAGE_CHIP + STAGE_PADDING if chips else top
    return StageBox(
        title=_cut(title, inner, 17),
        lines=[_cut(line, inner) for line in lines],
        x=x,
        y=y,
        width=width,
        height=bottom - y,
        kind=kind,
        chips=chips,
    )


def _stage_row(title: str, kind: str, members: list[Member], top: int) -> StageBox:
    """A box across the whole stage, its members side by side."""
    entries = [(m, False) for m in members]
    return _stage_box(
        title=title, lines=[], kind=kind, entries=entries, x=0, y=top, width=STAGE_WIDTH, flow=True
    )


def build_stage_governance_diagram(*, roadmap: Roadmap) -> Diagram | None:
    """The governance laid out for the projector: co-carriers across the top, then the
    committees in columns (strategic first), then the members on no committee."""
    members = list(roadmap.members.select_related("organisation"))
    committees = ordered_committees(roadmap=roadmap)
    if not members and not committees:
        return None
    boxes: list[StageBox] = []
    top = 0
    carriers = [m for m in members if m.has_role(Member.Role.CO_CARRIER)]
    if carriers:
        boxes.append(_stage_row(_("Co-porteurs de la feuille de route"), "carriers", carriers, top))
        top = boxes[-1].bottom + STAGE_GAP
    seated: set[int] = set()
    columns = max(1, min(len(committees), 4))
    width = (STAGE_WIDTH - (columns - 1) * STAGE_GAP) // columns
    row_bottom = top
    for index, committee in enumerate(committees):
        if index and index % columns == 0:
            top = row_bottom + STAGE_GAP
        seats = list(committee.seats.all())
        seated |= {seat.member_id for seat in seats}
        frequency = (
            _("selon les besoins")
            if committee.frequency == Committee.Frequency.AS_NEEDED
            else committee.get_frequency_display().lower()
        )
        boxes.append(
            _stage_box(
                title=committee.name,
                lines=[f"{committee.get_kind_display()} · {frequency}"],
                kind=committee.kind,
                entries=[(seat.member, seat.co_chair) for seat in seats],
                x=(index % columns) * (width + STAGE_GAP),
                y=top,
                width=width,
                flow=False,
            )
        )
        row_bottom = max(row_bottom, boxes[-1].bottom)
    if committees:
        top = row_bottom + STAGE_GAP
    others = [m for m in members if m.pk not in seated and m not in carriers]
    if others:
        boxes.append(_stage_row(_("Autres membres, hors comités"), "others", others, top))
        top = boxes[-1].bottom + STAGE_GAP
    return Diagram(boxes=boxes, connectors=[], height=top - STAGE_GAP, width=STAGE_WIDTH)
