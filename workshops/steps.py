"""Placing steps in a workshop's order: at the end, or right after a given step."""

from django.db import transaction

from workshops.models import Step, Workshop


def insert_step(*, workshop: Workshop, step: Step, after: Step | None = None) -> Step:
    """Save `step` in `workshop`, right after `after` (at the end when None); the steps
    below move down one place."""
    with transaction.atomic():
        steps = list(workshop.steps.select_for_update().order_by("order", "pk"))
        position = len(steps)
        if after is not None:
            position = next((i + 1 for i, s in enumerate(steps) if s.pk == after.pk), position)
        step.workshop = workshop
        step.order = position + 1
        step.save()
        steps.insert(position, step)
        for order, item in enumerate(steps, start=1):
            item.order = order
        Step.objects.bulk_update(steps, ["order"])
    return step


def add_activity_step(
    *, workshop: Workshop, activity, after: Step | None = None, agenda_item=None
) -> Step:
    """A new "Activité" step projecting `activity`."""
    step = Step(
        kind=Step.Kind.ACTIVITY, title=activity.title, activity=activity, agenda_item=agenda_item
    )
    return insert_step(workshop=workshop, step=step, after=after)
