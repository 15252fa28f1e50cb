"""The public address of a page, for links and QR codes handed to people."""

from django.conf import settings
from django.http import HttpRequest


def absolute_url(request: HttpRequest, path: str) -> str:
    """SITE_URL when set (behind a proxy the request may not know its public name)."""
    if settings.SITE_URL:
        return settings.SITE_URL + path
    return request.build_absolute_uri(path)
