"""Exports of a roadmap: the whole document as DOCX, the costing as XLSX.

Amounts go into the spreadsheet as exact numbers (Decimal), formatted in euros; every text cell
goes through `common.spreadsheets.safe_cell` so that nobody's text runs as a formula. Stored text
goes into the DOCX through `without_controls`: XML refuses control characters, and older
versions stored them.
"""

import re
from io import BytesIO

from django.utils import formats
from django.utils.text import slugify
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from docx import Document
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Pt
from openpyxl import Workbook
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter

from census.coverage import CELL
from common.richtext import plain_text
from common.spreadsheets import safe_cell
from common.text import without_controls
from roadmap.costing import CONSIDERED, REQUESTED, SECURED, RollupRow
from roadmap.governance import ordered_committees
from roadmap.models import Member, ProjectSheet, Roadmap
from roadmap.money import format_euros, format_percent, format_quantity
from roadmap.report import RoadmapReport, SheetReport, build_report

EURO_FORMAT = '#,##0.00\\ "€"'
EXAMPLE_NOTICE = gettext_lazy("Exemple : montants fictifs, pour l'exemple.")


def _date(value) -> str:
    return formats.date_format(value, "j F Y") if value else ""


def _period(sheet: ProjectSheet) -> str:
    if sheet.starts_on and sheet.ends_on:
        return _("du %(start)s au %(end)s") % {
            "start": _date(sheet.starts_on),
            "end": _date(sheet.ends_on),
        }
    return _date(sheet.starts_on) or _("non fixée")


def _names(members) -> str:
    return without_controls(", ".join(m.organisation.name for m in members)) or "—"


def export_filename(roadmap: Roadmap, suffix: str) -> str:
    slug = slugify(roadmap.name) or "feuille-de-route"
    return f"{slug}-v{roadmap.version}.{suffix}"


# The diagnostic of the offer (the census' coverage dict, see census/coverage.py)
MAP_FILLS = {0: "FFFFFF", 1: "D6E6F5", 2: "8FB8DE", 3: "1D4F91"}  # as on the page's map


def _diagnostic_lines(coverage: dict) -> list[str]:
    lines = [
        _(
            "%(places)s lieux d'inclusion numérique dans le département, soit %(rate)s pour "
            "10 000 habitant·es ; %(without)s communes sans lieu sur %(communes)s."
        )
        % {
            "places": coverage["in_department"],
            "rate": format_quantity(coverage["per_10k"]),
            "without": len(coverage["communes_without"]),
            "communes": len(coverage["communes"]),
        },
        _("Par dispositif : %(labels)s.")
        % {"labels": " ; ".join(f"{label} {n}" for label, n in coverage["labels"].items())},
        _("Frais : %(fees)s.")
        % {"fees": " ; ".join(f"{fee} {n}" for fee, n in coverage["fees"].items())},
    ]
    if coverage["communes_without"]:
        lines.append(
            _("Communes sans lieu : %(names)s.")
            % {"names": ", ".join(coverage["communes_without"])}
        )
    source = _("Source : %(source)s (standard %(standard)s), chiffres du %(date)s.") % {
        "source": coverage["source"],
        "standard": coverage["standard"],
        "date": coverage["date"],
    }
    if coverage["is_example"]:
        source += " " + _("Données fictives d'exemple.")
    lines.append(source)
    return lines


COMMUNE_HEADERS = [
    gettext_lazy("Commune"),
    gettext_lazy("Habitants"),
    gettext_lazy("Lieux"),
    gettext_lazy("Pour 10 000 hab."),
    gettext_lazy("Conseillers numériques"),
    gettext_lazy("France Services"),
    gettext_lazy("Aidants Connect"),
]


def _commune_values(row: dict) -> list:
    return [row["name"], row["population"], row["places"], row["per_10k"], *row["labels"].values()]


