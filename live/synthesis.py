"""The synthesis of a live session: every activity's results (each kind's own `synthesis` or
`text` fragment), the ranked ideas, the directory of actors (consenting cards only) — as a
printable page and as a Word compte rendu (DOCX).

The DOCX is made from the same rendered fragments as the page, read back as paragraphs, lists
and tables, so the page and the document can't say different things. Participants' text is
escaped in the HTML and written as plain text in the document: never markup, never run. Stored
text goes into the document through `without_controls` (XML refuses control characters).
"""

import io
from dataclasses import dataclass
from html.parser import HTMLParser

from django.template.loader import render_to_string
from django.utils import formats, timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from docx import Document
from docx.shared import Pt

from common.text import without_controls
from live.models import ActivityRun, LiveSession, Response
from quizzes.kinds import get_kind
from quizzes.kinds.base import ActivityKind
from quizzes.kinds.icebreaker import KIND as ICEBREAKER
from quizzes.kinds.icebreaker import in_directory
from quizzes.models import Activity
from workshops.models import Step


def directory(*, session: LiveSession) -> list[dict]:
    """The directory of actors (annuaire): the cards of those who agreed, no names."""
    cards = Response.objects.filter(session=session, activity__kind=ICEBREAKER.name)
    return [
        {name: card.data.get(name, "") for name in ("fonctions", "structure", "lien")}
        for card in cards.order_by("created_at", "pk")
        if in_directory(card.data, hidden=card.hidden)
    ]


@dataclass
class ActivityResult:
    step: Step
    activity: Activity
    kind: ActivityKind
    run: ActivityRun | None
    answer_count: int
    hidden_count: int
    results: dict
    fragment: str

    def render(self) -> str:
        """The kind's fragment for this activity, as HTML (escaped participants' text)."""
        return render_to_string(
            self.fragment,
            {
                "activity": self.activity,
                "kind": self.kind,
                "run": self.run,
                "results": self.results,
                "reveal": True,
            },
        )


def activity_result(*, session: LiveSession, step: Step, run: ActivityRun | None) -> ActivityResult:
    """One activity step's results in this session (none while it has no run)."""
    activity = step.activity
    kind = get_kind(activity.kind)
    answers = list(
        Response.objects.filter(session=session, activity=activity).select_related("participant")
    )
    visible = [r for r in answers if not r.hidden]
    return ActivityResult(
        step=step,
        activity=activity,
        kind=kind,
        run=run,
        answer_count=len(visible),
        hidden_count=len(answers) - len(visible),
        results=(
            kind.synthesis_context(activity=activity, run=run, responses=visible) if run else {}
        ),
        fragment=kind.optional_fragment("synthesis") or kind.fragment("text"),
    )


def activity_results(*, session: LiveSession) -> list[ActivityResult]:
    """Every activity step of the workshop, in order, with its results in this session."""
    runs = {run.activity_id: run for run in session.runs.select_related("activity")}
    steps = (
        session.workshop.steps.filter(activity__isnull=False)
        .select_related("activity")
        .order_by("order", "pk")
    )
    results = []
    for step in steps:
        try:
            get_kind(step.activity.kind)
        except LookupError:
            continue
        results.append(activity_result(session=session, step=step, run=runs.get(step.activity_id)))
    return results


def synthesis_context(*, session: LiveSession) -> dict:
    activities = activity_results(session=session)
    return {
        "session": session,
        "workshop": session.workshop,
        "participant_count": session.participants.count(),
        "activities": [(item, item.render() if item.run else "") for item in activities],
        "directory": directory(session=session),
        "generated_at": timezone.localtime(),
    }


