from django.conf import settings
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Count, Prefetch
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from common import throttle
from live import exports, sessions, stage, synthesis
from live.answers import Submission, record_answers
from live.models import LiveSession, Participant, Response
from quizzes import authoring
from quizzes.kinds import KINDS, get_kind
from quizzes.models import Activity
from workshops import duplication
from workshops.access import (
    facilitator_required,
    get_workshop_for_user,
    programmes_for_user,
    staff_required,
    workshops_for_user,
)
from workshops.forms import (
    JoinForm,
    ProfileForm,
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
    return {
        "workshop": workshop,
        "steps": steps,
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


# Live sessions ------------------------------------------------------------------------------


def _get_session_for_user(user, pk: int) -> LiveSession:
    """A session of a workshop this facilitator runs; 404 otherwise."""
    return get_object_or_404(
        LiveSession.objects.select_related("workshop__programme", "current_step"),
        pk=pk,
        workshop__in=workshops_for_user(user),
    )


def _host(request: HttpRequest) -> str:
    return request.get_host()


@facilitator_required
@require_POST
def session_start(request: HttpRequest, pk: int) -> HttpResponse:
    workshop = get_workshop_for_user(request.user, pk)
    session = sessions.start_session(workshop=workshop, user=request.user)
    messages.success(
        request,
        _("Session ouverte : les participants rejoignent avec le code %(code)s.")
        % {"code": session.code},
    )
    return redirect("workshops:control", pk=session.pk)


@facilitator_required
def control(request: HttpRequest, pk: int) -> HttpResponse:
    session = _get_session_for_user(request.user, pk)
    context = stage.control_context(session=session, host=_host(request))
    return render(request, "workshops/live/control.html", context)


@facilitator_required
def remote(request: HttpRequest, pk: int) -> HttpResponse:
    """The régie as a remote for a phone held in one hand: the same panel, laid out so that
    Précédente / Suivante stay under the thumb and the activity's actions come first."""
    session = _get_session_for_user(request.user, pk)
    context = stage.control_context(session=session, host=_host(request))
    return render(request, "workshops/live/remote.html", context)


def _control_response(request: HttpRequest, session: LiveSession) -> HttpResponse:
    """htmx: nothing to swap, the WebSocket push brings the new panel to every open view
    (sessions.js reloads the page if its socket is down). Without JavaScript: back to the page
    the action came from (the régie or the remote)."""
    if request.htmx:
        return HttpResponse(status=204)
    remote_url = reverse("workshops:remote", args=[session.pk])
    if request.headers.get("referer", "").endswith(remote_url):
        return redirect(remote_url)
    return redirect("workshops:control", pk=session.pk)


@facilitator_required
@require_POST
def control_action(request: HttpRequest, pk: int) -> HttpResponse:
    session = _get_session_for_user(request.user, pk)
    action = request.POST.get("action", "")
    if not session.is_open:
        messages.error(request, _("Cette session est terminée."))
        return _control_response(request, session)
    run = sessions.run_for(session=session, step=session.current_step)
    # The projector's keys toggle; the control view's buttons say what they want.
    toggles = {
        "toggle_open": run and ("close" if run.is_open else "open"),
        "toggle_reveal": run and ("unreveal" if run.is_revealed else "reveal"),
        "toggle_join": "hide_join" if session.show_join else "show_join",
        "toggle_join_full": "hide_join_full" if session.join_full else "show_join_full",
        "timer_toggle": "timer_pause" if session.timer_started_at else "timer_start",
    }
    action = toggles.get(action, action) or ""
    try:
        if action in ("forward", "back", "page_next", "page_previous"):
            # The projector's keys: the results' next page when there is one, then the next
            # step (as a presenter remote steps through a slide's builds).
            stage.turn(
                session=session,
                forward=action in ("forward", "page_next"),
                pages_only=action.startswith("page_"),
            )
        elif action in ("next", "previous"):
            step = sessions.step_by_offset(session=session, offset=1 if action == "next" else -1)
            if step:
                sessions.go_to_step(session=session, step=step)
        elif action == "goto":
            step = get_object_or_404(session.workshop.steps, pk=request.POST.get("step"))
            sessions.go_to_step(session=session, step=step)
        elif action in ("open", "close") and run:
            sessions.set_run(session=session, run=run, is_open=action == "open")
        elif action in ("show_results", "hide_results") and run:
            sessions.set_run(session=session, run=run, show_results=action == "show_results")
        elif action in ("reveal", "unreveal") and run:
            sessions.set_run(session=session, run=run, is_revealed=action == "reveal")
        elif action.startswith("kind:") and run:
            sessions.perform_action(
                session=session,
                run=run,
                action=action.removeprefix("kind:"),
                form={key: request.POST.getlist(key) for key in request.POST},
            )
        elif action.startswith("timer_"):
            seconds = request.POST.get("seconds", "")
            sessions.timer(
                session=session,
                action=action.removeprefix("timer_"),
                seconds=int(seconds) if seconds.isdigit() else None,
            )
        elif action in ("show_join", "hide_join"):
            sessions.set_show_join(session=session, show=action == "show_join")
        elif action in ("show_join_full", "hide_join_full"):
            sessions.set_join_full(session=session, full=action == "show_join_full")
        elif action == "revoke_screen":
            sessions.revoke_screen_link(session=session)
            messages.success(request, _("L'ancien lien d'écran ne fonctionne plus."))
        elif action == "end":
            sessions.end_session(session=session)
            messages.success(request, _("Session terminée : le code ne sert plus."))
        else:
            return HttpResponse(_("Action inconnue."), status=400)
    except ValidationError as error:
        messages.error(request, error.messages[0])
    return _control_response(request, session)


@facilitator_required
@require_POST
def control_hide(request: HttpRequest, pk: int, response_pk: int) -> HttpResponse:
    session = _get_session_for_user(request.user, pk)
    response = get_object_or_404(Response, pk=response_pk, session=session)
    sessions.hide_response(
        session=session, response=response, hidden=request.POST.get("hidden") == "1"
    )
    return _control_response(request, session)


@facilitator_required
@require_POST
def control_response_action(request: HttpRequest, pk: int, response_pk: int) -> HttpResponse:
    """A kind's action on one answer: move or merge an idea."""
    session = _get_session_for_user(request.user, pk)
    response = get_object_or_404(
        Response.objects.select_related("activity"), pk=response_pk, session=session
    )
    try:
        sessions.perform_response_action(
            session=session,
            response=response,
            action=request.POST.get("action", ""),
            form={key: request.POST.getlist(key) for key in request.POST},
        )
    except ValidationError as error:
        messages.error(request, error.messages[0])
    return _control_response(request, session)


def _screen_page(request: HttpRequest, session: LiveSession, *, ws_url: str, control_url: str):
    context = stage.screen_context(session=session, host=_host(request))
    context.update(ws_url=ws_url, control_url=control_url)
    return render(request, "workshops/live/screen.html", context)


@facilitator_required
def screen(request: HttpRequest, pk: int) -> HttpResponse:
    """The projector, for a logged-in facilitator: keyboard shortcuts drive the session."""
    session = _get_session_for_user(request.user, pk)
    return _screen_page(
        request,
        session,
        ws_url=f"/ws/ecran/{session.pk}/",
        control_url=reverse("workshops:control_action", args=[session.pk]),
    )


def screen_link(request: HttpRequest, token: str) -> HttpResponse:
    """The projector through its secret, revocable link (a projector PC with no login)."""
    session = LiveSession.objects.filter(screen_token=token).select_related("workshop").first()
    if session is None:
        raise Http404(_("Ce lien d'écran n'existe pas ou a été révoqué."))
    return _screen_page(request, session, ws_url=f"/ws/ecran-lien/{token}/", control_url="")


@facilitator_required
def directory(request: HttpRequest, pk: int) -> HttpResponse:
    session = _get_session_for_user(request.user, pk)
    return render(
        request,
        "workshops/live/directory.html",
        {"session": session, "cards": synthesis.directory(session=session)},
    )


# The synthesis --------------------------------------------------------------------------------
def _export_name(session: LiveSession, what: str, extension: str) -> str:
    day = timezone.localtime(session.started_at).strftime("%Y-%m-%d")
    return f"{what}-atelier-{session.workshop.number}-{day}.{extension}"


def _download(content, *, content_type: str, filename: str) -> HttpResponse:
    response = HttpResponse(content, content_type=content_type)
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


@facilitator_required
def session_synthesis(request: HttpRequest, pk: int) -> HttpResponse:
    """Every activity's results, the ranked ideas and the directory of actors; printable."""
    session = _get_session_for_user(request.user, pk)
    return render(request, "workshops/synthesis.html", synthesis.synthesis_context(session=session))


@facilitator_required
def synthesis_docx(request: HttpRequest, pk: int) -> HttpResponse:
    session = _get_session_for_user(request.user, pk)
    return _download(
        synthesis.compte_rendu_docx(session=session),
        content_type="application/vnd.openxmlformats-officedocument.wordprocessingml.document",
        filename=_export_name(session, "compte-rendu", "docx"),
    )


@facilitator_required
def answers_xlsx(request: HttpRequest, pk: int) -> HttpResponse:
    session = _get_session_for_user(request.user, pk)
    return _download(
        exports.answers_xlsx(session=session),
        content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        filename=_export_name(session, "reponses", "xlsx"),
    )


@facilitator_required
def answers_csv(request: HttpRequest, pk: int) -> HttpResponse:
    session = _get_session_for_user(request.user, pk)
    return _download(
        exports.answers_csv(session=session).encode("utf-8"),
        content_type="text/csv; charset=utf-8",
        filename=_export_name(session, "reponses", "csv"),
    )


@facilitator_required
def answers_by_participant_csv(request: HttpRequest, pk: int) -> HttpResponse:
    session = _get_session_for_user(request.user, pk)
    return _download(
        exports.answers_by_participant_csv(session=session).encode("utf-8"),
        content_type="text/csv; charset=utf-8",
        filename=_export_name(session, "reponses-par-participant", "csv"),
    )


# Participants ----------------------------------------------------------------------------
def _participant_id(request: HttpRequest, session_id: int) -> int | None:
    return sessions.read_participants(request.COOKIES.get(sessions.PARTICIPANT_COOKIE)).get(
        session_id
    )


@require_http_methods(["GET", "POST"])
def join(request: HttpRequest) -> HttpResponse:
    """Type the 6-digit code shown on the screen."""
    form = JoinForm(request.POST if request.method == "POST" else None)
    status = 200
    if request.method == "POST" and form.is_valid():
        try:
            session = sessions.session_for_code(
                code=form.cleaned_data["code"], client=throttle.client_of(request)
            )
        except sessions.JoinError as error:
            form.add_error("code", str(error))
            status = 429 if isinstance(error, sessions.JoinThrottled) else 200
        else:
            return redirect("workshops:join_code", code=session.code)
    return render(request, "workshops/live/join.html", {"form": form}, status=status)


@require_http_methods(["GET", "POST"])
def join_code(request: HttpRequest, code: str) -> HttpResponse:
    """From the QR code, or after typing the code: an optional pseudonym and structure."""
    try:
        session = sessions.session_for_code(code=code, client=throttle.client_of(request))
    except sessions.JoinError as error:
        form = JoinForm({"code": code})
        form.is_valid()
        form.add_error("code", str(error))
        status = 429 if isinstance(error, sessions.JoinThrottled) else 404
        return render(request, "workshops/live/join.html", {"form": form}, status=status)
    if _participant_id(request, session.pk):
        return redirect("workshops:phone", pk=session.pk)
    form = ProfileForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        participant = sessions.join(session=session, **form.cleaned_data)
        participants = sessions.read_participants(request.COOKIES.get(sessions.PARTICIPANT_COOKIE))
        participants[session.pk] = participant.pk
        # The phone page itself, not a redirection to it: one round trip less for a phone
        # joining (and for the server when a whole room joins). The page puts its own address
        # in the address bar (static/js/sessions.js); posting again only finds the participant
        # already there and redirects.
        response = _render_phone(
            request, stage.phone_context(session=session, participant=participant)
        )
        response.set_cookie(
            sessions.PARTICIPANT_COOKIE,
            sessions.write_participants(participants),
            max_age=sessions.PARTICIPANT_COOKIE_AGE,
            httponly=True,
            samesite="Lax",
            secure=settings.SESSION_COOKIE_SECURE,
        )
        return response
    return render(request, "workshops/live/profile.html", {"form": form, "session": session})


def _participant_or_redirect(request: HttpRequest, pk: int):
    session = get_object_or_404(LiveSession.objects.select_related("workshop"), pk=pk)
    participant_id = _participant_id(request, session.pk)
    participant = (
        Participant.objects.filter(pk=participant_id, session=session).first()
        if participant_id
        else None
    )
    if participant is None:
        if session.is_open:
            return session, None, redirect("workshops:join_code", code=session.code)
        raise Http404(_("Cet atelier est terminé."))
    return session, participant, None


def phone(request: HttpRequest, pk: int) -> HttpResponse:
    session, participant, redirection = _participant_or_redirect(request, pk)
    if redirection:
        return redirection
    context = stage.phone_context(session=session, participant=participant)
    return _render_phone(request, context)


def phone_results(request: HttpRequest, pk: int) -> HttpResponse:
    """The text version of the results the projector shows now, for a participant's phone
    (a screen reader, a seat far from the screen). Nothing the screen does not show."""
    session, participant, redirection = _participant_or_redirect(request, pk)
    if redirection:
        return redirection
    context = {"session": session, "participant": participant}
    if session.is_open:
        step, run = stage.step_and_run(session)
        if run is not None and (run.show_results or run.is_revealed):
            context.update(stage.results_context(session=session, step=step, run=run))
    return render(request, "workshops/live/phone_results.html", context)


def _render_phone(request: HttpRequest, context: dict, status: int = 200) -> HttpResponse:
    # Without JavaScript the page refreshes itself, except while an answer is being written.
    writing = context.get("run") is not None and context["run"].is_open and not context.get("own")
    context["auto_refresh"] = not writing
    # Also rendered at the join and answer addresses (POST): its own address is this one.
    context["phone_url"] = reverse("workshops:phone", args=[context["session"].pk])
    return render(request, "workshops/live/phone.html", context, status=status)


@require_POST
def answer(request: HttpRequest, pk: int, activity_pk: int) -> HttpResponse:
    """The plain-form path: works with JavaScript off or the WebSocket blocked."""
    session, participant, redirection = _participant_or_redirect(request, pk)
    if redirection:
        return redirection
    activity = get_object_or_404(Activity, pk=activity_pk)
    kind = get_kind(activity.kind)
    form = {key: request.POST.getlist(key) for key in request.POST}
    submitted = kind.answer_from_form(form)
    [outcome] = record_answers(
        [
            Submission(
                client_id=request.POST.get("client_id", ""),
                session_id=session.pk,
                participant_id=participant.pk,
                activity_id=activity.pk,
                answer=submitted,
            )
        ]
    )
    if outcome.ok:
        messages.success(request, _("Réponse enregistrée."))
        return redirect("workshops:phone", pk=session.pk)
    # Refused: the page again, with the message and everything typed.
    context = stage.phone_context(session=session, participant=participant)
    if context.get("activity") and context["activity"].pk == activity.pk:
        context.update(
            values=submitted, error=outcome.error, client_id=outcome.submission.client_id
        )
    else:
        messages.error(request, outcome.error)
    return _render_phone(request, context, status=400)
