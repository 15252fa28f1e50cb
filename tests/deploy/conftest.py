"""The deployment as production runs it: nginx (the rendered site, TLS) in front of two Daphne
processes started with the systemd unit's options, sharing PostgreSQL and Redis.

These tests run only when asked (`pytest -m deploy tests/deploy`, as deploy/ci-stage.sh does):
they need nginx and root, and the suite's `make test` must not."""

import pytest

from tests.deploy.nginx import LoopbackNginx
from tests.servers import DaphneServer, collected_static, daphne_options_of_the_unit


def pytest_collection_modifyitems(config, items):
    if "deploy" in (config.getoption("-m") or ""):
        return
    chosen = [item for item in items if item.get_closest_marker("deploy") is None]
    config.hook.pytest_deselected(items=[item for item in items if item not in chosen])
    items[:] = chosen


@pytest.fixture(scope="session")
def uploads_dir(tmp_path_factory):
    return tmp_path_factory.mktemp("uploads")


@pytest.fixture(scope="session")
def daphnes(django_db_setup, uploads_dir):
    """Two Daphne processes as the unit starts them, behind the proxy."""
    environ = {"BEHIND_PROXY": "1", "MEDIA_ROOT": str(uploads_dir)}
    servers = [
        DaphneServer(extra_env=environ, options=daphne_options_of_the_unit()) for _ in range(2)
    ]
    for server in servers:
        server.start()
    yield servers
    for server in servers:
        server.stop()


@pytest.fixture(scope="session")
def nginx(daphnes, tmp_path_factory):
    proxy = LoopbackNginx(
        directory=tmp_path_factory.mktemp("nginx"),
        daphne=[f"127.0.0.1:{server.port}" for server in daphnes],
        static_root=collected_static(),  # what the Daphne processes link
    )
    proxy.start()
    yield proxy
    proxy.stop()


@pytest.fixture
def site(nginx, transactional_db):
    return nginx
