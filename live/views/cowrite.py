"""The co-writing pages of a phone: its group's sheet (written field by field, autosaved over
its own WebSocket by static/js/cowrite.js, or one field at a time as a plain form without
JavaScript), moving to another group, reading a sheet, reacting to it at the restitution."""

from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from live import cowriting, stage
from live.models import ActivityRun, CowriteGroup
from live.views.participants import _participant_or_redirect
from quizzes.kinds.cowrite import KIND, SHEET_FIELDS


def current_run(session) -> ActivityRun | None:
    """The co-writing the session is on, else the last one it ran (a phone coming back to its
    sheet after the projector moved on)."""
    step, run = stage.step_and_run(session) if session.is_open else (None, None)
    if run is not None and run.activity.kind == KIND.name:
        return run
    return (
        ActivityRun.objects.filter(session=session, activity__kind=KIND.name)
        .select_related("activity")
        .order_by("-opened_at", "-pk")
        .first()
    )


def sheet_context(*, group: CowriteGroup, edits: dict | None = None) -> dict:
    """The fields of a group's sheet as the page shows them; `edits` keeps what a plain form
    sent (refused or in conflict) in place of the stored text, with its message."""
    stored = cowriting.fields_of(group)
    edits = edits or {}
    fields = []
    for spec in SHEET_FIELDS:
        field = stored.get(spec.name)
        edit = edits.get(spec.name, {})
        fields.append(
            {
                "spec": spec,
                "text": edit.get("text", field.text if field else ""),
                "version": edit.get("version", field.version if field else 0),
                "error": edit.get("error", ""),
                "theirs": edit.get("theirs"),
            }
        )
    return {"group": group, "fields": fields}


def _page(request, session, participant, *, edits=None, status=200) -> HttpResponse:
    run = current_run(session)
    group = cowriting.place(run=run, participant=participant) if run else None
    context = {"session": session, "participant": participant, "run": run}
    if group is not None:
        context.update(sheet_context(group=group, edits=edits))
        context.update(
            members=cowriting.members(group),
            groups=cowriting.groups_of(run),
            history=cowriting.history(group)[-30:][::-1],
            writing_open=cowriting.writing_open(run),
        )
    return render(request, "live/cowrite.html", context, status=status)


def cowrite(request: HttpRequest, pk: int) -> HttpResponse:
    session, participant, redirection = _participant_or_redirect(request, pk)
    if redirection:
        return redirection
    return _page(request, session, participant)


def _group_of_member(session, participant) -> CowriteGroup:
    run = current_run(session)
    group = cowriting.group_of(run=run, participant=participant) if run else None
    if group is None:
        raise Http404(_("Vous n'êtes dans aucun groupe."))
    return group


@require_POST
def cowrite_save(request: HttpRequest, pk: int) -> HttpResponse:
    """One field, as a plain form: stored, merged, or shown back with both texts."""
    session, participant, redirection = _participant_or_redirect(request, pk)
    if redirection:
        return redirection
    group = _group_of_member(session, participant)
    name = request.POST.get("name", "")
    try:
        version = int(request.POST.get("version", ""))
    except ValueError:
        version = 0
    outcome = cowriting.write_field(
        group=group,
        participant=participant,
        name=name,
        text=request.POST.get("text", ""),
        base_version=version,
    )
    if outcome.ok:
        return redirect(reverse("workshops:cowrite", args=[session.pk]) + f"#champ-{name}")
    edit = {"text": outcome.text, "version": outcome.version, "error": outcome.error}
    if outcome.conflict:
        edit["theirs"] = outcome.theirs
    return _page(request, session, participant, edits={name: edit}, status=400)


@require_POST
def cowrite_move(request: HttpRequest, pk: int) -> HttpResponse:
    """Join another group of the same activity."""
    session, participant, redirection = _participant_or_redirect(request, pk)
    if redirection:
        return redirection
    run = current_run(session)
    group = CowriteGroup.objects.filter(run=run, pk=request.POST.get("group") or 0).first()
    if run is None or group is None:
        raise Http404(_("Ce groupe n'existe pas."))
    cowriting.place(run=run, participant=participant, group=group)
    return redirect("workshops:cowrite", pk=session.pk)


def _session_group(session, group_pk: int) -> CowriteGroup:
    return get_object_or_404(
        CowriteGroup.objects.select_related("run"), pk=group_pk, run__session=session
    )


def cowrite_sheet(request: HttpRequest, pk: int, group_pk: int) -> HttpResponse:
    """A group's sheet, to read (the restitution, on the phone)."""
    session, participant, redirection = _participant_or_redirect(request, pk)
    if redirection:
        return redirection
    group = _session_group(session, group_pk)
    context = {"session": session, "participant": participant, "members": cowriting.members(group)}
    context.update(sheet_context(group=group))
    return render(request, "live/cowrite_sheet.html", context)


@require_POST
def cowrite_react(request: HttpRequest, pk: int, group_pk: int) -> HttpResponse:
    """Support, reservation or comment on a sheet, from the phone at the restitution."""
    session, participant, redirection = _participant_or_redirect(request, pk)
    if redirection:
        return redirection
    group = _session_group(session, group_pk)
    try:
        cowriting.react(
            group=group,
            participant=participant,
            kind=request.POST.get("kind", ""),
            comment=request.POST.get("comment", ""),
        )
    except cowriting.CowriteError as error:
        context = {
            "session": session,
            "participant": participant,
            "members": cowriting.members(group),
            "react_error": str(error),
            "comment": request.POST.get("comment", ""),
            "react": True,
        }
        context.update(sheet_context(group=group))
        return render(request, "live/cowrite_sheet.html", context, status=400)
    return render(
        request,
        "live/cowrite_sheet.html",
        {
            "session": session,
            "participant": participant,
            "members": cowriting.members(group),
            "reacted": True,
            **sheet_context(group=group),
        },
    )
