"""What a step needs to be drawn as a slide, whatever shows it (preview, projector, phone)."""

from roadmap.governance import governance_context, roadmap_for_programme
from workshops.models import Step
from workshops.timeline import build_timeline


def slide_context(*, step: Step) -> dict:
    """The template context of `workshops/_slide.html` for this step."""
    context: dict = {"step": step}
    programme = step.workshop.programme
    if step.kind == Step.Kind.COVER:
        context["workshop"] = step.workshop
        context["partners"] = step.workshop.partners.all()
    elif step.kind == Step.Kind.CHRONOLOGY:
        context["phases"] = programme.phases.select_related("carried_by")
    elif step.kind == Step.Kind.RETROPLANNING:
        context["programme"] = programme
        context["timeline"] = build_timeline(programme=programme)
        context["milestones"] = programme.milestones.select_related("phase", "track", "workshop")
        context["tracks"] = programme.tracks.all()
    elif step.kind == Step.Kind.GOVERNANCE:
        # The deck's "Gouvernance … vue détaillée": the governance of the programme's roadmap.
        roadmap = roadmap_for_programme(programme=programme)
        context |= governance_context(roadmap=roadmap, id_suffix=f"-step{step.pk}")
    return context
