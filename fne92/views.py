"""The public pages that belong to no app: home, accessibility statement, personal data, and
the health check."""

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET

from fne92.health import failed_checks


def home(request: HttpRequest) -> HttpResponse:
    return render(request, "home.html")


def accessibility(request: HttpRequest) -> HttpResponse:
    return render(request, "accessibilite.html")


def personal_data(request: HttpRequest) -> HttpResponse:
    return render(request, "donnees_personnelles.html")


@never_cache
@require_GET
def health(request: HttpRequest) -> HttpResponse:
    """For a supervisor's poll: 200 or 503, and the reasons only in the server's log."""
    if failed_checks():
        return HttpResponse("indisponible\n", status=503, content_type="text/plain")
    return HttpResponse("ok\n", content_type="text/plain")
