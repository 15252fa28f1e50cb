"""The census of digital-inclusion places (recensement de l'offre) of a programme's territory,
in the national "Lieux de médiation numérique" standard: one `Place` per row of the standard,
its fields named as the standard names them (`id` is `ident` here)."""

import uuid

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from census import standard
from workshops.models import Organisation, Programme

# The standard's `id` shadows Django's primary key.
MODEL_NAME = {"id": "ident"}
STANDARD_NAME = {value: key for key, value in MODEL_NAME.items()}


def model_name(name: str) -> str:
    return MODEL_NAME.get(name, name)


class Census(models.Model):
    """The census of one programme: its places, its public form and its imports."""

    programme = models.OneToOneField(
        Programme, verbose_name=_("démarche"), on_delete=models.CASCADE, related_name="census"
    )
    source = models.CharField(
        _("structure qui collecte"),
        max_length=200,
        blank=True,
        help_text=_("Écrit dans le champ « source » des lieux déclarés sans source."),
    )
    is_example = models.BooleanField(
        _("données fictives d'exemple"),
        default=False,
        help_text=_("Affiche sur chaque page que les lieux sont fictifs."),
    )
    form_token = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    form_open = models.BooleanField(_("formulaire public ouvert"), default=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("recensement")
        verbose_name_plural = _("recensements")

    def __str__(self) -> str:
        return str(_("Recensement — %(programme)s") % {"programme": self.programme})

    def get_absolute_url(self) -> str:
        return reverse("census:detail", kwargs={"pk": self.pk})


class Place(models.Model):
    """A lieu de médiation numérique. Multi-valued fields keep the standard's text
    ("A|B"), checked against its enumerations by `standard.check_record`."""

    census = models.ForeignKey(Census, on_delete=models.CASCADE, related_name="places")
    ident = models.CharField(_("identifiant"), max_length=200)
    pivot = models.CharField(_("SIRET ou RNA"), max_length=14)
    nom = models.CharField(_("nom"), max_length=250)
    commune = models.CharField(_("commune"), max_length=120)
    code_postal = models.CharField(_("code postal"), max_length=5)
    code_insee = models.CharField(_("code INSEE"), max_length=5, blank=True)
    adresse = models.CharField(_("adresse"), max_length=250)
    complement_adresse = models.TextField(_("complément d'adresse"), blank=True)
    latitude = models.FloatField(_("latitude"), null=True, blank=True)
    longitude = models.FloatField(_("longitude"), null=True, blank=True)
    typologie = models.TextField(_("typologie"), blank=True)
    telephone = models.CharField(_("téléphone"), max_length=20, blank=True)
    courriels = models.TextField(_("courriels"), blank=True)
    site_web = models.TextField(_("site web"), blank=True)
    horaires = models.TextField(
        _("horaires"), blank=True, help_text=_("Format OpenStreetMap, ex. Mo-Fr 09:00-12:00")
    )
    presentation_resume = models.CharField(_("présentation résumée"), max_length=280, blank=True)
    presentation_detail = models.TextField(_("présentation détaillée"), blank=True)
    source = models.TextField(_("source"), blank=True)
    itinerance = models.TextField(_("itinérance"), blank=True)
    structure_parente = models.TextField(_("structure parente"), blank=True)
    date_maj = models.DateField(_("date de mise à jour"))
    services = models.TextField(_("services"), blank=True)
    publics_specifiquement_adresses = models.TextField(_("publics"), blank=True)
    prise_en_charge_specifique = models.TextField(_("prise en charge spécifique"), blank=True)
    frais_a_charge = models.TextField(_("frais à charge"), blank=True)
    dispositif_programmes_nationaux = models.TextField(_("dispositifs nationaux"), blank=True)
    formations_labels = models.TextField(_("formations et labels"), blank=True)
    autres_formations_labels = models.TextField(_("autres formations et labels"), blank=True)
    modalites_acces = models.TextField(_("modalités d'accès"), blank=True)
    modalites_accompagnement = models.TextField(_("modalités d'accompagnement"), blank=True)
    fiche_acces_libre = models.TextField(_("fiche Accès libre"), blank=True)
    prise_rdv = models.TextField(_("prise de rendez-vous"), blank=True)
    # The actors' directory: the organisation, or a tour-de-table card whose author consented.
    organisation = models.ForeignKey(
        Organisation,
        verbose_name=_("structure de l'annuaire"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="places",
    )
    card = models.ForeignKey(
        "live.Response",
        verbose_name=_("carte du tour de table"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="places",
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["commune", "nom"]
        constraints = [
            models.UniqueConstraint(fields=["census", "ident"], name="place_ident_unique")
        ]
        verbose_name = _("lieu")
        verbose_name_plural = _("lieux")

    def __str__(self) -> str:
        return f"{self.nom} ({self.commune})"

    def as_standard(self) -> dict[str, str]:
        """The place as the standard's 32 texts."""
        return {name: standard.to_text(getattr(self, model_name(name))) for name in standard.NAMES}

    def values_of(self, name: str) -> list[str]:
        return standard.split(getattr(self, name))

    @property
    def service_list(self) -> list[str]:
        return self.values_of("services")

    def clean(self) -> None:
        errors = standard.check_record(values=self.as_standard())
        if self.card_id and self.card.data.get("directory") is not True:
            errors["card"] = [_("L'auteur·rice de cette carte n'a pas accepté l'annuaire.")]
        if errors:
            raise ValidationError({model_name(name): messages for name, messages in errors.items()})


class ImportBatch(models.Model):
    """An uploaded file, read and checked, waiting for the coordinator to confirm it.
    Nothing enters the census before `applied_at` is set."""

    census = models.ForeignKey(Census, on_delete=models.CASCADE, related_name="imports")
    filename = models.CharField(_("fichier"), max_length=255)
    rows = models.JSONField(default=list)  # [{"line": n, "action": ..., "values": {...}}]
    problems = models.JSONField(default=list)  # [{"line", "column", "field", "message"}]
    notices = models.JSONField(default=list)  # what was understood (encoding, separator…)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    applied_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return self.filename


class PlaceSubmission(models.Model):
    """A structure's declaration through the public form: reviewed before it enters."""

    class Status(models.TextChoices):
        PENDING = "en_attente", _("À examiner")
        ACCEPTED = "acceptee", _("Acceptée")
        REFUSED = "refusee", _("Refusée")

    census = models.ForeignKey(Census, on_delete=models.CASCADE, related_name="submissions")
    place = models.ForeignKey(
        Place,
        verbose_name=_("lieu mis à jour"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="submissions",
    )
    values = models.JSONField(default=dict)  # the standard's texts, as declared
    contact_email = models.EmailField(_("courriel de contact"), blank=True)
    status = models.CharField(max_length=12, choices=Status, default=Status.PENDING)
    reason = models.TextField(_("motif"), blank=True)
    reviewed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    reviewed_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return self.values.get("nom", "")