# The Word compte rendu ------------------------------------------------------------------------
class _Blocks(HTMLParser):
    """A kind's fragment read back as blocks: ("heading", level, text), ("paragraph", text),
    ("item", depth, ordered, text) and ("table", caption, rows)."""

    BLOCKS = {"p", "li", "h2", "h3", "h4", "caption", "td", "th", "dt", "dd"}

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.blocks: list[tuple] = []
        self.text: list[str] = []
        self.lists: list[str] = []  # "ul" / "ol", innermost last
        self.table: dict | None = None

    def _flush(self) -> str:
        text = " ".join("".join(self.text).split())
        self.text = []
        return text

    def _emit_pending(self) -> None:
        """Text written before a nested block (an item's text before its sub-list)."""
        text = self._flush()
        if not text:
            return
        if self.lists:
            self.blocks.append(("item", len(self.lists), self.lists[-1] == "ol", text))
        else:
            self.blocks.append(("paragraph", text))

    def handle_starttag(self, tag: str, attrs) -> None:
        if tag in ("ul", "ol"):
            self._emit_pending()
            self.lists.append(tag)
        elif tag == "table":
            self._emit_pending()
            self.table = {"caption": "", "rows": []}
        elif tag == "tr" and self.table is not None:
            self.table["rows"].append([])
        elif tag == "br":
            self.text.append(" — ")
        elif tag in self.BLOCKS and self.table is None:
            self._emit_pending()

    def handle_endtag(self, tag: str) -> None:
        if tag in ("ul", "ol"):
            self._emit_pending()
            if self.lists:
                self.lists.pop()
        elif self.table is not None:
            if tag == "caption":
                self.table["caption"] = self._flush()
            elif tag in ("td", "th") and self.table["rows"]:
                self.table["rows"][-1].append(self._flush())
            elif tag == "table":
                self.blocks.append(("table", self.table["caption"], self.table["rows"]))
                self.table = None
        elif tag in ("h2", "h3", "h4"):
            text = self._flush()
            if text:
                self.blocks.append(("heading", int(tag[1]), text))
        elif tag in self.BLOCKS:
            self._emit_pending()

    def handle_data(self, data: str) -> None:
        self.text.append(data)

    def close(self) -> None:
        super().close()
        self._emit_pending()


def html_blocks(html: str) -> list[tuple]:
    parser = _Blocks()
    parser.feed(html)
    parser.close()
    return parser.blocks


def _write_blocks(document, blocks: list[tuple]) -> None:
    for block in without_controls(blocks):
        if block[0] == "heading":
            document.add_heading(block[2], level=min(block[1] + 1, 4))
        elif block[0] == "paragraph":
            document.add_paragraph(block[1])
        elif block[0] == "item":
            _kind, depth, ordered, text = block
            style = "List Number" if ordered else "List Bullet"
            if depth > 1:
                style += " 2"
            document.add_paragraph(text, style=style)
        elif block[0] == "table":
            _kind, caption, rows = block
            if caption:
                document.add_paragraph(caption).runs[0].bold = True
            rows = [row for row in rows if row]
            if not rows:
                continue
            table = document.add_table(rows=0, cols=max(len(row) for row in rows))
            table.style = "Table Grid"
            for index, row in enumerate(rows):
                cells = table.add_row().cells
                for cell, text in zip(cells, row, strict=False):
                    cell.text = text
                    if index == 0:
                        for run in cell.paragraphs[0].runs:
                            run.bold = True


def compte_rendu_docx(*, session: LiveSession) -> bytes:
    """The workshop's compte rendu: what the synthesis page shows, as a Word document."""
    context = synthesis_context(session=session)
    workshop = session.workshop
    document = Document()
    document.styles["Normal"].font.size = Pt(11)
    title = without_controls(workshop.title)
    document.add_heading(_("Compte rendu — %(title)s") % {"title": title}, level=0)
    when = formats.date_format(timezone.localtime(workshop.starts_at), "l j F Y, H\\hi")
    place = ", ".join(part for part in (workshop.venue, workshop.address, workshop.city) if part)
    document.add_paragraph(without_controls(f"{when} · {place}" if place else when))
    if workshop.theme:
        document.add_paragraph(without_controls(workshop.theme))
    document.add_paragraph(
        ngettext(
            "Session du %(date)s : %(count)d participant·e.",
            "Session du %(date)s : %(count)d participant·es.",
            context["participant_count"],
        )
        % {
            "date": formats.date_format(timezone.localtime(session.started_at), "j F Y, H\\hi"),
            "count": context["participant_count"],
        }
    )
    for item, html in context["activities"]:
        document.add_heading(without_controls(item.activity.title), level=1)
        if item.activity.prompt:
            document.add_paragraph(without_controls(item.activity.prompt)).runs[0].italic = True
        if item.run is None:
            document.add_paragraph(_("Activité non lancée pendant cette session."))
            continue
        document.add_paragraph(
            ngettext("%(count)d réponse.", "%(count)d réponses.", item.answer_count)
            % {"count": item.answer_count}
        )
        _write_blocks(document, html_blocks(html))
    document.add_heading(_("Annuaire des acteurs"), level=1)
    cards = context["directory"]
    if cards:
        document.add_paragraph(
            _("Les cartes du tour de table des participant·es qui ont accepté d'y figurer.")
        )
        rows = [[_("Structure"), _("Fonctions"), _("Lien avec l'inclusion numérique")]]
        rows += [[card["structure"] or "—", card["fonctions"], card["lien"]] for card in cards]
        _write_blocks(document, [("table", "", rows)])
    else:
        document.add_paragraph(_("Personne n'a accepté de figurer dans l'annuaire."))
    document.add_paragraph(
        _("Document établi le %(date)s.")
        % {"date": formats.date_format(context["generated_at"], "j F Y à H\\hi")}
    )
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()
