"""The roadmap's pages. Reading: a roadmap's editors and the facilitators of its programme.
Editing: its editors only (coordinators). The public call for analysis data, which anyone
with its link answers, is in `public_views.py`."""

import segno
from django.contrib import messages
from django.db import transaction
from django.db.models import Count, ProtectedError
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from common.links import absolute_url
from live import cowriting
from roadmap import cowriting as land
from roadmap import demarche, exports
from roadmap.access import (
    coordinator_required,
    edits_roadmap,
    get_roadmap_for_user,
    roadmaps_for_user,
)
from roadmap.bridge import BridgeError, axis_from_source, describe_origin, draft_sheet_from_source
from roadmap.catalogues import ENVELOPES
from roadmap.documents import content_type_of
from roadmap.forms import (
    AxisForm,
    CommitteeForm,
    EditorForm,
    IndicatorForm,
    MeetingFormSet,
    MemberForm,
    ReviewForm,
    RoadmapForm,
    RoadmapStatusForm,
)
from roadmap.governance import governance_context
from roadmap.history import sheet_history
from roadmap.models import DataSubmission, Roadmap
from roadmap.report import build_report, freeze_diagnostic, sheet_report, sheets_with_rows
from roadmap.sheet_editing import LINE_TABLES, Conflict, SheetEditor, blank_row, save_sheet
from roadmap.sources import find_source, workshop_sources
from roadmap.structures import structures_for_user
from roadmap.versions import VersionError, open_new_version
from workshops.access import staff_required

ROADMAP_CONFLICT = gettext_lazy(
    "Quelqu'un a enregistré cette feuille de route pendant que vous la modifiiez. Votre saisie "
    "est conservée ci-dessous ; vérifiez-la puis enregistrez de nouveau pour remplacer la "
    "version enregistrée."
)


def _roadmap_page(request: HttpRequest, template: str, roadmap: Roadmap, context: dict, tab: str):
    return render(request, template, {"roadmap": roadmap, "tab": tab, **context})


# Roadmaps


@staff_required
@require_GET
def roadmap_list(request: HttpRequest) -> HttpResponse:
    roadmaps = roadmaps_for_user(request.user).annotate(sheet_count=Count("sheets"))
    latest = {}
    for roadmap in roadmaps.order_by("lineage", "-version"):
        latest.setdefault(roadmap.lineage, roadmap)
    return render(
        request,
        "roadmap/list.html",
        {"roadmaps": sorted(latest.values(), key=lambda r: r.name.lower())},
    )


@coordinator_required
@require_http_methods(["GET", "POST"])
def roadmap_create(request: HttpRequest) -> HttpResponse:
    form = RoadmapForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        roadmap = form.save()
        roadmap.editors.add(request.user)
        messages.success(
            request, _("Feuille de route « %(name)s » créée.") % {"name": roadmap.name}
        )
        return redirect(roadmap)
    return render(request, "roadmap/roadmap_form.html", {"form": form})


@staff_required
@require_GET
def roadmap_detail(request: HttpRequest, pk: int) -> HttpResponse:
    roadmap = get_roadmap_for_user(request.user, pk)
    return _overview(request, roadmap, RoadmapStatusForm(instance=roadmap))


def _overview(request: HttpRequest, roadmap: Roadmap, status_form, status: int = 200):
    report = build_report(roadmap=roadmap)
    axes = list(roadmap.axes.all())
    response = _roadmap_page(
        request,
        "roadmap/detail.html",
        roadmap,
        {
            "report": report,
            "axis_groups": [
                (axis, [r for r in report.sheets if r.sheet.axis_id == axis.pk]) for axis in axes
            ],
            "loose_sheets": [r for r in report.sheets if not r.sheet.axis_id],
            "status_form": status_form,
            "versions": roadmap.versions(),
        },
        "overview",
    )
    response.status_code = status
    return response


