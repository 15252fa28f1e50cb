"""A sheet's history: what it looked like at each save, and what changed between two saves.

Snapshots keep the values as people read them ("12 345,00 €", "Oui", the funder's name), so a
diff stays readable even after a member or an axis is renamed or deleted.
"""

import difflib
import re
from dataclasses import dataclass, field

from django.utils.translation import gettext as _

from roadmap.models import ProjectSheet, SheetRevision
from roadmap.money import format_euros, format_quantity

LONG_TEXT = 80


def _yes_no(value: bool) -> str:
    return _("Oui") if value else _("Non")


def _date(value) -> str:
    return value.strftime("%d/%m/%Y") if value else ""


def snapshot_sheet(*, sheet: ProjectSheet) -> dict:
    """The sheet and its rows, as a reader sees them."""
    fields: list[list[str]] = [
        [_("Intitulé"), sheet.title],
        [_("Axe"), sheet.axis.title if sheet.axis_id else ""],
        [_("Statut"), str(sheet.get_status_display())],
        [_("Début"), _date(sheet.starts_on)],
        [_("Fin"), _date(sheet.ends_on)],
        [_("Contexte"), sheet.context],
        [_("Description"), sheet.description],
        [_("Objectifs"), sheet.objectives],
        [_("Publics cibles"), sheet.target_publics],
        [_("Porteurs"), ", ".join(m.organisation.name for m in sheet.carriers.all())],
        [_("Partenaires"), ", ".join(m.organisation.name for m in sheet.partners.all())],
        [_("Besoins"), ", ".join(sheet.need_labels)],
        [_("Dispositifs intégrés"), ", ".join(sheet.scheme_labels)],
    ]
    for criterion in sheet.criteria:
        value = _yes_no(criterion["met"])
        if criterion["why"]:
            value += " — " + criterion["why"]
        fields.append([str(criterion["label"]), value])
    fields += [
        [_("Demande de subvention"), str(sheet.get_subsidy_status_display())],
        [_("Enveloppe"), sheet.subsidy_envelope],
        [_("Montant demandé"), format_euros(sheet.subsidy_requested)],
        [_("Dont ressources humaines"), format_euros(sheet.subsidy_rh)],
        [_("Dont prestation"), format_euros(sheet.subsidy_prestation)],
    ]
    lines = {
        _("Dépense"): {
            str(line.pk): {
                "title": line.label,
                "values": [
                    [_("Année"), str(line.year)],
                    [_("Catégorie"), str(line.get_category_display())],
                    [_("Nature"), str(line.get_nature_display())],
                    [_("Éligible"), _yes_no(line.eligible)],
                    [_("Fonctionnaire titulaire"), _yes_no(line.tenured)],
                    [_("ETP"), format_quantity(line.fte)],
                    [
                        _("Mois"),
                        format_quantity(line.months),
                    ],
                    [_("Coût mensuel d'un ETP"), format_euros(line.monthly_cost)],
                    [_("Montant"), format_euros(line.amount)],
                ],
            }
            for line in sheet.cost_lines.all()
        },
        _("Financement"): {
            str(line.pk): {
                "title": line.funder.organisation.name,
                "values": [
                    [_("Enveloppe"), line.envelope],
                    [_("Année"), str(line.year)],
                    [_("Montant"), format_euros(line.amount)],
                    [_("Statut"), str(line.get_status_display())],
                ],
            }
            for line in sheet.funding_lines.select_related("funder__organisation")
        },
        _("Bénéficiaire"): {
            str(line.pk): {
                "title": line.member.organisation.name,
                "values": [[_("Montant"), format_euros(line.amount)]],
            }
            for line in sheet.beneficiaries.select_related("member__organisation")
        },
        _("Jalon"): {
            str(line.pk): {"title": line.title, "values": [[_("Date"), _date(line.date)]]}
            for line in sheet.milestones.all()
        },
    }
    return {"fields": fields, "lines": {str(k): v for k, v in lines.items()}}


def record_revision(*, sheet: ProjectSheet, user) -> SheetRevision:
    return SheetRevision.objects.create(
        sheet=sheet, number=sheet.revision, author=user, snapshot=snapshot_sheet(sheet=sheet)
    )


