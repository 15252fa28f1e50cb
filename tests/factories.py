"""Small test factories: a programme, a workshop with just the steps a test needs, a live
session on a step, participants. Answers go through the one writer (`tests.live.answer`).

A test builds what it asserts on, instead of loading the whole demo and finding steps by the
deck's slide titles; only the tests that check the demo's content load it (`demo_programme` in
tests/conftest.py). To run a module's tests on a small workshop, override the `workshop`
fixture there: the shared `live_session`, `vote_step`, `ideas_step`… then use it.

    @pytest.fixture
    def workshop(facilitator):
        return workshop_with(["vote"], facilitator=facilitator)
"""

import datetime as dt
from itertools import count

from django.utils import timezone

from live import sessions
from live.models import LiveSession, Participant
from quizzes.kinds import KINDS
from quizzes.models import Activity
from workshops.models import AgendaItem, Milestone, Phase, Programme, Step, Workshop

_numbers = count(1)

# The title and question an activity step gets unless told: the vote is the deck's governance
# vote (its example settings are the deck's Pour / Contre / Abstention).
TEXTS = {"vote": ("Vote", "Validez-vous la gouvernance proposée ?")}


def make_programme(**fields) -> Programme:
    number = next(_numbers)
    defaults = {"name": f"Démarche d'essai {number}", "slug": f"essai-{number}", "territory": "92"}
    return Programme.objects.create(**{**defaults, **fields})


def make_workshop(*, programme: Programme | None = None, facilitator=None, **fields) -> Workshop:
    """A workshop with no step, facilitated by `facilitator` (if given)."""
    defaults = {"number": 1, "title": "Atelier d'essai", "starts_at": timezone.now()}
    workshop = Workshop.objects.create(
        programme=programme or make_programme(), **{**defaults, **fields}
    )
    if facilitator is not None:
        workshop.facilitators.add(facilitator)
    return workshop


def _next_order(workshop: Workshop) -> int:
    last = workshop.steps.order_by("-order").values_list("order", flat=True).first()
    return (last or 0) + 1


def step_with_activity(
    workshop: Workshop, kind: str, *, config: dict | None = None, title: str = "", **fields
) -> Step:
    """A step at the end of `workshop` projecting an activity of `kind` (a name registered in
    quizzes/kinds), with the kind's example settings unless `config` is given; `fields` go to
    the activity (prompt, timer_seconds). Title and prompt default to `TEXTS`."""
    default_title, default_prompt = TEXTS.get(kind, (f"Essai {kind}", ""))
    activity = Activity(
        kind=kind,
        title=title or default_title,
        config=KINDS[kind].example_config() if config is None else config,
        **{"prompt": default_prompt, **fields},
    )
    activity.full_clean()
    activity.save()
    return Step.objects.create(
        workshop=workshop,
        order=_next_order(workshop),
        kind=Step.Kind.ACTIVITY,
        title=activity.title,
        activity=activity,
    )


def plain_step(workshop: Workshop, kind: str = Step.Kind.CONTENT, *, title: str = "") -> Step:
    """A step with no activity (cover, section, content…) at the end of `workshop`."""
    return Step.objects.create(
        workshop=workshop, order=_next_order(workshop), kind=kind, title=title or f"Étape {kind}"
    )


def workshop_with(kinds: list[str], *, facilitator=None, **fields) -> Workshop:
    """A workshop whose steps are `kinds`, in order: an activity kind ("vote", "ideas"…) makes
    an activity step with its example settings, a step kind ("cover", "content"…) a plain
    step."""
    workshop = make_workshop(facilitator=facilitator, **fields)
    for kind in kinds:
        if kind in KINDS:
            step_with_activity(workshop, kind)
        else:
            plain_step(workshop, Step.Kind(kind))
    return workshop


def session_on(step: Step, *, user) -> LiveSession:
    """A live session of the step's workshop, started by `user` and moved to `step`."""
    session = sessions.start_session(workshop=step.workshop, user=user)
    sessions.go_to_step(session=session, step=step)
    session.refresh_from_db()
    return session


