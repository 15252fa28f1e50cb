"""The co-construction process: programme, phases, rétroplanning, workshops and their steps."""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _


def validate_siret(value: str) -> None:
    """A SIREN (9 digits) or SIRET (14 digits) whose Luhn key is right.

    La Poste's establishments (SIREN 356 000 000) follow another rule: their digits add up to a
    multiple of 5.
    """
    digits = value.replace(" ", "")
    if not digits.isdigit() or len(digits) not in (9, 14):
        raise ValidationError(
            _("Un SIRET compte 14 chiffres (ou un SIREN 9 chiffres), sans lettre."),
            code="siret_format",
        )
    is_la_poste = digits.startswith("356000000") and len(digits) == 14
    if is_la_poste and sum(int(d) for d in digits) % 5 == 0:
        return
    total = 0
    for index, char in enumerate(reversed(digits)):
        number = int(char) * (2 if index % 2 else 1)
        total += number - 9 if number > 9 else number
    if total % 10:
        raise ValidationError(
            _("Ce numéro SIRET n'est pas valide : vérifiez les chiffres saisis."),
            code="siret_checksum",
        )


class Status(models.TextChoices):
    """Where a phase or a milestone stands, as the deck says it."""

    DONE = "realise", _("Réalisé")
    IN_PROGRESS = "en_cours", _("En cours")
    PLANNED = "a_venir", _("À venir")


class Organisation(models.Model):
    """A structure of the ecosystem: carrier, partner, governance member."""

    class Kind(models.TextChoices):
        ASSOCIATION = "association", _("Association")
        COMMUNE = "commune", _("Commune")
        EPCI = "epci", _("EPCI")
        DEPARTEMENT = "departement", _("Conseil départemental")
        REGION = "region", _("Région")
        PREFECTURE = "prefecture", _("Préfecture")
        STATE = "etat", _("Service ou agence de l'État")
        PUBLIC_BODY = "etablissement_public", _("Établissement public")
        OPERATOR = "operateur", _("Opérateur (CAF, France Travail…)")
        TRAINING = "formation", _("Organisme de formation")
        COMPANY = "entreprise", _("Entreprise privée")
        OTHER = "autre", _("Autre")

    name = models.CharField(_("nom"), max_length=200, unique=True)
    short_name = models.CharField(_("sigle"), max_length=40, blank=True)
    kind = models.CharField(_("type"), max_length=30, choices=Kind, default=Kind.OTHER)
    siret = models.CharField(_("SIRET"), max_length=17, blank=True, validators=[validate_siret])

    class Meta:
        ordering = ["name"]
        verbose_name = _("structure")
        verbose_name_plural = _("structures")

    def __str__(self) -> str:
        return self.name


class Programme(models.Model):
    """The démarche: France Numérique Ensemble in one territory."""

    name = models.CharField(_("nom"), max_length=200)
    slug = models.SlugField(_("identifiant d'adresse"), unique=True)
    territory = models.CharField(_("territoire"), max_length=120)
    description = models.TextField(_("présentation"), blank=True)
    carriers = models.ManyToManyField(
        Organisation, verbose_name=_("porteurs"), related_name="programmes", blank=True
    )
    timeline_note = models.TextField(
        _("note du rétroplanning"),
        blank=True,
        help_text=_("Affichée sous le rétroplanning."),
    )

    class Meta:
        ordering = ["name"]
        verbose_name = _("démarche")
        verbose_name_plural = _("démarches")

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("workshops:retroplanning", kwargs={"slug": self.slug})


