from django.apps import AppConfig


class Fne92Config(AppConfig):
    """The project itself: shared template tags, public pages, the demo command."""

    name = "fne92"
    verbose_name = "FNE Ateliers"
