"""Small test factories: a programme, a workshop with just the steps a test needs, a live
session on a step, participants. Answers go through the one writer (`tests.live.answer`).

A test builds what it asserts on, instead of loading the whole demo and finding steps by the
deck's slide titles; only the tests that check the demo's content load it (`demo_programme` in
tests/conftest.py). To run a module's tests on a small workshop, override the `workshop`
fixture there: the shared `live_session`, `vote_step`, `ideas_step`… then use it.

    @pytest.fixture
    def workshop(facilitator):
        return workshop_with(["vote"], facilitator=facilitator)

The roadmap's factories (at the end) build a roadmap, its governance (structures, members,
committees), its axes and its sheets with their costing lines and indicators, each through the
model's own validation. `roadmap` in tests/conftest.py is a small one built with them; the tests
that check the demo's roadmap use `roadmap92`.
"""

import datetime as dt
from collections.abc import Iterable
from decimal import Decimal
from itertools import count

from django.utils import timezone

from live import sessions
from live.models import LiveSession, Participant
from quizzes.kinds import KINDS
from quizzes.models import Activity
from roadmap.costing import staff_cost
from roadmap.history import record_revision
from roadmap.indicators import BY_CODE
from roadmap.models import (
    Axis,
    Beneficiary,
    Committee,
    CostLine,
    FundingLine,
    Indicator,
    IndicatorTarget,
    Member,
    ProjectSheet,
    Roadmap,
    Seat,
    SheetMilestone,
)
from workshops.models import (
    AgendaItem,
    Milestone,
    Organisation,
    Phase,
    Programme,
    Step,
    Workshop,
)

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


