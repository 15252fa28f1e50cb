"""After (or during) a session: the synthesis page, its Word document, the answers' exports."""

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone

from live import exports, synthesis
from live.access import session_for_user
from live.models import LiveSession
from workshops.access import facilitator_required


# The synthesis --------------------------------------------------------------------------------
def _export_name(session: LiveSession, what: str, extension: str) -> str:
    day = timezone.localtime(session.started_at).strftime("%Y-%m-%d")
    return f"{what}-atelier-{session.workshop.number}-{day}.{extension}"


def _download(content, *, content_type: str, filename: str) -> HttpResponse:
    response = HttpResponse(content, content_type=content_type)
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


@facilitator_required
def directory(request: HttpRequest, pk: int) -> HttpResponse:
    session = session_for_user(request.user, pk)
    return render(
        request,
        "live/directory.html",
        {"session": session, "cards": synthesis.directory(session=session)},
    )


@facilitator_required
def session_synthesis(request: HttpRequest, pk: int) -> HttpResponse:
    """Every activity's results, the ranked ideas and the directory of actors; printable."""
    session = session_for_user(request.user, pk)
    return render(request, "live/synthesis.html", synthesis.synthesis_context(session=session))


@facilitator_required
def synthesis_docx(request: HttpRequest, pk: int) -> HttpResponse:
    session = session_for_user(request.user, pk)
    return _download(
        synthesis.compte_rendu_docx(session=session),
        content_type="application/vnd.openxmlformats-officedocument.wordprocessingml.document",
        filename=_export_name(session, "compte-rendu", "docx"),
    )


@facilitator_required
def answers_xlsx(request: HttpRequest, pk: int) -> HttpResponse:
    session = session_for_user(request.user, pk)
    return _download(
        exports.answers_xlsx(session=session),
        content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        filename=_export_name(session, "reponses", "xlsx"),
    )


@facilitator_required
def answers_csv(request: HttpRequest, pk: int) -> HttpResponse:
    session = session_for_user(request.user, pk)
    return _download(
        exports.answers_csv(session=session).encode("utf-8"),
        content_type="text/csv; charset=utf-8",
        filename=_export_name(session, "reponses", "csv"),
    )


@facilitator_required
def answers_by_participant_csv(request: HttpRequest, pk: int) -> HttpResponse:
    session = session_for_user(request.user, pk)
    return _download(
        exports.answers_by_participant_csv(session=session).encode("utf-8"),
        content_type="text/csv; charset=utf-8",
        filename=_export_name(session, "reponses-par-participant", "csv"),
    )
