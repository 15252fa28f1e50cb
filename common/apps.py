from django.apps import AppConfig


class CommonConfig(AppConfig):
    """The small library every app may use: text cleaning, spreadsheet cells, rich text and its
    template tags, the throttles, the garbage collector's pause, public links. It imports only
    Django and third-party packages, never an app of ours."""

    name = "common"
    verbose_name = "Bibliothèque commune"