def plain_step(
    workshop: Workshop, kind: str = Step.Kind.CONTENT, *, title: str = "", **fields
) -> Step:
    """A step with no activity (cover, section, content…) at the end of `workshop`; `fields`
    go to the step (subtitle, body, notes)."""
    return Step.objects.create(
        workshop=workshop,
        order=_next_order(workshop),
        kind=kind,
        title=title or f"Étape {kind}",
        **fields,
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


def classification(workshop: Workshop, solution: dict[str, str], *, prompt: str = "") -> Step:
    """A "De quel type de médiation relève chaque action ?" step at the end of `workshop`:
    the four `MEDIATIONS` as categories, `solution` ({action: its médiation}) as the items, in
    its order; `prompt` the instruction under the title."""
    items = [{"text": text, "category": category} for text, category in solution.items()]
    return step_with_activity(
        workshop,
        "classify",
        config={"categories": MEDIATIONS, "items": items},
        title="De quel type de médiation relève chaque action ?",
        prompt=prompt,
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


# The roadmap
def _saved(instance):
    """The instance checked by the model's own validation (fields, `clean`, constraints), then
    saved."""
    instance.full_clean()
    instance.save()
    return instance


def make_organisation(name: str = "", **fields) -> Organisation:
    """A structure of the ecosystem (short_name, kind, siret in `fields`); names are unique, so
    a numbered one unless told."""
    return _saved(Organisation(name=name or f"Structure d'essai {next(_numbers)}", **fields))


def make_roadmap(programme: Programme | None = None, **fields) -> Roadmap:
    """A draft roadmap of `programme` (a new one unless given), with no editor yet."""
    number = next(_numbers)
    defaults = {"name": f"Feuille de route d'essai {number}", "territory": "Hauts-de-Seine (92)"}
    return _saved(Roadmap(programme=programme or make_programme(), **{**defaults, **fields}))


def make_member(
    roadmap: Roadmap, organisation: Organisation | None = None, *, roles=(), **fields
) -> Member:
    """`organisation` (a new one unless given) in the roadmap's governance with these roles
    (`Member.Role` values); status and contacts in `fields`."""
    return _saved(
        Member(
            roadmap=roadmap,
            organisation=organisation or make_organisation(),
            roles=list(roles),
            **fields,
        )
    )


def make_committee(roadmap: Roadmap, name: str, *, co_chairs=(), members=(), **fields) -> Committee:
    """A committee after the roadmap's others (kind, frequency in `fields`): `co_chairs` and
    `members` (governance members) get a seat, the former as its co-chairs."""
    last = roadmap.committees.order_by("-order").values_list("order", flat=True).first()
    committee = _saved(Committee(roadmap=roadmap, order=(last or 0) + 1, name=name, **fields))
    for member in co_chairs:
        _saved(Seat(committee=committee, member=member, co_chair=True))
    for member in members:
        _saved(Seat(committee=committee, member=member))
    return committee


def make_axis(roadmap: Roadmap, title: str = "", **fields) -> Axis:
    """A strategic axis after the roadmap's others (description, stakes in `fields`)."""
    last = roadmap.axes.order_by("-order").values_list("order", flat=True).first()
    order = (last or 0) + 1
    return _saved(
        Axis(roadmap=roadmap, order=order, title=title or f"Axe d'essai {order}", **fields)
    )


def make_sheet(
    roadmap: Roadmap,
    title: str = "",
    *,
    costs: Iterable[dict] = (),
    fundings: Iterable[dict] = (),
    beneficiaries: Iterable[tuple[Member, str]] = (),
    milestones: Iterable[tuple[dt.date, str]] = (),
    carriers: Iterable[Member] = (),
    partners: Iterable[Member] = (),
    **fields,
) -> ProjectSheet:
    """A project sheet numbered after the roadmap's others, saved once as an editor's save
    leaves it (its lines, then its first revision in the history).

    `costs` are `CostLine` fields; a staff line gives `fte`, `months` and `monthly_cost` and
    its amount is computed from them as the sheet editor does. `fundings` are `FundingLine`
    fields (`funder` a member); `beneficiaries` share the subsidy request, `milestones` are
    (date, title); the sheet's own fields (axis, status, needs, starts_on, subsidy_…) go to
    `fields`."""
    last = roadmap.sheets.order_by("-number").values_list("number", flat=True).first()
    number = (last or 0) + 1
    sheet = _saved(
        ProjectSheet(
            roadmap=roadmap, number=number, title=title or f"Fiche d'essai {number}", **fields
        )
    )
    sheet.carriers.set(carriers)
    sheet.partners.set(partners)
    for order, line in enumerate(costs, start=1):
        line = dict(line)
        if line.get("fte") is not None and "amount" not in line:
            line["amount"] = staff_cost(
                **{k: Decimal(str(line[k])) for k in ("fte", "months", "monthly_cost")}
            )
        _saved(CostLine(sheet=sheet, order=order, **line))
    for order, line in enumerate(fundings, start=1):
        _saved(FundingLine(sheet=sheet, order=order, **line))
    for order, (member, amount) in enumerate(beneficiaries, start=1):
        _saved(Beneficiary(sheet=sheet, order=order, member=member, amount=amount))
    for date, milestone in milestones:
        _saved(SheetMilestone(sheet=sheet, date=date, title=milestone))
    record_revision(sheet=sheet, user=None)
    return sheet


def make_indicator(
    sheet: ProjectSheet, code: str, *, targets: dict[int, str] | None = None, **fields
) -> Indicator:
    """An indicator of the sheet: a library one takes its name, unit and additivity from the
    library (`code`), a custom one ("autre") is given them; `targets` are {year: value}."""
    definition = BY_CODE.get(code)
    if definition is not None:
        fields = {
            "name": str(definition.name),
            "unit": str(definition.unit),
            "additive": definition.additive,
            **fields,
        }
    last = sheet.indicators.order_by("-order").values_list("order", flat=True).first()
    indicator = _saved(Indicator(sheet=sheet, order=(last or 0) + 1, code=code, **fields))
    for year, value in (targets or {}).items():
        _saved(IndicatorTarget(indicator=indicator, year=year, value=value))
    return indicator
