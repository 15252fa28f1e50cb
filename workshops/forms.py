from django import forms
from django.utils.translation import gettext_lazy as _

from workshops.models import AgendaItem, Step, Workshop


class StepForm(forms.ModelForm):
    class Meta:
        model = Step
        fields = ["kind", "title", "subtitle", "body", "notes", "agenda_item"]
        widgets = {
            "body": forms.Textarea(attrs={"rows": 12}),
            "notes": forms.Textarea(attrs={"rows": 4}),
        }

    def __init__(self, *args, workshop, **kwargs):
        super().__init__(*args, **kwargs)
        self.instance.workshop = workshop
        self.fields["agenda_item"].queryset = workshop.agenda.all()
        self.fields["agenda_item"].empty_label = _("(aucun)")
        # Activities are attached from the activity's own form; a step keeps its kind then.
        if self.instance.activity_id:
            self.fields["kind"].disabled = True


class PreparationNoteForm(forms.ModelForm):
    class Meta:
        model = Workshop
        fields = ["preparation_note"]


class StepPlacementForm(forms.Form):
    """Where a new activity's step goes in the workshop."""

    after = forms.ModelChoiceField(
        label=_("Place de l'étape"),
        queryset=Step.objects.none(),
        required=False,
        empty_label=_("À la fin de l'atelier"),
    )
    agenda_item = forms.ModelChoiceField(
        label=_("Point du plan"), queryset=AgendaItem.objects.none(), required=False
    )

    def __init__(self, *args, workshop, **kwargs):
        kwargs.setdefault("prefix", "etape")
        super().__init__(*args, **kwargs)
        self.fields["after"].queryset = workshop.steps.order_by("order", "pk")
        self.fields["after"].label_from_instance = lambda step: (
            _("Après « %(title)s »") % {"title": step.title}
        )
        self.fields["agenda_item"].queryset = workshop.agenda.all()
        self.fields["agenda_item"].empty_label = _("(aucun)")


class WorkshopDuplicateForm(forms.Form):
    number = forms.IntegerField(
        label=_("Numéro du nouvel atelier"),
        min_value=1,
        max_value=99,
        help_text=_(
            "Un atelier déjà prévu dans le rétroplanning et encore vide (sans étape) est "
            "rempli ; sinon un nouvel atelier est créé."
        ),
    )
    title = forms.CharField(label=_("Titre"), max_length=200)
    starts_at = forms.DateTimeField(
        label=_("Date et heure"),
        widget=forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M"),
    )
    theme = forms.CharField(label=_("Thème"), max_length=300, required=False)
