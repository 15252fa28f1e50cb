"""Forms of the roadmap pages. They check what is typed and say what is wrong, in French, beside
the field; the figures and the ANCT checks themselves live in `roadmap/costing.py`."""

from decimal import Decimal

from django import forms
from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.db.models import Q
from django.forms import inlineformset_factory
from django.utils.translation import gettext_lazy as _

from roadmap import costing, documents, structures
from roadmap.catalogues import CRITERIA, NEED_GROUPS, SCHEMES
from roadmap.indicators import BY_CODE, CUSTOM, library_choices
from roadmap.models import (
    Axis,
    Beneficiary,
    Committee,
    CostLine,
    DataSubmission,
    FundingLine,
    Indicator,
    Meeting,
    Member,
    ProjectSheet,
    Roadmap,
    SheetMilestone,
)
from roadmap.money import AmountError, input_value, parse_decimal
from workshops.access import COORDINATORS_GROUP
from workshops.models import Organisation, validate_siret

FROZEN_MESSAGE = _(
    "Cette feuille de route est signée : elle est figée. Ouvrez une nouvelle version pour la "
    "modifier. Votre saisie est conservée ci-dessous."
)
MIN_YEAR, MAX_YEAR = 2020, 2100


class DecimalTextField(forms.Field):
    """A number typed the French way ("12 345,50") in a text input, read exactly.

    A text input, not `type=number`: browsers' number inputs refuse the comma or drop what
    they cannot read, and the user's text would be lost.
    """

    def __init__(self, *, places: int = 2, max_digits: int = 12, **kwargs):
        self.places = places
        self.max_digits = max_digits
        kwargs.setdefault(
            "widget", forms.TextInput(attrs={"inputmode": "decimal", "autocomplete": "off"})
        )
        super().__init__(**kwargs)

    def to_python(self, value):
        try:
            return parse_decimal(value, places=self.places)
        except AmountError as error:
            raise ValidationError(str(error), code="invalid") from error

    def validate(self, value):
        super().validate(value)
        if value is not None and value >= Decimal(10) ** (self.max_digits - self.places):
            raise ValidationError(_("Ce nombre est trop grand."), code="max_value")

    def prepare_value(self, value):
        if isinstance(value, Decimal):
            return input_value(value, trim=True)
        return value


class AmountField(DecimalTextField):
    """Euros, two decimals, never negative."""

    def prepare_value(self, value):
        if isinstance(value, Decimal):
            return input_value(value)
        return value


class GroupedCheckboxes(forms.CheckboxSelectMultiple):
    """Checkboxes in one fieldset per group (the ANCT needs by category)."""

    template_name = "roadmap/widgets/grouped_checkboxes.html"


class DateInput(forms.DateInput):
    input_type = "date"

    def __init__(self, attrs=None):
        super().__init__(attrs=attrs, format="%Y-%m-%d")


class RoadmapBoundForm(forms.ModelForm):
    """A form whose object belongs to a roadmap: refused, with the input kept, once it's signed."""

    def __init__(self, *args, roadmap: Roadmap, **kwargs):
        self.roadmap = roadmap
        super().__init__(*args, **kwargs)

    def clean(self):
        cleaned = super().clean()
        if self.roadmap.is_frozen:
            raise ValidationError(FROZEN_MESSAGE, code="frozen")
        return cleaned


# The roadmap itself


