"""Facilitators' pages of the démarche across workshops: what a workshop carries over from the
earlier ones, and the same activity's results compared across workshops."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_http_methods, require_POST

from live import carry_over, comparison
from workshops.access import facilitator_required, get_workshop_for_user, workshops_for_user


def _chosen(values: list[str]) -> set[tuple[int, str]]:
    """The ticked boxes ("run id:key") as pairs; what is malformed is ignored."""
    chosen = set()
    for value in values:
        run_id, _sep, key = value.partition(":")
        if run_id.isdigit() and key:
            chosen.add((int(run_id), key))
    return chosen


@facilitator_required
@require_http_methods(["GET", "POST"])
def carry_over_page(request: HttpRequest, pk: int) -> HttpResponse:
    """Tick the items of the earlier workshops this one starts from; fill activities with them."""
    workshop = get_workshop_for_user(request.user, pk)
    within = workshops_for_user(request.user)
    if request.method == "POST":
        items = carry_over.save_selection(
            workshop=workshop, within=within, chosen=_chosen(request.POST.getlist("item"))
        )
        messages.success(
            request,
            ngettext(
                "%(count)d élément reporté enregistré.",
                "%(count)d éléments reportés enregistrés.",
                len(items),
            )
            % {"count": len(items)},
        )
        return redirect("workshops:carry_over", pk=workshop.pk)
    carried = carry_over.carried_items(workshop=workshop)
    return render(
        request,
        "live/carry_over.html",
        {
            "workshop": workshop,
            "groups": carry_over.offers_for(workshop=workshop, within=within),
            "chosen": {f"{item.run_id}:{item.key}" for item in carried},
            "carried": carried,
            "fillable": carry_over.fillable_steps(workshop=workshop),
        },
    )


@facilitator_required
@require_POST
def carry_over_fill(request: HttpRequest, pk: int, step_pk: int) -> HttpResponse:
    """Give an activity of the workshop the carried items as its items."""
    workshop = get_workshop_for_user(request.user, pk)
    step = get_object_or_404(workshop.steps.select_related("activity"), pk=step_pk)
    if step.activity is None:
        messages.error(request, _("Cette étape n'a pas d'activité."))
        return redirect("workshops:carry_over", pk=workshop.pk)
    try:
        carry_over.fill_activity(step=step)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(
            request,
            _("« %(title)s » reprend maintenant les éléments reportés.") % {"title": step.title},
        )
    return redirect("workshops:carry_over", pk=workshop.pk)


@facilitator_required
def compare(request: HttpRequest, pk: int, step_pk: int) -> HttpResponse:
    """The results of this step's activity beside those of the same activity in the other
    workshops of the démarche (those this facilitator runs)."""
    workshop = get_workshop_for_user(request.user, pk)
    step = get_object_or_404(
        workshop.steps.select_related("activity"), pk=step_pk, activity__isnull=False
    )
    return render(
        request,
        "live/compare.html",
        {
            "workshop": workshop,
            "step": step,
            "columns": comparison.compare(
                activity=step.activity, workshops=workshops_for_user(request.user)
            ),
        },
    )
