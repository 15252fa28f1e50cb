"""Carrying over what a workshop produced to a later workshop of the démarche.

Workshop n°2 starts from what n°1 produced: the ideas of its brainstorming with their votes,
the words of its word cloud, the answers to its retrospective. The facilitator of the later
workshop ticks the items to carry (`save_selection`); they are kept as `CarriedItem`s, projected
by the workshop's "report" step (`carry_over_slide`, registered with `workshops.slides` by
`LiveConfig.ready`) and usable as the starting items of its activities (`fill_activity`, through
each kind's `with_items`).

It reads the earlier sessions' answers, so it lives here in `live`: the workshops never read the
answer store.
"""

import hashlib
from dataclasses import dataclass, field

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import QuerySet
from django.utils.translation import gettext as _

from live.models import ActivityRun, CarriedItem, Response, count_text
from live.sessions import redraw_open_sessions
from quizzes.kinds import get_kind
from quizzes.kinds.stage_fit import fold, text_height
from quizzes.models import Activity
from workshops.models import Step, Workshop


@dataclass
class Offer:
    """One result of an earlier run that can be carried over."""

    key: str
    label: str
    count: int | None
    kind: str  # "idée", "mot", "réponse"…
    unit: str = "votes"  # or "occurrences"

    @property
    def count_text(self) -> str:
        return count_text(self.count, self.unit)


@dataclass
class RunOffers:
    """What one activity of an earlier session offers, in its own order (most voted first)."""

    run: ActivityRun
    offers: list[Offer] = field(default_factory=list)

    @property
    def workshop(self) -> Workshop:
        return self.run.session.workshop


def _word_key(text: str) -> str:
    """A word's key within its run: the word itself, or its digest when too long to store
    (a wall's long answers), never a cut that two answers could share."""
    key = f"mot-{text}"
    if len(key) <= 80:
        return key
    return "mot-" + hashlib.sha256(text.encode()).hexdigest()[:32]


def _words(*, kind, activity: Activity, run: ActivityRun, responses: list) -> list[Offer]:
    results = kind.results_context(activity=activity, run=run, responses=responses)
    return [
        Offer(
            key=_word_key(group.key),
            label=group.text,
            count=group.count,
            kind=_("mot"),
            unit="occurrences",
        )
        for group in results["ranking"]
    ]


def _retro_texts(*, kind, activity: Activity, run: ActivityRun, responses: list) -> list[Offer]:
    opens_on = activity.config.get("opens_on")
    return [
        Offer(key=f"reponse-{r.pk}", label=r.data["text"], count=None, kind=_("réponse"))
        for r in responses
        if r.data.get("choice") == opens_on and r.data.get("text")
    ]


# What the roadmap can take (`roadmap_sources`: ideas with their votes, a vote's options) is
# what carries over; the word cloud and the retrospective give no such sources, so their words
# and their answers are read here.
READERS = {"open_question": _words, "retro": _retro_texts}


def run_offers(run: ActivityRun) -> list[Offer]:
    """What this run offers to carry over, from its visible answers."""
    try:
        kind = get_kind(run.activity.kind)
    except LookupError:
        return []
    if kind.graded:
        return []  # a quiz's options are not something the room produced
    responses = list(
        Response.objects.filter(
            session_id=run.session_id, activity_id=run.activity_id, hidden=False
        ).select_related("participant")
    )
    if not responses:
        return []
    reader = READERS.get(kind.name)
    if reader is not None:
        return reader(kind=kind, activity=run.activity, run=run, responses=responses)
    return [
        Offer(
            key=source["key"],
            label=source["text"],
            count=source.get("votes"),
            kind=str(source.get("kind", "")),
        )
        for source in kind.roadmap_sources(activity=run.activity, run=run, responses=responses)
    ]


def offers_for(*, workshop: Workshop, within: QuerySet[Workshop]) -> list[RunOffers]:
    """What the earlier workshops of the démarche produced (those `within` the ones the reader
    may see), workshop by workshop, session by session, in the order of their steps."""
    runs = (
        ActivityRun.objects.filter(
            session__workshop__programme_id=workshop.programme_id,
            session__workshop__number__lt=workshop.number,
            session__workshop__in=within,
        )
        .select_related("activity", "session__workshop")
        .order_by("session__workshop__number", "session__started_at", "activity__step__order")
    )
    groups = [RunOffers(run=run, offers=run_offers(run)) for run in runs]
    return [group for group in groups if group.offers]


def carried_items(*, workshop: Workshop) -> list[CarriedItem]:
    return list(workshop.carried_items.select_related("run__activity", "run__session__workshop"))


