from django import forms
from django.utils.translation import gettext_lazy as _


class ActivityForm(forms.Form):
    """What every activity has; its kind's settings come from the kind's own form."""

    title = forms.CharField(label=_("Titre"), max_length=200)
    prompt = forms.CharField(
        label=_("Question ou consigne"),
        help_text=_("Affichée sous le titre, à l'écran et sur les téléphones."),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    timer_seconds = forms.IntegerField(
        label=_("Minuteur (secondes)"),
        help_text=_(
            "Lancé à l'écran et sur les téléphones quand vous ouvrez les réponses ; "
            "vide ou 0 : pas de minuteur. Une heure au plus."
        ),
        min_value=0,
        max_value=3600,
        required=False,
    )
