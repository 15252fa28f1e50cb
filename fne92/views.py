"""The pages that belong to no app: home, accessibility statement, personal data, where
someone lands after logging in, and the health check."""

from django.conf import settings
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET

from fne92.health import failed_checks
from workshops.access import is_facilitator, landing_url


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


class LoginView(auth_views.LoginView):
    """Django's login, landing straight in the space of the person's role (no extra hop)."""

    def get_default_redirect_url(self) -> str:
        return landing_url(self.request.user) or reverse("landing")


def locked_out(request: HttpRequest, response=None, credentials=None) -> HttpResponse:
    """django-axes' answer to a locked-out login (AXES_LOCKOUT_CALLABLE): the login page again,
    with why and for how long."""
    # Unbound: validating it again would count one more failure (and restart the lockout).
    form = LoginView.form_class(request, initial={"username": request.POST.get("username", "")})
    return render(
        request,
        "registration/login.html",
        {"form": form, "locked_minutes": settings.LOGIN_LOCKOUT_MINUTES},
        status=429,
    )


@login_required
def landing(request: HttpRequest) -> HttpResponse:
    """After logging in: straight to the space of one's role, a choice for both roles."""
    url = landing_url(request.user)
    if url:
        return redirect(url)
    # Here with both roles (a choice) or none (told so).
    return render(request, "landing.html", {"has_roles": is_facilitator(request.user)})


@never_cache
@require_GET
def health(request: HttpRequest) -> HttpResponse:
    """For a supervisor's poll: 200 or 503, and the reasons only in the server's log."""
    if failed_checks():
        return HttpResponse("indisponible\n", status=503, content_type="text/plain")
    return HttpResponse("ok\n", content_type="text/plain")
