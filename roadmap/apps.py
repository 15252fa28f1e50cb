from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class RoadmapConfig(AppConfig):
    name = "roadmap"
    verbose_name = _("Feuille de route")

    def ready(self) -> None:
        # The workshops' governance slide draws this app's governance; the workshops sit below
        # the roadmap and never import it, so the roadmap hands them the drawing.
        from roadmap.governance import governance_slide
        from workshops.models import Step
        from workshops.slides import register_drawing

        register_drawing(kind=Step.Kind.GOVERNANCE, drawing=governance_slide)
