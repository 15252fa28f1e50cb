"""The feuille de route: governance, axes, project sheets, costing, indicators, documents.

Every amount is a `DecimalField` in euros with two decimals: sums stay exact. The computations
(totals, eligible base, gap, shares, ANCT checks) live in `roadmap/costing.py`, on plain values,
so the same code checks a saved sheet and a form being typed.
"""

import uuid
from decimal import Decimal

from django.conf import settings
from django.contrib.contenttypes.fields import GenericForeignKey
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ValidationError
from django.core.validators import MinValueValidator
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from roadmap.catalogues import CRITERIA, NEED_LABELS, SCHEME_LABELS, DataCategory
from roadmap.costing import (
    Check,
    CostItem,
    FundingItem,
    SheetCosting,
    SheetFigures,
    SubsidyRequest,
    check_sheet,
    is_eligible,
    summarise_sheet,
)
from workshops.models import Organisation, Programme, Workshop

ZERO = Decimal("0.00")


def amount_field(verbose_name, **kwargs) -> models.DecimalField:
    """Euros, exact, never negative: 12 digits is up to 9 999 999 999,99 €."""
    return models.DecimalField(
        verbose_name,
        max_digits=12,
        decimal_places=2,
        validators=[MinValueValidator(ZERO, _("Le montant ne peut pas être négatif."))],
        **kwargs,
    )


