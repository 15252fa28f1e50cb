"""A real Daphne process serving the test database: for browser journeys, several-process
and restart tests. State lives in the database, so a server can be stopped and started again."""

import functools
import os
import shlex
import socket
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from django.conf import settings
from django.core.management import call_command
from django.db import connection
from django.test import override_settings

from tests.conftest import CHANNEL_PREFIX

ROOT = Path(__file__).resolve().parent.parent
DAPHNE_UNIT = ROOT / "deploy" / "systemd" / "fne92-daphne@.service"


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def daphne_options_of_the_unit() -> list[str]:
    """The options production starts Daphne with (its systemd unit), beyond its address and
    its application, so that the tests run what is deployed."""
    line = next(
        line for line in DAPHNE_UNIT.read_text().splitlines() if line.startswith("ExecStart=")
    )
    words = shlex.split(line.removeprefix("ExecStart="))[1:-1]  # no program, no application
    options, words = [], iter(words)
    for word in words:
        if word in ("-b", "--bind", "-p", "--port"):
            next(words)  # the address is the test's own
        else:
            options.append(word)
    return options


@functools.cache
def collected_static() -> Path:
    """`collectstatic`'s output for the servers the tests start, made once per test process
    from the current source: they serve the hashed, compressed files production serves."""
    root = Path(tempfile.mkdtemp(prefix="fne-static-"))
    with override_settings(STATIC_ROOT=root):
        call_command("collectstatic", interactive=False, verbosity=0)
    return root


def database_url_for_tests() -> str:
    """The URL of the database the tests use (the test copy, not the real one)."""
    db = connection.settings_dict
    if db["ENGINE"].endswith("sqlite3"):
        return f"sqlite:///{db['NAME']}"
    user = db.get("USER") or ""
    password = f":{db['PASSWORD']}" if db.get("PASSWORD") else ""
    auth = f"{user}{password}@" if user else ""
    port = f":{db['PORT']}" if db.get("PORT") else ""
    return f"postgres://{auth}{db.get('HOST') or ''}{port}/{db['NAME']}"


class DaphneServer:
    def __init__(
        self,
        port: int | None = None,
        extra_env: dict | None = None,
        options: list[str] | None = None,
    ):
        self.port = port or free_port()
        self.extra_env = extra_env or {}
        self.options = options or []  # more of Daphne's command-line options
        self.process: subprocess.Popen | None = None
        # Kept open for the server's whole life: its output is read when it fails.
        self.log = tempfile.NamedTemporaryFile(  # noqa: SIM115
            prefix="daphne-", suffix=".log", delete=False
        )

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    @property
    def ws_url(self) -> str:
        return f"ws://127.0.0.1:{self.port}"

    def env(self) -> dict:
        # The browser tests' own escape hatch must not reach the server under test.
        env = {k: v for k, v in os.environ.items() if k != "DJANGO_ALLOW_ASYNC_UNSAFE"}
        env.update(
            DATABASE_URL=database_url_for_tests(),
            SECRET_KEY=settings.SECRET_KEY,
            DEBUG="0",
            ALLOWED_HOSTS="127.0.0.1,localhost",
            CHANNEL_PREFIX=CHANNEL_PREFIX,
            STATIC_ROOT=str(collected_static()),
            PYTHONUNBUFFERED="1",
        )
        if settings.REDIS_URL:
            env["REDIS_URL"] = settings.REDIS_URL
        env.update(self.extra_env)
        return env

    def start(self, timeout: float = 30) -> None:
        self.process = subprocess.Popen(
            [
                sys.executable,
                "-m",
                "daphne",
                "-b",
                "127.0.0.1",
                "-p",
                str(self.port),
                *self.options,
                "fne92.asgi:application",
            ],
            cwd=ROOT,
            env=self.env(),
            stdout=self.log,
            stderr=subprocess.STDOUT,
        )
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise RuntimeError(f"Daphne s'est arrêté au démarrage :\n{self.output()}")
            try:
                with socket.create_connection(("127.0.0.1", self.port), timeout=0.5):
                    return
            except OSError:
                time.sleep(0.1)
        raise RuntimeError(f"Daphne ne répond pas sur le port {self.port}:\n{self.output()}")

    def stop(self) -> None:
        if self.process and self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()
        self.process = None

    def kill(self) -> None:
        """A crash, not a clean stop."""
        if self.process and self.process.poll() is None:
            self.process.kill()
            self.process.wait()
        self.process = None

    def restart(self) -> None:
        self.stop()
        self.start()

    def output(self) -> str:
        return Path(self.log.name).read_text(errors="replace")[-4000:]
