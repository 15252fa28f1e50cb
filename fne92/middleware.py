"""Middleware of our own."""

import csp.middleware
from django.core.exceptions import DisallowedHost, PermissionDenied
from django.http import QueryDict
from django.utils.deprecation import MiddlewareMixin
from django.views.defaults import permission_denied
from django_htmx.middleware import HtmxMiddleware

from common.text import without_controls


class SyncHtmxMiddleware(HtmxMiddleware):
    """django-htmx's middleware, run synchronously.

    Under Daphne, Django switches between the event loop and the thread of synchronous code
    at every boundary between an async-capable middleware and a sync-only one: each
    `MiddlewareMixin` middleware then hops to that thread and back twice per request. With the
    innermost middleware sync-only, the whole stack runs in the thread in one hop (only the
    view's resolution stays on the loop). Measured with `bench/live_load.py`: see the README.
    """

    async_capable = False


class CSPMiddleware(csp.middleware.CSPMiddleware):
    """django-csp's middleware, with the page's own WebSocket address written out.

    CSP 3 lets connect-src 'self' match ws:/wss: on the page's host, and Chromium and Firefox
    do; WebKit long did not (bugs 201591, 235873), and a phone on an older iOS would lose its
    live connection (it would still answer by plain HTTP, but no longer follow the steps)."""

    def get_policy_parts(self, request, response, report_only=False):
        parts = super().get_policy_parts(request, response, report_only)
        try:
            host = request.get_host()
        except DisallowedHost:  # refused with a 400 already: no socket to allow
            return parts
        socket = f"{'wss' if request.is_secure() else 'ws'}://{host}"
        update = dict(parts.update or {})
        update["connect-src"] = [*update.get("connect-src", []), socket]
        parts.update = update
        return parts


def strip_controls_from_forms(get_response):
    """Every form posted to the site, without control characters (`common.text`).

    Here rather than in each form: every text a person sends over HTTP comes through
    `request.POST` — every Django form and model form, the admin, the kinds' settings forms,
    the phone's plain-form answer, the facilitator's actions whose fields a kind reads itself
    — since no view reads `request.body`. Uploaded files' names need nothing: Django's parser
    drops their non-printable characters. The query string is not cleaned: nothing stores
    it. The other way in, the phone's WebSocket, only carries answers, which
    `live.answers.record_answers` cleans.

    A plain function: sync only, like the rest of the stack (see `SyncHtmxMiddleware`).
    """

    def middleware(request):
        if request.method == "POST":
            fields = list(request.POST.lists())
            cleaned = without_controls(fields)
            if cleaned != fields:  # rare: the form is rebuilt only then
                data = QueryDict(mutable=True, encoding=request.POST.encoding)
                for key, values in cleaned:
                    data.setlist(key, values)
                data._mutable = False
                request.POST = data
        return get_response(request)

    return middleware


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
