"""Daphne as production starts it (deploy/systemd/fne92-daphne@.service), behind nginx: the
client's address comes from the proxy's header, and the log has one line per request and per
WebSocket connection and disconnection, with the session's number and no participant's name."""

import re

import httpx
import pytest
from websockets.sync.client import connect

from tests.factories import workshop_with
from tests.servers import DaphneServer, daphne_options_of_the_unit

TOKEN = re.compile(r'name="token" value="([^"]+)"')
# What nginx sends (deploy/nginx/proxy_headers.conf): the address it saw, in place of any.
PROXY_HEADERS = {"X-Forwarded-For": "203.0.113.9", "X-Forwarded-Proto": "http"}


@pytest.fixture
def workshop(facilitator):
    """A workshop with one slide: joining is all these tests do."""
    return workshop_with(["cover"], facilitator=facilitator)


@pytest.fixture
def start_daphne(transactional_db, django_db_setup):
    """Starts a Daphne with the given options; every one started is stopped at the end."""
    servers = []

    def start(options: list[str]) -> DaphneServer:
        servers.append(DaphneServer(options=options))
        servers[-1].start()
        return servers[-1]

    yield start
    for server in servers:
        server.stop()


def join_and_connect(server: DaphneServer, code: str, session_id: int, headers: dict) -> None:
    """A phone joins with its name and structure, opens its WebSocket, then leaves."""
    with httpx.Client(base_url=server.url, headers=headers) as http:
        page = http.get(f"/rejoindre/{code}/")
        assert 'id="phone-stage"' in page.text
        profile = http.get(f"/atelier/{session_id}/profil/")
        response = http.post(
            f"/atelier/{session_id}/profil/",
            data={
                "token": TOKEN.search(profile.text).group(1),
                "pseudonym": "Alexandrine Martin",
                "structure": "CCAS de Nanterre",
            },
        )
        assert response.status_code == 302
        cookie = "; ".join(f"{name}={value}" for name, value in http.cookies.items())
    with connect(
        f"{server.ws_url}/ws/atelier/{session_id}/",
        additional_headers={"Cookie": cookie, **headers},
        origin=server.url,
    ) as socket:
        assert "phone-stage" in socket.recv(timeout=10)


def test_behind_the_proxy_each_request_and_websocket_is_one_line_with_the_real_address(
    start_daphne, live_session
):
    unit_server = start_daphne(daphne_options_of_the_unit())
    join_and_connect(unit_server, live_session.code, live_session.pk, PROXY_HEADERS)
    unit_server.stop()  # every line written
    log = unit_server.output()
    lines = [line for line in log.splitlines() if line.startswith("203.0.113.9:")]
    assert any(f'"GET /rejoindre/{live_session.code}/" 200' in line for line in lines)
    assert any(f'"POST /atelier/{live_session.pk}/profil/" 302' in line for line in lines)
    assert any(f'"WSCONNECT /ws/atelier/{live_session.pk}/"' in line for line in lines)
    assert any(f'"WSDISCONNECT /ws/atelier/{live_session.pk}/"' in line for line in lines)
    assert "Alexandrine" not in log
    assert "Nanterre" not in log


def test_a_daphne_not_told_to_trust_a_proxy_ignores_a_claimed_address(start_daphne, live_session):
    plain_server = start_daphne([])
    join_and_connect(plain_server, live_session.code, live_session.pk, PROXY_HEADERS)
    plain_server.stop()
    log = plain_server.output()
    assert f'"POST /atelier/{live_session.pk}/profil/" 302' in log
    assert "203.0.113.9" not in log
