"""The public pages that belong to no app: home, accessibility statement, personal data."""

from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render


def home(request: HttpRequest) -> HttpResponse:
    return render(request, "home.html")


def accessibility(request: HttpRequest) -> HttpResponse:
    return render(request, "accessibilite.html")


def personal_data(request: HttpRequest) -> HttpResponse:
    return render(
        request,
        "donnees_personnelles.html",
        {"retention_days": settings.PERSONAL_DATA_RETENTION_DAYS},
    )
