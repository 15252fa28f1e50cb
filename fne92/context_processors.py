from django.conf import settings
from django.http import HttpRequest

from workshops.access import is_coordinator, is_facilitator


def site(request: HttpRequest) -> dict:
    """What the shared layout needs on every page: which menus the visitor may see."""
    user = getattr(request, "user", None)
    return {
        "nav_facilitator": bool(user and is_facilitator(user)),
        "nav_coordinator": bool(user and is_coordinator(user)),
        "contact_email": settings.CONTACT_EMAIL,
    }
