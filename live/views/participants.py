"""The phones: from the QR code (or the typed code) straight to the current step, the optional
profile, answering (the HTTP path that always works, with no JavaScript or with the WebSocket
blocked).

These views skip Django's CSRF check: their forms carry the participant's own token instead
(`live.sessions.participant_token`, checked here), and the participant cookie is SameSite=Lax.
Their pages are the shared render of `live.phones` with the phone's own values put in.
"""

from django.conf import settings
from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_http_methods, require_POST

from common import throttle
from live import phones, sessions, stage
from live.answers import Submission, record_answers
from live.forms import JoinForm, ProfileForm
from live.models import LiveSession, Participant
from quizzes.kinds import get_kind
from quizzes.models import Activity

FORGED = _(
    "Ce formulaire ne vient pas de cette page ou a expiré : vérifiez ce que vous avez écrit, "
    "puis envoyez-le de nouveau."
)


# Participants ----------------------------------------------------------------------------
def _participant_id(request: HttpRequest, session_id: int) -> int | None:
    return sessions.read_participants(request.COOKIES.get(sessions.PARTICIPANT_COOKIE)).get(
        session_id
    )


def _participant_of(request: HttpRequest, session: LiveSession) -> Participant | None:
    participant_id = _participant_id(request, session.pk)
    if participant_id is None:
        return None
    return Participant.objects.filter(pk=participant_id, session=session).first()


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
    return render(request, "live/join.html", {"form": form}, status=status)


@require_http_methods(["GET", "HEAD"])
def join_code(request: HttpRequest, code: str) -> HttpResponse:
    """From the QR code, or after typing the code: the current step at once, in one request.

    The first visit makes the participant, with no name (one can be given at any time from the
    phone, `profile`); a phone that comes back, or reloads, keeps its participant (the cookie).
    """
    try:
        session = sessions.session_for_code(code=code, client=throttle.client_of(request))
    except sessions.JoinError as error:
        form = JoinForm({"code": code})
        form.is_valid()
        form.add_error("code", str(error))
        status = 429 if isinstance(error, sessions.JoinThrottled) else 404
        return render(request, "live/join.html", {"form": form}, status=status)
    participant = _participant_of(request, session)
    if participant is not None:
        return _render_phone(request, session, participant)
    participant = sessions.join(session=session)
    response = _render_phone(request, session, participant, new=True)
    participants = sessions.read_participants(request.COOKIES.get(sessions.PARTICIPANT_COOKIE))
    participants[session.pk] = participant.pk
    response.set_cookie(
        sessions.PARTICIPANT_COOKIE,
        sessions.write_participants(participants),
        max_age=sessions.PARTICIPANT_COOKIE_AGE,
        httponly=True,
        samesite="Lax",
        secure=settings.SESSION_COOKIE_SECURE,
    )
    return response


def _participant_or_redirect(request: HttpRequest, pk: int):
    session = get_object_or_404(LiveSession.objects.select_related("workshop"), pk=pk)
    participant = _participant_of(request, session)
    if participant is None:
        if session.is_open:
            return session, None, redirect("workshops:join_code", code=session.code)
        raise Http404(_("Cet atelier est terminé."))
    return session, participant, None


def phone(request: HttpRequest, pk: int) -> HttpResponse:
    session, participant, redirection = _participant_or_redirect(request, pk)
    if redirection:
        return redirection
    return _render_phone(request, session, participant)


@csrf_exempt  # the participant's token instead (see the module's docstring)
@require_http_methods(["GET", "POST"])
def profile(request: HttpRequest, pk: int) -> HttpResponse:
    """A pseudonym and a structure, both optional, given or changed at any time."""
    session, participant, redirection = _participant_or_redirect(request, pk)
    if redirection:
        return redirection
    initial = {"pseudonym": participant.pseudonym, "structure": participant.structure}
    form = ProfileForm(request.POST if request.method == "POST" else None, initial=initial)
    status = 200
    if request.method == "POST":
        if not sessions.token_matches(
            participant_id=participant.pk, token=request.POST.get("token", "")
        ):
            form.is_valid()
            form.add_error(None, FORGED)
            status = 403
        elif form.is_valid():
            # No message: the phone's header shows the new name.
            sessions.set_profile(participant=participant, **form.cleaned_data)
            return redirect("workshops:phone", pk=session.pk)
        else:
            status = 400
    context = {
        "form": form,
        "session": session,
        "participant": participant,
        "participant_token": sessions.participant_token(participant.pk),
    }
    return render(request, "live/profile.html", context, status=status)


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
    return render(request, "live/phone_results.html", context)


def _render_phone(
    request: HttpRequest,
    session: LiveSession,
    participant: Participant,
    extra: dict | None = None,
    status: int = 200,
    new: bool = False,
) -> HttpResponse:
    """The phone page: the shared render with this phone's values, unless this phone sees
    something of its own (its answer, a message, a refused form). `new`: a participant who
    has just joined (no answer to look for)."""
    view = phones.view_for(session=session)
    if (
        not extra
        and view.is_shared_for(participant.pk)
        and (new or not view.has_answered(participant))
        and not len(messages.get_messages(request))
    ):
        return HttpResponse(view.page(participant), status=status)
    context = phones.phone_context(session=session, participant=participant, view=view)
    context.update(extra or {})
    context.update(phones.page_context(session, context))
    return render(request, phones.PAGE, context, status=status)


@csrf_exempt  # the participant's token instead (see the module's docstring)
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
    client_id = request.POST.get("client_id", "")
    if not sessions.token_matches(participant_id=participant.pk, token=request.POST.get("token")):
        return _refused(request, session, participant, activity, submitted, client_id, FORGED, 403)
    [outcome] = record_answers(
        [
            Submission(
                client_id=client_id,
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
    return _refused(
        request,
        session,
        participant,
        activity,
        submitted,
        outcome.submission.client_id,
        outcome.error,
        400,
    )


def _refused(request, session, participant, activity, submitted, client_id, error, status):
    """The page again, with the message and everything typed."""
    current = phones.view_for(session=session).shared.get("activity")
    if current is not None and current.pk == activity.pk:
        extra = {"values": submitted, "error": error, "client_id": client_id}
    else:
        messages.error(request, error)
        extra = None
    return _render_phone(request, session, participant, extra=extra, status=status)
