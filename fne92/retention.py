"""How long participants' personal data is kept, and the purge that keeps that promise (the
personal-data page states it; `manage.py purge_personal_data` runs it, daily from cron).

Past `PERSONAL_DATA_RETENTION_DAYS` after a live session started, its participants lose their
pseudonym and structure, and the tour de table cards that are not in the directory lose what
was written on them; past the same period after a document came through the call for data, it
loses its contact's name and e-mail address. What the results are made of stays: every answer
(its content, no longer who gave it), so totals, word clouds, ranked ideas and syntheses show
the same figures; the directory (cards whose authors agreed, no names); the documents; and the
roadmap, whose governance contacts are part of what the partners sign, kept with it.
"""

import logging
from dataclasses import dataclass
from datetime import datetime, timedelta

from django.conf import settings
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from live.models import Participant, Response
from quizzes.kinds.icebreaker import KIND as ICEBREAKER
from quizzes.kinds.icebreaker import in_directory
from roadmap.models import DataSubmission

logger = logging.getLogger(__name__)


@dataclass(frozen=True)
class Purge:
    """What one run removed; a second run over the same data removes nothing."""

    days: int
    participants: int
    cards: int
    contacts: int

    @property
    def summary(self) -> str:
        return _(
            "Données personnelles de plus de %(days)s jours effacées — participant·es "
            "(pseudonyme, structure) : %(participants)s ; cartes du tour de table hors "
            "annuaire : %(cards)s ; contacts de l'appel à données : %(contacts)s."
        ) % {
            "days": self.days,
            "participants": self.participants,
            "cards": self.cards,
            "contacts": self.contacts,
        }


def purge_personal_data(*, now: datetime | None = None, days: int | None = None) -> Purge:
    """Remove the personal data older than `days` (the setting by default) and log what went."""
    days = settings.PERSONAL_DATA_RETENTION_DAYS if days is None else days
    cutoff = (now or timezone.now()) - timedelta(days=days)
    with transaction.atomic():
        participants = (
            Participant.objects.filter(session__started_at__lt=cutoff)
            .exclude(pseudonym="", structure="")
            .update(pseudonym="", structure="")
        )
        cards = _blank_cards_outside_the_directory(cutoff=cutoff)
        contacts = (
            DataSubmission.objects.filter(submitted_at__lt=cutoff)
            .exclude(contact_name="", contact_email="")
            .update(contact_name="", contact_email="")
        )
    purge = Purge(days=days, participants=participants, cards=cards, contacts=contacts)
    logger.info(purge.summary)
    return purge


def _blank_cards_outside_the_directory(*, cutoff: datetime) -> int:
    """Empty the fields of the old cards whose authors did not agree to the directory. The
    card itself stays (the tour de table's count does not change), with its fields empty."""
    blanked = []
    cards = Response.objects.filter(session__started_at__lt=cutoff, activity__kind=ICEBREAKER.name)
    for card in cards.only("pk", "hidden", "data"):
        written = {key: value for key, value in card.data.items() if key != "directory"}
        if in_directory(card.data, hidden=card.hidden) or not any(written.values()):
            continue
        card.data = {**dict.fromkeys(written, ""), "directory": card.data.get("directory") is True}
        blanked.append(card)
    Response.objects.bulk_update(blanked, ["data"], batch_size=500)
    return len(blanked)
