"""The phones: joining with a code, the current step, answering (the HTTP path that always
works, with no JavaScript or with the WebSocket blocked)."""

from django.conf import settings
from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from common import throttle
from live import sessions, stage
from live.answers import Submission, record_answers
from live.forms import JoinForm, ProfileForm
from live.models import LiveSession, Participant
from quizzes.kinds import get_kind
from quizzes.models import Activity


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
    return render(request, "live/join.html", {"form": form}, status=status)


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
        return render(request, "live/join.html", {"form": form}, status=status)
    if _participant_id(request, session.pk):
        return redirect("workshops:phone", pk=session.pk)
    form = ProfileForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        participant = sessions.join(session=session, **form.cleaned_data)
        participants = sessions.read_participants(request.COOKIES.get(sessions.PARTICIPANT_COOKIE))
        participants[session.pk] = participant.pk
        # The phone page itself, not a redirection to it: one round trip less for a phone
        # joining (and for the server when a whole room joins). The page puts its own address
        # in the address bar (static/js/live.js); posting again only finds the participant
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
    return render(request, "live/profile.html", {"form": form, "session": session})


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
    return render(request, "live/phone_results.html", context)


def _render_phone(request: HttpRequest, context: dict, status: int = 200) -> HttpResponse:
    # Without JavaScript the page refreshes itself, except while an answer is being written.
    writing = context.get("run") is not None and context["run"].is_open and not context.get("own")
    context["auto_refresh"] = not writing
    # Also rendered at the join and answer addresses (POST): its own address is this one.
    context["phone_url"] = reverse("workshops:phone", args=[context["session"].pk])
    return render(request, "live/phone.html", context, status=status)


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
