from django.apps import AppConfig


class LiveConfig(AppConfig):
    """A workshop being run: sessions, participants, answers, the screen, the phones and the
    régie. It sits on `workshops` (what is run) and `quizzes` (the activities and their kinds)."""

    name = "live"
    verbose_name = "Direct"

    def ready(self) -> None:
        # A workshop's "report" step shows what earlier sessions produced, read from the
        # answers this app keeps: the workshops never import `live`, so it hands them the drawing.
        from live.carry_over import carry_over_slide
        from workshops.models import Step
        from workshops.slides import register_drawing

        register_drawing(kind=Step.Kind.CARRY_OVER, drawing=carry_over_slide)
