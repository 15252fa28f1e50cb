"""The census's pages. Reading: the programme's roadmap editors and its facilitators. Editing,
importing, reviewing: the roadmap's editors (coordinators). The public form: anyone."""

import segno
from django.contrib import messages
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from census import exporting, importing, submissions
from census.access import can_edit, coordinator_required, get_census_for_user
from census.coverage import census_coverage
from census.forms import (
    CoverageFilterForm,
    ImportForm,
    PlaceForm,
    PlaceLinksForm,
    PublicPlaceForm,
    new_place_base,
)
from census.models import Census, ImportBatch, PlaceSubmission
from census.standard import FIELDS, NAMES, split
from common import throttle
from common.links import absolute_url
from common.review import ACCEPT, ReviewForm
from workshops.access import staff_required
from workshops.models import Programme

EDITABLE_FIELDS = [name for name in NAMES if name not in ("id",)]


def _page(request, template: str, census: Census, context: dict, tab: str, status: int = 200):
    return render(request, template, {"census": census, "tab": tab, **context}, status=status)


@staff_required
@require_http_methods(["GET", "POST"])
def for_programme(request: HttpRequest, programme_pk: int) -> HttpResponse:
    """The census of a programme; its roadmap's editors open it the first time."""
    programme = get_object_or_404(Programme, pk=programme_pk)
    census = Census.objects.filter(programme=programme).first()
    if census is None:
        probe = Census(programme=programme)
        if not can_edit(request.user, probe):
            raise Http404
        census = Census.objects.create(programme=programme, source=programme.name)
    get_census_for_user(request.user, census.pk)
    return redirect(census)


@staff_required
@require_GET
def detail(request: HttpRequest, pk: int) -> HttpResponse:
    census = get_census_for_user(request.user, pk)
    link = _public_form_url(request, census)
    return _page(
        request,
        "census/detail.html",
        census,
        {
            "page": Paginator(census.places.select_related("organisation"), 100).get_page(
                request.GET.get("page")
            ),
            "pending": census.submissions.filter(status=PlaceSubmission.Status.PENDING).count(),
            "link": link,
            "qr_svg": segno.make(link, error="m").svg_inline(
                scale=4, dark="#1b1f24", omitsize=True
            ),
        },
        "places",
    )


@staff_required
@require_GET
def coverage(request: HttpRequest, pk: int) -> HttpResponse:
    census = get_census_for_user(request.user, pk)
    form = CoverageFilterForm(request.GET or None)
    filters = form.cleaned_data if form.is_valid() else {}
    return _page(
        request,
        "census/coverage.html",
        census,
        {
            "form": form,
            "coverage": census_coverage(
                census=census,
                service=filters.get("service", ""),
                public=filters.get("public", ""),
            ),
        },
        "coverage",
    )


# Import ----------------------------------------------------------------------------------
@coordinator_required
@require_http_methods(["GET", "POST"])
def import_file(request: HttpRequest, pk: int) -> HttpResponse:
    census = get_census_for_user(request.user, pk, edit=True)
    form = ImportForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        try:
            batch = importing.read_file(
                census=census, content=upload.read(), filename=upload.name, user=request.user
            )
        except importing.FileRefused as error:
            form.add_error("file", str(error))
        else:
            return redirect("census:import_preview", pk=census.pk, batch_pk=batch.pk)
    return _page(
        request,
        "census/import.html",
        census,
        {"form": form},
        "import",
        status=422 if form.errors else 200,
    )


@coordinator_required
@require_http_methods(["GET", "POST"])
def import_preview(request: HttpRequest, pk: int, batch_pk: int) -> HttpResponse:
    census = get_census_for_user(request.user, pk, edit=True)
    batch = get_object_or_404(ImportBatch, census=census, pk=batch_pk)
    if request.method == "POST":
        try:
            written = importing.apply_batch(batch=batch)
        except importing.BatchRefused as error:
            messages.error(request, str(error))
            return redirect("census:import_preview", pk=census.pk, batch_pk=batch.pk)
        messages.success(
            request,
            _("Import confirmé : %(new)s lieu(x) ajouté(s), %(updated)s mis à jour.")
            % {"new": written[importing.NEW], "updated": written[importing.UPDATE]},
        )
        return redirect(census)
    counts = {importing.NEW: 0, importing.UPDATE: 0, importing.UNCHANGED: 0}
    for row in batch.rows:
        counts[row["action"]] += 1
    refused_lines = len({problem["line"] for problem in batch.problems})
    return _page(
        request,
        "census/import_preview.html",
        census,
        {
            "batch": batch,
            "counts": counts,
            "refused_lines": refused_lines,
            "changing": [row for row in batch.rows if row["action"] != importing.UNCHANGED][:200],
            "can_confirm": not batch.problems
            and not batch.applied_at
            and (counts[importing.NEW] or counts[importing.UPDATE]),
        },
        "import",
    )


# Export ----------------------------------------------------------------------------------
EXPORTS = {
    "csv": (exporting.census_csv, "text/csv; charset=utf-8"),
    "json": (exporting.census_json, "application/json"),
    "xlsx": (
        exporting.census_xlsx,
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    ),
}