def go_to(session: LiveSession, step: Step) -> Step:
    """The session moved to `step` (as the control view's buttons do); returns the step."""
    sessions.go_to_step(session=session, step=step)
    session.refresh_from_db()
    return step


def moved_to_kind(session: LiveSession, kind: str) -> Step:
    """The session moved to its workshop's one step of this activity kind."""
    return go_to(session, session.workshop.steps.get(activity__kind=kind))


def participants(session: LiveSession, *pseudonyms: str) -> list[Participant]:
    """People who joined `session`, one per pseudonym."""
    return [sessions.join(session=session, pseudonym=name) for name in pseudonyms]


# The deck's quizzes on the four médiations
MEDIATIONS = [
    "médiation scientifique",
    "médiation sociale",
    "médiation numérique",
    "médiation culturelle",
]


def who_am_i(workshop: Workshop, correct: str, *, prompt: str = "") -> Step:
    """A "Qui suis-je ???" step at the end of `workshop`, as the deck's quizzes are: a
    definition (`prompt`) to name among the four `MEDIATIONS`, `correct` the right one."""
    config = {"options": MEDIATIONS, "multiple": False, "correct": [correct]}
    return step_with_activity(
        workshop, "choice", config=config, title="Qui suis-je ???", prompt=prompt
    )


def classification(workshop: Workshop, solution: dict[str, str]) -> Step:
    """A "De quel type de médiation relève chaque action ?" step at the end of `workshop`:
    the four `MEDIATIONS` as categories, `solution` ({action: its médiation}) as the items, in
    its order."""
    items = [{"text": text, "category": category} for text, category in solution.items()]
    return step_with_activity(
        workshop,
        "classify",
        config={"categories": MEDIATIONS, "items": items},
        title="De quel type de médiation relève chaque action ?",
    )


# A programme's chronology and rétroplanning, a workshop's plan
def make_phase(programme: Programme, title: str, **fields) -> Phase:
    """A phase of the programme's chronology, after the others; `fields`: summary, status,
    status_note."""
    order = programme.phases.count() + 1
    return Phase.objects.create(programme=programme, order=order, title=title, **fields)


def make_milestone(
    programme: Programme, title: str, starts_on: str = "", ends_on: str = "", **fields
) -> Milestone:
    """A milestone of the programme's rétroplanning on `starts_on` (an ISO date; none while its
    date is to be set), up to `ends_on` when it spans; `fields`: date_label, status, kind…"""
    milestone = Milestone(
        programme=programme,
        title=title,
        starts_on=dt.date.fromisoformat(starts_on) if starts_on else None,
        ends_on=dt.date.fromisoformat(ends_on) if ends_on else None,
        **fields,
    )
    milestone.full_clean()
    milestone.save()
    return milestone


def deck_milestones(programme: Programme) -> list[Milestone]:
    """The deck's rétroplanning on `programme`: a span over September and October 2024, four
    workshops from 21 November to 15 December (close enough for their labels to need several
    rows), a span over January and February 2025, then the signature, its date still to be
    set."""
    return [
        make_milestone(programme, "4 ateliers", "2024-09-01", "2024-10-31", date_label="Sept-Oct"),
        make_milestone(programme, "Atelier n°1", "2024-11-21", date_label="21 nov"),
        make_milestone(programme, "Atelier n°2", "2024-12-04", date_label="4 déc"),
        make_milestone(programme, "Atelier n°3", "2024-12-11", date_label="11 déc"),
        make_milestone(programme, "Atelier n°4", "2024-12-15", date_label="15 déc"),
        make_milestone(
            programme,
            "Analyse des résultats (sondages)",
            "2025-01-06",
            "2025-02-28",
            date_label="Janv-Fév",
        ),
        make_milestone(
            programme,
            "Signature de la feuille de route CD92 et PEDEC",
            date_label="Date à fixer",
            kind=Milestone.Kind.SIGNATURE,
        ),
    ]


def make_agenda(workshop: Workshop, *titles: str) -> list[AgendaItem]:
    """The workshop's plan (plan de l'atelier), one item per title, in order."""
    return [
        AgendaItem.objects.create(workshop=workshop, order=order, title=title)
        for order, title in enumerate(titles, start=1)
    ]
