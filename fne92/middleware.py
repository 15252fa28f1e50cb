"""Middleware of our own."""

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
