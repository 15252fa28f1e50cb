"""Venue mode: one command on the facilitator's laptop serves the workshop on the local
network, with the laptop's address in the QR code, and says what to do."""

import os
import re
import subprocess
import sys
import time

import httpx
import pytest

from fne92.venue import lan_address
from tests.servers import ROOT, free_port


@pytest.fixture
def venue(tmp_path):
    """`manage.py serve_venue --demo` on its own SQLite file, as the facilitator runs it."""
    port = free_port()
    environ = {k: v for k, v in os.environ.items() if k not in ("DATABASE_URL", "REDIS_URL")}
    environ |= {
        "DATABASE_URL": f"sqlite:///{tmp_path / 'salle.sqlite3'}",
        "ALLOWED_HOSTS": "ailleurs.example.fr",  # what the command must not rely on
        "PYTHONUNBUFFERED": "1",
    }
    output = tmp_path / "sortie.txt"
    with output.open("w") as stream:
        process = subprocess.Popen(
            [sys.executable, "manage.py", "serve_venue", "--demo", "--port", str(port)],
            cwd=ROOT,
            env=environ,
            stdout=stream,
            stderr=subprocess.STDOUT,
        )
    base = f"http://{lan_address()}:{port}"
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline and process.poll() is None:
        try:
            httpx.get(base + "/", timeout=1)
            break
        except httpx.TransportError:
            time.sleep(0.2)
    yield base, output.read_text()
    process.terminate()
    process.wait(timeout=15)


def test_the_projector_s_qr_code_carries_the_laptop_s_network_address(venue):
    base, printed = venue
    assert f"Mode salle : {base}/" in printed
    assert "Connectez les téléphones au même Wi-Fi" in printed
    screen = re.search(r"Écran à projeter \(sans connexion\) : (\S+)", printed).group(1)
    assert screen.startswith(base + "/ecran/")

    page = httpx.get(screen)
    assert page.status_code == 200
    code = re.search(r"avec le code (\d{6})", printed).group(1)
    assert f'aria-label="QR code pour rejoindre : {base}/rejoindre/{code}/"' in page.text


def test_a_phone_on_the_local_network_joins_by_the_laptop_s_address(venue):
    base, printed = venue
    code = re.search(r"avec le code (\d{6})", printed).group(1)
    with httpx.Client(base_url=base) as phone:
        joined = phone.get(f"/rejoindre/{code}/")
    assert joined.status_code == 200
    assert 'id="phone-stage"' in joined.text
