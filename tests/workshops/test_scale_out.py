"""Two Daphne processes sharing the database and Redis stay in sync: a phone on one, the
projector on the other."""

import asyncio
import os
import uuid

import pytest
import redis
from django.test import Client

from live import sessions
from live.models import Response
from tests.factories import plain_step, workshop_with
from tests.live import answer_message, phone_cookie, user_cookie
from tests.servers import DaphneServer

REDIS_URL = os.getenv("REDIS_URL") or "redis://127.0.0.1:6379/3"
pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def workshop(facilitator):
    """The governance vote, then a section title to move on to."""
    workshop = workshop_with(["vote"], facilitator=facilitator)
    plain_step(workshop, "section", title="II. Préciser le champ d'action")
    return workshop


@pytest.fixture
def redis_available():
    try:
        redis.Redis.from_url(REDIS_URL, socket_connect_timeout=1).ping()
    except redis.RedisError:
        message = f"Redis ne répond pas sur {REDIS_URL}"
        if os.getenv("CI"):
            pytest.fail(message + " (obligatoire en CI)")
        pytest.skip(message)


@pytest.fixture
def two_servers(redis_available, django_db_setup):
    servers = [DaphneServer(extra_env={"REDIS_URL": REDIS_URL}) for _ in range(2)]
    for server in servers:
        server.start()
    yield servers
    for server in servers:
        server.stop()


async def receive_until(socket, needle: str, timeout: float = 5) -> str:
    async def wait():
        while True:
            message = await socket.recv()
            if needle in message:
                return message

    return await asyncio.wait_for(wait(), timeout)


def ws_connect(server, path: str, cookie: str):
    from websockets.asyncio.client import connect

    return connect(
        server.ws_url + path,
        additional_headers={"Cookie": cookie},
        origin=server.url,
    )


def test_a_phone_on_one_process_and_the_projector_on_another_stay_in_sync(
    two_servers, live_session, participant, facilitator, vote_step
):
    server_a, server_b = two_servers
    phone_cookie_value = phone_cookie(participant)
    screen_cookie_value = user_cookie(Client(), facilitator)
    run = sessions.run_for(session=live_session, step=vote_step)
    sessions.set_run(session=live_session, run=run, show_results=True)

    async def scenario():
        async with (
            ws_connect(server_b, f"/ws/ecran/{live_session.pk}/", screen_cookie_value) as screen,
            ws_connect(server_a, f"/ws/atelier/{live_session.pk}/", phone_cookie_value) as phone,
        ):
            await receive_until(screen, 'id="screen-stage"')
            await receive_until(phone, "Validez-vous la gouvernance proposée ?")
            await phone.send(answer_message(vote_step.activity_id, str(uuid.uuid4()), choice="2"))
            await receive_until(phone, "Réponse enregistrée")
            pushed = await receive_until(screen, "1 réponse")
            assert "Abstention" in pushed
            # A change made through process B reaches the phone on process A.
            await asyncio.to_thread(
                _post,
                server_b.url,
                f"/animation/sessions/{live_session.pk}/action/",
                screen_cookie_value,
                {"action": "next"},
            )
            moved = await receive_until(phone, 'id="phone-stage"')
            assert "II. Préciser le champ d&#x27;action" in moved

    asyncio.run(scenario())
    assert list(Response.objects.values_list("data", flat=True)) == [{"choices": [2]}]


def _post(base: str, path: str, cookie: str, data: dict) -> int:
    """A form POST as the browser sends it (session cookie, CSRF cookie and header)."""
    import urllib.parse
    import urllib.request

    token = uuid.uuid4().hex  # any 32-character secret works as both cookie and header
    request = urllib.request.Request(  # noqa: S310 - the local test server
        base + path,
        data=urllib.parse.urlencode(data).encode(),
        headers={
            "Cookie": f"{cookie}; csrftoken={token}",
            "X-CSRFToken": token,
            "HX-Request": "true",
            "Referer": base + "/",
        },
        method="POST",
    )
    with urllib.request.urlopen(request, timeout=10) as response:  # noqa: S310 - local server
        return response.status
