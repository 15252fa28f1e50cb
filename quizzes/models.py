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
    # "The same activity" across the démarche's workshops: a copy (a duplicated workshop or
    # step, the same question asked again) points to the first of its line, so the results
    # of the line can be compared side by side. None for the first one.
    lineage = models.ForeignKey(
        "self",
        verbose_name=_("même activité que"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="copies",
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
