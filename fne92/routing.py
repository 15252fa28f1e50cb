"""WebSocket routes of every app."""

from workshops.routing import websocket_urlpatterns as workshops_routes

websocket_urlpatterns = [*workshops_routes]
