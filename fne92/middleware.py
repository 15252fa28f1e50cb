"""Middleware of our own."""

from django.http import QueryDict
from django_htmx.middleware import HtmxMiddleware

from fne92.text import without_controls


class SyncHtmxMiddleware(HtmxMiddleware):
    """django-htmx's middleware, run synchronously.

    Under Daphne, Django switches between the event loop and the thread of synchronous code
    at every boundary between an async-capable middleware and a sync-only one: each
    `MiddlewareMixin` middleware then hops to that thread and back twice per request. With the
    innermost middleware sync-only, the whole stack runs in the thread in one hop (only the
    view's resolution stays on the loop). Measured with `bench/live_load.py`: see the README.
    """

    async_capable = False


def strip_controls_from_forms(get_response):
    """Every form posted to the site, without control characters (`fne92.text`).

    Here rather than in each form: every text a person sends over HTTP comes through
    `request.POST` — every Django form and model form, the admin, the kinds' settings forms,
    the phone's plain-form answer, the facilitator's actions whose fields a kind reads itself
    — since no view reads `request.body`. Uploaded files' names need nothing: Django's parser
    drops their non-printable characters. The query string is not cleaned: nothing stores
    it. The other way in, the phone's WebSocket, only carries answers, which
    `quizzes.answers.record_answers` cleans.

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
