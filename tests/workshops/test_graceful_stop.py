"""Stopping the server (Ctrl+C on `make demo`, a deployment's restart) while phones are
connected: the process exits, and what it stored stays."""

import asyncio
import signal
import subprocess
import time

import pytest

from live import sessions
from live.models import Participant
from tests.factories import workshop_with
from tests.live import phone_cookie
from tests.servers import DaphneServer
from tests.workshops.test_scale_out import receive_until, ws_connect

pytestmark = pytest.mark.django_db(transaction=True)
PHONES = 60


@pytest.fixture
def workshop(facilitator):
    """A workshop whose one step is the governance vote."""
    return workshop_with(["vote"], facilitator=facilitator)


@pytest.fixture
def server(django_db_setup):
    server = DaphneServer()
    server.start()
    yield server
    server.stop()


def test_the_server_stops_at_once_while_phones_leave(server, live_session, vote_step):
    participants = [sessions.join(session=live_session, pseudonym=f"P{i}") for i in range(PHONES)]
    process = server.process

    async def scenario():
        sockets = [
            await ws_connect(
                server, f"/ws/atelier/{live_session.pk}/", phone_cookie(participant)
            ).__aenter__()
            for participant in participants
        ]
        for socket in sockets:
            await receive_until(socket, "Validez-vous la gouvernance proposée ?")
        # The room leaves at once and the server is stopped while it is still saying so
        # (each phone's consumer marks it as gone and tells the projector).
        await asyncio.gather(*(socket.close() for socket in sockets))
        process.send_signal(signal.SIGTERM)
        started = time.monotonic()
        while process.poll() is None and time.monotonic() - started < 10:
            await asyncio.sleep(0.1)

    asyncio.run(scenario())
    try:
        process.wait(timeout=1)
    except subprocess.TimeoutExpired:
        pytest.fail(f"Daphne ne s'arrête pas après SIGTERM :\n{server.output()}")
    assert Participant.objects.filter(session=live_session).count() == PHONES