@coordinator_required
@require_http_methods(["GET", "POST"])
@edits_roadmap(form=True)
def roadmap_edit(request: HttpRequest, roadmap: Roadmap) -> HttpResponse:
    form = RoadmapForm(request.POST or None, instance=roadmap)
    if request.method == "POST" and form.is_valid():
        with transaction.atomic():
            current = Roadmap.objects.select_for_update().get(pk=roadmap.pk)
            if form.cleaned_data.get("revision") == current.revision:
                saved = form.save(commit=False)
                saved.revision = current.revision + 1
                saved.save()
                messages.success(request, _("Feuille de route enregistrée."))
                return redirect(roadmap)
        # Someone saved in between: keep what was typed, and let the next save go through.
        data = request.POST.copy()
        data["revision"] = current.revision
        form = RoadmapForm(data, instance=current)
        form.is_valid()
        form.add_error(None, ROADMAP_CONFLICT)
    return _roadmap_page(request, "roadmap/roadmap_form.html", roadmap, {"form": form}, "overview")


@coordinator_required
@require_POST
@edits_roadmap(form=True)
def roadmap_status(request: HttpRequest, roadmap: Roadmap) -> HttpResponse:
    was_frozen = roadmap.is_frozen
    form = RoadmapStatusForm(request.POST, instance=roadmap)
    if form.is_valid():
        roadmap = form.save()
        if roadmap.is_frozen and not was_frozen:
            freeze_diagnostic(roadmap=roadmap)
        messages.success(
            request,
            _("Statut de la feuille de route : %(status)s.")
            % {"status": roadmap.get_status_display()},
        )
        return redirect(roadmap)
    # The page shows the roadmap as stored, not as the refused form left the instance.
    roadmap = get_roadmap_for_user(request.user, roadmap.pk)
    return _overview(request, roadmap, form, status=422)


@coordinator_required
@require_POST
# Opening a new version is the way to change a signed roadmap.
@edits_roadmap(open_when_signed=True)
def roadmap_new_version(request: HttpRequest, roadmap: Roadmap) -> HttpResponse:
    try:
        new = open_new_version(roadmap=roadmap, user=request.user)
    except VersionError as error:
        messages.error(request, str(error))
        return redirect(roadmap)
    messages.success(
        request,
        _("Version %(version)s ouverte, en brouillon. La version signée reste consultable.")
        % {"version": new.version},
    )
    return redirect(new)


@coordinator_required
@require_http_methods(["GET", "POST"])
# Who edits is not in the signed text: the next version's editors are chosen here.
@edits_roadmap(open_when_signed=True)
def roadmap_editors(request: HttpRequest, roadmap: Roadmap) -> HttpResponse:
    form = EditorForm(request.POST or None, roadmap=roadmap)
    if request.method == "POST":
        if remove := request.POST.get("remove"):
            editor = roadmap.editors.filter(pk=remove).first()
            if editor is None:
                raise Http404
            if roadmap.editors.count() == 1:
                messages.error(
                    request, _("Une feuille de route garde au moins un éditeur ou une éditrice.")
                )
            else:
                roadmap.editors.remove(editor)
                messages.success(
                    request,
                    _("%(name)s ne peut plus modifier cette feuille de route.")
                    % {"name": editor.get_username()},
                )
            return redirect("roadmap:editors", pk=roadmap.pk)
        if form.is_valid():
            roadmap.editors.add(form.cleaned_data["user"])
            messages.success(
                request,
                _("%(name)s peut maintenant modifier cette feuille de route.")
                % {"name": form.cleaned_data["user"].get_username()},
            )
            return redirect("roadmap:editors", pk=roadmap.pk)
    return _roadmap_page(
        request,
        "roadmap/editors.html",
        roadmap,
        {"form": form, "editors": roadmap.editors.order_by("username")},
        "overview",
    )


# Governance


@staff_required
@require_GET
def governance(request: HttpRequest, pk: int) -> HttpResponse:
    roadmap = get_roadmap_for_user(request.user, pk)
    return _roadmap_page(
        request,
        "roadmap/governance.html",
        roadmap,
        governance_context(roadmap=roadmap),
        "governance",
    )