@staff_required
@require_GET
def export(request: HttpRequest, pk: int, suffix: str) -> HttpResponse:
    census = get_census_for_user(request.user, pk)
    if suffix not in EXPORTS:
        raise Http404
    build, content_type = EXPORTS[suffix]
    content = build(census=census)
    response = HttpResponse(
        content.encode("utf-8") if isinstance(content, str) else content,
        content_type=content_type,
    )
    filename = exporting.export_filename(census, suffix)
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


# One place -------------------------------------------------------------------------------
@coordinator_required
@require_http_methods(["GET", "POST"])
def place_edit(request: HttpRequest, pk: int, place_pk: int) -> HttpResponse:
    census = get_census_for_user(request.user, pk, edit=True)
    place = get_object_or_404(census.places, pk=place_pk)
    current = place.as_standard()
    initial = {
        name: split(current[name]) if FIELDS[name].multiple else current[name]
        for name in EDITABLE_FIELDS
    }
    form = PlaceForm(request.POST or None, names=EDITABLE_FIELDS, initial=initial)
    links = PlaceLinksForm(request.POST or None, instance=place, census=census)
    if request.method == "POST" and form.is_valid() and links.is_valid():
        values = form.check_standard(base=current)
        if values is not None:
            planned = importing.plan_rows(census=census, rows=[(0, values)])
            importing.write_plan(census=census, planned=planned)
            links.save()
            messages.success(request, _("Lieu « %(name)s » enregistré.") % {"name": values["nom"]})
            return redirect(census)
    return _page(
        request,
        "census/place_form.html",
        census,
        {"form": form, "links": links, "place": place},
        "places",
        status=422 if form.errors or links.errors else 200,
    )


# Declarations from the public form -------------------------------------------------------
def _public_form_url(request: HttpRequest, census: Census) -> str:
    return absolute_url(request, reverse("census:declare", args=[census.form_token]))


@coordinator_required
@require_GET
def declarations(request: HttpRequest, pk: int) -> HttpResponse:
    census = get_census_for_user(request.user, pk, edit=True)
    items = census.submissions.select_related("place", "reviewed_by")
    return _page(
        request,
        "census/declarations.html",
        census,
        {
            "pending": [
                _with_changes(s) for s in items if s.status == PlaceSubmission.Status.PENDING
            ],
            "reviewed": [s for s in items if s.status != PlaceSubmission.Status.PENDING][:50],
        },
        "declarations",
    )


def _with_changes(submission: PlaceSubmission) -> PlaceSubmission:
    """What a declaration would change: every field for a new place, the differences else."""
    current = submission.place.as_standard() if submission.place else {}
    submission.changes = [
        (name, current.get(name, ""), text)
        for name, text in submission.values.items()
        if text != current.get(name, "") and name not in ("id", "date_maj")
    ]
    return submission


@coordinator_required
@require_POST
def declaration_review(request: HttpRequest, pk: int, submission_pk: int) -> HttpResponse:
    census = get_census_for_user(request.user, pk, edit=True)
    submission = get_object_or_404(
        census.submissions, pk=submission_pk, status=PlaceSubmission.Status.PENDING
    )
    form = ReviewForm(request.POST)
    if not form.is_valid():
        for errors in form.errors.values():
            for error in errors:
                messages.error(request, error)
        return redirect("census:declarations", pk=census.pk)
    name = submission.values.get("nom", "")
    if form.cleaned_data["decision"] == ACCEPT:
        submissions.accept_submission(submission=submission, user=request.user)
        messages.success(request, _("« %(name)s » entre dans le recensement.") % {"name": name})
    else:
        submissions.refuse_submission(
            submission=submission, user=request.user, reason=form.cleaned_data["reason"].strip()
        )
        messages.success(request, _("Déclaration « %(name)s » refusée.") % {"name": name})
    return redirect("census:declarations", pk=census.pk)


@require_http_methods(["GET", "POST"])
def declare(request: HttpRequest, token) -> HttpResponse:
    census = get_object_or_404(Census.objects.select_related("programme"), form_token=token)
    if not census.form_open:
        return render(request, "census/declare_closed.html", {"census": census}, status=410)
    form = PublicPlaceForm(request.POST or None, census=census)
    if request.method == "POST":
        client = throttle.client_of(request)
        if submissions.too_many_submissions(client=client):
            form.is_valid()
            form.add_error(
                None,
                _(
                    "Trop de déclarations envoyées depuis cette connexion en une heure : "
                    "réessayez plus tard. Votre saisie est conservée ci-dessous."
                ),
            )
        elif form.is_valid():
            place = form.cleaned_data.get("place")
            base = (
                place.as_standard()
                if place
                else new_place_base(census=census, ident=submissions.new_ident())
            )
            base["date_maj"] = new_place_base(census=census, ident="")["date_maj"]
            values = form.check_standard(base=base)
            if values is not None:
                submissions.submit_place(
                    census=census,
                    values=values,
                    place=place,
                    contact_email=form.cleaned_data.get("contact_email", ""),
                )
                submissions.note_submission(client=client)
                return redirect("census:declare_thanks", token=census.form_token)
    return render(
        request,
        "census/declare.html",
        {"census": census, "form": form},
        status=422 if form.is_bound and form.errors else 200,
    )


@require_GET
def declare_thanks(request: HttpRequest, token) -> HttpResponse:
    census = get_object_or_404(Census, form_token=token)
    return render(request, "census/declare_thanks.html", {"census": census})
