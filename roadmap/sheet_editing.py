"""Editing a project sheet: its form, its four tables (costs, fundings, beneficiaries,
milestones), their totals and ANCT checks as they are typed, and the save.

Several coordinators may edit a sheet at once (optimistic locking). Each sheet carries a revision
number; the form sends back the number it was opened at and the save goes through only if the
sheet is still at that number. Otherwise nothing is written, and the second person sees who saved
in between and what changed, with everything they typed kept.

The figures and the checks themselves live in `roadmap/costing.py`; the fields that read French
numbers and dates in `roadmap/forms.py`.
"""

from dataclasses import dataclass, field
from decimal import Decimal

from django import forms
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Max
from django.forms import inlineformset_factory
from django.utils.translation import gettext_lazy as _

from roadmap import costing
from roadmap.catalogues import CRITERIA, NEED_GROUPS, SCHEMES
from roadmap.forms import (
    AmountField,
    DateInput,
    DecimalTextField,
    GroupedCheckboxes,
    RoadmapBoundForm,
)
from roadmap.history import Change, changes_since, record_revision
from roadmap.models import Beneficiary, CostLine, FundingLine, ProjectSheet, Roadmap, SheetMilestone

MIN_YEAR, MAX_YEAR = 2020, 2100


class SheetForm(RoadmapBoundForm):
    revision = forms.IntegerField(widget=forms.HiddenInput, required=False)
    needs = forms.MultipleChoiceField(
        label=_("Besoins (liste de l'ANCT)"),
        choices=[(group, needs) for group, needs in NEED_GROUPS],
        required=False,
        widget=GroupedCheckboxes,
    )
    schemes = forms.MultipleChoiceField(
        label=_("Dispositifs existants intégrés"),
        choices=SCHEMES,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    subsidy_requested = AmountField(label=_("Montant demandé"), required=False)
    subsidy_rh = AmountField(label=_("Dont ressources humaines (ETP)"), required=False)
    subsidy_prestation = AmountField(label=_("Dont prestation"), required=False)

    class Meta:
        model = ProjectSheet
        fields = [
            "title",
            "axis",
            "status",
            "starts_on",
            "ends_on",
            "context",
            "description",
            "objectives",
            "target_publics",
            "carriers",
            "partners",
            "needs",
            "schemes",
            "schemes_other",
            *[f"criterion_{code}{suffix}" for code, _label in CRITERIA for suffix in ("", "_why")],
            "subsidy_status",
            "subsidy_envelope",
            "subsidy_requested",
            "subsidy_rh",
            "subsidy_prestation",
        ]
        widgets = {
            "starts_on": DateInput(),
            "ends_on": DateInput(),
            "context": forms.Textarea(attrs={"rows": 4}),
            "description": forms.Textarea(attrs={"rows": 5}),
            "objectives": forms.Textarea(attrs={"rows": 4}),
            "target_publics": forms.Textarea(attrs={"rows": 2}),
            "carriers": forms.CheckboxSelectMultiple,
            "partners": forms.CheckboxSelectMultiple,
            "subsidy_envelope": forms.TextInput(attrs={"list": "envelopes"}),
            **{
                f"criterion_{code}_why": forms.Textarea(attrs={"rows": 2})
                for code, _label in CRITERIA
            },
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["axis"].queryset = self.roadmap.axes.all()
        self.fields["axis"].empty_label = _("(sans axe)")
        members = self.roadmap.members.select_related("organisation")
        for name in ("carriers", "partners"):
            self.fields[name].queryset = members
            self.fields[name].label_from_instance = lambda m: m.organisation.name
        for code, label in CRITERIA:
            self.fields[f"criterion_{code}"].label = label
            self.fields[f"criterion_{code}_why"].label = _("Pourquoi ?")
        if self.instance.pk:
            self.fields["revision"].initial = self.instance.revision

    def clean(self):
        cleaned = super().clean()
        for code, _label in CRITERIA:
            if (
                cleaned.get(f"criterion_{code}")
                and not (cleaned.get(f"criterion_{code}_why") or "").strip()
            ):
                self.add_error(
                    f"criterion_{code}_why",
                    _("Dites pourquoi la fiche remplit ce critère."),
                )
        return cleaned

    @property
    def criteria_fields(self):
        return [(self[f"criterion_{code}"], self[f"criterion_{code}_why"]) for code, _l in CRITERIA]


class LineForm(forms.ModelForm):
    """A row of one of the sheet's tables (cost, funding, beneficiary, milestone)."""

    def __init__(self, *args, roadmap: Roadmap, **kwargs):
        self.roadmap = roadmap
        super().__init__(*args, **kwargs)


def _year_field() -> forms.IntegerField:
    return forms.IntegerField(
        label=_("Année"),
        min_value=MIN_YEAR,
        max_value=MAX_YEAR,
        error_messages={
            "min_value": _("Indiquez une année entre %(min)s et %(max)s.")
            % {"min": MIN_YEAR, "max": MAX_YEAR},
            "max_value": _("Indiquez une année entre %(min)s et %(max)s.")
            % {"min": MIN_YEAR, "max": MAX_YEAR},
            "invalid": _("Indiquez une année en chiffres, par exemple 2025."),
        },
        widget=forms.TextInput(attrs={"inputmode": "numeric", "size": 5}),
    )


class CostLineForm(LineForm):
    year = _year_field()
    fte = DecimalTextField(label=_("ETP"), places=2, max_digits=5, required=False)
    months = DecimalTextField(label=_("Mois"), places=1, max_digits=4, required=False)
    monthly_cost = AmountField(label=_("Coût mensuel d'un ETP"), required=False)
    amount = AmountField(label=_("Montant"), required=False)

    class Meta:
        model = CostLine
        fields = [
            "year",
            "category",
            "label",
            "nature",
            "eligible",
            "tenured",
            "fte",
            "months",
            "monthly_cost",
            "amount",
        ]
        labels = {"eligible": _("Éligible (État)"), "tenured": _("Fonctionnaire titulaire")}

    @property
    def retained_amount(self) -> Decimal | None:
        """The amount this row counts for (ETP × months × cost when given); None while it
        cannot be read, or for a blank row."""
        if not self.is_bound:
            return self.instance.amount
        return self.cleaned_data.get("amount") if self.is_valid() else None

    def clean(self):
        cleaned = super().clean()
        staff = [cleaned.get(name) for name in ("fte", "months", "monthly_cost")]
        given = [value is not None for value in staff]
        category = cleaned.get("category")
        if any(given) and category != CostLine.Category.ENGINEERING:
            self.add_error(
                "fte",
                _("Le calcul ETP × mois × coût mensuel est réservé à l'ingénierie de projet."),
            )
        elif any(given) and not all(given):
            self.add_error(
                "fte",
                _(
                    "Renseignez l'ETP, le nombre de mois et le coût mensuel, ou seulement le "
                    "montant."
                ),
            )
        elif all(given):
            cleaned["amount"] = costing.staff_cost(
                fte=staff[0], months=staff[1], monthly_cost=staff[2]
            )
        elif cleaned.get("amount") is None and "amount" not in self.errors:
            self.add_error("amount", _("Indiquez le montant de la dépense."))
        # A tenured salary ticked "eligible" is stored as it counts: in the cost, not in the
        # eligible base (the row says so beside it; refusing it made the line vanish from the
        # totals while it was being typed).
        cleaned["eligible"] = costing.is_eligible(
            eligible=bool(cleaned.get("eligible")), tenured=bool(cleaned.get("tenured"))
        )
        return cleaned

    @property
    def eligibility_note(self) -> str:
        """Said beside a tenured civil servant's line, as typed (even before it is valid)."""
        return str(costing.TENURED_NOT_ELIGIBLE) if self["tenured"].value() else ""


class MemberAmountForm(LineForm):
    """A row that gives a member of the governance an amount above zero (a funding, a share
    of the subsidy)."""

    member_field: str
    not_positive: str
    amount = AmountField(label=_("Montant"))

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        member = self.fields[self.member_field]
        member.queryset = self.roadmap.members.select_related("organisation")
        member.label_from_instance = lambda m: m.organisation.name
        member.empty_label = _("(choisir)")

    def clean_amount(self):
        amount = self.cleaned_data["amount"]
        if amount is not None and amount <= 0:
            raise ValidationError(self.not_positive)
        return amount


class FundingLineForm(MemberAmountForm):
    member_field = "funder"
    not_positive = _("Un financement doit être supérieur à zéro.")
    year = _year_field()

    class Meta:
        model = FundingLine
        fields = ["funder", "envelope", "year", "amount", "status"]
        widgets = {"envelope": forms.TextInput(attrs={"list": "envelopes"})}


class BeneficiaryForm(MemberAmountForm):
    member_field = "member"
    not_positive = _("Le montant d'un bénéficiaire doit être supérieur à zéro.")

    class Meta:
        model = Beneficiary
        fields = ["member", "amount"]


class MilestoneForm(LineForm):
    class Meta:
        model = SheetMilestone
        fields = ["date", "title"]
        widgets = {"date": DateInput()}


class LineFormSet(forms.BaseInlineFormSet):
    def __init__(self, *args, roadmap: Roadmap, **kwargs):
        self.roadmap = roadmap
        super().__init__(*args, **kwargs)

    def get_form_kwargs(self, index):
        return super().get_form_kwargs(index) | {"roadmap": self.roadmap}

    @property
    def empty_form(self):
        form = self.form(
            auto_id=self.auto_id,
            prefix=self.add_prefix("__prefix__"),
            empty_permitted=True,
            use_required_attribute=False,
            roadmap=self.roadmap,
        )
        self.add_fields(form, None)
        return form

    def live_forms(self):
        """The rows that count: filled in and not marked for deletion."""
        live = []
        for index, form in enumerate(self.forms):
            form.is_valid()  # cleans the row, so its DELETE box can be read
            if index >= self.initial_form_count() and not form.has_changed():
                continue  # an empty new row
            if not form.cleaned_data.get("DELETE"):
                live.append(form)
        return live


LINE_TABLES = {
    "costs": (CostLine, CostLineForm),
    "fundings": (FundingLine, FundingLineForm),
    "beneficiaries": (Beneficiary, BeneficiaryForm),
    "milestones": (SheetMilestone, MilestoneForm),
}


def line_formset_class(name: str, *, extra: int = 0) -> type[LineFormSet]:
    model, form = LINE_TABLES[name]
    return inlineformset_factory(
        ProjectSheet, model, form=form, formset=LineFormSet, extra=extra, can_delete=True
    )


def blank_row(*, roadmap: Roadmap, table: str, index: int) -> LineForm:
    """One more empty row of a sheet's table, numbered to follow the rows already on screen."""
    form = line_formset_class(table)(prefix=table, roadmap=roadmap).empty_form
    form.prefix = f"{table}-{index}"
    return form


class SheetEditor:
    """The sheet's form and its four tables, checked and saved together."""

    # Where the checks' messages go, beside the field concerned (see costing.Check.field).
    slots = (
        "needs",
        "funding",
        "subsidy_envelope",
        "subsidy_requested",
        "subsidy_rh",
        "beneficiaries",
    )

    def __init__(
        self,
        *,
        roadmap: Roadmap,
        sheet: ProjectSheet | None = None,
        data=None,
    ):
        self.roadmap = roadmap
        self.sheet = sheet or ProjectSheet(roadmap=roadmap)
        self.form = SheetForm(data, instance=self.sheet, roadmap=roadmap, prefix="sheet")
        self.formsets = {}
        for name in LINE_TABLES:
            # A new sheet opens with one empty cost row and one empty funding row.
            extra = 1 if not self.sheet.pk and name in ("costs", "fundings") else 0
            self.formsets[name] = line_formset_class(name, extra=extra)(
                data, instance=self.sheet, prefix=name, roadmap=roadmap
            )
        self.checks: list[costing.Check] = []
        self.summary: costing.SheetCosting | None = None

    def __getattr__(self, name):
        if name in LINE_TABLES:
            return self.formsets[name]
        raise AttributeError(name)

    @property
    def is_bound(self) -> bool:
        return self.form.is_bound

    def is_valid(self) -> bool:
        valid = self.form.is_valid()
        # Every table is checked (no short-circuit), so that all their errors show at once.
        tables = [formset.is_valid() for formset in self.formsets.values()]
        valid = all(tables) and valid
        valid = self._check_years() and valid
        self.compute()
        if any(check.blocking for check in self.checks):
            valid = False
        return valid

    def _check_years(self) -> bool:
        """A cost or funding line's year must fall within the sheet's period, when it is set."""
        data = getattr(self.form, "cleaned_data", {})
        starts, ends = data.get("starts_on"), data.get("ends_on")
        if not (starts and ends) or ends < starts:
            return True
        ok = True
        for name in ("costs", "fundings"):
            for form in self.formsets[name].forms:
                year = getattr(form, "cleaned_data", {}).get("year")
                if year and not starts.year <= year <= ends.year:
                    form.add_error(
                        "year",
                        _(
                            "L'année %(year)s est hors de la période de la fiche "
                            "(%(start)s-%(end)s)."
                        )
                        % {"year": year, "start": starts.year, "end": ends.year},
                    )
                    ok = False
        return ok

    def _rows(self, name: str) -> list[dict]:
        """The cleaned data of the rows that are valid and count (for totals as you type)."""
        rows = []
        for form in self.formsets[name].live_forms():
            if form.is_valid():
                rows.append(form.cleaned_data)
        return rows

    def compute(self) -> costing.SheetCosting:
        """Totals and checks from what is typed, even if some rows are not valid yet."""
        data = self.form.cleaned_data if hasattr(self.form, "cleaned_data") else {}
        carriers = {m.pk for m in data.get("carriers") or []}
        costs = [
            costing.CostItem(
                year=row["year"],
                amount=row["amount"],
                category=row["category"],
                nature=row["nature"],
                eligible=row["eligible"],
                label=row["label"],
                tenured=row["tenured"],
            )
            for row in self._rows("costs")
            if row.get("amount") is not None
        ]
        fundings = [
            costing.FundingItem(
                funder=row["funder"].label,
                amount=row["amount"],
                status=row["status"],
                year=row["year"],
                envelope=row["envelope"],
                funder_key=row["funder"].pk,
                is_carrier=row["funder"].pk in carriers,
            )
            for row in self._rows("fundings")
        ]
        self.summary = costing.summarise_sheet(costs=costs, fundings=fundings)
        subsidy = costing.SubsidyRequest()
        if data.get("subsidy_status") not in (None, ProjectSheet.SubsidyStatus.NONE) or any(
            data.get(name) is not None
            for name in ("subsidy_requested", "subsidy_rh", "subsidy_prestation")
        ):
            subsidy = costing.SubsidyRequest(
                requested=data.get("subsidy_requested"),
                rh=data.get("subsidy_rh"),
                prestation=data.get("subsidy_prestation"),
                beneficiaries=tuple(row["amount"] for row in self._rows("beneficiaries")),
                envelope=data.get("subsidy_envelope") or "",
            )
        strict = data.get("status") in (
            ProjectSheet.Status.SUBMITTED,
            ProjectSheet.Status.VALIDATED,
        )
        self.checks = costing.check_sheet(
            costing=self.summary, subsidy=subsidy, needs=data.get("needs") or [], strict=strict
        )
        return self.summary

    def compute_from_instance(self) -> costing.SheetCosting:
        """The saved sheet's totals and checks, for the form as it opens."""
        if not self.sheet.pk:
            self.summary = costing.summarise_sheet(costs=[], fundings=[])
            self.checks = []
            return self.summary
        self.summary = self.sheet.costing()
        self.checks = self.sheet.checks(self.summary)
        return self.summary

    @property
    def checks_by_field(self) -> dict[str, list[costing.Check]]:
        grouped: dict[str, list[costing.Check]] = {}
        for check in self.checks:
            grouped.setdefault(check.field, []).append(check)
        return grouped

    @property
    def has_errors(self) -> bool:
        return bool(
            self.form.errors
            or any(formset.total_error_count() for formset in self.formsets.values())
            or self.blocking_checks
        )

    @property
    def blocking_checks(self) -> list[costing.Check]:
        return [check for check in self.checks if check.blocking]


# Saving


@dataclass
class Conflict:
    """Someone saved the sheet after this form was opened."""

    current: ProjectSheet
    changes: list[Change] = field(default_factory=list)


@transaction.atomic
def save_sheet(*, editor: SheetEditor, user) -> ProjectSheet | Conflict:
    """Save a valid editor's sheet and rows, or return the conflict without writing anything."""
    sheet = editor.form.instance
    if sheet.pk:
        current = ProjectSheet.objects.select_for_update().get(pk=sheet.pk)
        opened_at = editor.form.cleaned_data.get("revision")
        if opened_at != current.revision:
            return Conflict(
                current=current,
                changes=changes_since(sheet=current, revision=opened_at or 0),
            )
        sheet.revision = current.revision + 1
    else:
        last = editor.roadmap.sheets.aggregate(last=Max("number"))["last"] or 0
        sheet.number = last + 1
        sheet.revision = 1
    sheet.roadmap = editor.roadmap
    sheet.updated_by = user
    sheet = editor.form.save()
    for formset in editor.formsets.values():
        formset.instance = sheet
        rows = formset.save(commit=False)
        for row in formset.deleted_objects:
            row.delete()
        # Rows keep the order they have on screen.
        positions = {id(form.instance): index for index, form in enumerate(formset.forms, 1)}
        for row in rows:
            if hasattr(row, "order"):
                row.order = positions.get(id(row), 0)
            row.save()
    record_revision(sheet=sheet, user=user)
    return sheet
