"""The raw answers of a live session, for analysis: an XLSX workbook of two sheets, or the same
two tables as two CSV files.

- "Réponses": one row per answer, in the order of the workshop's steps, then of arrival: the
  step's number and the activity's title (the four "Qui suis-je ???" are told apart), who
  (pseudonym, or the arrival number), their structure, the answer in one line, how many of its
  graded items are right, whether it was hidden from the screen, and when.
- "Par participant·e": one row per participant, one column per question: each activity's
  cells as its kind gives them (`export_cells`: each blank, each item to classify, the card's
  questions…), a "juste ?" column beside each graded one, the ideas a vote chose by their text.

A kind that keeps something beside the answers (the co-written sheets) adds a sheet of its
own to the workbook (`export_table`).

Both tables are read from the kinds' `export_cells`, so they can't say different things. Every
cell goes through `common.spreadsheets.safe_row`: a participant's `=HYPERLINK(…)` is kept as
text and never runs as a formula.
"""

import csv
import datetime as dt
import io
from dataclasses import dataclass

from django.utils import timezone
from django.utils.translation import gettext as _
from openpyxl import Workbook
from openpyxl.styles import Font
from openpyxl.utils import get_column_letter

from common.spreadsheets import safe_row
from live.models import Response
from quizzes.kinds import get_kind
from quizzes.kinds.base import ActivityKind, ExportCell
from quizzes.models import Activity

# The kind of an activity whose kind is no longer installed: its answers in one line.
_UNKNOWN_KIND = ActivityKind()


@dataclass
class ExportedActivity:
    """An activity that has answers in the session, with what its kind's cells need."""

    number: int | None  # the step's place in the workshop (None: no longer a step)
    activity: Activity
    kind: ActivityKind
    answers_by_id: dict[int, dict]

    def cells(self, answers: list[dict]) -> list[ExportCell]:
        return self.kind.export_cells(
            config=self.activity.config, answers=answers, answers_by_id=self.answers_by_id
        )

    @property
    def title(self) -> str:
        return _("Étape %(number)s · %(title)s") % {
            "number": self.number or "—",
            "title": self.activity.title,
        }

    def column_titles(self) -> list[str]:
        """The activity's columns in the per-participant table, each graded one followed by
        its correctness."""
        columns = self.cells([])
        titles = []
        for cell in columns:
            title = self.title if len(columns) == 1 else f"{self.title} · {cell.label}"
            titles.append(title)
            if cell.right is not None:
                titles.append(
                    _("%(column)s · juste ? (attendu : %(expected)s)")
                    % {"column": title, "expected": cell.expected}
                )
        return titles


def _yes_no() -> dict[bool, str]:
    # Translated once per table, not once per cell.
    return {True: _("oui"), False: _("non")}


def _one_line(cells: list[ExportCell]) -> str | None:
    if len(cells) == 1:
        return cells[0].value or None
    return " · ".join(f"{cell.label} : {cell.value}" for cell in cells if cell.value) or None


def _score(cells: list[ExportCell]) -> str | None:
    graded = [cell.right for cell in cells if cell.right is not None]
    if not graded:
        return None
    return _("%(right)d sur %(total)d") % {"right": sum(graded), "total": len(graded)}


@dataclass
class SessionAnswers:
    """What both tables are made of, read once."""

    activities: list[ExportedActivity]  # those answered, in the workshop's order
    responses: list[Response]  # in the order of their activities, then of arrival
    participants: list  # in order of arrival


def step_numbers(session) -> dict[int, int]:
    """Each activity's step number, as the control view and the workshop page number them."""
    steps = session.workshop.steps.order_by("order", "pk").values_list("activity_id", flat=True)
    return {pk: number for number, pk in enumerate(steps, start=1) if pk}


def read_answers(*, session) -> SessionAnswers:
    responses = list(
        Response.objects.filter(session=session)
        .select_related("activity", "participant")
        .order_by("created_at", "pk")
    )
    numbers = step_numbers(session)
    activities: dict[int, ExportedActivity] = {}
    for response in responses:
        activity = response.activity
        if activity.pk not in activities:
            try:
                kind = get_kind(activity.kind)
            except LookupError:
                kind = _UNKNOWN_KIND
            activities[activity.pk] = ExportedActivity(
                number=numbers.get(activity.pk), activity=activity, kind=kind, answers_by_id={}
            )
        activities[activity.pk].answers_by_id[response.pk] = response.data

    def place(item: ExportedActivity) -> tuple:
        return (item.number is None, item.number or 0, item.activity.pk)

    ordered = sorted(activities.values(), key=place)
    rank = {item.activity.pk: index for index, item in enumerate(ordered)}
    responses.sort(key=lambda response: rank[response.activity_id])  # stable: arrival kept
    participants = list(session.participants.order_by("number", "pk"))
    return SessionAnswers(activities=ordered, responses=responses, participants=participants)


