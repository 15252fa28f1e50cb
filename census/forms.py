"""Forms of the census. A place is typed in one form built from the standard's fields (the
public form for structures, and the coordinator's edit form with the links to the actors'
directory); it is checked by `standard.check_record`, like an imported row."""

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from census import standard
from census.models import Census, Place

# What a structure declares about its place, in the standard's order; the rest (id, source,
# date, coordinates, typology) is set by the census.
PUBLIC_FIELDS = [
    "nom",
    "pivot",
    "adresse",
    "complement_adresse",
    "code_postal",
    "commune",
    "telephone",
    "courriels",
    "site_web",
    "horaires",
    "presentation_resume",
    "services",
    "publics_specifiquement_adresses",
    "prise_en_charge_specifique",
    "frais_a_charge",
    "dispositif_programmes_nationaux",
    "modalites_acces",
    "modalites_accompagnement",
    "itinerance",
    "prise_rdv",
    "fiche_acces_libre",
]
HELP = {
    "pivot": _("SIRET à 14 chiffres (ou RNA pour une association sans SIRET)."),
    "telephone": _("Format international sans espace : +33140000000."),
    "courriels": _("Plusieurs adresses : séparez-les par « | »."),
    "horaires": _("Format OpenStreetMap, ex. « Mo-Fr 09:00-12:00,14:00-18:00; Sa 09:00-12:00 »."),
    "presentation_resume": _("280 caractères au plus."),
}


class PlaceForm(forms.Form):
    """The standard's fields of a place; multi-valued ones as checkboxes."""

    def __init__(self, *args, names: list[str] = PUBLIC_FIELDS, **kwargs):
        super().__init__(*args, **kwargs)
        for name in names:
            spec = standard.FIELDS[name]
            required = spec.required and name not in ("id", "date_maj")
            if spec.multiple:
                self.fields[name] = forms.MultipleChoiceField(
                    label=spec.title,
                    choices=[(value, value) for value in spec.choices],
                    widget=forms.CheckboxSelectMultiple,
                    required=False,
                )
            else:
                widget = (
                    forms.Textarea(attrs={"rows": 3}) if name.startswith("presentation") else None
                )
                self.fields[name] = forms.CharField(
                    label=f"{spec.title} ({_('obligatoire')})" if required else spec.title,
                    required=required,
                    max_length=spec.max_length,
                    widget=widget,
                    help_text=HELP.get(name, ""),
                    error_messages={"required": _("Ce champ est obligatoire.")},
                )

    def standard_values(self, *, base: dict[str, str]) -> dict[str, str]:
        """`base` (the place as it is, or what the census sets) completed with what was typed."""
        values = dict(base)
        for name in self.fields:
            if name in standard.FIELDS:
                value = self.cleaned_data.get(name)
                values[name] = standard.join(value) if isinstance(value, list) else (value or "")
        return values

    def check_standard(self, *, base: dict[str, str]) -> dict[str, str] | None:
        """The place's values if the standard accepts them; else the errors go on the fields."""
        values = self.standard_values(base=base)
        for name, messages in standard.check_record(values=values).items():
            for message in messages:
                self.add_error(name if name in self.fields else None, message)
        return None if self.errors else values


def new_place_base(*, census: Census, ident: str) -> dict[str, str]:
    """What the census sets on a declared place."""
    base = dict.fromkeys(standard.NAMES, "")
    base["id"] = ident
    base["source"] = census.source
    base["date_maj"] = timezone.localdate().isoformat()
    return base


class PublicPlaceForm(PlaceForm):
    """The public form: a new place, or an update of one already in the census."""

    def __init__(self, *args, census: Census, **kwargs):
        super().__init__(*args, **kwargs)
        places = census.places.order_by("commune", "nom")
        self.fields = {
            "place": forms.ModelChoiceField(
                label=_("Votre lieu figure-t-il déjà dans le recensement ?"),
                queryset=places,
                required=False,
                empty_label=_("Non, c'est un nouveau lieu"),
                help_text=_("Choisissez-le pour le mettre à jour."),
            ),
            **self.fields,
            "contact_email": forms.EmailField(
                label=_("Votre courriel (facultatif)"),
                required=False,
                help_text=_(
                    "Seulement pour vous poser une question sur cette déclaration ; il n'est "
                    "pas publié."
                ),
            ),
        }


class PlaceLinksForm(forms.ModelForm):
    """The coordinator links a place to the actors' directory."""

    class Meta:
        model = Place
        fields = ["organisation", "card"]

    def __init__(self, *args, census: Census, **kwargs):
        super().__init__(*args, **kwargs)
        from live.models import Response

        cards = Response.objects.filter(
            activity__kind="icebreaker",
            session__workshop__programme=census.programme,
            data__directory=True,
            hidden=False,
        )
        self.fields["card"].queryset = cards
        self.fields["card"].label_from_instance = lambda card: (
            " — ".join(
                part for part in (card.data.get("structure"), card.data.get("fonctions")) if part
            )
            or _("Carte sans structure")
        )
        self.fields["card"].help_text = _(
            "Seules les cartes dont l'auteur·rice a accepté l'annuaire des acteurs sont proposées."
        )


class ImportForm(forms.Form):
    file = forms.FileField(
        label=_("Fichier du recensement"),
        help_text=_(
            "CSV du standard « Lieux de médiation numérique » (virgule ou point-virgule, UTF-8 "
            "ou Latin-1) ou XLSX de son modèle ; 20 Mo au plus."
        ),
        error_messages={"required": _("Choisissez un fichier.")},
    )


class CoverageFilterForm(forms.Form):
    service = forms.ChoiceField(
        label=_("Service"),
        required=False,
        choices=[("", _("Tous les services"))] + [(s, s) for s in standard.SERVICES],
    )
    public = forms.ChoiceField(
        label=_("Public"),
        required=False,
        choices=[("", _("Tous les publics"))] + [(p, p) for p in standard.PUBLICS],
    )