@coordinator_required
@require_http_methods(["GET", "POST"])
@edits_roadmap(form=True)
def member_edit(
    request: HttpRequest, roadmap: Roadmap, member_pk: int | None = None
) -> HttpResponse:
    member = get_object_or_404(roadmap.members, pk=member_pk) if member_pk else None
    form = MemberForm(request.POST or None, instance=member, roadmap=roadmap)
    if request.method == "POST" and form.is_valid():
        member = form.save()
        messages.success(request, _("Membre « %(name)s » enregistré.") % {"name": member})
        if form.kept_structure:
            messages.warning(
                request,
                _(
                    "« %(name)s » est une structure déjà connue, partagée avec d'autres feuilles "
                    "de route ou ateliers : elle est reprise telle quelle, son sigle, son type et "
                    "son SIRET n'ont pas été modifiés."
                )
                % {"name": form.kept_structure},
            )
        return redirect("roadmap:governance", pk=roadmap.pk)
    return _roadmap_page(
        request,
        "roadmap/member_form.html",
        roadmap,
        {
            "form": form,
            "member": member,
            "organisations": structures_for_user(user=request.user),
        },
        "governance",
    )


@coordinator_required
@require_POST
@edits_roadmap
def member_delete(request: HttpRequest, roadmap: Roadmap, member_pk: int) -> HttpResponse:
    member = get_object_or_404(roadmap.members, pk=member_pk)
    try:
        member.delete()
    except ProtectedError:
        messages.error(
            request,
            _(
                "« %(name)s » finance ou bénéficie d'une fiche projet : retirez d'abord ses "
                "lignes de financement et de subvention."
            )
            % {"name": member},
        )
    else:
        messages.success(request, _("Membre « %(name)s » retiré.") % {"name": member})
    return redirect("roadmap:governance", pk=roadmap.pk)


@coordinator_required
@require_http_methods(["GET", "POST"])
@edits_roadmap(form=True)
def committee_edit(
    request: HttpRequest, roadmap: Roadmap, committee_pk: int | None = None
) -> HttpResponse:
    committee = get_object_or_404(roadmap.committees, pk=committee_pk) if committee_pk else None
    data = request.POST or None
    form = CommitteeForm(data, instance=committee, roadmap=roadmap)
    meetings = MeetingFormSet(data, instance=committee, prefix="meetings")
    if request.method == "POST" and form.is_valid() and meetings.is_valid():
        with transaction.atomic():
            committee = form.save()
            meetings.instance = committee
            meetings.save()
        messages.success(request, _("Comité « %(name)s » enregistré.") % {"name": committee})
        return redirect("roadmap:governance", pk=roadmap.pk)
    return _roadmap_page(
        request,
        "roadmap/committee_form.html",
        roadmap,
        {"form": form, "meetings": meetings, "committee": committee},
        "governance",
    )


@coordinator_required
@require_POST
@edits_roadmap
def committee_delete(request: HttpRequest, roadmap: Roadmap, committee_pk: int) -> HttpResponse:
    committee = get_object_or_404(roadmap.committees, pk=committee_pk)
    committee.delete()
    messages.success(request, _("Comité « %(name)s » supprimé.") % {"name": committee})
    return redirect("roadmap:governance", pk=roadmap.pk)


# Axes


@coordinator_required
@require_http_methods(["GET", "POST"])
@edits_roadmap(form=True)
def axis_edit(request: HttpRequest, roadmap: Roadmap, axis_pk: int | None = None) -> HttpResponse:
    axis = get_object_or_404(roadmap.axes, pk=axis_pk) if axis_pk else None
    initial = {} if axis else {"order": roadmap.axes.count() + 1}
    form = AxisForm(request.POST or None, instance=axis, roadmap=roadmap, initial=initial)
    if request.method == "POST" and form.is_valid():
        axis = form.save()
        messages.success(request, _("Axe « %(title)s » enregistré.") % {"title": axis.title})
        return redirect(reverse("roadmap:detail", args=[roadmap.pk]) + "#axes")
    return _roadmap_page(
        request, "roadmap/axis_form.html", roadmap, {"form": form, "axis": axis}, "overview"
    )


