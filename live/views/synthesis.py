"""After (or during) a session: the synthesis page, its Word document, the answers' exports."""

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone

from live import exports, synthesis
from live.access import session_for_user
from workshops.access import facilitator_required

# The synthesis --------------------------------------------------------------------------------
CONTENT_TYPES = {
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    "csv": "text/csv; charset=utf-8",
}


def _session_file(request: HttpRequest, pk: int, build, what: str, extension: str) -> HttpResponse:
    """The file `build` makes of the session (text sent as UTF-8), as a download named after
    what it is, the workshop and the day of the session."""
    session = session_for_user(request.user, pk)
    content = build(session=session)
    if isinstance(content, str):
        content = content.encode("utf-8")
    day = timezone.localtime(session.started_at).strftime("%Y-%m-%d")
    filename = f"{what}-atelier-{session.workshop.number}-{day}.{extension}"
    response = HttpResponse(content, content_type=CONTENT_TYPES[extension])
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
    return _session_file(request, pk, synthesis.compte_rendu_docx, "compte-rendu", "docx")


@facilitator_required
def answers_xlsx(request: HttpRequest, pk: int) -> HttpResponse:
    return _session_file(request, pk, exports.answers_xlsx, "reponses", "xlsx")


@facilitator_required
def answers_csv(request: HttpRequest, pk: int) -> HttpResponse:
    return _session_file(request, pk, exports.answers_csv, "reponses", "csv")


@facilitator_required
def answers_by_participant_csv(request: HttpRequest, pk: int) -> HttpResponse:
    return _session_file(
        request, pk, exports.answers_by_participant_csv, "reponses-par-participant", "csv"
    )
