from django.urls import path

from live import consumers, cowrite_socket

# The phones: their signed cookie says who they are (fne92.routing gives them no session or
# user lookup, a trip to the database thread saved at every connection of a room).
participant_websocket_urlpatterns = [
    path("ws/atelier/<int:session_id>/", consumers.PhoneConsumer.as_asgi()),
    path(
        "ws/atelier/<int:session_id>/fiche/<int:group_id>/",
        cowrite_socket.CowriteConsumer.as_asgi(),
    ),
]

# The facilitators' views: the logged-in user is in the scope.
websocket_urlpatterns = [
    path("ws/ecran/<int:session_id>/", consumers.ScreenConsumer.as_asgi()),
    path("ws/ecran-lien/<str:token>/", consumers.ScreenConsumer.as_asgi()),
    path("ws/regie/<int:session_id>/", consumers.ControlConsumer.as_asgi()),
]