@coordinator_required
@require_POST
@edits_roadmap
def axis_delete(request: HttpRequest, roadmap: Roadmap, axis_pk: int) -> HttpResponse:
    axis = get_object_or_404(roadmap.axes, pk=axis_pk)
    axis.delete()
    messages.success(
        request,
        _("Axe « %(title)s » supprimé ; ses fiches restent, sans axe.") % {"title": axis.title},
    )
    return redirect(roadmap)


# Project sheets


@staff_required
@require_GET
def sheet_detail(request: HttpRequest, pk: int, sheet_pk: int) -> HttpResponse:
    roadmap = get_roadmap_for_user(request.user, pk)
    sheet = get_object_or_404(sheets_with_rows(roadmap=roadmap), pk=sheet_pk)
    return _roadmap_page(
        request,
        "roadmap/sheet_detail.html",
        roadmap,
        {"sheet": sheet, "report": sheet_report(sheet=sheet)},
        "sheets",
    )


def _sheet_form_page(request, roadmap, editor, *, conflict: Conflict | None = None, status=200):
    response = _roadmap_page(
        request,
        "roadmap/sheet_form.html",
        roadmap,
        {
            "editor": editor,
            "form": editor.form,
            "sheet": editor.sheet if editor.sheet.pk else None,
            "conflict": conflict,
            "envelopes": ENVELOPES,
        },
        "sheets",
    )
    response.status_code = status
    return response


@coordinator_required
@require_http_methods(["GET", "POST"])
@edits_roadmap(form=True)
def sheet_edit(request: HttpRequest, roadmap: Roadmap, sheet_pk: int | None = None) -> HttpResponse:
    sheet = get_object_or_404(roadmap.sheets, pk=sheet_pk) if sheet_pk else None
    if request.method == "GET":
        editor = SheetEditor(roadmap=roadmap, sheet=sheet)
        editor.compute_from_instance()
        return _sheet_form_page(request, roadmap, editor)
    add_row = request.POST.get("add_row")
    if add_row in LINE_TABLES:
        # Without JavaScript, "add a row" submits the form: show it again with one more row.
        data = request.POST.copy()
        total = f"{add_row}-TOTAL_FORMS"
        data[total] = str(int(data.get(total) or 0) + 1)
        editor = SheetEditor(roadmap=roadmap, sheet=sheet, data=data)
        editor.is_valid()
        return _sheet_form_page(request, roadmap, editor)
    editor = SheetEditor(roadmap=roadmap, sheet=sheet, data=request.POST)
    if not editor.is_valid():
        return _sheet_form_page(request, roadmap, editor, status=422)
    result = save_sheet(editor=editor, user=request.user)
    if isinstance(result, Conflict):
        # Keep what they typed; the next save replaces the version saved in between.
        data = request.POST.copy()
        data["sheet-revision"] = result.current.revision
        editor = SheetEditor(roadmap=roadmap, sheet=result.current, data=data)
        editor.is_valid()
        return _sheet_form_page(request, roadmap, editor, conflict=result, status=409)
    messages.success(request, _("Fiche « %(title)s » enregistrée.") % {"title": result.title})
    return redirect(result)


@coordinator_required
@require_POST
# The figures of a form as it is typed: nothing is stored.
@edits_roadmap(open_when_signed=True)
def sheet_preview(
    request: HttpRequest, roadmap: Roadmap, sheet_pk: int | None = None
) -> HttpResponse:
    """Totals and checks of the form as it is being typed (htmx), nothing saved."""
    sheet = get_object_or_404(roadmap.sheets, pk=sheet_pk) if sheet_pk else None
    editor = SheetEditor(roadmap=roadmap, sheet=sheet, data=request.POST)
    editor.form.is_valid()
    for formset in editor.formsets.values():
        formset.is_valid()
    editor.compute()
    return render(request, "roadmap/sheet_form.html#live", {"editor": editor, "roadmap": roadmap})


