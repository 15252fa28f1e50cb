"""Accepting or refusing what the public sent (the template is `templates/_review_form.html`)."""

from django import forms
from django.utils.translation import gettext_lazy as _

ACCEPT, REFUSE = "acceptee", "refusee"


class ReviewForm(forms.Form):
    decision = forms.ChoiceField(
        label=_("Décision"),
        choices=[(ACCEPT, _("Accepter")), (REFUSE, _("Refuser"))],
        widget=forms.RadioSelect,
        error_messages={"required": _("Choisissez d'accepter ou de refuser.")},
    )
    reason = forms.CharField(label=_("Motif"), required=False, max_length=500)

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("decision") == REFUSE and not (cleaned.get("reason") or "").strip():
            self.add_error("reason", _("Indiquez le motif du refus."))
        return cleaned
