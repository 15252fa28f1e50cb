"""Activities that participants answer, and their answers."""

from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _

# The models know the registry of kinds; the kinds never import the models (they read the
# answers through the objects the pipeline hands them), so plug-ins stay on one side.
from quizzes.kinds import get_kind


class Activity(models.Model):
    """A live activity; its kind (vote, word cloud…) says how it is answered and shown."""

    kind = models.CharField(_("type"), max_length=30)
    title = models.CharField(_("titre"), max_length=200)
    prompt = models.TextField(_("question ou consigne"), blank=True)
    config = models.JSONField(_("réglages"), default=dict, blank=True)
    # Started on the session's timer when the facilitator opens the answers (0: none).
    timer_seconds = models.PositiveIntegerField(
        _("minuteur (secondes)"),
        default=0,
        help_text=_("Lancé à l'ouverture des réponses ; 0 : pas de minuteur."),
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["title", "pk"]
        verbose_name = _("activité")
        verbose_name_plural = _("activités")

    def __str__(self) -> str:
        return self.title

    def clean(self) -> None:
        try:
            kind = get_kind(self.kind)
        except LookupError as error:
            raise ValidationError({"kind": str(error)}) from error
        self.config = kind.clean_config(self.config)


class ActivityRun(models.Model):
    """An activity in one live session: open or closed, revealed or not, and the kind's own
    state (the order of the tour de table, the phase of an idea board…)."""

    session = models.ForeignKey(
        "workshops.LiveSession", on_delete=models.CASCADE, related_name="runs"
    )
    activity = models.ForeignKey(Activity, on_delete=models.CASCADE, related_name="runs")
    is_open = models.BooleanField(_("réponses ouvertes"), default=False)
    show_results = models.BooleanField(_("résultats affichés"), default=False)
    is_revealed = models.BooleanField(_("correction dévoilée"), default=False)
    state = models.JSONField(_("état"), default=dict, blank=True)
    opened_at = models.DateTimeField(null=True, blank=True)
    closed_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["session", "activity"], name="one_run_per_activity")
        ]
        verbose_name = _("déroulé d'activité")
        verbose_name_plural = _("déroulés d'activités")

    def __str__(self) -> str:
        return f"{self.activity} ({self.session_id})"


class Response(models.Model):
    """A participant's answer. It carries the id the phone made for it; for kinds with one
    answer per person, (participant, activity) is unique: sending it again updates it."""

    client_id = models.UUIDField(_("identifiant donné par le téléphone"), db_index=True)
    session = models.ForeignKey(
        "workshops.LiveSession", on_delete=models.CASCADE, related_name="responses"
    )
    activity = models.ForeignKey(Activity, on_delete=models.CASCADE, related_name="responses")
    participant = models.ForeignKey(
        "workshops.Participant", on_delete=models.CASCADE, related_name="responses"
    )
    # "" for one-answer kinds; the answer's own id where a person posts several (ideas).
    slot = models.CharField(max_length=36, blank=True, default="")
    data = models.JSONField(_("réponse"))
    hidden = models.BooleanField(_("masquée à l'écran"), default=False)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["created_at", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["participant", "activity", "slot"], name="one_answer_per_slot"
            )
        ]
        indexes = [models.Index(fields=["session", "activity"], name="response_session_activity")]
        verbose_name = _("réponse")
        verbose_name_plural = _("réponses")

    def __str__(self) -> str:
        return f"{self.participant_id} → {self.activity_id}"
