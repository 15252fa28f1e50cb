from django.apps import AppConfig


class LiveConfig(AppConfig):
    """A workshop being run: sessions, participants, answers, the screen, the phones and the
    régie. It sits on `workshops` (what is run) and `quizzes` (the activities and their kinds)."""

    name = "live"
    verbose_name = "Direct"
