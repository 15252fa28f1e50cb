from django.contrib import messages
from django.db import transaction
from django.db.models import Count, Prefetch
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from workshops.access import (
    facilitator_required,
    get_workshop_for_user,
    staff_required,
    workshops_for_user,
)
from workshops.forms import StepForm
from workshops.models import Programme, Step
from workshops.slides import slide_context
from workshops.timeline import build_timeline


@facilitator_required
def dashboard(request: HttpRequest) -> HttpResponse:
    workshops = workshops_for_user(request.user).annotate(step_count=Count("steps"))
    programmes = (
        Programme.objects.filter(workshops__in=workshops)
        .distinct()
        .prefetch_related(
            Prefetch("workshops", queryset=workshops, to_attr="my_workshops"), "carriers"
        )
    )
    return render(request, "workshops/dashboard.html", {"programmes": programmes})


def _workshop_context(workshop) -> dict:
    steps = workshop.steps.select_related("agenda_item", "activity")
    return {"workshop": workshop, "steps": steps, "agenda": workshop.agenda.all()}


@facilitator_required
def workshop_detail(request: HttpRequest, pk: int) -> HttpResponse:
    workshop = get_workshop_for_user(request.user, pk)
    return render(request, "workshops/workshop_detail.html", _workshop_context(workshop))


@facilitator_required
@require_POST
def step_move(request: HttpRequest, pk: int, step_pk: int) -> HttpResponse:
    """Move a step one place up or down (buttons, so it works by keyboard and touch)."""
    workshop = get_workshop_for_user(request.user, pk)
    direction = -1 if request.POST.get("direction") == "up" else 1
    with transaction.atomic():
        steps = list(workshop.steps.select_for_update().order_by("order", "pk"))
        index = next((i for i, s in enumerate(steps) if s.pk == step_pk), None)
        if index is None:
            return HttpResponse(status=404)
        target = index + direction
        if 0 <= target < len(steps):
            steps[index], steps[target] = steps[target], steps[index]
            for order, step in enumerate(steps, start=1):
                step.order = order
            Step.objects.bulk_update(steps, ["order"])
    moved = steps[max(0, min(target, len(steps) - 1))]
    context = _workshop_context(workshop) | {
        "moved": moved,
        "moved_direction": "up" if direction < 0 else "down",
    }
    if request.htmx:
        return render(request, "workshops/workshop_detail.html#steps", context)
    return redirect("workshops:workshop", pk=workshop.pk)


@facilitator_required
@require_http_methods(["GET", "POST"])
def step_edit(request: HttpRequest, pk: int, step_pk: int | None = None) -> HttpResponse:
    workshop = get_workshop_for_user(request.user, pk)
    step = get_object_or_404(workshop.steps, pk=step_pk) if step_pk else None
    form = StepForm(request.POST or None, instance=step, workshop=workshop)
    if request.method == "POST" and form.is_valid():
        step = form.save(commit=False)
        if step.pk is None:
            last = workshop.steps.order_by("-order").first()
            step.order = (last.order + 1) if last else 1
        step.save()
        messages.success(request, _("Étape « %(title)s » enregistrée.") % {"title": step.title})
        return redirect("workshops:workshop", pk=workshop.pk)
    context = {"workshop": workshop, "step": step, "form": form}
    if step:
        context |= slide_context(step=step)
    return render(request, "workshops/step_form.html", context)


@facilitator_required
@require_POST
def step_delete(request: HttpRequest, pk: int, step_pk: int) -> HttpResponse:
    workshop = get_workshop_for_user(request.user, pk)
    step = get_object_or_404(workshop.steps, pk=step_pk)
    step.delete()
    messages.success(request, _("Étape « %(title)s » supprimée.") % {"title": step.title})
    return redirect("workshops:workshop", pk=workshop.pk)


@staff_required
def retroplanning(request: HttpRequest, slug: str) -> HttpResponse:
    programme = get_object_or_404(Programme, slug=slug)
    return render(
        request,
        "workshops/retroplanning.html",
        {
            "programme": programme,
            "timeline": build_timeline(programme=programme),
            "phases": programme.phases.select_related("carried_by"),
            "milestones": programme.milestones.select_related("phase", "track", "workshop"),
            "tracks": programme.tracks.all(),
        },
    )
