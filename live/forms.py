"""The participants' forms: the session code and the optional profile."""

from django import forms
from django.utils.translation import gettext_lazy as _


class JoinForm(forms.Form):
    code = forms.CharField(
        label=_("Code de l'atelier"),
        help_text=_("Les 6 chiffres affichés à l'écran."),
        max_length=12,
        widget=forms.TextInput(
            attrs={"inputmode": "numeric", "autocomplete": "off", "pattern": "[0-9 ]*"}
        ),
    )


class ProfileForm(forms.Form):
    pseudonym = forms.CharField(
        label=_("Pseudonyme (facultatif)"),
        help_text=_("Affiché avec vos réponses. Laissez vide pour rester anonyme."),
        max_length=40,
        required=False,
    )
    structure = forms.CharField(
        label=_("Votre structure (facultatif)"),
        help_text=_("Par exemple : centre social, mairie, association…"),
        max_length=120,
        required=False,
    )
