"""Who is asking (the client's address, as the throttles count it), how many times, and the
public address of a page (for links and QR codes handed to people)."""

from django.conf import settings
from django.http import HttpRequest


def client_ip(request: HttpRequest) -> str:
    if settings.SECURE_PROXY_SSL_HEADER:  # behind our reverse proxy: trust its header
        forwarded = request.META.get("HTTP_X_FORWARDED_FOR", "")
        if forwarded:
            return forwarded.split(",")[-1].strip()
    return request.META.get("REMOTE_ADDR", "")


def absolute_url(request: HttpRequest, path: str) -> str:
    """SITE_URL when set (behind a proxy the request may not know its public name)."""
    if settings.SITE_URL:
        return settings.SITE_URL + path
    return request.build_absolute_uri(path)


def note_hit(*, key: str, window: int) -> None:
    """Count one more hit under `key` in Django's cache, for `window` seconds."""
    from django.core.cache import cache

    if cache.add(key, 1, window):
        return
    try:
        cache.incr(key)
    except ValueError:  # expired in between
        cache.set(key, 1, window)


def hits(*, key: str) -> int:
    from django.core.cache import cache

    return cache.get(key, 0)
