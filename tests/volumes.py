"""A full room for workshop n°1, made in the database: what the projector must hold.

Sixty participants and their answers to every activity, written through the one answer
writer (`record_answers`) as the phones' answers are; the governance with fifteen members and
four committees; a rétroplanning of twelve milestones. Texts are as long as the forms allow.
"""

import datetime as dt
import itertools
import uuid

from live import sessions
from live.answers import Submission, record_answers
from live.models import LiveSession, Participant
from quizzes.kinds import get_kind
from roadmap.models import Committee, Member, Seat
from roadmap.seed import load_roadmap_seed
from workshops.models import Organisation, Step

PARTICIPANTS = 60
IDEAS = 40
REASONS = 40
CLOUD_WORDS = 120
MEMBERS = 15
COMMITTEES = 4
MILESTONES = 12

WORDS = [
    *[
        "médiation",
        "accompagnement",
        "numérique",
        "autonomie",
        "démarches",
        "administratives",
        "en",
        "ligne",
    ],
    *[
        "confiance",
        "fracture",
        "territoriale",
        "exclusion",
        "sociale",
        "formation",
        "aidants",
        "équipement",
    ],
    *[
        "connexion",
        "illectronisme",
        "usages",
        "essentiels",
        "lien",
        "social",
        "inclusion",
        "parcours",
    ],
    *[
        "repérage",
        "orientation",
        "services",
        "conseillers",
        "associations",
        "quartier",
        "bibliothèques",
    ],
    *["centres", "sociaux", "seniors", "jeunes", "éloignés", "emploi", "handicap"],
]


def text_of(length: int, *, seed: int) -> str:
    """French-looking words, `length` characters at most, cut on a word."""
    words = itertools.islice(itertools.cycle(WORDS), seed % len(WORDS), None)
    text = ""
    for word in words:
        if len(text) + len(word) + 1 > length:
            return text
        text = f"{text} {word}" if text else word.capitalize()
    return text


def _answer(session: LiveSession, participant: Participant, activity_id: int, answer: dict):
    return Submission(
        client_id=str(uuid.uuid4()),
        session_id=session.pk,
        participant_id=participant.pk,
        activity_id=activity_id,
        answer=answer,
    )


def _store(submissions: list[Submission]) -> None:
    outcomes = record_answers(submissions)
    refused = [outcome.error for outcome in outcomes if not outcome.ok]
    assert refused == [], refused[:3]


def _answers_for(step: Step, people: list[Participant], session: LiveSession) -> list:
    activity = step.activity
    config = activity.config
    kind = activity.kind
    answers = []
    for n, person in enumerate(people):
        if kind == "icebreaker":
            data = {
                spec["name"]: text_of(spec["max_length"], seed=n + i)
                for i, spec in enumerate(config["fields"])
            }
            data["directory"] = True
        elif kind == "retro":
            said_yes = n < REASONS
            data = {
                "choice": "oui" if said_yes else "non",
                "text": text_of(300 + (n * 37) % 200, seed=n) if said_yes else "",
            }
            if config["opens_on"] != "oui":
                data["choice"] = "non" if said_yes else "oui"
        elif kind in ("vote", "choice"):
            data = {"choices": [n % len(config["options"])]}
        elif kind == "open_question":
            # 120 different words or phrases in all, two per person, and one of five words
            # that many give.
            data = {
                "entries": [
                    WORDS[n % 5],
                    *(f"{WORDS[k % len(WORDS)]} {k // len(WORDS) + 1}" for k in (2 * n, 2 * n + 1)),
                ]
            }
        elif kind == "blanks":
            data = {
                "blanks": {
                    seg["key"]: seg["answers"][0] if n % 3 else "autre"
                    for seg in config["segments"]
                    if seg.get("key")
                }
            }
        elif kind == "classify":
            categories = [c["key"] for c in config["categories"]]
            data = {
                "choices": {
                    item["key"]: categories[(n + i) % len(categories)]
                    for i, item in enumerate(config["items"])
                }
            }
        else:
            continue
        answers.append(_answer(session, person, activity.pk, data))
    return answers


