"""Helpers for the live tests: real WebSockets through the real ASGI application."""

import json
import uuid

from channels.testing import WebsocketCommunicator

from fne92.asgi import application
from live import sessions

ORIGIN = (b"origin", b"http://127.0.0.1")


def phone_cookie(*participants) -> str:
    """The signed cookie a phone holds after joining (as the join view leaves it)."""
    value = sessions.write_participants({p.session_id: p.pk for p in participants})
    return f"{sessions.PARTICIPANT_COOKIE}={value}"


def join_as(client, session, pseudonym="Alex", structure=""):
    """A phone joins through the join form, as a participant does; returns the participant."""
    from django.urls import reverse

    from live.models import Participant

    response = client.post(
        reverse("workshops:join_code", args=[session.code]),
        {"pseudonym": pseudonym, "structure": structure},
    )
    # Joined: the phone page at once, with the current step (no redirection to follow).
    assert response.status_code == 200
    assert 'id="phone-stage"' in response.content.decode()
    return Participant.objects.get(session=session, pseudonym=pseudonym)


def answer(participant, step, data: dict, *, client_id: str | None = None):
    """An answer stored through the one writer (`record_answers`), as a phone's is: the one way
    tests store answers without a phone. Returns the stored response."""
    from live.answers import Submission, record_answers

    [outcome] = record_answers(
        [
            Submission(
                client_id=client_id or str(uuid.uuid4()),
                session_id=participant.session_id,
                participant_id=participant.pk,
                activity_id=step.activity_id,
                answer=data,
            )
        ]
    )
    assert outcome.ok, outcome.error
    return outcome.response


def user_cookie(client, user) -> str:
    client.force_login(user)
    return f"sessionid={client.cookies['sessionid'].value}"


def communicator(path: str, cookie: str = "", origin: bool = True) -> WebsocketCommunicator:
    headers = [(b"host", b"127.0.0.1")]
    if origin:
        headers.append(ORIGIN)
    if cookie:
        headers.append((b"cookie", cookie.encode()))
    return WebsocketCommunicator(application, path, headers=headers)


def answer_message(activity_id: int, client_id: str | None = None, **fields) -> str:
    message = {"activity": str(activity_id), "client_id": client_id or str(uuid.uuid4())}
    message.update(fields)
    message["HEADERS"] = {"HX-Request": "true"}
    return json.dumps(message)


async def receive_until(comm: WebsocketCommunicator, needle: str, timeout: float = 3) -> str:
    """Messages until one contains `needle` (pushes may come in several renders)."""
    import asyncio

    loop = asyncio.get_running_loop()
    deadline = loop.time() + timeout
    seen = []
    while True:
        remaining = deadline - loop.time()
        if remaining <= 0:
            raise AssertionError(f"{needle!r} never came; received: {seen}")
        try:
            message = await comm.receive_from(timeout=remaining)
        except TimeoutError as error:
            raise AssertionError(f"{needle!r} never came; received: {seen}") from error
        message = as_read(message)
        seen.append(message[:300])
        if needle in message:
            return message


def as_read(html: str) -> str:
    """The projector's HTML with the narrow no-break spaces of French typography (before
    ? ! : ; %, inside « ») read as plain spaces, as the tests' expected texts are written."""
    return html.replace("\u202f", " ")


def cowrite_activity_step(workshop, config: dict | None = None, *, title: str = "Co-rédaction"):
    """A co-writing step added at the end of `workshop` (the example settings: two tables,
    the first axis starting from an idea)."""
    from quizzes.kinds import get_kind
    from quizzes.models import Activity
    from workshops.models import Step

    kind = get_kind("cowrite")
    activity = Activity.objects.create(
        kind="cowrite", title=title, config=kind.clean_config(config or kind.example_config())
    )
    last = workshop.steps.order_by("-order").values_list("order", flat=True).first() or 0
    return Step.objects.create(
        workshop=workshop, order=last + 1, kind=Step.Kind.ACTIVITY, title=title, activity=activity
    )


def cowrite_step(session, config: dict | None = None, *, title: str = "Co-rédaction"):
    """A co-writing step added to the session's workshop and shown (its run open): the
    participants pick their table on it, then write their group's sheet."""
    from live.sessions import go_to_step

    step = cowrite_activity_step(session.workshop, config, title=title)
    go_to_step(session=session, step=step)
    session.refresh_from_db()
    return step


def cowrite_run(session, step):
    from live.models import ActivityRun

    return ActivityRun.objects.select_related("activity").get(
        session=session, activity=step.activity
    )