class RoadmapForm(forms.ModelForm):
    revision = forms.IntegerField(widget=forms.HiddenInput, required=False)

    class Meta:
        model = Roadmap
        fields = [
            "name",
            "territory",
            "perimeter",
            "programme",
            "contract",
            "contract_note",
            "context",
            "data_call_open",
            "data_call_intro",
            "is_example",
        ]
        widgets = {
            "context": forms.Textarea(attrs={"rows": 8}),
            "data_call_intro": forms.Textarea(attrs={"rows": 4}),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["programme"].empty_label = _("(aucune)")
        if self.instance.pk:
            self.fields["revision"].initial = self.instance.revision

    def clean(self):
        cleaned = super().clean()
        if self.instance.pk and self.instance.is_frozen:
            raise ValidationError(FROZEN_MESSAGE, code="frozen")
        return cleaned


class RoadmapStatusForm(forms.ModelForm):
    """Moves the status along brouillon → en concertation → validée → signée."""

    class Meta:
        model = Roadmap
        fields = ["status", "validated_on", "signed_on", "signatories"]
        widgets = {
            "validated_on": DateInput(),
            "signed_on": DateInput(),
            "signatories": forms.Textarea(attrs={"rows": 3}),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.was_frozen = self.instance.is_frozen

    def clean(self):
        cleaned = super().clean()
        if self.was_frozen:
            raise ValidationError(FROZEN_MESSAGE, code="frozen")
        if (
            cleaned.get("status") == Roadmap.Status.SIGNED
            and self.instance.status != Roadmap.Status.VALIDATED
        ):
            self.add_error(
                "status",
                _("Une feuille de route se signe une fois validée par le Conseil départemental."),
            )
        if cleaned.get("status") == Roadmap.Status.VALIDATED and not cleaned.get("validated_on"):
            self.add_error("validated_on", _("Indiquez la date de validation."))
        return cleaned


class EditorForm(forms.Form):
    user = forms.ModelChoiceField(
        label=_("Coordinateur ou coordinatrice à ajouter"), queryset=get_user_model().objects.none()
    )

    def __init__(self, *args, roadmap: Roadmap, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["user"].queryset = (
            get_user_model()
            .objects.filter(Q(groups__name=COORDINATORS_GROUP) | Q(is_superuser=True))
            .exclude(pk__in=roadmap.editors.values("pk"))
            .filter(is_active=True)
            .distinct()
            .order_by("username")
        )


# Governance


class MemberForm(RoadmapBoundForm):
    """A member and its structure, typed in one form; an existing structure is reused by name.

    The structure's details change only if nothing else uses it (see `roadmap/structures.py`).
    """

    SHARED_HELP = _(
        "Cette structure figure aussi dans d'autres feuilles de route, versions signées ou "
        "ateliers : son sigle, son type et son SIRET ne se modifient pas ici. Sous un autre nom, "
        "c'est une autre structure."
    )

    organisation_name = forms.CharField(
        label=_("Structure"),
        max_length=200,
        help_text=_(
            "Une structure déjà connue est reprise telle quelle (choisissez-la dans la liste)."
        ),
        widget=forms.TextInput(attrs={"list": "known-organisations", "autocomplete": "off"}),
    )
    short_name = forms.CharField(label=_("Sigle"), max_length=40, required=False)
    kind = forms.ChoiceField(label=_("Type de structure"), choices=Organisation.Kind.choices)
    siret = forms.CharField(
        label=_("SIRET"),
        max_length=17,
        required=False,
        help_text=_("14 chiffres, facultatif. Il est vérifié s'il est donné."),
        validators=[validate_siret],
        widget=forms.TextInput(attrs={"inputmode": "numeric", "autocomplete": "off"}),
    )
    roles = forms.MultipleChoiceField(
        label=_("Rôles"), choices=Member.Role.choices, widget=forms.CheckboxSelectMultiple
    )
    DETAILS = ("short_name", "kind", "siret")

    class Meta:
        model = Member
        fields = [
            "status",
            "political_first_name",
            "political_last_name",
            "political_function",
            "political_email",
            "technical_first_name",
            "technical_last_name",
            "technical_function",
            "technical_email",
        ]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # Set by save(): the known, shared structure linked as it is although other details
        # were typed (the page says so).
        self.kept_structure: Organisation | None = None
        organisation = self.instance.organisation if self.instance.organisation_id else None
        if organisation:
            self.fields["organisation_name"].initial = organisation.name
            self.fields["short_name"].initial = organisation.short_name
            self.fields["kind"].initial = organisation.kind
            self.fields["siret"].initial = organisation.siret
            # Not disabled: under another name, the details typed go to that new structure.
            if structures.is_shared(organisation=organisation, member=self.instance):
                self.fields["organisation_name"].help_text = self.SHARED_HELP
        self.fields["roles"].initial = self.instance.roles

    def clean_siret(self):
        return self.cleaned_data["siret"].replace(" ", "")

    def clean(self):
        cleaned = super().clean()
        name = (cleaned.get("organisation_name") or "").strip()
        if name:
            existing = structures.find_structure(name=name)
            others = self.roadmap.members.exclude(pk=self.instance.pk)
            if existing and others.filter(organisation=existing).exists():
                self.add_error(
                    "organisation_name", _("Cette structure est déjà membre de la gouvernance.")
                )
        return cleaned

    def save(self, commit=True):
        data = self.cleaned_data
        name = data["organisation_name"].strip()
        organisation = structures.find_structure(name=name) or Organisation(name=name)
        if not structures.is_shared(organisation=organisation, member=self.instance):
            organisation.short_name = data["short_name"]
            organisation.kind = data["kind"]
            if data["siret"] or not organisation.pk:
                organisation.siret = data["siret"]
            organisation.save()
        elif any(data[field] not in ("", getattr(organisation, field)) for field in self.DETAILS):
            self.kept_structure = organisation
        member = super().save(commit=False)
        member.roadmap = self.roadmap
        member.organisation = organisation
        member.roles = [role for role, _label in Member.Role.choices if role in data["roles"]]
        if commit:
            member.save()
        return member


class CommitteeForm(RoadmapBoundForm):
    seat_members = forms.ModelMultipleChoiceField(
        label=_("Membres qui y siègent"),
        queryset=Member.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    co_chairs = forms.ModelMultipleChoiceField(
        label=_("Co-présidence"),
        queryset=Member.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("Les membres qui co-président y siègent d'office."),
    )

    class Meta:
        model = Committee
        fields = ["name", "kind", "frequency", "description"]
        widgets = {"description": forms.Textarea(attrs={"rows": 3})}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        members = self.roadmap.members.select_related("organisation")
        for name in ("seat_members", "co_chairs"):
            self.fields[name].queryset = members
            self.fields[name].label_from_instance = lambda m: m.organisation.name
        if self.instance.pk:
            seats = list(self.instance.seats.all())
            self.fields["seat_members"].initial = [s.member_id for s in seats]
            self.fields["co_chairs"].initial = [s.member_id for s in seats if s.co_chair]

    def save(self, commit=True):
        from roadmap.models import Seat

        committee = super().save(commit=False)
        committee.roadmap = self.roadmap
        if committee.order == 0:
            committee.order = self.roadmap.committees.count() + 1
        committee.save()
        chairs = set(self.cleaned_data["co_chairs"])
        sitting = set(self.cleaned_data["seat_members"]) | chairs
        committee.seats.exclude(member__in=sitting).delete()
        for member in sitting:
            Seat.objects.update_or_create(
                committee=committee, member=member, defaults={"co_chair": member in chairs}
            )
        return committee


class MeetingForm(forms.ModelForm):
    class Meta:
        model = Meeting
        fields = ["date", "title", "minutes"]
        widgets = {"date": DateInput(), "minutes": forms.Textarea(attrs={"rows": 3})}


MeetingFormSet = inlineformset_factory(
    Committee, Meeting, form=MeetingForm, extra=1, can_delete=True
)


class AxisForm(RoadmapBoundForm):
    class Meta:
        model = Axis
        fields = ["title", "description", "stakes", "order"]
        widgets = {
            "description": forms.Textarea(attrs={"rows": 4}),
            "stakes": forms.Textarea(attrs={"rows": 5}),
        }

    def save(self, commit=True):
        axis = super().save(commit=False)
        axis.roadmap = self.roadmap
        if commit:
            axis.save()
        return axis


# Project sheets


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


class FundingLineForm(LineForm):
    year = _year_field()
    amount = AmountField(label=_("Montant"))

    class Meta:
        model = FundingLine
        fields = ["funder", "envelope", "year", "amount", "status"]
        widgets = {"envelope": forms.TextInput(attrs={"list": "envelopes"})}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["funder"].queryset = self.roadmap.members.select_related("organisation")
        self.fields["funder"].label_from_instance = lambda m: m.organisation.name
        self.fields["funder"].empty_label = _("(choisir)")

    def clean_amount(self):
        amount = self.cleaned_data["amount"]
        if amount is not None and amount <= 0:
            raise ValidationError(_("Un financement doit être supérieur à zéro."))
        return amount


class BeneficiaryForm(LineForm):
    amount = AmountField(label=_("Montant"))

    class Meta:
        model = Beneficiary
        fields = ["member", "amount"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["member"].queryset = self.roadmap.members.select_related("organisation")
        self.fields["member"].label_from_instance = lambda m: m.organisation.name
        self.fields["member"].empty_label = _("(choisir)")

    def clean_amount(self):
        amount = self.cleaned_data["amount"]
        if amount is not None and amount <= 0:
            raise ValidationError(_("Le montant d'un bénéficiaire doit être supérieur à zéro."))
        return amount


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


# Indicators


class IndicatorForm(forms.ModelForm):
    code = forms.ChoiceField(label=_("Indicateur"), choices=library_choices)
    baseline = DecimalTextField(label=_("Valeur de départ"), max_digits=14, required=False)

    class Meta:
        model = Indicator
        fields = ["code", "name", "unit", "baseline", "baseline_on", "source"]
        labels = {
            "name": _("Intitulé (indicateur personnalisé)"),
            "unit": _("Unité (indicateur personnalisé)"),
        }
        widgets = {"baseline_on": DateInput()}

    def __init__(self, *args, sheet: ProjectSheet, **kwargs):
        self.sheet = sheet
        super().__init__(*args, **kwargs)
        self.fields["name"].required = False
        self.fields["unit"].required = False
        self.years = sheet.years or list(range(2025, 2028))
        existing = {}
        if self.instance.pk:
            existing = {t.year: t.value for t in self.instance.targets.all()}
            self.years = sorted(set(self.years) | set(existing))
        for year in self.years:
            self.fields[f"target_{year}"] = DecimalTextField(
                label=_("Cible %(year)s") % {"year": year},
                max_digits=14,
                required=False,
                initial=existing.get(year),
            )

    @property
    def target_fields(self):
        return [self[f"target_{year}"] for year in self.years]

    def clean(self):
        cleaned = super().clean()
        code = cleaned.get("code")
        if self.sheet.roadmap.is_frozen:
            raise ValidationError(FROZEN_MESSAGE, code="frozen")
        definition = BY_CODE.get(code)
        if definition:
            cleaned["name"], cleaned["unit"] = str(definition.name), str(definition.unit)
        if code == CUSTOM:
            if not (cleaned.get("name") or "").strip():
                self.add_error("name", _("Donnez un intitulé à cet indicateur personnalisé."))
            if not (cleaned.get("unit") or "").strip():
                self.add_error("unit", _("Donnez l'unité de cet indicateur (personnes, lieux…)."))
        if cleaned.get("baseline") is not None and not cleaned.get("baseline_on"):
            self.add_error("baseline_on", _("Indiquez la date de la valeur de départ."))
        if not any(cleaned.get(f"target_{year}") is not None for year in self.years):
            self.add_error(f"target_{self.years[0]}", _("Fixez une cible pour au moins une année."))
        return cleaned

    def save(self, commit=True):
        from roadmap.models import IndicatorTarget

        indicator = super().save(commit=False)
        indicator.sheet = self.sheet
        definition = BY_CODE.get(indicator.code)
        if definition:
            indicator.name = str(definition.name)
            indicator.unit = str(definition.unit)
            indicator.additive = definition.additive
        indicator.save()
        for year in self.years:
            value = self.cleaned_data.get(f"target_{year}")
            if value is None:
                indicator.targets.filter(year=year).delete()
            else:
                IndicatorTarget.objects.update_or_create(
                    indicator=indicator, year=year, defaults={"value": value}
                )
        return indicator


# The public call for analysis data


class DataSubmissionForm(forms.ModelForm):
    link = forms.URLField(
        label=_("Lien"),
        max_length=500,
        required=False,
        assume_scheme="https",
        help_text=_("Ou bien l'adresse d'un document en ligne."),
        widget=forms.URLInput(attrs={"placeholder": "https://"}),
    )
    file = forms.FileField(
        label=_("Fichier"),
        required=False,
        help_text=_("Formats acceptés : %(types)s. Taille maximale : %(size)s."),
        widget=forms.ClearableFileInput(attrs={"accept": documents.ACCEPT_ATTRIBUTE}),
    )

    class Meta:
        model = DataSubmission
        fields = [
            "category",
            "title",
            "description",
            "structure",
            "file",
            "link",
            "contact_name",
            "contact_email",
        ]
        widgets = {
            "category": forms.RadioSelect,
            "description": forms.Textarea(attrs={"rows": 3}),
        }
        help_texts = {
            "contact_email": _("Facultatif : pour vous poser une question sur le document."),
        }

    def __init__(self, *args, roadmap, **kwargs):
        super().__init__(*args, **kwargs)
        self.roadmap = roadmap
        self.fields["file"].help_text = self.fields["file"].help_text % {
            "types": documents.allowed_types_text(),
            "size": documents.human_size(documents.MAX_UPLOAD_BYTES),
        }
        self.fields["category"].choices = self.fields["category"].choices[1:]

    def clean_file(self):
        upload = self.cleaned_data.get("file")
        if upload:
            documents.check_upload(upload=upload, roadmap=self.roadmap)
        return upload

    def clean(self):
        cleaned = super().clean()
        has_file = bool(cleaned.get("file")) or "file" in self.errors
        has_link = bool(cleaned.get("link")) or "link" in self.errors
        if not has_file and not has_link:
            self.add_error("file", _("Joignez un fichier ou indiquez un lien."))
        elif cleaned.get("file") and cleaned.get("link"):
            self.add_error(
                "link", _("Un fichier ou un lien, pas les deux : envoyez-les séparément.")
            )
        return cleaned

    def save(self, commit=True):
        submission = super().save(commit=False)
        upload = self.cleaned_data.get("file")
        if upload:
            submission.original_name = upload.name[:200]
            submission.size = upload.size
        if commit:
            submission.save()
        return submission


class ReviewForm(forms.Form):
    decision = forms.ChoiceField(
        label=_("Décision"),
        choices=[
            (DataSubmission.Status.ACCEPTED, _("Accepter")),
            (DataSubmission.Status.REJECTED, _("Refuser")),
        ],
        widget=forms.RadioSelect,
    )
    reason = forms.CharField(
        label=_("Motif"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("Obligatoire pour un refus."),
    )

    def clean(self):
        cleaned = super().clean()
        if (
            cleaned.get("decision") == DataSubmission.Status.REJECTED
            and not (cleaned.get("reason") or "").strip()
        ):
            self.add_error("reason", _("Dites pourquoi ce document est refusé."))
        return cleaned
