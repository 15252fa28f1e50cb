"""WebSocket routes of every app, then a refusal for any other address.

The participants' sockets come first, outside the session and user lookup that the
facilitators' views need (`AuthMiddlewareStack`)."""

from channels.auth import AuthMiddlewareStack
from channels.generic.websocket import AsyncWebsocketConsumer
from channels.routing import URLRouter
from django.urls import re_path

from live.consumers import NOT_FOUND
from live.routing import participant_websocket_urlpatterns as participant_routes
from live.routing import websocket_urlpatterns as live_routes


class UnknownAddress(AsyncWebsocketConsumer):
    """Without it, Channels' router raises for an address it has no route for: a 500 at the
    handshake and a traceback in the log. Accepted, then closed with an explicit code, so a
    browser does not retry (see live.consumers)."""

    async def connect(self) -> None:
        await self.accept()
        await self.close(code=NOT_FOUND)


websocket_urlpatterns = [
    *participant_routes,
    re_path(
        r"",
        AuthMiddlewareStack(URLRouter([*live_routes, re_path(r"", UnknownAddress.as_asgi())])),
    ),
]
