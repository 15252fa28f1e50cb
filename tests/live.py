"""Helpers for the live tests: real WebSockets through the real ASGI application."""

import json
import re
import uuid

from channels.testing import WebsocketCommunicator
from django.test import Client

from fne92.asgi import application
from live import sessions

ORIGIN = (b"origin", b"http://127.0.0.1")


def phone_cookie(*participants) -> str:
    """The signed cookie a phone holds after joining (as the join view leaves it)."""
    value = sessions.write_participants({p.session_id: p.pk for p in participants})
    return f"{sessions.PARTICIPANT_COOKIE}={value}"


def join_as(client, session, pseudonym="Alex", structure=""):
    """A phone joins as a participant does: the QR code's address shows the current step at
    once; then the pseudonym and structure, when given, from the phone's profile page.
    Returns the participant."""
    from django.urls import reverse

    from live.models import Participant

    response = client.get(reverse("workshops:join_code", args=[session.code]))
    # Joined: the phone page at once, with the current step (no redirection to follow).
    assert response.status_code == 200
    assert 'id="phone-stage"' in response.content.decode()
    participant = Participant.objects.get(pk=phone_of(client, session))
    if pseudonym or structure:
        saved = client.post(
            reverse("workshops:profile", args=[session.pk]),
            {"pseudonym": pseudonym, "structure": structure, "token": form_token(participant)},
        )
        assert saved.status_code == 302, saved.content.decode()
        participant.refresh_from_db()
    return participant


def phone_of(client, session) -> int | None:
    """The participant id a test client's phone cookie holds for `session`, if any."""
    cookie = client.cookies.get(sessions.PARTICIPANT_COOKIE)
    return sessions.read_participants(cookie.value if cookie else None).get(session.pk)


def form_token(participant) -> str:
    """The token a participant's plain forms carry (instead of a CSRF token)."""
    return sessions.participant_token(participant.pk)


def submit(participant, activity, data: dict, *, client_id: str | None = None):
    """An answer to `activity` sent through the one writer (`record_answers`), as a phone's
    is: the one way tests store answers without a phone. Returns the outcome (ok, or the
    error the phone would read)."""
    from live.answers import Submission, record_answers

    [outcome] = record_answers(
        [
            Submission(
                client_id=client_id or str(uuid.uuid4()),
                session_id=participant.session_id,
                participant_id=participant.pk,
                activity_id=activity.pk,
                answer=data,
            )
        ]
    )
    return outcome


def answer(participant, step, data: dict, *, client_id: str | None = None):
    """A valid answer to the step's activity, stored through the one writer; returns the
    stored response."""
    outcome = submit(participant, step.activity, data, client_id=client_id)
    assert outcome.ok, outcome.error
    return outcome.response


def new_phone(session, pseudonym: str = "Alex", structure: str = "") -> Client:
    """A phone (its own browser) that has joined `session` through the join form."""
    phone = Client()
    join_as(phone, session, pseudonym, structure)
    return phone


def phone_page(phone, session) -> str:
    from django.urls import reverse

    return phone.get(reverse("workshops:phone", args=[session.pk])).content.decode()


def client_id_of(html: str) -> str:
    """The id the phone's answer form gives its next answer."""
    return re.search(r'name="client_id" value="([0-9a-f-]+)"', html).group(1)


def post_answer(client, session, activity_id: int, fields: dict, *, client_id=None, token=None):
    """A phone's plain form (no JavaScript, or the WebSocket blocked): the answer posted over
    HTTP with the phone's own token, as its page sends it."""
    from django.urls import reverse

    participant_id = phone_of(client, session)
    if token is None:
        token = sessions.participant_token(participant_id) if participant_id else ""
    data = {"client_id": client_id or str(uuid.uuid4()), "token": token, **fields}
    return client.post(reverse("workshops:answer", args=[session.pk, activity_id]), data)


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


async def connected(path: str, cookie: str = "") -> WebsocketCommunicator:
    """A WebSocket to `path` through the real ASGI application, accepted."""
    comm = communicator(path, cookie)
    ok, _ = await comm.connect()
    assert ok
    return comm


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
