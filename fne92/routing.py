"""WebSocket routes of every app, then a refusal for any other address."""

from channels.generic.websocket import AsyncWebsocketConsumer
from django.urls import re_path

from workshops.consumers import NOT_FOUND
from workshops.routing import websocket_urlpatterns as workshops_routes


class UnknownAddress(AsyncWebsocketConsumer):
    """Without it, Channels' router raises for an address it has no route for: a 500 at the
    handshake and a traceback in the log. Accepted, then closed with an explicit code, so a
    browser does not retry (see workshops.consumers)."""

    async def connect(self) -> None:
        await self.accept()
        await self.close(code=NOT_FOUND)


websocket_urlpatterns = [*workshops_routes, re_path(r"", UnknownAddress.as_asgi())]
