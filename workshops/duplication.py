"""Duplicating a step (and its activity) or a whole workshop to prepare the next one.

Copies carry the texts, the plan and the activities' settings; never a session, a participant
or an answer. An activity is projected by one step only, so each copy gets its own activity.
"""

import datetime as dt

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from quizzes.authoring import copy_activity
from workshops.access import workshops_for_user
from workshops.models import AgendaItem, Step, Workshop
from workshops.steps import insert_step

STEP_FIELDS = ["kind", "title", "subtitle", "body", "notes"]


def duplicate_step(*, step: Step) -> Step:
    """A copy of `step` right after it, with a copy of its activity."""
    with transaction.atomic():
        copy = Step(**{name: getattr(step, name) for name in STEP_FIELDS})
        copy.title = _("%(title)s (copie)") % {"title": step.title}
        copy.agenda_item = step.agenda_item
        if step.activity_id:
            copy.activity = copy_activity(
                activity=step.activity,
                title=_("%(title)s (copie)") % {"title": step.activity.title},
            )
        return insert_step(workshop=step.workshop, step=copy, after=step)


def target_for(*, workshop: Workshop, number: int, user) -> Workshop | None:
    """The workshop of the programme that the copy fills: an existing one with this number
    (prepared in the rétroplanning, still empty), or None to create it. ValidationError with
    the reason when that number can't take the copy."""
    existing = Workshop.objects.filter(programme=workshop.programme, number=number).first()
    if existing is None:
        return None
    if existing.pk == workshop.pk:
        raise ValidationError(
            _("C'est le numéro de l'atelier copié : choisissez-en un autre."), code="number"
        )
    if existing.steps.exists() or existing.agenda.exists():
        raise ValidationError(
            _("L'atelier n°%(number)d a déjà des étapes : choisissez un autre numéro.")
            % {"number": number},
            code="number",
        )
    allowed = (
        not existing.facilitators.exists()
        or workshops_for_user(user).filter(pk=existing.pk).exists()
    )
    if not allowed:
        raise ValidationError(
            _("Vous n'animez pas l'atelier n°%(number)d.") % {"number": number}, code="number"
        )
    return existing


def duplicate_workshop(
    *,
    workshop: Workshop,
    number: int,
    title: str,
    starts_at: dt.datetime,
    user,
    theme: str = "",
) -> Workshop:
    """Copy the plan, the steps and the activities of `workshop` into workshop n°`number` of
    the same programme (created, or filled if it exists and is still empty)."""
    with transaction.atomic():
        target = target_for(workshop=workshop, number=number, user=user)
        if target is None:
            target = Workshop.objects.create(
                programme=workshop.programme,
                number=number,
                title=title,
                theme=theme or workshop.theme,
                starts_at=starts_at,
                venue=workshop.venue,
                address=workshop.address,
                city=workshop.city,
            )
            target.partners.set(workshop.partners.all())
            target.facilitators.set(workshop.facilitators.all())
        else:
            target.title = title
            target.starts_at = starts_at
            target.theme = theme or target.theme
            for name in ("venue", "address", "city"):
                setattr(target, name, getattr(target, name) or getattr(workshop, name))
            target.save()
            if not target.partners.exists():
                target.partners.set(workshop.partners.all())
        target.facilitators.add(user)
        agenda = {
            item.pk: AgendaItem.objects.create(workshop=target, order=item.order, title=item.title)
            for item in workshop.agenda.all()
        }
        for step in workshop.steps.select_related("activity").order_by("order", "pk"):
            Step.objects.create(
                workshop=target,
                order=step.order,
                agenda_item=agenda.get(step.agenda_item_id),
                activity=copy_activity(activity=step.activity) if step.activity_id else None,
                **{name: getattr(step, name) for name in STEP_FIELDS},
            )
    return target


def next_workshop_defaults(*, workshop: Workshop) -> dict:
    """What the duplication form proposes: the programme's first empty workshop after this
    one (n°2, planned for 4 December, after n°1), else a new number a week later."""
    later = Workshop.objects.filter(
        programme=workshop.programme, number__gt=workshop.number
    ).order_by("number")
    for candidate in later:
        if not candidate.steps.exists() and not candidate.agenda.exists():
            return {
                "number": candidate.number,
                "title": candidate.title,
                "starts_at": candidate.starts_at,
                "theme": candidate.theme,
            }
    last = Workshop.objects.filter(programme=workshop.programme).order_by("-number").first()
    number = last.number + 1
    return {
        "number": number,
        "title": workshop.title.replace(f"n°{workshop.number}", f"n°{number}"),
        "starts_at": workshop.starts_at + dt.timedelta(days=7),
        "theme": "",
    }