@coordinator_required
@require_GET
# An empty row for the form: nothing is stored.
@edits_roadmap(open_when_signed=True)
def sheet_row(request: HttpRequest, roadmap: Roadmap, formset: str) -> HttpResponse:
    """One more empty row of a sheet's table (htmx), and the formset's new row count."""
    if formset not in LINE_TABLES:
        raise Http404
    try:
        # The formset's current row count is the new row's index (htmx sends it).
        index = int(request.GET.get(f"{formset}-TOTAL_FORMS", ""))
    except ValueError as error:
        raise Http404 from error
    if not 0 <= index < 500:
        raise Http404
    form = blank_row(roadmap=roadmap, table=formset, index=index)
    return render(
        request,
        "roadmap/sheet_form.html#line_row",
        {"row": form, "name": formset, "index": index, "total": index + 1, "oob_total": True},
    )


@staff_required
@require_GET
def sheet_history_view(request: HttpRequest, pk: int, sheet_pk: int) -> HttpResponse:
    roadmap = get_roadmap_for_user(request.user, pk)
    sheet = get_object_or_404(roadmap.sheets, pk=sheet_pk)
    return _roadmap_page(
        request,
        "roadmap/sheet_history.html",
        roadmap,
        {"sheet": sheet, "entries": sheet_history(sheet=sheet)},
        "sheets",
    )


@coordinator_required
@require_POST
@edits_roadmap
def sheet_delete(request: HttpRequest, roadmap: Roadmap, sheet_pk: int) -> HttpResponse:
    sheet = get_object_or_404(roadmap.sheets, pk=sheet_pk)
    sheet.delete()
    messages.success(request, _("Fiche « %(title)s » supprimée.") % {"title": sheet.title})
    return redirect(roadmap)


# Indicators


@coordinator_required
@require_http_methods(["GET", "POST"])
@edits_roadmap(form=True)
def indicator_edit(
    request: HttpRequest, roadmap: Roadmap, sheet_pk: int, indicator_pk: int | None = None
) -> HttpResponse:
    sheet = get_object_or_404(roadmap.sheets, pk=sheet_pk)
    indicator = get_object_or_404(sheet.indicators, pk=indicator_pk) if indicator_pk else None
    form = IndicatorForm(request.POST or None, instance=indicator, sheet=sheet)
    if request.method == "POST" and form.is_valid():
        indicator = form.save()
        messages.success(request, _("Indicateur « %(name)s » enregistré.") % {"name": indicator})
        return redirect(reverse("roadmap:sheet", args=[roadmap.pk, sheet.pk]) + "#indicateurs")
    return _roadmap_page(
        request,
        "roadmap/indicator_form.html",
        roadmap,
        {"form": form, "sheet": sheet, "indicator": indicator},
        "sheets",
    )


@coordinator_required
@require_POST
@edits_roadmap
def indicator_delete(
    request: HttpRequest, roadmap: Roadmap, sheet_pk: int, indicator_pk: int
) -> HttpResponse:
    sheet = get_object_or_404(roadmap.sheets, pk=sheet_pk)
    indicator = get_object_or_404(sheet.indicators, pk=indicator_pk)
    indicator.delete()
    messages.success(request, _("Indicateur « %(name)s » retiré.") % {"name": indicator})
    return redirect(reverse("roadmap:sheet", args=[roadmap.pk, sheet.pk]) + "#indicateurs")


# Costing roll-ups, indicators roll-up, exports


@staff_required
@require_GET
def costing_rollup(request: HttpRequest, pk: int) -> HttpResponse:
    roadmap = get_roadmap_for_user(request.user, pk)
    report = build_report(roadmap=roadmap)
    return _roadmap_page(
        request,
        "roadmap/costing.html",
        roadmap,
        {"report": report, "charts": report.charts()},
        "costing",
    )


@staff_required
@require_GET
def indicators_rollup(request: HttpRequest, pk: int) -> HttpResponse:
    roadmap = get_roadmap_for_user(request.user, pk)
    report = build_report(roadmap=roadmap)
    return _roadmap_page(
        request, "roadmap/indicators.html", roadmap, {"report": report}, "indicators"
    )


@staff_required
@require_GET
def print_view(request: HttpRequest, pk: int) -> HttpResponse:
    roadmap = get_roadmap_for_user(request.user, pk)
    report = build_report(roadmap=roadmap)
    return render(
        request,
        "roadmap/print.html",
        {"roadmap": roadmap, "report": report, "charts": report.charts()}
        | governance_context(roadmap=roadmap),
    )