class Roadmap(models.Model):
    """A territory's feuille de route, one version of it.

    A signed roadmap is frozen: changing it opens a new version (a copy, `version` + 1, same
    `lineage`), and the signed one stays readable as it was signed.
    """

    class Perimeter(models.TextChoices):
        DEPARTEMENTAL = "departemental", _("Départemental")
        EPCI = "epci", _("EPCI ou groupement de communes")
        REGIONAL = "regional", _("Régional")

    class Contract(models.TextChoices):
        NONE = "aucun", _("Aucun")
        CRTE = "crte", _("CRTE (contrat pour la réussite de la transition écologique)")
        SDAASAP = (
            "sdaasap",
            _(
                "SDAASaP (schéma départemental d'amélioration de l'accessibilité des services au "
                "public)"
            ),
        )
        SDIN = "sdin", _("SDIN (schéma départemental d'inclusion numérique)")
        SDUN = "sdun", _("SDUN (schéma départemental des usages numériques)")
        OTHER = "autre", _("Autre")

    class Status(models.TextChoices):
        DRAFT = "brouillon", _("Brouillon")
        CONSULTATION = "concertation", _("En concertation")
        VALIDATED = "validee", _("Validée (Conseil départemental)")
        SIGNED = "signee", _("Signée")

    lineage = models.UUIDField(default=uuid.uuid4, editable=False, db_index=True)
    version = models.PositiveSmallIntegerField(_("version"), default=1, editable=False)
    previous_version = models.ForeignKey(
        "self",
        verbose_name=_("version précédente"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        editable=False,
        related_name="next_versions",
    )
    programme = models.ForeignKey(
        Programme,
        verbose_name=_("démarche"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="roadmaps",
        help_text=_("Les ateliers de cette démarche peuvent projeter sa gouvernance."),
    )
    name = models.CharField(_("nom"), max_length=200)
    territory = models.CharField(_("territoire"), max_length=120)
    perimeter = models.CharField(
        _("périmètre"), max_length=20, choices=Perimeter, default=Perimeter.DEPARTEMENTAL
    )
    context = models.TextField(
        _("note de contexte"),
        blank=True,
        help_text=_("Texte mis en forme : « # » titre, « - » liste, **gras**, *italique*, lien."),
    )
    contract = models.CharField(
        _("contrat préexistant"),
        max_length=10,
        choices=Contract,
        default=Contract.NONE,
        help_text=_("Le contrat ou schéma auquel la feuille de route se rattache."),
    )
    contract_note = models.CharField(_("précision sur le contrat"), max_length=200, blank=True)
    status = models.CharField(_("statut"), max_length=15, choices=Status, default=Status.DRAFT)
    validated_on = models.DateField(_("date de validation"), null=True, blank=True)
    signed_on = models.DateField(_("date de signature"), null=True, blank=True)
    signatories = models.TextField(
        _("signataires"), blank=True, help_text=_("Un ou une signataire par ligne.")
    )
    is_example = models.BooleanField(
        _("données d'exemple"),
        default=False,
        help_text=_("Affiche sur chaque page que les montants sont fictifs."),
    )
    editors = models.ManyToManyField(
        settings.AUTH_USER_MODEL,
        verbose_name=_("éditeurs et éditrices"),
        related_name="edited_roadmaps",
        blank=True,
    )
    data_call_token = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    data_call_open = models.BooleanField(_("appel à données ouvert"), default=True)
    data_call_intro = models.TextField(
        _("présentation de l'appel à données"),
        blank=True,
        help_text=_("Affichée en tête du formulaire public."),
    )
    revision = models.PositiveIntegerField(default=1, editable=False)
    # The census' figures as they were when the roadmap was signed (`report.freeze_diagnostic`).
    diagnostic = models.JSONField(_("diagnostic à la signature"), default=dict, editable=False)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["name", "-version"]
        constraints = [
            models.UniqueConstraint(fields=["lineage", "version"], name="roadmap_version_unique")
        ]
        verbose_name = _("feuille de route")
        verbose_name_plural = _("feuilles de route")

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("roadmap:detail", kwargs={"pk": self.pk})

    @property
    def is_frozen(self) -> bool:
        return self.status == self.Status.SIGNED

    @property
    def signatory_list(self) -> list[str]:
        return [line.strip() for line in self.signatories.splitlines() if line.strip()]

    @property
    def co_carriers(self) -> list["Member"]:
        return [m for m in self.members.all() if Member.Role.CO_CARRIER in m.roles]

    def latest_version(self) -> "Roadmap":
        return Roadmap.objects.filter(lineage=self.lineage).order_by("-version").first()

    def versions(self):
        return Roadmap.objects.filter(lineage=self.lineage).order_by("-version")

    def clean(self) -> None:
        errors = {}
        if self.status == self.Status.SIGNED:
            if not self.signed_on:
                errors["signed_on"] = _("Indiquez la date de signature.")
            if not self.signatory_list:
                errors["signatories"] = _("Indiquez au moins un ou une signataire.")
        if self.contract == self.Contract.OTHER and not self.contract_note.strip():
            errors["contract_note"] = _("Précisez le contrat ou le schéma.")
        if self.validated_on and self.signed_on and self.signed_on < self.validated_on:
            errors["signed_on"] = _("La signature ne peut pas précéder la validation.")
        if errors:
            raise ValidationError(errors)


class Member(models.Model):
    """A structure in the roadmap's governance, with its roles and contacts."""

    class Role(models.TextChoices):
        CO_CARRIER = "co_porteur", _("Co-porteur")
        CO_FUNDER = "co_financeur", _("Co-financeur")
        BENEFICIARY = "beneficiaire", _("Bénéficiaire")
        RECIPIENT = "recipiendaire", _("Récipiendaire")
        OBSERVER = "observateur", _("Observateur")
        TRAINING = "formation", _("Formation")

    class Status(models.TextChoices):
        CANDIDATE = "candidat", _("Candidat")
        CONFIRMED = "confirme", _("Confirmé")

    roadmap = models.ForeignKey(Roadmap, on_delete=models.CASCADE, related_name="members")
    organisation = models.ForeignKey(
        Organisation,
        verbose_name=_("structure"),
        on_delete=models.PROTECT,
        related_name="memberships",
    )
    roles = models.JSONField(_("rôles"), default=list, blank=True)
    status = models.CharField(_("statut"), max_length=10, choices=Status, default=Status.CANDIDATE)
    political_first_name = models.CharField(_("prénom"), max_length=80, blank=True)
    political_last_name = models.CharField(_("nom"), max_length=80, blank=True)
    political_function = models.CharField(_("fonction"), max_length=150, blank=True)
    political_email = models.EmailField(_("courriel"), blank=True)
    technical_first_name = models.CharField(_("prénom"), max_length=80, blank=True)
    technical_last_name = models.CharField(_("nom"), max_length=80, blank=True)
    technical_function = models.CharField(_("fonction"), max_length=150, blank=True)
    technical_email = models.EmailField(_("courriel"), blank=True)

    class Meta:
        ordering = ["roadmap", "organisation__name"]
        constraints = [
            models.UniqueConstraint(
                fields=["roadmap", "organisation"], name="member_once_per_roadmap"
            )
        ]
        verbose_name = _("membre de la gouvernance")
        verbose_name_plural = _("membres de la gouvernance")

    def __str__(self) -> str:
        return self.organisation.name

    @property
    def label(self) -> str:
        """The short name when there is one: diagrams and tables are narrow."""
        return self.organisation.short_name or self.organisation.name

    @property
    def role_labels(self) -> list[str]:
        labels = dict(self.Role.choices)
        return [str(labels[role]) for role in self.roles if role in labels]

    def has_role(self, role: str) -> bool:
        return role in self.roles

    @staticmethod
    def _contact(first: str, last: str, function: str, email: str) -> str:
        name = " ".join(part for part in (first, last) if part)
        return ", ".join(part for part in (name, function, email) if part)

    @property
    def political_contact(self) -> str:
        return self._contact(
            self.political_first_name,
            self.political_last_name,
            self.political_function,
            self.political_email,
        )

    @property
    def technical_contact(self) -> str:
        return self._contact(
            self.technical_first_name,
            self.technical_last_name,
            self.technical_function,
            self.technical_email,
        )


class Committee(models.Model):
    """A body of the governance (comitologie): who sits there, who co-chairs, how often."""

    class Kind(models.TextChoices):
        STRATEGIC = "strategique", _("Stratégique")
        TECHNICAL = "technique", _("Technique")
        CONSULTATIVE = "consultatif", _("Consultatif")
        OTHER = "autre", _("Autre")

    class Frequency(models.TextChoices):
        MONTHLY = "mensuelle", _("Mensuelle")
        QUARTERLY = "trimestrielle", _("Trimestrielle")
        HALF_YEARLY = "semestrielle", _("Semestrielle")
        YEARLY = "annuelle", _("Annuelle")
        AS_NEEDED = "ponctuelle", _("Selon les besoins")

    roadmap = models.ForeignKey(Roadmap, on_delete=models.CASCADE, related_name="committees")
    order = models.PositiveSmallIntegerField(_("ordre"), default=0)
    kind = models.CharField(_("type"), max_length=15, choices=Kind, default=Kind.STRATEGIC)
    name = models.CharField(_("nom"), max_length=150)
    frequency = models.CharField(
        _("fréquence"), max_length=15, choices=Frequency, default=Frequency.QUARTERLY
    )
    description = models.TextField(_("rôle du comité"), blank=True)
    members = models.ManyToManyField(
        Member, through="Seat", related_name="committees", verbose_name=_("membres")
    )

    class Meta:
        ordering = ["roadmap", "order", "pk"]
        verbose_name = _("comité")
        verbose_name_plural = _("comités")

    def __str__(self) -> str:
        return self.name


class Seat(models.Model):
    """A member sitting on a committee, possibly as one of its co-chairs."""

    committee = models.ForeignKey(Committee, on_delete=models.CASCADE, related_name="seats")
    member = models.ForeignKey(Member, on_delete=models.CASCADE, related_name="seats")
    co_chair = models.BooleanField(_("co-préside"), default=False)

    class Meta:
        ordering = ["committee", "-co_chair", "member__organisation__name"]
        constraints = [
            models.UniqueConstraint(fields=["committee", "member"], name="seat_once_per_committee")
        ]
        verbose_name = _("siège")
        verbose_name_plural = _("sièges")

    def __str__(self) -> str:
        return f"{self.member} — {self.committee}"


class Meeting(models.Model):
    """A dated meeting of a committee and its minutes (relevé de décisions)."""

    committee = models.ForeignKey(Committee, on_delete=models.CASCADE, related_name="meetings")
    date = models.DateField(_("date"))
    title = models.CharField(_("objet"), max_length=200, blank=True)
    minutes = models.TextField(_("compte rendu"), blank=True)

    class Meta:
        ordering = ["committee", "date", "pk"]
        verbose_name = _("réunion")
        verbose_name_plural = _("réunions")

    def __str__(self) -> str:
        return self.title or str(self.date)


class Origin(models.Model):
    """Where an axis or a sheet came from: a workshop's idea, a vote's result…

    The label is what people read ("issu de l'atelier n°2, idée « … », 14 votes"); the workshop
    and the generic link let the app go back to the source while it exists.
    """

    origin_workshop = models.ForeignKey(
        Workshop,
        verbose_name=_("atelier d'origine"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    origin_label = models.CharField(_("origine"), max_length=300, blank=True)
    origin_votes = models.PositiveIntegerField(_("votes"), null=True, blank=True)
    origin_content_type = models.ForeignKey(
        ContentType, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    origin_object_id = models.PositiveBigIntegerField(null=True, blank=True)
    origin_object = GenericForeignKey("origin_content_type", "origin_object_id")

    class Meta:
        abstract = True


class Axis(Origin):
    """A strategic axis of the roadmap and its enjeux."""

    roadmap = models.ForeignKey(Roadmap, on_delete=models.CASCADE, related_name="axes")
    order = models.PositiveSmallIntegerField(_("ordre"), default=0)
    title = models.CharField(_("intitulé"), max_length=200)
    description = models.TextField(_("description"), blank=True)
    stakes = models.TextField(_("enjeux"), blank=True, help_text=_("Un enjeu par ligne."))

    class Meta:
        ordering = ["roadmap", "order", "pk"]
        verbose_name = _("axe stratégique")
        verbose_name_plural = _("axes stratégiques")

    def __str__(self) -> str:
        return self.title

    @property
    def stake_list(self) -> list[str]:
        return [line.strip(" -•\t") for line in self.stakes.splitlines() if line.strip(" -•\t")]


class ProjectSheet(Origin):
    """A fiche projet: what, why, who, when, and (in its lines) how much and who pays."""

    class Status(models.TextChoices):
        DRAFT = "brouillon", _("Brouillon")
        WRITING = "redaction", _("En rédaction")
        SUBMITTED = "a_valider", _("À valider")
        VALIDATED = "validee", _("Validée")
        ABANDONED = "abandonnee", _("Abandonnée")

    class SubsidyStatus(models.TextChoices):
        NONE = "aucune", _("Pas de demande")
        TO_FILE = "a_deposer", _("À déposer")
        FILED = "deposee", _("Déposée")
        IN_REVIEW = "en_cours", _("En cours d'instruction")
        ACCEPTED = "acceptee", _("Acceptée")
        REFUSED = "refusee", _("Refusée")

    roadmap = models.ForeignKey(Roadmap, on_delete=models.CASCADE, related_name="sheets")
    axis = models.ForeignKey(
        Axis,
        verbose_name=_("axe"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="sheets",
    )
    number = models.PositiveSmallIntegerField(_("numéro"), default=0)
    title = models.CharField(_("intitulé"), max_length=200)
    status = models.CharField(_("statut"), max_length=12, choices=Status, default=Status.DRAFT)
    context = models.TextField(_("contexte"), blank=True)
    description = models.TextField(_("description"), blank=True)
    objectives = models.TextField(_("objectifs"), blank=True)
    target_publics = models.TextField(_("publics cibles"), blank=True)
    carriers = models.ManyToManyField(
        Member, verbose_name=_("porteurs"), related_name="carried_sheets", blank=True
    )
    partners = models.ManyToManyField(
        Member, verbose_name=_("partenaires"), related_name="partner_sheets", blank=True
    )
    needs = models.JSONField(_("besoins"), default=list, blank=True)
    schemes = models.JSONField(_("dispositifs existants intégrés"), default=list, blank=True)
    schemes_other = models.CharField(_("autres dispositifs"), max_length=300, blank=True)
    criterion_ecosystem = models.BooleanField(default=False)
    criterion_ecosystem_why = models.TextField(blank=True)
    criterion_integrates = models.BooleanField(default=False)
    criterion_integrates_why = models.TextField(blank=True)
    criterion_standard = models.BooleanField(default=False)
    criterion_standard_why = models.TextField(blank=True)
    criterion_coordinates = models.BooleanField(default=False)
    criterion_coordinates_why = models.TextField(blank=True)
    starts_on = models.DateField(_("début"), null=True, blank=True)
    ends_on = models.DateField(_("fin"), null=True, blank=True)
    subsidy_envelope = models.CharField(_("enveloppe"), max_length=200, blank=True)
    subsidy_status = models.CharField(
        _("état de la demande"), max_length=10, choices=SubsidyStatus, default=SubsidyStatus.NONE
    )
    subsidy_requested = amount_field(_("montant demandé"), null=True, blank=True)
    subsidy_rh = amount_field(_("dont ressources humaines (ETP)"), null=True, blank=True)
    subsidy_prestation = amount_field(_("dont prestation"), null=True, blank=True)
    revision = models.PositiveIntegerField(default=1, editable=False)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        editable=False,
        related_name="+",
    )

    class Meta:
        ordering = ["roadmap", "number", "pk"]
        verbose_name = _("fiche projet")
        verbose_name_plural = _("fiches projet")

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("roadmap:sheet", kwargs={"pk": self.roadmap_id, "sheet_pk": self.pk})

    @property
    def need_labels(self) -> list[str]:
        return [str(NEED_LABELS[code]) for code in self.needs if code in NEED_LABELS]

    @property
    def scheme_labels(self) -> list[str]:
        labels = [str(SCHEME_LABELS[code]) for code in self.schemes if code in SCHEME_LABELS]
        if self.schemes_other:
            labels.append(self.schemes_other)
        return labels

    @property
    def criteria(self) -> list[dict]:
        """The four criteria, each with whether it is met and why."""
        return [
            {
                "code": code,
                "label": label,
                "met": getattr(self, f"criterion_{code}"),
                "why": getattr(self, f"criterion_{code}_why"),
            }
            for code, label in CRITERIA
        ]

    @property
    def criteria_met(self) -> int:
        return sum(1 for criterion in self.criteria if criterion["met"])

    @property
    def years(self) -> list[int]:
        if self.starts_on and self.ends_on:
            return list(range(self.starts_on.year, self.ends_on.year + 1))
        return []

    @property
    def is_strict(self) -> bool:
        """A sheet sent for validation must be complete: its completeness checks block."""
        return self.status in (self.Status.SUBMITTED, self.Status.VALIDATED)

    def cost_items(self) -> list[CostItem]:
        return [
            CostItem(
                year=line.year,
                amount=line.amount,
                category=line.category,
                nature=line.nature,
                eligible=line.eligible,
                label=line.label,
                tenured=line.tenured,
            )
            for line in self.cost_lines.all()
        ]

    def funding_items(self) -> list[FundingItem]:
        carriers = {member.pk for member in self.carriers.all()}
        return [
            FundingItem(
                funder=line.funder.label,
                amount=line.amount,
                status=line.status,
                year=line.year,
                envelope=line.envelope,
                funder_key=line.funder_id,
                is_carrier=line.funder_id in carriers,
            )
            for line in self.funding_lines.all()
        ]

    def subsidy_request(self) -> SubsidyRequest:
        if self.subsidy_status == self.SubsidyStatus.NONE and self.subsidy_requested is None:
            return SubsidyRequest()
        return SubsidyRequest(
            requested=self.subsidy_requested,
            rh=self.subsidy_rh,
            prestation=self.subsidy_prestation,
            beneficiaries=tuple(b.amount for b in self.beneficiaries.all()),
            envelope=self.subsidy_envelope,
        )

    def costing(self) -> SheetCosting:
        return summarise_sheet(costs=self.cost_items(), fundings=self.funding_items())

    def checks(self, summary: SheetCosting | None = None) -> list[Check]:
        return check_sheet(
            costing=summary or self.costing(),
            subsidy=self.subsidy_request(),
            needs=self.needs,
            strict=self.is_strict,
        )

    def figures(self) -> SheetFigures:
        return SheetFigures(
            title=self.title,
            axis=self.axis.title if self.axis_id else "",
            costs=tuple(self.cost_items()),
            fundings=tuple(self.funding_items()),
        )

    def clean(self) -> None:
        if self.starts_on and self.ends_on and self.ends_on < self.starts_on:
            raise ValidationError({"ends_on": _("La fin ne peut pas précéder le début.")})


class SheetMilestone(models.Model):
    """A dated step of a sheet (jalon): the roadmap's calendar gathers them."""

    sheet = models.ForeignKey(ProjectSheet, on_delete=models.CASCADE, related_name="milestones")
    date = models.DateField(_("date"))
    title = models.CharField(_("jalon"), max_length=200)

    class Meta:
        ordering = ["sheet", "date", "pk"]
        verbose_name = _("jalon")
        verbose_name_plural = _("jalons")

    def __str__(self) -> str:
        return self.title


class CostLine(models.Model):
    """One expense of a sheet, for one year.

    Project engineering (staff) is costed as ETP × months × monthly cost of one ETP; the other
    categories carry their amount. Salaries of tenured territorial civil servants are never
    eligible for a State subsidy.
    """

    class Category(models.TextChoices):
        ENGINEERING = "ingenierie", _("Ingénierie de projet (personnel)")
        SERVICE = "prestation", _("Prestation")
        EQUIPMENT = "equipement", _("Équipement")
        COMMUNICATION = "communication", _("Communication")
        TRAINING = "formation", _("Formation")
        OTHER = "autre", _("Autre")

    class Nature(models.TextChoices):
        OPERATING = "fonctionnement", _("Fonctionnement")
        INVESTMENT = "investissement", _("Investissement")

    sheet = models.ForeignKey(ProjectSheet, on_delete=models.CASCADE, related_name="cost_lines")
    order = models.PositiveSmallIntegerField(_("ordre"), default=0)
    year = models.PositiveSmallIntegerField(_("année"))
    category = models.CharField(
        _("catégorie"), max_length=15, choices=Category, default=Category.SERVICE
    )
    label = models.CharField(_("libellé"), max_length=200)
    nature = models.CharField(_("nature"), max_length=15, choices=Nature, default=Nature.OPERATING)
    eligible = models.BooleanField(_("éligible à une subvention de l'État"), default=True)
    tenured = models.BooleanField(
        _("fonctionnaire territorial titulaire"),
        default=False,
        help_text=_("Son salaire n'est pas éligible à une subvention de l'État."),
    )
    fte = models.DecimalField(
        _("ETP"),
        max_digits=5,
        decimal_places=2,
        null=True,
        blank=True,
        validators=[MinValueValidator(ZERO, _("Le nombre d'ETP ne peut pas être négatif."))],
    )
    months = models.DecimalField(
        _("mois"),
        max_digits=4,
        decimal_places=1,
        null=True,
        blank=True,
        validators=[MinValueValidator(ZERO, _("Le nombre de mois ne peut pas être négatif."))],
    )
    monthly_cost = amount_field(_("coût mensuel d'un ETP"), null=True, blank=True)
    amount = amount_field(_("montant"))

    class Meta:
        ordering = ["sheet", "year", "order", "pk"]
        verbose_name = _("ligne de dépense")
        verbose_name_plural = _("lignes de dépense")

    def __str__(self) -> str:
        return self.label

    @property
    def is_staff_costed(self) -> bool:
        return None not in (self.fte, self.months, self.monthly_cost)

    @property
    def is_eligible(self) -> bool:
        return is_eligible(eligible=self.eligible, tenured=self.tenured)


class FundingLine(models.Model):
    """Money from one funder (a governance member), from one envelope, for one year."""

    class Status(models.TextChoices):
        SECURED = "acquis", _("Acquis")
        REQUESTED = "sollicite", _("Sollicité")
        CONSIDERED = "envisage", _("Envisagé")

    sheet = models.ForeignKey(ProjectSheet, on_delete=models.CASCADE, related_name="funding_lines")
    order = models.PositiveSmallIntegerField(_("ordre"), default=0)
    funder = models.ForeignKey(
        Member,
        verbose_name=_("financeur"),
        on_delete=models.PROTECT,
        related_name="funding_lines",
    )
    envelope = models.CharField(_("enveloppe"), max_length=200, blank=True)
    year = models.PositiveSmallIntegerField(_("année"))
    amount = amount_field(_("montant"))
    status = models.CharField(_("statut"), max_length=10, choices=Status, default=Status.CONSIDERED)

    class Meta:
        ordering = ["sheet", "year", "order", "pk"]
        verbose_name = _("ligne de financement")
        verbose_name_plural = _("lignes de financement")

    def __str__(self) -> str:
        return f"{self.funder} — {self.amount}"


class Beneficiary(models.Model):
    """A beneficiary of the sheet's subsidy request and the part of it they receive."""

    sheet = models.ForeignKey(ProjectSheet, on_delete=models.CASCADE, related_name="beneficiaries")
    order = models.PositiveSmallIntegerField(_("ordre"), default=0)
    member = models.ForeignKey(
        Member,
        verbose_name=_("bénéficiaire"),
        on_delete=models.PROTECT,
        related_name="subsidy_shares",
    )
    amount = amount_field(_("montant"))

    class Meta:
        ordering = ["sheet", "order", "pk"]
        verbose_name = _("bénéficiaire de la subvention")
        verbose_name_plural = _("bénéficiaires de la subvention")

    def __str__(self) -> str:
        return f"{self.member} — {self.amount}"


class Indicator(models.Model):
    """A structured indicator of a sheet: from the library or custom."""

    sheet = models.ForeignKey(ProjectSheet, on_delete=models.CASCADE, related_name="indicators")
    order = models.PositiveSmallIntegerField(_("ordre"), default=0)
    code = models.CharField(_("indicateur"), max_length=40)
    name = models.CharField(_("intitulé"), max_length=200)
    unit = models.CharField(_("unité"), max_length=40)
    additive = models.BooleanField(_("additionnable entre fiches"), default=True)
    baseline = models.DecimalField(
        _("valeur de départ"), max_digits=14, decimal_places=2, null=True, blank=True
    )
    baseline_on = models.DateField(_("date de la valeur de départ"), null=True, blank=True)
    source = models.CharField(_("source"), max_length=300, blank=True)

    class Meta:
        ordering = ["sheet", "order", "pk"]
        verbose_name = _("indicateur")
        verbose_name_plural = _("indicateurs")

    def __str__(self) -> str:
        return self.name


class IndicatorTarget(models.Model):
    """The value an indicator should reach by the end of a year."""

    indicator = models.ForeignKey(Indicator, on_delete=models.CASCADE, related_name="targets")
    year = models.PositiveSmallIntegerField(_("année"))
    value = models.DecimalField(
        _("cible"),
        max_digits=14,
        decimal_places=2,
        validators=[MinValueValidator(ZERO, _("La cible ne peut pas être négative."))],
    )

    class Meta:
        ordering = ["indicator", "year"]
        constraints = [
            models.UniqueConstraint(fields=["indicator", "year"], name="one_target_per_year")
        ]
        verbose_name = _("cible")
        verbose_name_plural = _("cibles")

    def __str__(self) -> str:
        return f"{self.year} : {self.value}"


def document_path(instance: "DataSubmission", filename: str) -> str:
    """A random name: what a visitor called their file never becomes a path on our disk."""
    suffix = filename.rsplit(".", 1)[-1].lower() if "." in filename else "bin"
    return f"appel-a-donnees/{instance.roadmap.lineage}/{uuid.uuid4().hex}.{suffix}"


class DataSubmission(models.Model):
    """A document or a link sent through the public call for analysis data."""

    class Status(models.TextChoices):
        PENDING = "en_attente", _("À examiner")
        ACCEPTED = "acceptee", _("Acceptée")
        REJECTED = "refusee", _("Refusée")

    roadmap = models.ForeignKey(Roadmap, on_delete=models.CASCADE, related_name="submissions")
    category = models.CharField(_("catégorie"), max_length=20, choices=DataCategory)
    title = models.CharField(_("titre du document"), max_length=200)
    description = models.TextField(_("description"), blank=True)
    structure = models.CharField(_("structure"), max_length=200)
    contact_name = models.CharField(_("nom de la personne à contacter"), max_length=120, blank=True)
    contact_email = models.EmailField(_("courriel"), blank=True)
    file = models.FileField(_("fichier"), upload_to=document_path, blank=True, max_length=200)
    original_name = models.CharField(_("nom du fichier"), max_length=200, blank=True)
    size = models.PositiveIntegerField(_("taille (octets)"), null=True, blank=True)
    link = models.URLField(_("lien"), max_length=500, blank=True)
    status = models.CharField(_("état"), max_length=12, choices=Status, default=Status.PENDING)
    reason = models.TextField(_("motif"), blank=True)
    reviewed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    reviewed_at = models.DateTimeField(null=True, blank=True)
    submitted_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-submitted_at", "-pk"]
        verbose_name = _("document versé")
        verbose_name_plural = _("documents versés")

    def __str__(self) -> str:
        return self.title


class SheetRevision(models.Model):
    """A sheet as it was saved, to show who changed what and when (the sheet's history)."""

    sheet = models.ForeignKey(ProjectSheet, on_delete=models.CASCADE, related_name="revisions")
    number = models.PositiveIntegerField()
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    created_at = models.DateTimeField(auto_now_add=True)
    snapshot = models.JSONField(default=dict)

    class Meta:
        ordering = ["sheet", "-number"]
        constraints = [
            models.UniqueConstraint(fields=["sheet", "number"], name="sheet_revision_unique")
        ]
        verbose_name = _("version enregistrée")
        verbose_name_plural = _("historique")

    def __str__(self) -> str:
        return f"{self.sheet} — {self.number}"
