from django.urls import path

from live import consumers, cowrite_socket

websocket_urlpatterns = [
    path("ws/atelier/<int:session_id>/", consumers.PhoneConsumer.as_asgi()),
    path(
        "ws/atelier/<int:session_id>/fiche/<int:group_id>/",
        cowrite_socket.CowriteConsumer.as_asgi(),
    ),
    path("ws/ecran/<int:session_id>/", consumers.ScreenConsumer.as_asgi()),
    path("ws/ecran-lien/<str:token>/", consumers.ScreenConsumer.as_asgi()),
    path("ws/regie/<int:session_id>/", consumers.ControlConsumer.as_asgi()),
]