@dataclass
class Change:
    """One readable change: a field, a row added, removed or modified."""

    label: str
    before: str = ""
    after: str = ""
    kind: str = "changed"  # changed | added | removed
    words: list[tuple[str, str]] = field(default_factory=list)  # (op, text) for long texts

    @property
    def is_long(self) -> bool:
        return bool(self.words)


def _word_diff(before: str, after: str) -> list[tuple[str, str]]:
    """Words kept, removed ("del") and added ("ins"), for a long text."""
    # Each word keeps its following spaces, so that spaces alone never count as "kept".
    a, b = re.findall(r"\s*\S+\s*", before), re.findall(r"\s*\S+\s*", after)
    parts: list[tuple[str, str]] = []
    for op, i1, i2, j1, j2 in difflib.SequenceMatcher(a=a, b=b, autojunk=False).get_opcodes():
        if op == "equal":
            parts.append(("same", "".join(a[i1:i2])))
        if op in ("delete", "replace"):
            parts.append(("del", "".join(a[i1:i2])))
        if op in ("insert", "replace"):
            parts.append(("ins", "".join(b[j1:j2])))
    return parts


def _summary(values: list[list[str]]) -> str:
    return " ; ".join(f"{label} : {value}" for label, value in values if value)


def diff_snapshots(before: dict | None, after: dict) -> list[Change]:
    """What changed from `before` to `after`; everything is "added" when there is no before."""
    before = before or {"fields": [], "lines": {}}
    changes: list[Change] = []
    old_fields = dict(before.get("fields", []))
    for label, value in after.get("fields", []):
        old = old_fields.get(label, "")
        if old == value:
            continue
        change = Change(label=label, before=old, after=value)
        if len(old) > LONG_TEXT or len(value) > LONG_TEXT or "\n" in old + value:
            change.words = _word_diff(old, value)
        changes.append(change)
    old_lines, new_lines = before.get("lines", {}), after.get("lines", {})
    for section in [*new_lines, *(s for s in old_lines if s not in new_lines)]:
        old_rows, new_rows = old_lines.get(section, {}), new_lines.get(section, {})
        for key, row in new_rows.items():
            if key not in old_rows:
                changes.append(
                    Change(
                        label=f"{section} « {row['title']} »",
                        after=_summary(row["values"]),
                        kind="added",
                    )
                )
                continue
            old_row = old_rows[key]
            if old_row["title"] != row["title"]:
                changes.append(
                    Change(
                        label=_("%(section)s : libellé") % {"section": section},
                        before=old_row["title"],
                        after=row["title"],
                    )
                )
            old_values = dict(old_row["values"])
            for label, value in row["values"]:
                if old_values.get(label, "") != value:
                    changes.append(
                        Change(
                            label=f"{section} « {row['title']} » : {label}",
                            before=old_values.get(label, ""),
                            after=value,
                        )
                    )
        for key, row in old_rows.items():
            if key not in new_rows:
                changes.append(
                    Change(
                        label=f"{section} « {row['title']} »",
                        before=_summary(row["values"]),
                        kind="removed",
                    )
                )
    return changes


@dataclass
class HistoryEntry:
    revision: SheetRevision
    changes: list[Change]
    is_creation: bool


def sheet_history(*, sheet: ProjectSheet) -> list[HistoryEntry]:
    """The sheet's saves, newest first, each with what it changed."""
    revisions = list(sheet.revisions.select_related("author").order_by("number"))
    entries = []
    previous = None
    for revision in revisions:
        entries.append(
            HistoryEntry(
                revision=revision,
                changes=diff_snapshots(previous.snapshot if previous else None, revision.snapshot),
                is_creation=previous is None,
            )
        )
        previous = revision
    return list(reversed(entries))


def changes_since(*, sheet: ProjectSheet, revision: int) -> list[Change]:
    """What others saved since `revision` (for the conflict message)."""
    base = sheet.revisions.filter(number=revision).first()
    current = sheet.revisions.order_by("-number").first()
    if current is None:
        return []
    return diff_snapshots(base.snapshot if base else None, current.snapshot)
