"""What a step needs to be drawn as a slide, whatever shows it (preview, projector, phone)."""

from collections.abc import Callable

from workshops.models import Step
from workshops.timeline import PAGE, STAGE, build_timeline

# Steps drawn from what an app above this one holds (the roadmap's governance) are drawn by
# that app, which registers its drawing here when it starts (its AppConfig.ready): the
# workshops never import the roadmap.
SlideDrawing = Callable[..., dict]
_DRAWINGS: dict[str, SlideDrawing] = {}


def register_drawing(*, kind: str, drawing: SlideDrawing) -> None:
    """`drawing(step=…, stage=…)` gives the context of the slides of this step kind."""
    _DRAWINGS[kind] = drawing


def slide_context(*, step: Step, stage: bool = False) -> dict:
    """The template context of `workshops/_slide.html` for this step; `stage` when it is
    drawn for the projector's stage (diagrams laid out for it, not shrunk from a page)."""
    context: dict = {"step": step}
    programme = step.workshop.programme
    if step.kind == Step.Kind.COVER:
        context["workshop"] = step.workshop
        context["partners"] = step.workshop.partners.all()
    elif step.kind == Step.Kind.CHRONOLOGY:
        context["phases"] = programme.phases.select_related("carried_by")
    elif step.kind == Step.Kind.RETROPLANNING:
        context["programme"] = programme
        context["timeline"] = build_timeline(programme=programme, layout=STAGE if stage else PAGE)
        context["milestones"] = programme.milestones.select_related("phase", "track", "workshop")
        context["tracks"] = programme.tracks.all()
    elif step.kind in _DRAWINGS:
        context |= _DRAWINGS[step.kind](step=step, stage=stage)
    return context
