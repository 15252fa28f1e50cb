"""What a step needs to be drawn as a slide, whatever shows it (preview, projector, phone)."""

from roadmap.governance import governance_context, roadmap_for_programme
from workshops.models import Step
from workshops.timeline import PAGE, STAGE, build_timeline


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
    elif step.kind == Step.Kind.GOVERNANCE:
        # The deck's "Gouvernance … vue détaillée": the governance of the programme's roadmap.
        roadmap = roadmap_for_programme(programme=programme)
        context |= governance_context(roadmap=roadmap, id_suffix=f"-step{step.pk}", stage=stage)
    return context
