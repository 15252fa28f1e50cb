"""What the kinds with a correct answer share: once the correction is revealed, an answer can
no longer be changed (the room has seen the right one), even if the facilitator left the
answers open."""

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _


class RefusedAfterReveal:
    """Mix in before the kind's base class."""

    graded = True

    def check_in_run(self, *, run, participant_id: int, slot: str, answer: dict) -> dict:
        if run.is_revealed:
            raise ValidationError(
                _("La correction est dévoilée : votre réponse précédente est conservée."),
                code="revealed",
            )
        return super().check_in_run(
            run=run, participant_id=participant_id, slot=slot, answer=answer
        )
