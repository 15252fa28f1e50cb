"""The synthesis of the whole démarche: for each workshop of the roadmap's programme, what it
produced (its sessions, their syntheses, the most voted results of each activity), what later
workshops carried over from it, and what became of it in the roadmap (the axes and sheets whose
origin is that workshop); the roadmap's axes and sheets that came from no workshop close it.

It reads the live sessions (`live`), which sit below the roadmap; the live app never reads the
roadmap.
"""

from dataclasses import dataclass, field
from io import BytesIO

from django.db.models import Count
from django.utils import formats, timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from docx import Document
from docx.shared import Pt

from common.text import without_controls
from live.access import sessions_run_by
from live.carry_over import Offer, run_offers
from live.models import CarriedItem, LiveSession
from roadmap.models import Axis, ProjectSheet, Roadmap
from workshops.models import Workshop

TOP = 3  # results shown per activity, the most voted first


@dataclass
class Produced:
    """An activity of a session and its first results."""

    title: str
    offers: list[Offer]
    more: int


@dataclass
class SessionTrace:
    session: LiveSession
    participant_count: int
    answer_count: int
    may_open: bool  # the reader runs it: the link to its synthesis works for them
    produced: list[Produced] = field(default_factory=list)


@dataclass
class WorkshopTrace:
    workshop: Workshop
    sessions: list[SessionTrace]
    carried_in: list[CarriedItem]  # taken from earlier workshops
    carried_on: list[CarriedItem]  # taken up by later workshops
    axes: list[Axis]
    sheets: list[ProjectSheet]


def _session_trace(session: LiveSession, *, may_open: bool) -> SessionTrace:
    trace = SessionTrace(
        session=session,
        participant_count=session.participant_count,
        answer_count=session.answer_count,
        may_open=may_open,
    )
    runs = session.runs.select_related("activity", "session__workshop").order_by(
        "activity__step__order"
    )
    for run in runs:
        offers = run_offers(run)
        if offers:
            trace.produced.append(
                Produced(title=run.activity.title, offers=offers[:TOP], more=len(offers) - TOP)
            )
    return trace


def demarche_trace(*, roadmap: Roadmap, user) -> list[WorkshopTrace]:
    """Workshop by workshop, what it produced and what the roadmap made of it."""
    if roadmap.programme_id is None:
        return []
    runnable = set(sessions_run_by(user).values_list("pk", flat=True))
    axes = list(roadmap.axes.filter(origin_workshop__isnull=False))
    sheets = list(roadmap.sheets.filter(origin_workshop__isnull=False).select_related("axis"))
    carried = list(
        CarriedItem.objects.filter(workshop__programme_id=roadmap.programme_id).select_related(
            "workshop", "run__activity", "run__session__workshop"
        )
    )
    traces = []
    for workshop in roadmap.programme.workshops.order_by("number"):
        sessions = workshop.sessions.annotate(
            participant_count=Count("participants", distinct=True),
            answer_count=Count("responses", distinct=True),
        ).order_by("started_at")
        traces.append(
            WorkshopTrace(
                workshop=workshop,
                sessions=[_session_trace(s, may_open=s.pk in runnable) for s in sessions],
                carried_in=[item for item in carried if item.workshop_id == workshop.pk],
                carried_on=[
                    item for item in carried if item.run.session.workshop_id == workshop.pk
                ],
                axes=[axis for axis in axes if axis.origin_workshop_id == workshop.pk],
                sheets=[sheet for sheet in sheets if sheet.origin_workshop_id == workshop.pk],
            )
        )
    return traces


def without_workshop(*, roadmap: Roadmap) -> dict:
    """The roadmap's axes and sheets that came from no workshop of the démarche."""
    return {
        "axes": list(roadmap.axes.filter(origin_workshop__isnull=True)),
        "sheets": list(roadmap.sheets.filter(origin_workshop__isnull=True)),
    }


# The Word report ------------------------------------------------------------------------------
def _date(value) -> str:
    return formats.date_format(timezone.localtime(value), "j F Y")


def _offer_text(offer: Offer) -> str:
    return f"« {offer.label} »" + (f" ({offer.count_text})" if offer.count_text else "")


def _bullets(document, lines: list[str]) -> None:
    for line in lines:
        document.add_paragraph(without_controls(line), style="List Bullet")


def demarche_docx(*, roadmap: Roadmap, user) -> bytes:
    """What the page says, as a Word document (participants' text as plain text)."""
    document = Document()
    document.styles["Normal"].font.size = Pt(11)
    document.add_heading(
        without_controls(_("La démarche — %(name)s") % {"name": roadmap.name}), level=0
    )
    for trace in demarche_trace(roadmap=roadmap, user=user):
        workshop = trace.workshop
        document.add_heading(without_controls(workshop.title), level=1)
        document.add_paragraph(
            without_controls(
                " · ".join(part for part in (_date(workshop.starts_at), workshop.theme) if part)
            )
        )
        document.add_heading(_("Ce qu'il a produit"), level=2)
        if not trace.sessions:
            document.add_paragraph(_("Pas encore de session."))
        for item in trace.sessions:
            document.add_paragraph(
                ngettext(
                    "Session du %(date)s : %(participants)d participant·es, %(count)d réponse.",
                    "Session du %(date)s : %(participants)d participant·es, %(count)d réponses.",
                    item.answer_count,
                )
                % {
                    "date": _date(item.session.started_at),
                    "participants": item.participant_count,
                    "count": item.answer_count,
                }
            )
            _bullets(
                document,
                [
                    f"{produced.title} : " + " ; ".join(_offer_text(o) for o in produced.offers)
                    for produced in item.produced
                ],
            )
        if trace.carried_in:
            document.add_heading(_("Repris des ateliers précédents"), level=2)
            _bullets(document, [item.label for item in trace.carried_in])
        if trace.carried_on:
            document.add_heading(_("Repris par les ateliers suivants"), level=2)
            _bullets(
                document,
                [
                    _("%(label)s → atelier n°%(number)d")
                    % {"label": item.label, "number": item.workshop.number}
                    for item in trace.carried_on
                ],
            )
        document.add_heading(_("Dans la feuille de route"), level=2)
        lines = [_("Axe « %(title)s »") % {"title": axis.title} for axis in trace.axes]
        lines += [
            _("Fiche « %(title)s » (%(status)s), %(origin)s")
            % {
                "title": sheet.title,
                "status": sheet.get_status_display(),
                "origin": sheet.origin_label,
            }
            for sheet in trace.sheets
        ]
        if lines:
            _bullets(document, lines)
        else:
            document.add_paragraph(_("Rien encore."))
    buffer = BytesIO()
    document.save(buffer)
    return buffer.getvalue()
