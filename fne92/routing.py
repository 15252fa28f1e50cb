"""WebSocket routes of every app, then a refusal for any other address."""

from channels.generic.websocket import AsyncWebsocketConsumer
from django.urls import re_path

from live.consumers import NOT_FOUND
from live.routing import websocket_urlpatterns as live_routes


class UnknownAddress(AsyncWebsocketConsumer):
    """Without it, Channels' router raises for an address it has no route for: a 500 at the
    handshake and a traceback in the log. Accepted, then closed with an explicit code, so a
    browser does not retry (see live.consumers)."""

    async def connect(self) -> None:
        await self.accept()
        await self.close(code=NOT_FOUND)


websocket_urlpatterns = [*live_routes, re_path(r"", UnknownAddress.as_asgi())]
