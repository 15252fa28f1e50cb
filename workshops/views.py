"""Preparing workshops: the dashboard, a workshop's steps and activities, the rétroplanning."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Count, Prefetch
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from quizzes import authoring
from quizzes.kinds import KINDS, get_kind
from workshops import duplication
from workshops.access import (
    facilitator_required,
    get_workshop_for_user,
    programmes_for_user,
    staff_required,
    workshops_for_user,
)
from workshops.forms import (
    PreparationNoteForm,
    StepForm,
    StepPlacementForm,
    WorkshopDuplicateForm,
)
from workshops.models import Programme, Step
from workshops.slides import slide_context
from workshops.steps import add_activity_step
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
    sessions = workshop.sessions.annotate(participant_count=Count("participants"))
    activity_ids = [step.activity_id for step in steps if step.activity_id]
    return {
        "workshop": workshop,
        "steps": steps,
        # Activities also run in another workshop of the démarche: their results compare.
        "compared": authoring.has_lineage(activity_ids=activity_ids),
        "has_earlier": workshop.programme.workshops.filter(number__lt=workshop.number).exists(),
        "agenda": workshop.agenda.all(),
        "open_sessions": [s for s in sessions if s.is_open],
        "past_sessions": [s for s in sessions if not s.is_open],
    }


@facilitator_required
def workshop_detail(request: HttpRequest, pk: int) -> HttpResponse:
    workshop = get_workshop_for_user(request.user, pk)
    return render(request, "workshops/workshop_detail.html", _workshop_context(workshop))


@facilitator_required
@require_POST
def preparation_note(request: HttpRequest, pk: int) -> HttpResponse:
    """Change or clear the note shown on the workshop's page (« Proposition à adapter… »)."""
    workshop = get_workshop_for_user(request.user, pk)
    form = PreparationNoteForm(request.POST, instance=workshop)
    if form.is_valid():
        form.save()
        messages.success(request, _("Note de préparation enregistrée."))
    else:
        messages.error(request, " ".join(form.errors["preparation_note"]))
    return redirect("workshops:workshop", pk=workshop.pk)


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
    form = StepForm(
        request.POST if request.method == "POST" else None, instance=step, workshop=workshop
    )
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


# Authoring activities ----------------------------------------------------------------------
def _kind_or_404(name: str):
    try:
        return get_kind(name)
    except LookupError:
        raise Http404(_("Type d'activité inconnu.")) from None


def _empty_activity_step(workshop, request: HttpRequest) -> Step | None:
    """The placeholder step ("Activité", nothing attached yet) the new activity fills."""
    pk = request.GET.get("etape") or request.POST.get("etape")
    if not pk or not str(pk).isdigit():
        return None
    return get_object_or_404(workshop.steps, pk=pk, kind=Step.Kind.ACTIVITY, activity__isnull=True)


@facilitator_required
def activity_kinds(request: HttpRequest, pk: int) -> HttpResponse:
    """First choose the kind of the new activity."""
    workshop = get_workshop_for_user(request.user, pk)
    return render(
        request,
        "workshops/activity_kinds.html",
        {
            "workshop": workshop,
            "kinds": KINDS.values(),
            "placeholder": _empty_activity_step(workshop, request),
            "after": request.GET.get("apres", ""),
        },
    )


@facilitator_required
@require_http_methods(["GET", "POST"])
def activity_add(request: HttpRequest, pk: int, kind: str) -> HttpResponse:
    """The new activity's form (its kind's settings) with a preview; saving adds its step."""
    workshop = get_workshop_for_user(request.user, pk)
    kind = _kind_or_404(kind)
    placeholder = _empty_activity_step(workshop, request)
    data = request.POST if request.method == "POST" else None
    forms_ = authoring.activity_forms(kind=kind, data=data)
    if placeholder is None:
        placement = StepPlacementForm(
            data, workshop=workshop, initial={"after": request.GET.get("apres") or None}
        )
    else:
        placement = None
    if request.method == "POST" and request.POST.get("intent") != "preview":
        step = _save_new_activity(
            workshop=workshop, forms_=forms_, placement=placement, placeholder=placeholder
        )
        if step is not None:
            messages.success(
                request,
                _("Activité « %(title)s » ajoutée à l'atelier.") % {"title": step.activity},
            )
            return redirect(reverse("workshops:workshop", args=[workshop.pk]) + f"#step-{step.pk}")
    return _activity_page(
        request, workshop=workshop, forms_=forms_, placement=placement, placeholder=placeholder
    )


