"""The health check a supervisor polls: 200 when this process can serve a workshop, 503
otherwise, and the reason only in the server's log, never in the public answer."""

import logging

import pytest

pytestmark = pytest.mark.django_db


def test_it_answers_ok_when_the_database_the_channel_layer_the_cache_and_the_disk_are_fine(
    client, settings, tmp_path
):
    settings.MEDIA_ROOT = tmp_path
    response = client.get("/sante/")
    assert response.status_code == 200
    assert response.content == b"ok\n"
    assert "no-cache" in response["Cache-Control"]


def test_it_answers_503_without_details_when_the_uploads_folder_is_missing(
    client, settings, tmp_path, caplog
):
    settings.MEDIA_ROOT = tmp_path / "absent"
    with caplog.at_level(logging.ERROR, logger="fne92.health"):
        response = client.get("/sante/")
    assert response.status_code == 503
    assert response.content == b"indisponible\n"
    assert "absent" in caplog.text
    assert "disque des documents" in caplog.text


def test_it_fails_when_the_uploads_disk_is_nearly_full(client, settings, tmp_path, caplog):
    settings.MEDIA_ROOT = tmp_path
    settings.HEALTH_MIN_FREE_BYTES = 2**62
    with caplog.at_level(logging.ERROR, logger="fne92.health"):
        response = client.get("/sante/")
    assert response.status_code == 503
    assert "Mo libres" in caplog.text


def test_it_fails_when_the_cache_server_is_unreachable(client, settings, tmp_path, caplog):
    settings.MEDIA_ROOT = tmp_path
    # A Redis address where nothing listens (port 1 is never a Redis).
    settings.CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": "redis://127.0.0.1:1/0",
        }
    }
    with caplog.at_level(logging.ERROR, logger="fne92.health"):
        response = client.get("/sante/")
    assert response.status_code == 503
    assert "cache en échec" in caplog.text
    assert "127.0.0.1:1" not in response.content.decode()


def test_a_supervisor_may_poll_it_over_plain_http_when_https_is_enforced(
    client, settings, tmp_path
):
    settings.MEDIA_ROOT = tmp_path
    settings.SECURE_SSL_REDIRECT = True
    assert client.get("/sante/").status_code == 200
    assert client.get("/").status_code == 301
