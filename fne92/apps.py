from django.apps import AppConfig


class Fne92Config(AppConfig):
    """The project itself: settings, URLs, ASGI routing, public pages, the demo command."""

    name = "fne92"
    verbose_name = "FNE Ateliers"
