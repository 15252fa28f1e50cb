"""Running a session: the régie, the remote, the projector (logged in or by its secret link)."""

from csp.constants import SELF
from csp.decorators import csp_replace
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.clickjacking import xframe_options_sameorigin
from django.views.decorators.http import require_POST

from live import sessions, stage
from live.access import session_for_user
from live.models import LiveSession, Response
from workshops.access import facilitator_required, get_workshop_for_user

# Live sessions ------------------------------------------------------------------------------


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
    session = session_for_user(request.user, pk)
    context = stage.control_context(session=session, host=_host(request))
    return render(request, "live/control.html", context)


@facilitator_required
def remote(request: HttpRequest, pk: int) -> HttpResponse:
    """The régie as a remote for a phone held in one hand: the same panel, laid out so that
    Précédente / Suivante stay under the thumb and the activity's actions come first."""
    session = session_for_user(request.user, pk)
    context = stage.control_context(session=session, host=_host(request))
    return render(request, "live/remote.html", context)


@facilitator_required
def presenter(request: HttpRequest, pk: int) -> HttpResponse:
    """The presenter view, for a laptop beside the projector: what the room sees (the
    projector itself, framed), the clock, and the régie's panel with the notes, the timer and
    the next step."""
    session = session_for_user(request.user, pk)
    context = stage.control_context(session=session, host=_host(request))
    context["screen_url"] = reverse("workshops:screen", args=[session.pk])
    return render(request, "live/presenter.html", context)


def _control_response(request: HttpRequest, session: LiveSession) -> HttpResponse:
    """htmx: nothing to swap, the WebSocket push brings the new panel to every open view
    (live.js reloads the page if its socket is down). Without JavaScript: back to the page
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
    session = session_for_user(request.user, pk)
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
    session = session_for_user(request.user, pk)
    response = get_object_or_404(Response, pk=response_pk, session=session)
    sessions.hide_response(
        session=session, response=response, hidden=request.POST.get("hidden") == "1"
    )
    return _control_response(request, session)


@facilitator_required
@require_POST
def control_response_action(request: HttpRequest, pk: int, response_pk: int) -> HttpResponse:
    """A kind's action on one answer: move or merge an idea."""
    session = session_for_user(request.user, pk)
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
    return render(request, "live/screen.html", context)


@facilitator_required
@xframe_options_sameorigin
@csp_replace({"frame-ancestors": [SELF]})
def screen(request: HttpRequest, pk: int) -> HttpResponse:
    """The projector, for a logged-in facilitator: keyboard shortcuts drive the session. It may
    be framed by our own presenter view (and only by it: same origin)."""
    session = session_for_user(request.user, pk)
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
