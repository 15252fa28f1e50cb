"""Middleware of our own."""

from django.core.exceptions import PermissionDenied
from django.utils.deprecation import MiddlewareMixin
from django.views.defaults import permission_denied
from django_htmx.middleware import HtmxMiddleware


class SyncHtmxMiddleware(HtmxMiddleware):
    """django-htmx's middleware, run synchronously.

    Under Daphne, Django switches between the event loop and the thread of synchronous code
    at every boundary between an async-capable middleware and a sync-only one: each
    `MiddlewareMixin` middleware then hops to that thread and back twice per request. With the
    innermost middleware sync-only, the whole stack runs in the thread in one hop (only the
    view's resolution stays on the loop). Measured with `bench/live_load.py`: see the README.
    """

    async_capable = False


class PermissionDeniedMiddleware(MiddlewareMixin):
    """A refused page is the 403 page, logged as one line ("Forbidden: /path").

    Django logs a `PermissionDenied` raised by a view with its whole traceback, one for every
    visit of someone without the right role: noise that hides real errors. Handled here, the
    response is the same page (Django's `permission_denied`, templates/403.html).
    Synchronous like `SyncHtmxMiddleware`, so the stack still runs in one hop.
    """

    async_capable = False

    def process_exception(self, request, exception):
        if isinstance(exception, PermissionDenied):
            return permission_denied(request, exception)
        return None