def save_selection(
    *, workshop: Workshop, within: QuerySet[Workshop], chosen: set[tuple[int, str]]
) -> list[CarriedItem]:
    """Carry over exactly the items `chosen` ((run id, key) pairs) of the earlier workshops,
    with their current text and count; an item no longer offered is dropped."""
    with transaction.atomic():
        workshop.carried_items.all().delete()
        items = []
        for group in offers_for(workshop=workshop, within=within):
            for offer in group.offers:
                if (group.run.pk, offer.key) in chosen:
                    items.append(
                        CarriedItem(
                            workshop=workshop,
                            run=group.run,
                            key=offer.key,
                            label=offer.label[:500],
                            count=offer.count,
                            unit=offer.unit,
                            order=len(items) + 1,
                        )
                    )
        CarriedItem.objects.bulk_create(items)
        redraw_open_sessions(workshop=workshop)
    return carried_items(workshop=workshop)


def fillable_steps(*, workshop: Workshop) -> list[Step]:
    """The workshop's activity steps whose kind can start from carried items."""
    steps = workshop.steps.filter(activity__isnull=False).select_related("activity")
    fillable = []
    for step in steps.order_by("order", "pk"):
        try:
            kind = get_kind(step.activity.kind)
        except LookupError:
            continue
        if kind.takes_items:
            step.kind_label = kind.label
            fillable.append(step)
    return fillable


def fill_activity(*, step: Step) -> Activity:
    """Give the step's activity the carried items as its items (a vote's options, an idea
    board's columns). ValidationError in French when it can't."""
    activity = step.activity
    kind = get_kind(activity.kind)
    items = [
        {"key": f"{item.run_id}-{item.key}", "label": item.label}
        for item in carried_items(workshop=step.workshop)
    ]
    if not items:
        raise ValidationError(
            _("Aucun élément n'est reporté : cochez d'abord ceux que l'atelier reprend."),
            code="empty",
        )
    if Response.objects.filter(activity=activity).exists():
        raise ValidationError(
            _(
                "« %(title)s » a déjà des réponses : dupliquez l'étape pour repartir des "
                "éléments reportés."
            )
            % {"title": step.title},
            code="answered",
        )
    config = kind.with_items(config=activity.config, items=items)
    if config is None:
        raise ValidationError(
            _("Ce type d'activité ne reprend pas d'éléments reportés."), code="kind"
        )
    with transaction.atomic():
        activity.config = kind.clean_config(config)
        activity.save(update_fields=["config", "updated_at"])
        redraw_open_sessions(workshop=step.workshop)
    return activity


# The projector's "report" step ------------------------------------------------------------
# On the 1920 × 1080 stage, below the join band and the title: about 720 px of rows 1700 px
# wide at 40 px (less the step's text), each group of items under a heading; the rest is
# counted ("+ N autres"), and stage.js shrinks what the estimate leaves over.
STAGE_WIDTH = 1700
STAGE_FONT = 40
STAGE_ROOM = 720
HEADING_HEIGHT = 56
ITEM_GAP = 16


@dataclass
class CarriedGroup:
    heading: str
    items: list[CarriedItem]


def _heading(item: CarriedItem) -> str:
    return _("Atelier n°%(number)d · %(title)s") % {
        "number": item.run.session.workshop.number,
        "title": item.run.activity.title,
    }


def _groups(items: list[CarriedItem]) -> list[CarriedGroup]:
    groups: list[CarriedGroup] = []
    for item in items:
        heading = _heading(item)
        if not groups or groups[-1].heading != heading:
            groups.append(CarriedGroup(heading=heading, items=[]))
        groups[-1].items.append(item)
    return groups


def carry_over_slide(*, step: Step, stage: bool = False) -> dict:
    """The context of a "report" step: the carried items grouped by the activity they come
    from; on the stage, what fits and how many are left out."""
    items = carried_items(workshop=step.workshop)
    if not stage:
        return {"carried_groups": _groups(items), "carried_more": 0}
    heights, previous = {}, None
    for item in items:
        heading = _heading(item)
        height = text_height(item.label, width=STAGE_WIDTH, font=STAGE_FONT) + ITEM_GAP
        heights[item.pk] = height + (HEADING_HEIGHT if heading != previous else 0)
        previous = heading
    room = STAGE_ROOM
    if step.body:
        room -= text_height(step.body, width=STAGE_WIDTH, font=STAGE_FONT) + ITEM_GAP
    shown, more = fold(items, height=lambda item: heights[item.pk], room=room)
    return {"carried_groups": _groups(shown), "carried_more": more}