class Phase(models.Model):
    """A stage of the chronology: constitution de la gouvernance, diagnostic…"""

    programme = models.ForeignKey(Programme, on_delete=models.CASCADE, related_name="phases")
    order = models.PositiveSmallIntegerField(_("ordre"), default=0)
    title = models.CharField(_("titre"), max_length=120)
    summary = models.CharField(_("contenu"), max_length=300, blank=True)
    status = models.CharField(_("état"), max_length=10, choices=Status, default=Status.PLANNED)
    status_note = models.CharField(
        _("précision sur l'état"),
        max_length=300,
        blank=True,
        help_text=_("Par exemple « Réalisé par le Hub Francil'IN »."),
    )
    carried_by = models.ForeignKey(
        Organisation,
        verbose_name=_("réalisé par"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="phases",
    )

    class Meta:
        ordering = ["programme", "order", "pk"]
        verbose_name = _("phase")
        verbose_name_plural = _("phases")

    def __str__(self) -> str:
        return self.title

    @property
    def status_text(self) -> str:
        """The status in words, with its note unless the note already says it."""
        label = str(self.get_status_display())
        note = self.status_note.strip()
        if not note:
            return label
        if note.lower().startswith(label.lower()):
            return note
        return f"{label} : {note}"


class Track(models.Model):
    """A parallel track of the rétroplanning (collecte de données, gouvernance…)."""

    programme = models.ForeignKey(Programme, on_delete=models.CASCADE, related_name="tracks")
    order = models.PositiveSmallIntegerField(_("ordre"), default=0)
    name = models.CharField(_("nom"), max_length=150)
    starts_on = models.DateField(_("début"), null=True, blank=True)
    ends_on = models.DateField(_("fin"), null=True, blank=True)
    note = models.CharField(_("note"), max_length=300, blank=True)

    class Meta:
        ordering = ["programme", "order", "pk"]
        verbose_name = _("volet")
        verbose_name_plural = _("volets")

    def __str__(self) -> str:
        return self.name

    def clean(self) -> None:
        if self.starts_on and self.ends_on and self.ends_on < self.starts_on:
            raise ValidationError({"ends_on": _("La fin ne peut pas précéder le début.")})


class Workshop(models.Model):
    """A co-construction workshop and what it projects."""

    programme = models.ForeignKey(
        Programme, on_delete=models.CASCADE, related_name="workshops", verbose_name=_("démarche")
    )
    number = models.PositiveSmallIntegerField(_("numéro"))
    title = models.CharField(_("titre"), max_length=200)
    theme = models.CharField(_("thème"), max_length=300, blank=True)
    starts_at = models.DateTimeField(_("date et heure"))
    ends_at = models.DateTimeField(_("fin"), null=True, blank=True)
    venue = models.CharField(_("lieu"), max_length=200, blank=True)
    address = models.CharField(_("adresse"), max_length=200, blank=True)
    city = models.CharField(_("commune"), max_length=100, blank=True)
    partners = models.ManyToManyField(
        Organisation, verbose_name=_("partenaires"), related_name="workshops", blank=True
    )
    facilitators = models.ManyToManyField(
        settings.AUTH_USER_MODEL,
        verbose_name=_("animateurs et animatrices"),
        related_name="facilitated_workshops",
        blank=True,
    )
    preparation_note = models.CharField(
        _("note de préparation"),
        max_length=300,
        blank=True,
        help_text=_(
            "Affichée sur la page de l'atelier, par exemple « Proposition à adapter par "
            "l'équipe d'animation »."
        ),
    )

    class Meta:
        ordering = ["programme", "starts_at", "number"]
        constraints = [
            models.UniqueConstraint(
                fields=["programme", "number"], name="workshop_number_unique_in_programme"
            )
        ]
        verbose_name = _("atelier")
        verbose_name_plural = _("ateliers")

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("workshops:workshop", kwargs={"pk": self.pk})

    def clean(self) -> None:
        if self.starts_at and self.ends_at and self.ends_at < self.starts_at:
            raise ValidationError({"ends_at": _("La fin ne peut pas précéder le début.")})


class AgendaItem(models.Model):
    """One line of the workshop's plan (plan de l'atelier)."""

    workshop = models.ForeignKey(Workshop, on_delete=models.CASCADE, related_name="agenda")
    order = models.PositiveSmallIntegerField(_("ordre"), default=0)
    title = models.CharField(_("intitulé"), max_length=200)

    class Meta:
        ordering = ["workshop", "order", "pk"]
        verbose_name = _("point du plan")
        verbose_name_plural = _("plan de l'atelier")

    def __str__(self) -> str:
        return self.title


class Step(models.Model):
    """What the facilitator projects, one after the other."""

    class Kind(models.TextChoices):
        COVER = "cover", _("Couverture")
        SECTION = "section", _("Titre de partie")
        CONTENT = "content", _("Contenu")
        ACTIVITY = "activity", _("Activité")
        CHRONOLOGY = "chronology", _("Chronologie")
        RETROPLANNING = "retroplanning", _("Rétroplanning")
        GOVERNANCE = "governance", _("Gouvernance (vue détaillée)")
        BREAK = "break", _("Pause")
        # What an earlier workshop produced and the facilitator carried over (drawn by `live`).
        CARRY_OVER = "carry_over", _("Report d'un atelier précédent")

    workshop = models.ForeignKey(Workshop, on_delete=models.CASCADE, related_name="steps")
    order = models.PositiveSmallIntegerField(_("ordre"), default=0)
    kind = models.CharField(_("type"), max_length=20, choices=Kind, default=Kind.CONTENT)
    title = models.CharField(_("titre"), max_length=200)
    subtitle = models.CharField(_("sous-titre"), max_length=300, blank=True)
    body = models.TextField(
        _("contenu"),
        blank=True,
        help_text=_(
            "Texte mis en forme : « # » titre, « - » liste, « > » citation, "
            "**gras**, *italique*, lien."
        ),
    )
    notes = models.TextField(_("notes de l'animateur·rice"), blank=True)
    agenda_item = models.ForeignKey(
        AgendaItem,
        verbose_name=_("point du plan"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="steps",
    )
    # An activity is projected by one step: its answers and its state in a session are
    # keyed by the activity. Reusing an activity elsewhere means duplicating it.
    activity = models.OneToOneField(
        "quizzes.Activity",
        verbose_name=_("activité"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="step",
    )

    class Meta:
        ordering = ["workshop", "order", "pk"]
        verbose_name = _("étape")
        verbose_name_plural = _("étapes")

    def __str__(self) -> str:
        return self.title

    def clean(self) -> None:
        if self.activity_id and self.kind != self.Kind.ACTIVITY:
            raise ValidationError(
                {"activity": _("Seule une étape de type « Activité » peut porter une activité.")}
            )


class Milestone(models.Model):
    """A dated entry of the rétroplanning."""

    class Kind(models.TextChoices):
        WORKSHOP = "atelier", _("Atelier")
        ANALYSIS = "analyse", _("Analyse")
        COMMITTEE = "comite", _("Comité")
        SIGNATURE = "signature", _("Signature")
        OTHER = "autre", _("Autre")

    programme = models.ForeignKey(Programme, on_delete=models.CASCADE, related_name="milestones")
    phase = models.ForeignKey(
        Phase,
        verbose_name=_("phase"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="milestones",
    )
    track = models.ForeignKey(
        Track,
        verbose_name=_("volet"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="milestones",
    )
    workshop = models.OneToOneField(
        Workshop,
        verbose_name=_("atelier"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="milestone",
    )
    kind = models.CharField(_("type"), max_length=12, choices=Kind, default=Kind.OTHER)
    stage = models.CharField(
        _("temps"), max_length=40, blank=True, help_text=_("Par exemple « Phase 1 ».")
    )
    title = models.CharField(_("intitulé"), max_length=200)
    description = models.TextField(_("description"), blank=True)
    starts_on = models.DateField(
        _("date"), null=True, blank=True, help_text=_("Vide tant que la date n'est pas fixée.")
    )
    ends_on = models.DateField(_("fin"), null=True, blank=True)
    date_label = models.CharField(
        _("date affichée"), max_length=40, blank=True, help_text=_("Par exemple « Sept-Oct ».")
    )
    status = models.CharField(_("état"), max_length=10, choices=Status, default=Status.PLANNED)

    class Meta:
        # Undated milestones (a signature still to be set) come last.
        ordering = [
            "programme",
            models.F("starts_on").asc(nulls_last=True),
            "pk",
        ]
        verbose_name = _("jalon")
        verbose_name_plural = _("jalons")

    def __str__(self) -> str:
        return self.title

    def clean(self) -> None:
        if self.starts_on and self.ends_on and self.ends_on < self.starts_on:
            raise ValidationError({"ends_on": _("La fin ne peut pas précéder le début.")})
        if self.ends_on and not self.starts_on:
            raise ValidationError({"starts_on": _("Indiquez le début avant la fin.")})