def _grid(coverage: dict) -> list[list[dict | None]]:
    """The map's squares as rows and columns (None where there is no commune)."""
    grid: list[list[dict | None]] = [
        [None] * (coverage["width"] // CELL) for _row in range(coverage["height"] // CELL)
    ]
    for row in coverage["communes"]:
        grid[row["y"] // CELL][row["x"] // CELL] = row
    return grid


def _docx_diagnostic(document, coverage: dict) -> None:
    document.add_heading(_("Diagnostic : l'offre d'inclusion numérique"), 1)
    for line in _diagnostic_lines(coverage):
        document.add_paragraph(line)
    document.add_paragraph(
        _(
            "Carte : une case par commune (nord en haut), avec son nombre de lieux ; plus la case "
            "est foncée, plus il y a de lieux (blanc : aucun)."
        )
    )
    grid = _grid(coverage)
    table = document.add_table(rows=len(grid), cols=len(grid[0]))
    table.style = "Table Grid"
    for y, line in enumerate(grid):
        for x, commune in enumerate(line):
            if commune is None:
                continue
            cell = table.cell(y, x)
            cell.text = f"{commune['short']}\n{commune['places']}"
            shading = OxmlElement("w:shd")
            shading.set(qn("w:val"), "clear")
            shading.set(qn("w:fill"), MAP_FILLS[commune["level"]])
            cell._tc.get_or_add_tcPr().append(shading)
            for paragraph in cell.paragraphs:
                for run in paragraph.runs:
                    run.font.size = Pt(7)
    document.add_heading(_("Lieux par commune"), 2)
    _table(
        document,
        [str(h) for h in COMMUNE_HEADERS],
        [
            [str(v) if not isinstance(v, float) else format_quantity(v) for v in _commune_values(r)]
            for r in coverage["communes"]
        ],
    )


# DOCX


def _table(document, headers: list[str], rows: list[list[str]]):
    table = document.add_table(rows=1, cols=len(headers))
    table.style = "Table Grid"
    for cell, header in zip(table.rows[0].cells, headers, strict=True):
        cell.text = ""
        run = cell.paragraphs[0].add_run(without_controls(str(header)))
        run.bold = True
    for values in rows:
        cells = table.add_row().cells
        for cell, value in zip(cells, values, strict=True):
            cell.text = without_controls(str(value))
    document.add_paragraph()
    return table


def _paragraphs(document, text: str) -> None:
    for block in re.split(r"\n\s*\n", without_controls(plain_text(text))):
        if block.strip():
            document.add_paragraph(block.strip())


def _rollup_rows(rows: list[RollupRow], *, with_cost: bool = True) -> list[list[str]]:
    result = []
    for row in rows:
        values = [row.label]
        if with_cost:
            values.append(format_euros(row.cost) if row.cost is not None else "—")
        values += [
            format_euros(row.by_status[SECURED]),
            format_euros(row.by_status[REQUESTED]),
            format_euros(row.by_status[CONSIDERED]),
            format_euros(row.funding),
        ]
        if with_cost:
            values.append(format_euros(row.gap) if row.gap is not None else "—")
        result.append(values)
    return result


def _status_headers(with_cost: bool) -> list[str]:
    headers = [_("Acquis"), _("Sollicité"), _("Envisagé"), _("Total financé")]
    if with_cost:
        return [_("Coût"), *headers, _("Reste à financer")]
    return headers


def _docx_sheet(document, report: SheetReport) -> None:
    sheet, summary = report.sheet, report.costing
    document.add_heading(
        _("Fiche n°%(number)s — %(title)s")
        % {"number": sheet.number, "title": without_controls(sheet.title)},
        2,
    )
    _table(
        document,
        [_("Rubrique"), _("Contenu")],
        [
            [_("Axe"), sheet.axis.title if sheet.axis_id else _("Sans axe")],
            [_("Statut"), str(sheet.get_status_display())],
            [_("Période"), _period(sheet)],
            [_("Porteurs"), _names(sheet.carriers.all())],
            [_("Partenaires"), _names(sheet.partners.all())],
            [_("Origine"), sheet.origin_label or "—"],
        ],
    )
    for label, text in [
        (_("Contexte"), sheet.context),
        (_("Description"), sheet.description),
        (_("Objectifs"), sheet.objectives),
        (_("Publics cibles"), sheet.target_publics),
    ]:
        if text.strip():
            document.add_heading(label, 3)
            _paragraphs(document, text)
    document.add_heading(_("Besoins (liste de l'ANCT)"), 3)
    for label in sheet.need_labels or [_("Aucun besoin choisi.")]:
        document.add_paragraph(without_controls(label), style="List Bullet")
    document.add_heading(_("Dispositifs existants intégrés"), 3)
    for label in sheet.scheme_labels or [_("Aucun.")]:
        document.add_paragraph(without_controls(label), style="List Bullet")
    document.add_heading(_("Projet structurant et dimensionnant"), 3)
    _table(
        document,
        [_("Critère"), _("Rempli"), _("Pourquoi")],
        [
            [str(c["label"]), _("Oui") if c["met"] else _("Non"), c["why"] or "—"]
            for c in sheet.criteria
        ],
    )
    document.add_heading(_("Chiffrage"), 3)
    _table(
        document,
        [_("Année"), _("Libellé"), _("Catégorie"), _("Nature"), _("Éligible"), _("Montant")],
        [
            [
                str(line.year),
                line.label
                + (
                    f" ({format_quantity(line.fte)} ETP × {format_quantity(line.months)} "
                    f"mois × {format_euros(line.monthly_cost)})"
                    if line.is_staff_costed
                    else ""
                ),
                str(line.get_category_display()),
                str(line.get_nature_display()),
                _("Oui") if line.is_eligible else _("Non"),
                format_euros(line.amount),
            ]
            for line in sheet.cost_lines.all()
        ],
    )
    shares = {share.funder: share.percent for share in summary.shares}
    _table(
        document,
        [
            _("Financeur"),
            _("Enveloppe"),
            _("Année"),
            _("Statut"),
            _("Montant"),
            _("Part du financeur"),
        ],
        [
            [
                line.funder.organisation.name,
                line.envelope or "—",
                str(line.year),
                str(line.get_status_display()),
                format_euros(line.amount),
                format_percent(shares.get(line.funder.label)),
            ]
            for line in sheet.funding_lines.all()
        ],
    )
    _table(document, [_("Total"), _("Montant")], _summary_rows(report))
    if sheet.subsidy_request().is_made:
        document.add_heading(_("Demande de subvention"), 3)
        _table(
            document,
            [_("Rubrique"), _("Valeur")],
            [
                [_("Enveloppe"), sheet.subsidy_envelope or "—"],
                [_("État"), str(sheet.get_subsidy_status_display())],
                [_("Montant demandé"), format_euros(sheet.subsidy_requested) or "—"],
                [_("Dont ressources humaines"), format_euros(sheet.subsidy_rh) or "—"],
                [_("Dont prestation"), format_euros(sheet.subsidy_prestation) or "—"],
                *[
                    [
                        _("Bénéficiaire : %(name)s") % {"name": b.member.organisation.name},
                        format_euros(b.amount),
                    ]
                    for b in sheet.beneficiaries.all()
                ],
            ],
        )
    if report.checks:
        document.add_heading(_("Contrôles à régler"), 3)
        for check in report.checks:
            document.add_paragraph(without_controls(check.message), style="List Bullet")
    indicators = list(sheet.indicators.all())
    if indicators:
        document.add_heading(_("Indicateurs"), 3)
        _table(
            document,
            [_("Indicateur"), _("Unité"), _("Départ"), _("Cibles"), _("Source")],
            [
                [
                    i.name,
                    i.unit,
                    (
                        format_quantity(i.baseline)
                        + (f" ({_date(i.baseline_on)})" if i.baseline_on else "")
                    )
                    if i.baseline is not None
                    else "—",
                    " ; ".join(f"{t.year} : {format_quantity(t.value)}" for t in i.targets.all()),
                    i.source or "—",
                ]
                for i in indicators
            ],
        )
    milestones = list(sheet.milestones.all())
    if milestones:
        document.add_heading(_("Jalons"), 3)
        for milestone in milestones:
            document.add_paragraph(
                without_controls(f"{_date(milestone.date)} : {milestone.title}"),
                style="List Bullet",
            )


def _summary_rows(report: SheetReport) -> list[list[str]]:
    summary = report.costing
    return [
        [_("Coût total"), format_euros(summary.total_cost)],
        [_("Assiette éligible"), format_euros(summary.eligible_base)],
        [_("Financements acquis"), format_euros(summary.by_status[SECURED])],
        [_("Financements sollicités"), format_euros(summary.by_status[REQUESTED])],
        [_("Financements envisagés"), format_euros(summary.by_status[CONSIDERED])],
        [_("Total des financements"), format_euros(summary.total_funding)],
        [_("Reste à financer"), format_euros(summary.gap)],
        [_("Autofinancement restant des porteurs"), format_euros(summary.remaining_self_funding)],
    ]


def roadmap_docx(*, roadmap: Roadmap, report: RoadmapReport | None = None) -> bytes:
    """The roadmap as a Word document: governance, axes, sheets with their costing and
    indicators, the roll-ups and the calendar."""
    report = report or build_report(roadmap=roadmap)
    document = Document()
    document.styles["Normal"].font.name = "Arial"
    document.styles["Normal"].font.size = Pt(10.5)
    document.core_properties.title = without_controls(roadmap.name)
    document.core_properties.language = "fr-FR"
    document.add_heading(without_controls(roadmap.name), 0)
    intro = document.add_paragraph()
    intro.add_run(
        _("Version %(version)s · %(status)s · %(territory)s · périmètre %(perimeter)s")
        % {
            "version": roadmap.version,
            "status": roadmap.get_status_display(),
            "territory": without_controls(roadmap.territory),
            "perimeter": roadmap.get_perimeter_display().lower(),
        }
    )
    if roadmap.is_example:
        notice = document.add_paragraph()
        notice.add_run(str(EXAMPLE_NOTICE)).bold = True
        notice.alignment = WD_ALIGN_PARAGRAPH.LEFT
    if roadmap.contract != Roadmap.Contract.NONE:
        contract = str(roadmap.get_contract_display())
        if roadmap.contract_note:
            contract += f" — {roadmap.contract_note}"
        document.add_paragraph(
            _("Contrat de rattachement : %(contract)s") % {"contract": without_controls(contract)}
        )
    if roadmap.is_frozen:
        document.add_paragraph(
            _("Signée le %(date)s par : %(who)s")
            % {
                "date": _date(roadmap.signed_on),
                "who": without_controls(", ".join(roadmap.signatory_list)),
            }
        )
    if roadmap.context.strip():
        document.add_heading(_("Contexte"), 1)
        _paragraphs(document, roadmap.context)
    if report.diagnostic:
        _docx_diagnostic(document, report.diagnostic)

    document.add_heading(_("Gouvernance"), 1)
    members = list(roadmap.members.select_related("organisation"))
    document.add_paragraph(
        _("Co-porteurs : %(names)s")
        % {"names": _names([m for m in members if m.has_role(Member.Role.CO_CARRIER)])}
    )
    _table(
        document,
        [
            _("Structure"),
            _("Type"),
            _("Rôles"),
            _("Statut"),
            _("Contact politique"),
            _("Contact technique"),
        ],
        [
            [
                m.organisation.name,
                str(m.organisation.get_kind_display()),
                ", ".join(m.role_labels) or "—",
                str(m.get_status_display()),
                m.political_contact or "—",
                m.technical_contact or "—",
            ]
            for m in members
        ],
    )
    for committee in ordered_committees(roadmap=roadmap):
        document.add_heading(without_controls(committee.name), 2)
        seats = list(committee.seats.all())
        document.add_paragraph(
            _("Comité %(kind)s, réunion %(frequency)s.")
            % {
                "kind": committee.get_kind_display().lower(),
                "frequency": committee.get_frequency_display().lower(),
            }
        )
        if committee.description:
            document.add_paragraph(without_controls(committee.description))
        document.add_paragraph(
            _("Co-présidence : %(names)s")
            % {"names": _names([s.member for s in seats if s.co_chair])}
        )
        document.add_paragraph(
            _("Membres : %(names)s") % {"names": _names([s.member for s in seats])}
        )
        for meeting in committee.meetings.all():
            line = f"{_date(meeting.date)} : {meeting.title or _('Réunion')}"
            if meeting.minutes:
                line += f" — {plain_text(meeting.minutes)}"
            document.add_paragraph(without_controls(line), style="List Bullet")

    document.add_heading(_("Axes stratégiques"), 1)
    for axis in roadmap.axes.prefetch_related("sheets"):
        document.add_heading(without_controls(axis.title), 2)
        if axis.description:
            _paragraphs(document, axis.description)
        if axis.stake_list:
            document.add_paragraph(_("Enjeux :"))
            for stake in axis.stake_list:
                document.add_paragraph(without_controls(stake), style="List Bullet")
        if axis.origin_label:
            document.add_paragraph(
                _("Origine : %(origin)s") % {"origin": without_controls(axis.origin_label)}
            )

    document.add_heading(_("Fiches projet"), 1)
    for sheet_report in report.sheets:
        _docx_sheet(document, sheet_report)

    document.add_heading(_("Synthèse du chiffrage"), 1)
    if roadmap.is_example:
        document.add_paragraph(str(EXAMPLE_NOTICE))
    document.add_paragraph(
        _("Coût total : %(cost)s ; financements : %(funding)s ; reste à financer : %(gap)s.")
        % {
            "cost": format_euros(report.totals.total_cost),
            "funding": format_euros(report.totals.total_funding),
            "gap": format_euros(report.totals.gap),
        }
    )
    document.add_heading(_("Par axe"), 2)
    _table(document, [_("Axe"), *_status_headers(True)], _rollup_rows(report.by_axis))
    document.add_heading(_("Par financeur"), 2)
    _table(
        document,
        [_("Financeur"), *_status_headers(False)],
        _rollup_rows(report.by_funder, with_cost=False),
    )
    document.add_heading(_("Par année"), 2)
    _table(document, [_("Année"), *_status_headers(True)], _rollup_rows(report.by_year))

    if report.indicators:
        document.add_heading(_("Indicateurs consolidés"), 1)
        _table(
            document,
            [_("Indicateur"), _("Unité"), _("Départ"), *[str(y) for y in report.indicator_years]],
            [
                [
                    row.name,
                    row.unit,
                    format_quantity(row.baseline) if row.baseline is not None else "—",
                    *[
                        format_quantity(row.targets[y]) if y in row.targets else "—"
                        for y in report.indicator_years
                    ],
                ]
                for row in report.indicators
            ],
        )

    document.add_heading(_("Calendrier"), 1)
    if report.calendar:
        _table(
            document,
            [_("Date"), _("Quoi"), _("Où")],
            [[_date(e.date), e.label, e.source] for e in report.calendar],
        )
    else:
        document.add_paragraph(_("Aucune date pour l'instant."))
    buffer = BytesIO()
    document.save(buffer)
    return buffer.getvalue()


# XLSX


BOLD = Font(bold=True)
HEADER_FILL = PatternFill("solid", fgColor="E3EEF5")


def _sheet_title(text: str, taken: set[str]) -> str:
    """Excel's rules: 31 characters at most, none of []:*?/\\, unique in the workbook."""
    title = re.sub(r"[\[\]:*?/\\]", " ", without_controls(text)).strip()[:31] or "Feuille"
    candidate, index = title, 2
    while candidate.lower() in taken:
        suffix = f" ({index})"
        candidate = title[: 31 - len(suffix)] + suffix
        index += 1
    taken.add(candidate.lower())
    return candidate


class _Writer:
    """Appends rows to a worksheet: text made safe, amounts as exact numbers in euros."""

    def __init__(self, worksheet):
        self.ws = worksheet
        self.widths: dict[int, int] = {}

    def row(self, values, *, bold=False, header=False, money_columns=()):
        self.ws.append([safe_cell(v) for v in values])
        index = self.ws.max_row
        for column, value in enumerate(values, start=1):
            cell = self.ws.cell(row=index, column=column)
            if bold or header:
                cell.font = BOLD
            if header:
                cell.fill = HEADER_FILL
                cell.alignment = Alignment(wrap_text=True, vertical="top")
            if column in money_columns and value is not None and not isinstance(value, str):
                cell.number_format = EURO_FORMAT
            self.widths[column] = max(
                self.widths.get(column, 8), min(len(str(value or "")) + 2, 60)
            )
        return index

    def blank(self):
        self.ws.append([])

    def finish(self):
        for column, width in self.widths.items():
            self.ws.column_dimensions[get_column_letter(column)].width = width
        self.ws.freeze_panes = None


def _xlsx_rollup(writer: _Writer, title: str, first: str, rows: list[RollupRow], with_cost=True):
    writer.row([title], bold=True)
    headers = [first, *_status_headers(with_cost)]
    writer.row(headers, header=True)
    for row in rows:
        values = [row.label]
        if with_cost:
            values.append(row.cost)
        values += [
            row.by_status[SECURED],
            row.by_status[REQUESTED],
            row.by_status[CONSIDERED],
            row.funding,
        ]
        if with_cost:
            values.append(row.gap)
        writer.row(values, money_columns=range(2, len(values) + 1))
    writer.blank()


def _xlsx_sheet(writer: _Writer, report: SheetReport) -> None:
    sheet, summary = report.sheet, report.costing
    writer.row([_("Fiche n°%(number)s") % {"number": sheet.number}, sheet.title], bold=True)
    writer.row([_("Axe"), sheet.axis.title if sheet.axis_id else _("Sans axe")])
    writer.row([_("Statut"), str(sheet.get_status_display())])
    writer.row([_("Période"), _period(sheet)])
    writer.blank()
    writer.row([_("Dépenses")], bold=True)
    writer.row(
        [
            _("Année"),
            _("Catégorie"),
            _("Libellé"),
            _("Nature"),
            _("Éligible (État)"),
            _("ETP"),
            _("Mois"),
            _("Coût mensuel d'un ETP"),
            _("Montant"),
        ],
        header=True,
    )
    for line in sheet.cost_lines.all():
        writer.row(
            [
                line.year,
                str(line.get_category_display()),
                line.label,
                str(line.get_nature_display()),
                _("Oui") if line.is_eligible else _("Non"),
                line.fte,
                line.months,
                line.monthly_cost,
                line.amount,
            ],
            money_columns=(8, 9),
        )
    writer.row(
        [_("Total des dépenses"), *[""] * 7, summary.total_cost], bold=True, money_columns=(9,)
    )
    writer.row([_("Assiette éligible"), *[""] * 7, summary.eligible_base], money_columns=(9,))
    writer.blank()
    writer.row([_("Financements")], bold=True)
    writer.row(
        [
            _("Financeur"),
            _("Enveloppe"),
            _("Année"),
            _("Statut"),
            _("Montant"),
            _("Part du coût (%)"),
        ],
        header=True,
    )
    shares = {share.funder: share.percent for share in summary.shares}
    for line in sheet.funding_lines.all():
        share = shares.get(line.funder.label)
        writer.row(
            [
                line.funder.organisation.name,
                line.envelope,
                line.year,
                str(line.get_status_display()),
                line.amount,
                share,
            ],
            money_columns=(5,),
        )
    writer.blank()
    writer.row([_("Synthèse")], bold=True)
    for label, value in [
        (_("Coût total"), summary.total_cost),
        (_("Assiette éligible"), summary.eligible_base),
        (_("Financements acquis"), summary.by_status[SECURED]),
        (_("Financements sollicités"), summary.by_status[REQUESTED]),
        (_("Financements envisagés"), summary.by_status[CONSIDERED]),
        (_("Total des financements"), summary.total_funding),
        (_("Reste à financer"), summary.gap),
        (_("Autofinancement restant des porteurs"), summary.remaining_self_funding),
    ]:
        writer.row([label, value], money_columns=(2,))
    if sheet.subsidy_request().is_made:
        writer.blank()
        writer.row([_("Demande de subvention")], bold=True)
        writer.row([_("Enveloppe"), sheet.subsidy_envelope])
        writer.row([_("État"), str(sheet.get_subsidy_status_display())])
        writer.row([_("Montant demandé"), sheet.subsidy_requested], money_columns=(2,))
        writer.row([_("Dont ressources humaines"), sheet.subsidy_rh], money_columns=(2,))
        writer.row([_("Dont prestation"), sheet.subsidy_prestation], money_columns=(2,))
        for beneficiary in sheet.beneficiaries.all():
            writer.row(
                [
                    _("Bénéficiaire : %(name)s") % {"name": beneficiary.member.organisation.name},
                    beneficiary.amount,
                ],
                money_columns=(2,),
            )
    if report.checks:
        writer.blank()
        writer.row([_("Contrôles à régler")], bold=True)
        for check in report.checks:
            writer.row([check.message])


def _xlsx_diagnostic(worksheet, coverage: dict) -> None:
    writer = _Writer(worksheet)
    writer.row([_("Diagnostic : l'offre d'inclusion numérique")], bold=True)
    for line in _diagnostic_lines(coverage):
        writer.row([line])
    writer.blank()
    writer.row([str(h) for h in COMMUNE_HEADERS], header=True)
    for row in coverage["communes"]:
        writer.row(_commune_values(row))
    writer.blank()
    writer.row([_("Carte : une case par commune (nord en haut), nombre de lieux")], bold=True)
    for line in _grid(coverage):
        index = writer.row([f"{c['short']} : {c['places']}" if c else "" for c in line])
        for column, commune in enumerate(line, start=1):
            if commune:
                cell = worksheet.cell(row=index, column=column)
                cell.fill = PatternFill("solid", fgColor=MAP_FILLS[commune["level"]])
                if commune["level"] == 3:
                    cell.font = Font(color="FFFFFF", bold=True)
    writer.finish()


def costing_xlsx(*, roadmap: Roadmap, report: RoadmapReport | None = None) -> bytes:
    """The costing: a roll-up worksheet, then one worksheet per project sheet."""
    report = report or build_report(roadmap=roadmap)
    book = Workbook()
    taken: set[str] = set()
    summary_ws = book.active
    summary_ws.title = _sheet_title(_("Synthèse"), taken)
    writer = _Writer(summary_ws)
    writer.row([roadmap.name], bold=True)
    writer.row(
        [
            _("Version %(version)s · %(status)s")
            % {"version": roadmap.version, "status": roadmap.get_status_display()}
        ]
    )
    if roadmap.is_example:
        writer.row([str(EXAMPLE_NOTICE)], bold=True)
    writer.blank()
    writer.row(
        [_("Fiche"), _("Axe"), _("Statut"), _("Coût"), _("Financé"), _("Reste à financer")],
        header=True,
    )
    for sheet_report in report.sheets:
        sheet = sheet_report.sheet
        writer.row(
            [
                sheet.title,
                sheet.axis.title if sheet.axis_id else _("Sans axe"),
                str(sheet.get_status_display()),
                sheet_report.costing.total_cost,
                sheet_report.costing.total_funding,
                sheet_report.costing.gap,
            ],
            money_columns=(4, 5, 6),
        )
    writer.row(
        [
            _("Total (hors fiches abandonnées)"),
            "",
            "",
            report.totals.total_cost,
            report.totals.total_funding,
            report.totals.gap,
        ],
        bold=True,
        money_columns=(4, 5, 6),
    )
    writer.blank()
    _xlsx_rollup(writer, _("Par axe"), _("Axe"), report.by_axis)
    _xlsx_rollup(writer, _("Par financeur"), _("Financeur"), report.by_funder, with_cost=False)
    _xlsx_rollup(writer, _("Par année"), _("Année"), report.by_year)
    writer.finish()
    if report.diagnostic:
        _xlsx_diagnostic(book.create_sheet(_sheet_title(_("Diagnostic"), taken)), report.diagnostic)
    for sheet_report in report.sheets:
        sheet = sheet_report.sheet
        ws = book.create_sheet(_sheet_title(f"{sheet.number}. {sheet.title}", taken))
        sheet_writer = _Writer(ws)
        _xlsx_sheet(sheet_writer, sheet_report)
        sheet_writer.finish()
    buffer = BytesIO()
    book.save(buffer)
    return buffer.getvalue()
