"""Everything about one roadmap gathered once, for the pages, the print view and the exports:
its sheets with their figures and checks, the roll-ups, the indicators, the calendar, and the
diagnostic of the offer (the census' coverage of the programme's territory)."""

import datetime as dt
from dataclasses import dataclass, field

from django.db.models import Prefetch
from django.utils.translation import gettext as _

from census.coverage import census_coverage
from census.models import Census
from roadmap.charts import Chart, build_chart
from roadmap.costing import (
    Check,
    RollupRow,
    SheetCosting,
    rollup_by_axis,
    rollup_by_funder,
    rollup_by_year,
    summarise_roadmap,
)
from roadmap.indicators import RollupRow as IndicatorRow
from roadmap.indicators import rollup_indicators
from roadmap.models import Meeting, ProjectSheet, Roadmap


@dataclass
class SheetReport:
    sheet: ProjectSheet
    costing: SheetCosting
    checks: list[Check]

    @property
    def counted(self) -> bool:
        return self.sheet.status != ProjectSheet.Status.ABANDONED


@dataclass
class CalendarEntry:
    date: dt.date
    label: str
    kind: str
    source: str = ""


@dataclass
class RoadmapReport:
    roadmap: Roadmap
    sheets: list[SheetReport]
    totals: SheetCosting
    by_axis: list[RollupRow]
    by_funder: list[RollupRow]
    by_year: list[RollupRow]
    indicators: list[IndicatorRow]
    indicator_years: list[int]
    calendar: list[CalendarEntry] = field(default_factory=list)
    diagnostic: dict | None = None  # census.coverage's dict; None without a census

    def charts(self) -> dict[str, Chart | None]:
        return {
            "axis": build_chart(
                chart_id="chart-axis", title=_("Coût et financements par axe"), rows=self.by_axis
            ),
            "funder": build_chart(
                chart_id="chart-funder",
                title=_("Financements par financeur"),
                rows=self.by_funder,
            ),
            "year": build_chart(
                chart_id="chart-year", title=_("Coût et financements par année"), rows=self.by_year
            ),
        }


def sheets_with_rows(*, roadmap: Roadmap):
    return roadmap.sheets.select_related("axis").prefetch_related(
        "cost_lines",
        Prefetch("funding_lines", queryset=_funding_lines()),
        "beneficiaries__member__organisation",
        "carriers__organisation",
        "partners__organisation",
        "milestones",
        "indicators__targets",
    )


def _funding_lines():
    from roadmap.models import FundingLine

    return FundingLine.objects.select_related("funder__organisation")


def sheet_report(*, sheet: ProjectSheet) -> SheetReport:
    summary = sheet.costing()
    return SheetReport(sheet=sheet, costing=summary, checks=sheet.checks(summary))


def calendar_entries(*, roadmap: Roadmap, sheets: list[ProjectSheet]) -> list[CalendarEntry]:
    """Every dated thing of the roadmap in one list: sheets' periods and milestones, meetings."""
    entries = []
    for sheet in sheets:
        if sheet.starts_on:
            entries.append(CalendarEntry(sheet.starts_on, _("Début"), "start", sheet.title))
        if sheet.ends_on:
            entries.append(CalendarEntry(sheet.ends_on, _("Fin"), "end", sheet.title))
        for milestone in sheet.milestones.all():
            entries.append(CalendarEntry(milestone.date, milestone.title, "milestone", sheet.title))
    meetings = Meeting.objects.filter(committee__roadmap=roadmap).select_related("committee")
    for meeting in meetings:
        entries.append(
            CalendarEntry(
                meeting.date, meeting.title or _("Réunion"), "meeting", meeting.committee.name
            )
        )
    if roadmap.validated_on:
        entries.append(
            CalendarEntry(roadmap.validated_on, _("Validation"), "roadmap", roadmap.name)
        )
    if roadmap.signed_on:
        entries.append(CalendarEntry(roadmap.signed_on, _("Signature"), "roadmap", roadmap.name))
    return sorted(entries, key=lambda e: (e.date, e.source, e.label))


def build_report(*, roadmap: Roadmap) -> RoadmapReport:
    sheets = list(sheets_with_rows(roadmap=roadmap))
    reports = [sheet_report(sheet=sheet) for sheet in sheets]
    counted = [r.sheet.figures() for r in reports if r.counted]
    indicators = [
        indicator
        for report in reports
        if report.counted
        for indicator in report.sheet.indicators.all()
    ]
    for indicator in indicators:
        indicator.sheet = next(r.sheet for r in reports if r.sheet.pk == indicator.sheet_id)
    indicator_rows, indicator_years = rollup_indicators(indicators=indicators)
    return RoadmapReport(
        roadmap=roadmap,
        sheets=reports,
        totals=summarise_roadmap(sheets=counted),
        by_axis=rollup_by_axis(sheets=counted, no_axis_label=_("Sans axe")),
        by_funder=rollup_by_funder(sheets=counted),
        by_year=rollup_by_year(sheets=counted, undated_label=_("Sans année")),
        indicators=indicator_rows,
        indicator_years=indicator_years,
        calendar=calendar_entries(roadmap=roadmap, sheets=sheets),
        diagnostic=diagnostic_for(roadmap=roadmap),
    )


def current_diagnostic(*, roadmap: Roadmap) -> dict | None:
    """The census' coverage of the roadmap's programme today, or None without a census."""
    census = Census.objects.filter(programme_id=roadmap.programme_id).first()
    return census_coverage(census=census) if census and roadmap.programme_id else None


def diagnostic_for(*, roadmap: Roadmap) -> dict | None:
    """A signed roadmap shows the figures it was signed with; any other, today's."""
    if roadmap.is_frozen and roadmap.diagnostic:
        return roadmap.diagnostic
    return current_diagnostic(roadmap=roadmap)


def freeze_diagnostic(*, roadmap: Roadmap) -> None:
    """Keep today's figures with the roadmap being signed."""
    roadmap.diagnostic = current_diagnostic(roadmap=roadmap) or {}
    Roadmap.objects.filter(pk=roadmap.pk).update(diagnostic=roadmap.diagnostic)
