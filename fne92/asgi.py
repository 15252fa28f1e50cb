"""ASGI entry point: HTTP through Django, WebSockets through Channels."""

import os

from django.core.asgi import get_asgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "fne92.settings")
# Django must be set up before the consumers (and their models) are imported.
get_asgi_application()

from channels.auth import AuthMiddlewareStack  # noqa: E402
from channels.routing import ProtocolTypeRouter, URLRouter  # noqa: E402
from channels.security.websocket import AllowedHostsOriginValidator  # noqa: E402
from django.core.handlers.asgi import ASGIHandler  # noqa: E402

from fne92.routing import websocket_urlpatterns  # noqa: E402

# The participants' pages: short, and a thousand at once when a room joins.
SHARED_THREAD_PATHS = ("/rejoindre/", "/atelier/")


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
        if scope["type"] == "http" and scope["path"].startswith(SHARED_THREAD_PATHS):
            await self.handle(scope, receive, send)
        else:
            await super().__call__(scope, receive, send)


from fne92 import collector  # noqa: E402

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
