"""What a phone's WebSocket does with a message it cannot read, and what the server does with a
WebSocket address it does not know: a clear refusal, never a crash (close code 1011, a traceback
in the log) that would cost the phone its connection."""

import json
import logging

import pytest
import pytest_asyncio
from channels.db import database_sync_to_async

from live.models import Response
from tests.factories import workshop_with
from tests.live import answer_message, communicator, phone_cookie, receive_until, user_cookie

pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.asyncio]

MALFORMED = "Réponse mal formée : rechargez la page."


@pytest.fixture
def workshop(facilitator):
    """A workshop whose one step is a vote."""
    return workshop_with(["vote"], facilitator=facilitator)


def deep(depth: int) -> str:
    return "[" * depth + "]" * depth


def unreadable_messages(activity_id: int) -> dict[str, str]:
    return {
        "infinity": f'{{"activity": "{activity_id}", "choice": Infinity}}',
        "infinite activity": '{"activity": Infinity}',
        "overflowing number": f'{{"activity": "{activity_id}", "choice": 1e400}}',
        "overflowing activity": '{"activity": 1e400}',
        "not a number": f'{{"activity": "{activity_id}", "choice": NaN}}',
        "100,000 deep": deep(100_000),
        "100,000 deep in a field": f'{{"activity": "{activity_id}", "choice": {deep(100_000)}}}',
        "an object for a field": f'{{"activity": "{activity_id}", "choice": {{"0": 1}}}}',
        "a list in a list": f'{{"activity": "{activity_id}", "choice": [["0"]]}}',
        "an activity too big": '{"activity": "99999999999999999999999999"}',
        "not json": "pour",
        "not an object": json.dumps(["pour"]),
    }


@pytest_asyncio.fixture
async def phone(live_session, participant, vote_step):
    comm = communicator(
        f"/ws/atelier/{live_session.pk}/", await database_sync_to_async(phone_cookie)(participant)
    )
    assert (await comm.connect())[0]
    await receive_until(comm, 'id="phone-stage"')
    yield comm
    await comm.disconnect()


@pytest.mark.parametrize("name", list(unreadable_messages(0)), ids=list(unreadable_messages(0)))
async def test_an_unreadable_message_is_refused_and_the_phone_keeps_its_socket(
    phone, vote_step, participant, caplog, name
):
    caplog.set_level(logging.INFO)
    await phone.send_to(text_data=unreadable_messages(vote_step.activity_id)[name])
    refusal = await receive_until(phone, MALFORMED)
    assert 'role="alert"' in refusal
    # Still connected: the next answer goes through.
    await phone.send_to(text_data=answer_message(vote_step.activity_id, choice="0"))
    await receive_until(phone, "Réponse enregistrée")
    assert await Response.objects.filter(participant=participant).acount() == 1
    assert [r for r in caplog.records if r.levelno >= logging.WARNING] == []


async def test_an_answer_to_an_activity_that_does_not_exist_is_refused(phone, vote_step, caplog):
    await phone.send_to(text_data=answer_message(987654, choice="0"))
    await receive_until(phone, "Cette activité n&#x27;existe plus.")
    await phone.send_to(text_data=answer_message(vote_step.activity_id, choice="0"))
    await receive_until(phone, "Réponse enregistrée")


async def closing_code(path: str, cookie: str = "") -> int | None:
    comm = communicator(path, cookie)
    accepted, code = await comm.connect()
    if accepted:  # accepted, then closed with an explicit code htmx does not retry
        message = await comm.receive_output(timeout=3)
        assert message["type"] == "websocket.close"
        code = message.get("code")
    await comm.disconnect()
    return code


@pytest.mark.parametrize(
    "path", ["/ws/nulle-part/", "/ws/atelier/abc/", "/autre/", "/ws/atelier/1/en-trop/"]
)
async def test_an_unknown_socket_address_is_refused_cleanly(live_session, caplog, path):
    caplog.set_level(logging.INFO)
    assert await closing_code(path) == 4404
    assert [r for r in caplog.records if r.levelno >= logging.WARNING] == []


async def test_a_session_number_too_big_for_the_database_is_refused(
    client, facilitator, live_session, caplog
):
    cookie = await database_sync_to_async(user_cookie)(client, facilitator)
    huge = 10**30
    for path in (f"/ws/ecran/{huge}/", f"/ws/regie/{huge}/", f"/ws/atelier/{huge}/"):
        assert await closing_code(path, cookie) == 4403
    assert [r for r in caplog.records if r.levelno >= logging.WARNING] == []