def answer_table(*, answers: SessionAnswers) -> list[list]:
    """One row per answer, under its header."""
    by_pk = {item.activity.pk: item for item in answers.activities}
    yes_no = _yes_no()
    rows: list[list] = [
        [
            _("N°"),
            _("Étape"),
            _("Activité"),
            _("Participant·e"),
            _("Structure"),
            _("Réponse"),
            _("Bonnes réponses"),
            _("Masquée à l'écran"),
            _("Date et heure"),
        ]
    ]
    for response in answers.responses:
        item = by_pk[response.activity_id]
        cells = item.cells([response.data])
        rows.append(
            [
                response.pk,
                item.number,
                item.activity.title,
                response.participant.display_name,
                response.participant.structure or None,
                _one_line(cells),
                _score(cells),
                yes_no[response.hidden],
                # Local time without its zone: spreadsheets have no time zones.
                timezone.localtime(response.updated_at).replace(tzinfo=None, microsecond=0),
            ]
        )
    return rows


def participant_table(*, answers: SessionAnswers) -> list[list]:
    """One row per participant (in order of arrival), one column per question, under its
    header. A participant who did not answer an activity has its cells empty."""
    theirs: dict[tuple[int, int], list[dict]] = {}
    for response in answers.responses:
        theirs.setdefault((response.participant_id, response.activity_id), []).append(response.data)
    activities = answers.activities
    titles = {item.activity.pk: item.column_titles() for item in activities}
    header = [_("N° d'arrivée"), _("Participant·e"), _("Structure")]
    rows = [header + [title for item in activities for title in titles[item.activity.pk]]]
    yes_no = _yes_no()
    for participant in answers.participants:
        row = [participant.number, participant.display_name, participant.structure or None]
        for item in activities:
            mine = theirs.get((participant.pk, item.activity.pk))
            if not mine:
                row += [None] * len(titles[item.activity.pk])
                continue
            for cell in item.cells(mine):
                row.append(cell.value or None)
                if cell.right is not None:
                    row.append(yes_no[cell.right])
        rows.append(row)
    return rows


def kind_tables(*, session) -> list[tuple[str, list[list]]]:
    """The tables kinds keep beside the answers (`export_table`: the co-written sheets), one
    per activity run in the workshop's order, each with its sheet's title."""
    numbers = step_numbers(session)
    runs = sorted(
        session.runs.select_related("activity"),
        key=lambda run: (run.activity_id not in numbers, numbers.get(run.activity_id, 0), run.pk),
    )
    tables = []
    for run in runs:
        try:
            kind = get_kind(run.activity.kind)
        except LookupError:
            continue
        table = kind.export_table(activity=run.activity, run=run)
        if table:
            name, rows = table
            # A sheet's title has 31 characters at most (the kind's own is short).
            tables.append((f"{_('Étape')} {numbers.get(run.activity_id, '—')} · {name}"[:31], rows))
    return tables


# Files ------------------------------------------------------------------------------------------
def _add_sheet(
    workbook: Workbook, *, title: str, rows: list[list], widths: list[int], freeze: str
) -> None:
    sheet = workbook.create_sheet(title)
    for number, row in enumerate(rows, start=1):
        sheet.append(safe_row(row))
        for column, value in enumerate(row, start=1):
            if isinstance(value, dt.datetime):
                sheet.cell(row=number, column=column).number_format = "dd/mm/yyyy hh:mm:ss"
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    for index in range(1, len(rows[0]) + 1):
        width = widths[index - 1] if index <= len(widths) else widths[-1]
        sheet.column_dimensions[get_column_letter(index)].width = width
    sheet.freeze_panes = freeze


def answers_xlsx(*, session) -> bytes:
    answers = read_answers(session=session)
    workbook = Workbook()
    workbook.remove(workbook.active)
    _add_sheet(
        workbook,
        title=_("Réponses"),
        rows=answer_table(answers=answers),
        widths=[8, 7, 40, 22, 28, 70, 12, 12, 20],
        freeze="A2",
    )
    _add_sheet(
        workbook,
        title=_("Par participant·e"),
        rows=participant_table(answers=answers),
        widths=[8, 22, 28, 30],
        # The names stay in view while scrolling through the questions.
        freeze="D2",
    )
    for title, rows in kind_tables(session=session):
        _add_sheet(workbook, title=title, rows=rows, widths=[16, 24, 30, 50], freeze="B2")
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def _csv(rows: list[list]) -> str:
    """UTF-8 text with a byte order mark and semicolons: what French spreadsheets open as is."""
    buffer = io.StringIO()
    buffer.write("\ufeff")
    writer = csv.writer(buffer, delimiter=";", lineterminator="\r\n")
    for row in rows:
        row = [
            value.strftime("%Y-%m-%d %H:%M:%S") if isinstance(value, dt.datetime) else value
            for value in row
        ]
        writer.writerow(safe_row(row))
    return buffer.getvalue()


def answers_csv(*, session) -> str:
    return _csv(answer_table(answers=read_answers(session=session)))


def answers_by_participant_csv(*, session) -> str:
    return _csv(participant_table(answers=read_answers(session=session)))