def _save_new_activity(*, workshop, forms_, placement, placeholder) -> Step | None:
    """The activity and its step, or None (every form keeps its errors and what was typed)."""
    placement_ok = placement is None or placement.is_valid()
    with transaction.atomic():
        activity = authoring.save_activity(forms_=forms_)
        if activity is None or not placement_ok:
            transaction.set_rollback(True)
            return None
        if placeholder is not None:
            placeholder.activity = activity
            placeholder.save(update_fields=["activity"])
            return placeholder
        return add_activity_step(
            workshop=workshop,
            activity=activity,
            after=placement.cleaned_data["after"],
            agenda_item=placement.cleaned_data["agenda_item"],
        )


@facilitator_required
@require_http_methods(["GET", "POST"])
def activity_edit(request: HttpRequest, pk: int, step_pk: int) -> HttpResponse:
    workshop = get_workshop_for_user(request.user, pk)
    step = get_object_or_404(
        workshop.steps.select_related("activity"), pk=step_pk, activity__isnull=False
    )
    activity = step.activity
    kind = _kind_or_404(activity.kind)
    data = request.POST if request.method == "POST" else None
    forms_ = authoring.activity_forms(kind=kind, data=data, activity=activity)
    saving = request.method == "POST" and request.POST.get("intent") != "preview"
    if saving and authoring.save_activity(forms_=forms_, activity=activity) is not None:
        messages.success(request, _("Activité « %(title)s » enregistrée.") % {"title": activity})
        return redirect(reverse("workshops:workshop", args=[workshop.pk]) + f"#step-{step.pk}")
    return _activity_page(request, workshop=workshop, forms_=forms_, step=step)


def _activity_page(request, *, workshop, forms_, step=None, placement=None, placeholder=None):
    activity = step.activity if step else None
    previewing = request.method == "POST" and request.POST.get("intent") == "preview"
    if previewing:
        preview = authoring.preview(forms_=forms_, current=activity.config if activity else None)
    elif activity is not None:
        preview = authoring.preview_of(activity=activity)
    else:
        preview = authoring.preview_of_defaults(kind=forms_.kind)
    context = {
        **preview,
        "preview_ok": preview["ok"],
        "workshop": workshop,
        "kind": forms_.kind,
        "activity_form": forms_.activity,
        "settings_form": forms_.settings,
        "placement": placement,
        "placeholder": placeholder,
        "step": step,
        "answer_count": activity.responses.count() if activity else 0,
    }
    if request.htmx and previewing:
        return render(request, "workshops/activity_form.html#preview", context)
    status = 400 if request.method == "POST" and not previewing else 200
    return render(request, "workshops/activity_form.html", context, status=status)


@facilitator_required
@require_POST
def step_duplicate(request: HttpRequest, pk: int, step_pk: int) -> HttpResponse:
    workshop = get_workshop_for_user(request.user, pk)
    step = get_object_or_404(workshop.steps.select_related("activity"), pk=step_pk)
    copy = duplication.duplicate_step(step=step)
    messages.success(request, _("Étape dupliquée : « %(title)s ».") % {"title": copy.title})
    return redirect(reverse("workshops:workshop", args=[workshop.pk]) + f"#step-{copy.pk}")


@facilitator_required
@require_http_methods(["GET", "POST"])
def workshop_duplicate(request: HttpRequest, pk: int) -> HttpResponse:
    """Prepare the next workshop from this one: plan, steps and activities, no answers."""
    workshop = get_workshop_for_user(request.user, pk)
    form = WorkshopDuplicateForm(
        request.POST if request.method == "POST" else None,
        initial=duplication.next_workshop_defaults(workshop=workshop),
    )
    if request.method == "POST" and form.is_valid():
        try:
            copy = duplication.duplicate_workshop(
                workshop=workshop, user=request.user, **form.cleaned_data
            )
        except ValidationError as error:
            form.add_error("number", error)
        else:
            messages.success(
                request,
                _("« %(title)s » est prêt : plan, étapes et activités copiés.") % {"title": copy},
            )
            return redirect("workshops:workshop", pk=copy.pk)
    status = 400 if form.errors else 200
    return render(
        request,
        "workshops/workshop_duplicate.html",
        {"workshop": workshop, "form": form},
        status=status,
    )


@staff_required
def retroplanning(request: HttpRequest, slug: str) -> HttpResponse:
    programme = get_object_or_404(programmes_for_user(request.user), slug=slug)
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
