"""The roadmap's pages for anyone with a link (no account): the call for analysis data, where
structures send a document or a link to a roadmap's editors."""

from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from common import throttle
from roadmap.documents import UPLOADS
from roadmap.forms import DataSubmissionForm
from roadmap.models import Roadmap


@require_http_methods(["GET", "POST"])
def data_call(request: HttpRequest, token) -> HttpResponse:
    roadmap = get_object_or_404(Roadmap, data_call_token=token)
    if not roadmap.data_call_open:
        return render(request, "roadmap/data_call_closed.html", {"roadmap": roadmap}, status=410)
    status = 200
    if request.method == "POST":
        client = throttle.client_of(request)
        if throttle.is_reached(limit=UPLOADS, client=client):
            # The typed fields again (not the file: it is not even looked at).
            form = DataSubmissionForm(request.POST, roadmap=roadmap)
            form.is_valid()
            form.errors.clear()  # only why it is refused ("no file" is not the point)
            form.add_error(
                None,
                _(
                    "Trop de documents envoyés depuis votre connexion : réessayez dans une "
                    "heure, ou envoyez un lien."
                ),
            )
            status = 429
        else:
            throttle.count(limit=UPLOADS, client=client)
            form = DataSubmissionForm(request.POST, request.FILES, roadmap=roadmap)
            if form.is_valid():
                submission = form.save(commit=False)
                submission.roadmap = roadmap
                submission.save()
                return redirect("roadmap:data_call_thanks", token=roadmap.data_call_token)
            status = 422
    else:
        form = DataSubmissionForm(roadmap=roadmap)
    return render(
        request, "roadmap/data_call.html", {"roadmap": roadmap, "form": form}, status=status
    )


@require_GET
def data_call_thanks(request: HttpRequest, token) -> HttpResponse:
    roadmap = get_object_or_404(Roadmap, data_call_token=token)
    return render(request, "roadmap/data_call_thanks.html", {"roadmap": roadmap})