def _ideas(step: Step, people: list[Participant], session: LiveSession) -> None:
    activity = step.activity
    columns = [column["key"] for column in activity.config["columns"]]
    limit = activity.config["max_length"]
    _store(
        [
            _answer(
                session,
                people[n % len(people)],
                activity.pk,
                {
                    "column": columns[n % len(columns)],
                    "text": text_of(min(limit, 60 + (n * 23) % 140), seed=n),
                },
            )
            for n in range(IDEAS)
        ]
    )
    run = sessions.run_for(session=session, step=step)
    sessions.perform_action(session=session, run=run, action="vote", form={"votes": ["3"]})
    run.refresh_from_db()
    ideas = [
        idea.id
        for idea in get_kind("ideas").results_context(
            activity=activity,
            run=run,
            responses=list(sessions.visible_responses(session=session, activity=activity)),
        )["ranking"]
    ]
    _store(
        [
            _answer(
                session,
                person,
                activity.pk,
                {
                    "votes": sorted(
                        {
                            ideas[n % len(ideas)],
                            ideas[(n * 7) % len(ideas)],
                            ideas[(n * 11 + 3) % len(ideas)],
                        }
                    )
                },
            )
            for n, person in enumerate(people)
        ]
    )
    # Back to posting: the projector is walked through the phases by the test.
    sessions.perform_action(session=session, run=run, action="post", form={})


def _governance(programme) -> None:
    roadmap, _ = load_roadmap_seed()
    roadmap.programme = programme
    roadmap.save(update_fields=["programme"])
    for n in range(roadmap.members.count(), MEMBERS):
        organisation = Organisation.objects.create(
            name=f"Centre communal d'action sociale de la commune n°{n}",
            short_name=f"CCAS de Villeneuve-la-Garenne {n}" if n % 2 else "",
        )
        Member.objects.create(
            roadmap=roadmap,
            organisation=organisation,
            status=Member.Status.CANDIDATE if n % 3 else Member.Status.CONFIRMED,
        )
    members = list(roadmap.members.all())
    for n in range(roadmap.committees.count(), COMMITTEES):
        Committee.objects.create(
            roadmap=roadmap,
            order=n,
            kind=Committee.Kind.CONSULTATIVE,
            name=f"Comité des usagers et des aidants numériques n°{n}",
        )
    for index, committee in enumerate(roadmap.committees.all()):
        for offset, member in enumerate(members[index * 3 : index * 3 + 7]):
            Seat.objects.get_or_create(
                committee=committee, member=member, defaults={"co_chair": offset == 0}
            )


def _milestones(programme) -> None:
    # Within the programme's six months, between the deck's own milestones.
    existing = programme.milestones.count()
    start = dt.date(2024, 9, 16)
    for n in range(existing, MILESTONES):
        programme.milestones.create(
            title=f"Comité de suivi et restitution aux partenaires n°{n}",
            starts_on=start + dt.timedelta(days=31 * (n - existing)),
        )


def fill_room(*, session: LiveSession) -> dict[str, Step]:
    """Sixty participants who answered everything (`fill_answers`), the governance of the
    demo's roadmap (loaded unless there) grown to fifteen members and four committees, and
    twelve milestones; returns the activity steps by kind."""
    steps = fill_answers(session=session)
    programme = session.workshop.programme
    _governance(programme)
    _milestones(programme)
    return steps


def fill_answers(*, session: LiveSession) -> dict[str, Step]:
    """Sixty participants who answered every activity of the session's workshop (and voted on
    its idea boards); returns the activity steps by kind."""
    people = [
        sessions.join(session=session, pseudonym=f"Participant·e {n}", structure="Centre social")
        for n in range(PARTICIPANTS)
    ]
    steps = {}
    shown = session.current_step
    for step in session.workshop.steps.filter(activity__isnull=False).select_related("activity"):
        # Phones answer the step on the projector only: the room is taken through each step.
        session.current_step = step
        session.save(update_fields=["current_step"])
        run = sessions.run_for(session=session, step=step)
        steps.setdefault(step.activity.kind, step)
        if step.activity.kind == "ideas":
            _ideas(step, people, session)
        else:
            _store(_answers_for(step, people, session))
        run.refresh_from_db()
    session.current_step = shown
    session.save(update_fields=["current_step"])
    return steps
