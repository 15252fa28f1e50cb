"""Forms of the roadmap pages, and the fields that read French numbers and dates. They check what
is typed and say what is wrong, in French, beside the field. The project sheet's form and its
tables are in `roadmap/sheet_editing.py`; the figures and the ANCT checks in
`roadmap/costing.py`."""

from decimal import Decimal

from django import forms
from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.db.models import Q
from django.forms import inlineformset_factory
from django.utils.translation import gettext_lazy as _

from roadmap import documents, structures
from roadmap.access import ReadOnlyOnceSigned
from roadmap.indicators import BY_CODE, CUSTOM, library_choices
from roadmap.models import (
    Axis,
    Committee,
    DataSubmission,
    Indicator,
    Meeting,
    Member,
    ProjectSheet,
    Roadmap,
)
from roadmap.money import AmountError, input_value, parse_decimal
from workshops.access import COORDINATORS_GROUP
from workshops.models import Organisation, validate_siret


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


class RoadmapBoundForm(ReadOnlyOnceSigned, forms.ModelForm):
    """A form whose object belongs to a roadmap: refused, with the input kept, once it's signed."""

    def __init__(self, *args, roadmap: Roadmap, **kwargs):
        self.roadmap = roadmap
        super().__init__(*args, **kwargs)


# The roadmap itself


class RoadmapForm(ReadOnlyOnceSigned, forms.ModelForm):
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

    def changed_roadmap(self) -> Roadmap | None:
        return self.instance if self.instance.pk else None


class RoadmapStatusForm(ReadOnlyOnceSigned, forms.ModelForm):
    """Moves the status along brouillon → en concertation → validée → signée."""

    class Meta:
        model = Roadmap
        fields = ["status", "validated_on", "signed_on", "signatories"]
        widgets = {
            "validated_on": DateInput(),
            "signed_on": DateInput(),
            "signatories": forms.Textarea(attrs={"rows": 3}),
        }

    def changed_roadmap(self) -> Roadmap:
        # The roadmap as it was opened: the posted status is not in the instance yet.
        return self.instance

    def clean(self):
        cleaned = super().clean()
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


# Indicators


class IndicatorForm(ReadOnlyOnceSigned, forms.ModelForm):
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

    def changed_roadmap(self) -> Roadmap:
        return self.sheet.roadmap

    @property
    def target_fields(self):
        return [self[f"target_{year}"] for year in self.years]

    def clean(self):
        cleaned = super().clean()
        code = cleaned.get("code")
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