@staff_required
@require_GET
def export_docx(request: HttpRequest, pk: int) -> HttpResponse:
    roadmap = get_roadmap_for_user(request.user, pk)
    response = HttpResponse(
        exports.roadmap_docx(roadmap=roadmap),
        content_type="application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    )
    response["Content-Disposition"] = (
        f'attachment; filename="{exports.export_filename(roadmap, "docx")}"'
    )
    return response


@staff_required
@require_GET
def export_xlsx(request: HttpRequest, pk: int) -> HttpResponse:
    roadmap = get_roadmap_for_user(request.user, pk)
    response = HttpResponse(
        exports.costing_xlsx(roadmap=roadmap),
        content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    )
    filename = exports.export_filename(roadmap, "xlsx").replace(".xlsx", "-chiffrage.xlsx")
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


# The call for analysis data


def _public_data_call_url(request: HttpRequest, roadmap: Roadmap) -> str:
    return absolute_url(request, reverse("roadmap:data_call", args=[roadmap.data_call_token]))


@coordinator_required
@require_GET
# Documents keep arriving after the signature (the call stays open until closed).
@edits_roadmap(open_when_signed=True)
def documents(request: HttpRequest, roadmap: Roadmap) -> HttpResponse:
    submissions = roadmap.submissions.select_related("reviewed_by")
    link = _public_data_call_url(request, roadmap)
    qr = segno.make(link, error="m")
    return _roadmap_page(
        request,
        "roadmap/documents.html",
        roadmap,
        {
            "pending": [s for s in submissions if s.status == DataSubmission.Status.PENDING],
            "reviewed": [s for s in submissions if s.status != DataSubmission.Status.PENDING],
            "link": link,
            "qr_svg": qr.svg_inline(scale=5, dark="#1b1f24", omitsize=True),
            "review_form": ReviewForm(),
        },
        "documents",
    )


@coordinator_required
@require_POST
# Documents keep arriving after the signature (the call stays open until closed).
@edits_roadmap(open_when_signed=True)
def document_review(request: HttpRequest, roadmap: Roadmap, doc_pk: int) -> HttpResponse:
    submission = get_object_or_404(roadmap.submissions, pk=doc_pk)
    form = ReviewForm(request.POST)
    if form.is_valid():
        submission.status = form.cleaned_data["decision"]
        submission.reason = form.cleaned_data["reason"].strip()
        submission.reviewed_by = request.user
        submission.reviewed_at = timezone.now()
        submission.save()
        messages.success(
            request,
            _("« %(title)s » : %(status)s.")
            % {"title": submission.title, "status": submission.get_status_display().lower()},
        )
        return redirect("roadmap:documents", pk=roadmap.pk)
    return _roadmap_page(
        request,
        "roadmap/document_review.html",
        roadmap,
        {"submission": submission, "form": form},
        "documents",
    )


@coordinator_required
@require_GET
# Documents keep arriving after the signature (the call stays open until closed).
@edits_roadmap(open_when_signed=True)
def document_file(request: HttpRequest, roadmap: Roadmap, doc_pk: int) -> FileResponse:
    submission = get_object_or_404(roadmap.submissions, pk=doc_pk)
    if not submission.file:
        raise Http404
    try:
        handle = submission.file.open("rb")
    except FileNotFoundError as error:
        raise Http404 from error
    response = FileResponse(
        handle,
        as_attachment=True,
        filename=submission.original_name or submission.file.name.rsplit("/", 1)[-1],
        content_type=content_type_of(submission.file.name),
    )
    response["Content-Security-Policy"] = "default-src 'none'; sandbox"
    return response


# From the workshops


@staff_required
@require_GET
def from_workshops(request: HttpRequest, pk: int) -> HttpResponse:
    """What the workshops produced (vote results, ideas), ready to become axes or sheets."""
    roadmap = get_roadmap_for_user(request.user, pk)
    return _roadmap_page(
        request,
        "roadmap/from_workshops.html",
        roadmap,
        {
            "groups": workshop_sources(roadmap=roadmap),
            "axes": roadmap.axes.all(),
            "cowritten": cowritten_sheets(roadmap=roadmap),
        },
        "workshops",
    )


@staff_required
@require_GET
def demarche_page(request: HttpRequest, pk: int) -> HttpResponse:
    """The whole démarche: what each workshop produced and what became of it in the roadmap."""
    roadmap = get_roadmap_for_user(request.user, pk)
    return _roadmap_page(
        request,
        "roadmap/demarche.html",
        roadmap,
        {
            "traces": demarche.demarche_trace(roadmap=roadmap, user=request.user),
            "elsewhere": demarche.without_workshop(roadmap=roadmap),
        },
        "demarche",
    )


@staff_required
@require_GET
def demarche_docx(request: HttpRequest, pk: int) -> HttpResponse:
    roadmap = get_roadmap_for_user(request.user, pk)
    response = HttpResponse(
        demarche.demarche_docx(roadmap=roadmap, user=request.user),
        content_type="application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    )
    filename = exports.export_filename(roadmap, "docx").replace(".docx", "-demarche.docx")
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


def cowritten_sheets(*, roadmap: Roadmap) -> list[dict]:
    """Each co-writing activity of the programme with its groups' sheets, and the draft sheet
    each became when landed."""
    return [
        {
            "run": run,
            "groups": [
                {
                    "group": group,
                    "title": land.sheet_title(group),
                    "sheet": land.landed_sheet(roadmap=roadmap, group=group),
                }
                for group in cowriting.groups_of(run)
            ],
        }
        for run in land.cowrite_runs(roadmap=roadmap)
    ]


@coordinator_required
@require_POST
@edits_roadmap
def from_workshops_cowritten(request: HttpRequest, roadmap: Roadmap) -> HttpResponse:
    """The sheets co-written during a workshop become draft sheets (once: again, nothing new)."""
    run = next(
        (r for r in land.cowrite_runs(roadmap=roadmap) if str(r.pk) == request.POST.get("run")),
        None,
    )
    if run is None:
        messages.error(request, _("Cette co-rédaction n'existe plus ; la liste est à jour."))
        return redirect("roadmap:from_workshops", pk=roadmap.pk)
    try:
        sheets = land.land_sheets(roadmap=roadmap, run=run, user=request.user)
    except BridgeError as error:
        messages.error(request, str(error))
        return redirect("roadmap:from_workshops", pk=roadmap.pk)
    messages.success(
        request,
        _("%(count)d fiches en brouillon, avec leur origine : relisez-les et complétez-les.")
        % {"count": len(sheets)},
    )
    return redirect(reverse("roadmap:from_workshops", args=[roadmap.pk]) + "#fiches-co-redigees")


@coordinator_required
@require_POST
@edits_roadmap
def from_workshops_create(request: HttpRequest, roadmap: Roadmap) -> HttpResponse:
    """One action: an idea or a vote's result becomes a draft sheet or an axis."""
    source = find_source(roadmap=roadmap, reference=request.POST.get("source", ""))
    if source is None:
        messages.error(request, _("Ce résultat d'atelier n'existe plus ; la liste est à jour."))
        return redirect("roadmap:from_workshops", pk=roadmap.pk)
    workshop = source.run.session.workshop
    label = describe_origin(
        workshop=workshop, kind=source.kind, text=source.text, votes=source.votes
    )
    common = {
        "roadmap": roadmap,
        "title": source.text,
        "description": source.description,
        "origin_workshop": workshop,
        "origin_label": label,
        "votes": source.votes,
        "source": source.run,
        "user": request.user,
    }
    try:
        if request.POST.get("target") == "axis":
            created = axis_from_source(**common)
            messages.success(request, _("Axe créé : %(label)s.") % {"label": label})
            return redirect(reverse("roadmap:detail", args=[roadmap.pk]) + "#axes")
        axis = roadmap.axes.filter(pk=request.POST.get("axis") or 0).first()
        created = draft_sheet_from_source(**common, axis=axis)
    except BridgeError as error:
        messages.error(request, str(error))
        return redirect("roadmap:from_workshops", pk=roadmap.pk)
    messages.success(request, _("Fiche brouillon créée : %(label)s.") % {"label": label})
    return redirect(created)
