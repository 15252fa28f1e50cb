"""Guessing join codes is slowed, per client, on every path that tests a code; right codes
never count, so a whole room behind one address still gets in."""

import os
import time

import httpx
import pytest
from django.test import Client
from django.urls import reverse

from tests.factories import workshop_with
from tests.servers import DaphneServer

LIMIT = 20  # settings.JOIN_CODE_FAILURES by default
GUESSER, NEIGHBOUR = "203.0.113.7", "203.0.113.8"
REFUSED = "Trop de codes erronés"


@pytest.fixture
def workshop(facilitator):
    """A workshop of one vote: a phone that gets in lands on it."""
    return workshop_with(["vote"], facilitator=facilitator)


def wrong_codes(live_session, count: int):
    """Codes that are not the session's, in the forms a guesser would send them."""
    base = int(live_session.code)
    return [f"{(base + n) % 1_000_000:06d}" for n in range(1, count + 1)]


def test_a_guesser_is_slowed_on_every_path_while_another_client_gets_in(live_session, settings):
    settings.JOIN_CODE_SLOW_SECONDS = 1
    guesser = Client(REMOTE_ADDR=GUESSER)
    codes = wrong_codes(live_session, LIMIT + 10)
    for n, code in enumerate(codes[:LIMIT]):
        # The QR path and the typed code count together.
        if n % 2 == 0:
            response = guesser.get(reverse("workshops:join_code", args=[code]))
        else:
            response = guesser.post(reverse("workshops:join"), {"code": code})
        assert "Aucun atelier n&#x27;a ce code" in response.content.decode(), n
    # Past the limit, one code a second at most, whatever the path: a burst gets one through.
    burst = [guesser.get(reverse("workshops:join_code", args=[code])) for code in codes[LIMIT:]]
    assert [r.status_code for r in burst] == [404] + [429] * 9
    assert "patientez quelques secondes" in burst[-1].content.decode()
    typed = guesser.post(reverse("workshops:join"), {"code": live_session.code})
    assert typed.status_code == 429
    assert REFUSED in typed.content.decode()
    # Someone else, with the right code, gets in at once.
    neighbour = Client(REMOTE_ADDR=NEIGHBOUR)
    joined = neighbour.get(reverse("workshops:join_code", args=[live_session.code]))
    assert joined.status_code == 200
    assert 'id="phone-stage"' in joined.content.decode()
    # And so does someone with the right code behind the guesser's address, a second later.
    time.sleep(1.1)
    same_address = Client(REMOTE_ADDR=GUESSER)
    joined = same_address.get(reverse("workshops:join_code", args=[live_session.code]))
    assert joined.status_code == 200
    assert 'id="phone-stage"' in joined.content.decode()


def test_past_the_daily_limit_every_code_is_refused(live_session, settings):
    settings.JOIN_CODE_FAILURES, settings.JOIN_CODE_DAILY_FAILURES = 2, 4
    settings.JOIN_CODE_SLOW_SECONDS = 1
    guesser = Client(REMOTE_ADDR=GUESSER)
    statuses = []
    for code in wrong_codes(live_session, 4):
        statuses.append(guesser.get(reverse("workshops:join_code", args=[code])).status_code)
        time.sleep(1.05)
    assert statuses == [404] * 4
    refused = guesser.get(reverse("workshops:join_code", args=[live_session.code]))
    assert refused.status_code == 429
    assert "réessayez demain" in refused.content.decode()


def test_a_room_behind_one_address_joins_however_many_they_are(live_session):
    url = reverse("workshops:join_code", args=[live_session.code])
    for n in range(LIMIT * 3):
        phone = Client(REMOTE_ADDR=GUESSER)
        assert phone.get(url).status_code == 200, n
    assert live_session.participants.count() == LIMIT * 3


def test_a_few_typos_in_a_room_lock_nobody_out(live_session):
    room = Client(REMOTE_ADDR=GUESSER)
    for code in wrong_codes(live_session, LIMIT - 1):
        room.post(reverse("workshops:join"), {"code": code})
    response = room.post(reverse("workshops:join"), {"code": live_session.code})
    assert response.status_code == 302
    assert response.url == reverse("workshops:join_code", args=[live_session.code])


# Several processes: the count lives in Redis ---------------------------------------------------
@pytest.fixture
def two_servers(django_db_setup):
    if not os.getenv("REDIS_URL"):
        pytest.skip("REDIS_URL n'est pas défini : le compte partagé entre processus vit dans Redis")
    # A small limit keeps the test short; the count must be shared to slow down at 5 in total.
    env = {"JOIN_CODE_FAILURES": "5", "JOIN_CODE_SLOW_SECONDS": "60"}
    servers = [DaphneServer(extra_env=env) for _ in range(2)]
    for server in servers:
        server.start()
    yield servers
    for server in servers:
        server.stop()


def from_address(address: str) -> httpx.Client:
    """An HTTP client whose connections leave from this loopback address: another client, as
    the server sees it (REMOTE_ADDR)."""
    return httpx.Client(transport=httpx.HTTPTransport(local_address=address), timeout=10)


@pytest.mark.redis
@pytest.mark.django_db(transaction=True)
def test_the_count_is_shared_by_two_server_processes(two_servers, live_session):
    server_a, server_b = two_servers
    path = "/rejoindre/{}/"
    with from_address("127.0.0.1") as guesser, from_address("127.0.0.2") as other:
        answers = [
            guesser.get((server_a if n % 2 else server_b).url + path.format(code)).status_code
            for n, code in enumerate(wrong_codes(live_session, 8))
        ]
        # 5 wrong codes in all, across both; then one code a minute (this test's setting).
        assert answers == [404] * 6 + [429] * 2
        right = path.format(live_session.code)
        assert guesser.get(server_a.url + right).status_code == 429
        assert guesser.get(server_b.url + right).status_code == 429
        joined = other.get(server_b.url + right)
        assert joined.status_code == 200
        assert 'id="phone-stage"' in joined.text
