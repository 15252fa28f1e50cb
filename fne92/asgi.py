"""ASGI entry point: HTTP through Django, WebSockets through Channels."""

import os
import pprint

from django.core.asgi import get_asgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "fne92.settings")
# Django must be set up before the consumers (and their models) are imported.
get_asgi_application()

from asgiref.sync import sync_to_async  # noqa: E402
from channels.routing import ProtocolTypeRouter, URLRouter  # noqa: E402
from channels.security.websocket import AllowedHostsOriginValidator  # noqa: E402
from django.conf import settings  # noqa: E402
from django.core import signals  # noqa: E402
from django.core.exceptions import RequestAborted  # noqa: E402
from django.core.handlers.asgi import ASGIHandler, get_script_prefix  # noqa: E402
from django.http import HttpResponse  # noqa: E402
from django.template.loader import render_to_string  # noqa: E402
from django.urls import set_script_prefix  # noqa: E402

from fne92.routing import websocket_urlpatterns  # noqa: E402
from live.urls import PARTICIPANT_PREFIXES  # noqa: E402
from roadmap.documents import human_size  # noqa: E402


class HttpHandler(ASGIHandler):
    """Django's ASGI handler, except for the participants' pages (`PARTICIPANT_PREFIXES`:
    short, and a thousand at once when a room joins), which `ParticipantsHandler` runs in the
    thread the WebSocket consumers use for the database (SQLite) or in a small pool of threads
    (PostgreSQL), with persistent connections either way.

    Django gives every request a thread of its own, and so a database connection of its own
    that is opened for it and thrown away after. A room joining meant a thousand connections
    opened and dropped within seconds. The facilitators' and coordinators' pages (exports that
    take a while) keep a thread each, so they never hold the live path up. Measured in the
    README.
    """

    def __init__(self):
        super().__init__()
        self.participants = ParticipantsHandler()

    async def __call__(self, scope, receive, send):
        if scope["type"] == "http" and _declared_length(scope) > settings.REQUEST_MAX_BYTES:
            await self.send_response(_too_large(), send)
        elif scope["type"] == "http" and scope["path"].startswith(PARTICIPANT_PREFIXES):
            await self.participants.handle(scope, receive, send)
        else:
            await super().__call__(scope, receive, send)


class ParticipantsHandler(ASGIHandler):
    """The participants' pages in one trip to a thread of synchronous code, not five.

    Django's ASGI handler crosses between the event loop and the thread of synchronous code
    at every turn: the request_started signal, into the (synchronous) middleware stack, back
    to the loop to resolve the URL, into the thread again for the view, and once more to close
    the response. Each crossing wakes the loop and a thread (a profile of a room joining:
    20 % of the server's time in the join views, most of it in these crossings). Here the
    signal, the middleware stack (built synchronous: `load_middleware(is_async=False)`), the
    view and the response's closing all run in one call in the thread; the loop only reads
    the request and writes the response. These pages return plain responses (no streaming).
    """

    # Left out of the participants' stack, each for its reason: static files are never under
    # the participants' prefixes (WhiteNoise); nobody logs in there, so there is no lockout
    # to turn into a page (django-axes); no participant page uses htmx (its middleware only
    # sets `request.htmx`). Every other middleware runs as for any page: security headers,
    # CSP, compression, session and messages, CSRF (the code form; the other forms carry the
    # participant's token and say so with `csrf_exempt`).
    NOT_FOR_PARTICIPANTS = (
        "whitenoise.middleware.WhiteNoiseMiddleware",
        "axes.middleware.AxesMiddleware",
        "fne92.middleware.SyncHtmxMiddleware",
    )

    # Where the pages run: on PostgreSQL, in a pool of threads, each with its own connection,
    # for a join mostly waits for the database (its insert's commit, flushed to disk before it
    # returns, and its round trips), and in one shared thread every phone waited behind the
    # others' (bench, PostgreSQL + Redis, one process, 1,000 phones joining: 12.9 s in the
    # shared thread, 7.9 s in a pool, one pass each on a busy machine). On SQLite (the demo), in
    # the shared thread: SQLite takes one writer at a time, and its work is the CPU's.
    in_a_pool_of_threads = settings.DATABASES["default"]["ENGINE"] != "django.db.backends.sqlite3"

    def load_middleware(self, is_async=False):
        # Django builds the stack from settings.MIDDLEWARE: given the participants' list while
        # it does (once, at start-up, before any request).
        every = settings.MIDDLEWARE
        settings.MIDDLEWARE = [name for name in every if name not in self.NOT_FOR_PARTICIPANTS]
        try:
            super().load_middleware(is_async=False)
        finally:
            settings.MIDDLEWARE = every

    async def handle(self, scope, receive, send):
        try:
            body_file = await self.read_body(receive)
        except RequestAborted:
            return
        set_script_prefix(get_script_prefix(scope))
        try:
            response = await sync_to_async(
                self._respond, thread_sensitive=not self.in_a_pool_of_threads
            )(scope, body_file)
        finally:
            body_file.close()
        await self.send_response(response, send)

    def _respond(self, scope, body_file):
        signals.request_started.send(sender=self.__class__, scope=scope)
        request, error_response = self.create_request(scope, body_file)
        response = error_response if request is None else self.get_response(request)
        # Its content is in memory already: closing it now (request_finished, which returns
        # the database connection to a sane state) saves a trip back to this thread.
        response.close()
        return response


def _declared_length(scope) -> int:
    for name, value in scope.get("headers", ()):
        if name == b"content-length":
            return int(value) if value.isdigit() else 0
    return 0


def _too_large() -> HttpResponse:
    """Refused from its Content-Length, before Django reads (copies, then parses) the body: a
    60 MB upload costs nothing more. (Daphne has received it whole already; only the reverse
    proxy's own limit stops it sooner.)"""
    html = render_to_string("413.html", {"limit": human_size(settings.ROADMAP_UPLOAD_MAX_BYTES)})
    return HttpResponse(html, status=413)


def _autobahn_formats_only_what_it_logs() -> None:
    """autobahn (Daphne's WebSocket library) pretty-prints its settings for a debug line on
    every WebSocket opened, whether debug lines are written or not: 5 % of the server's time
    while a room joins (py-spy, 1,000 phones). The text is made only when debug is on."""
    try:
        import txaio
        from autobahn.websocket import protocol
    except ImportError:  # another server than Daphne
        return

    def pformat(value, *args, **kwargs) -> str:
        try:
            debug = txaio.get_global_log_level() in ("debug", "trace")
        except RuntimeError:  # txaio not set up: no logging through it either
            debug = False
        return pprint.pformat(value, *args, **kwargs) if debug else "…"

    protocol.pformat = pformat


_autobahn_formats_only_what_it_logs()

from common import collector  # noqa: E402

application = ProtocolTypeRouter(
    {
        "http": HttpHandler(),
        # The facilitators' routes have their session and user looked up (fne92.routing).
        "websocket": AllowedHostsOriginValidator(URLRouter(websocket_urlpatterns)),
    }
)
# Everything is loaded: full garbage collections from now on only when the room is quiet.
collector.configure()
