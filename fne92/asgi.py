"""ASGI entry point: HTTP through Django, WebSockets through Channels."""

import os

from django.core.asgi import get_asgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "fne92.settings")
# Django must be set up before the consumers (and their models) are imported.
get_asgi_application()

from channels.auth import AuthMiddlewareStack  # noqa: E402
from channels.routing import ProtocolTypeRouter, URLRouter  # noqa: E402
from channels.security.websocket import AllowedHostsOriginValidator  # noqa: E402
from django.conf import settings  # noqa: E402
from django.core.handlers.asgi import ASGIHandler  # noqa: E402
from django.http import HttpResponse  # noqa: E402
from django.template.loader import render_to_string  # noqa: E402

from fne92.routing import websocket_urlpatterns  # noqa: E402
from live.urls import PARTICIPANT_PREFIXES  # noqa: E402
from roadmap.documents import human_size  # noqa: E402

# The participants' pages: short, and a thousand at once when a room joins.
SHARED_THREAD_PATHS = PARTICIPANT_PREFIXES


class HttpHandler(ASGIHandler):
    """Django's ASGI handler, except that the participants' pages run their synchronous code
    in the one thread the WebSocket consumers use for the database.

    Django gives every request a thread of its own, and so a database connection of its own
    that is opened for it and thrown away after. A room joining means a thousand connections
    opened and dropped within seconds; in the shared thread the participants' pages reuse one
    persistent connection. The facilitators' and coordinators' pages (exports that take a
    while) keep a thread each, so they never hold the live path up. Measured in the README.
    """

    async def __call__(self, scope, receive, send):
        if scope["type"] == "http" and _declared_length(scope) > settings.REQUEST_MAX_BYTES:
            await self.send_response(_too_large(), send)
        elif scope["type"] == "http" and scope["path"].startswith(SHARED_THREAD_PATHS):
            await self.handle(scope, receive, send)
        else:
            await super().__call__(scope, receive, send)


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


from common import collector  # noqa: E402

application = ProtocolTypeRouter(
    {
        "http": HttpHandler(),
        "websocket": AllowedHostsOriginValidator(
            AuthMiddlewareStack(URLRouter(websocket_urlpatterns))
        ),
    }
)
# Everything is loaded: full garbage collections from now on only when the room is quiet.
collector.configure()
