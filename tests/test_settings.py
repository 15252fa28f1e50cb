"""Settings come from environment variables, with defaults that run the demo."""

import json
import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PRINT_SETTINGS = """
import json
from django.conf import settings
print(json.dumps({
    "engine": settings.DATABASES["default"]["ENGINE"],
    "db_name": str(settings.DATABASES["default"]["NAME"]),
    "db_options": settings.DATABASES["default"].get("OPTIONS", {}),
    "layer": settings.CHANNEL_LAYERS["default"]["BACKEND"],
    "layer_config": settings.CHANNEL_LAYERS["default"].get("CONFIG", {}),
    "debug": settings.DEBUG,
    "language": settings.LANGUAGE_CODE,
    "tz": settings.TIME_ZONE,
    "allowed_hosts": settings.ALLOWED_HOSTS,
    "secret_len": len(settings.SECRET_KEY),
}))
"""
VARIABLES = [
    "DATABASE_URL",
    "REDIS_URL",
    "DEBUG",
    "SECRET_KEY",
    "ALLOWED_HOSTS",
    "CSRF_TRUSTED_ORIGINS",
    "SECURE_SSL_REDIRECT",
    "SECURE_COOKIES",
    "SECURE_HSTS_SECONDS",
    "SECURE_HSTS_PRELOAD",
    "BEHIND_PROXY",
    "DJANGO_ALLOW_ASYNC_UNSAFE",
]


def run_with(env: dict, *args: str) -> subprocess.CompletedProcess:
    clean = {k: v for k, v in os.environ.items() if k not in VARIABLES}
    clean.update(env, DJANGO_SETTINGS_MODULE="fne92.settings")
    return subprocess.run(
        [sys.executable, *args], cwd=ROOT, env=clean, capture_output=True, text=True, timeout=60
    )


def settings_with(env: dict) -> dict:
    result = run_with(env, "-c", "import django; django.setup()\n" + PRINT_SETTINGS)
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout)


def test_it_runs_with_no_variable_on_sqlite_and_the_in_memory_layer():
    values = settings_with({})
    assert values["engine"] == "django.db.backends.sqlite3"
    assert values["db_name"].endswith("var/db.sqlite3")
    assert values["layer"] == "live.channel_layer.HeapInMemoryChannelLayer"
    assert values["layer_config"]["capacity"] >= 1000
    assert values["debug"] is False
    assert values["language"] == "fr"
    assert values["tz"] == "Europe/Paris"
    assert values["secret_len"] >= 50


def test_sqlite_is_tuned_for_concurrent_writers():
    options = settings_with({})["db_options"]
    assert options["transaction_mode"] == "IMMEDIATE"
    assert "journal_mode=WAL" in options["init_command"]
    assert "synchronous=NORMAL" in options["init_command"]
    assert options["timeout"] >= 5


def test_it_switches_to_postgresql_and_redis_from_the_environment():
    values = settings_with(
        {
            "DATABASE_URL": "postgres://fne@db.example:5432/fne92",
            "REDIS_URL": "redis://cache.example:6379/1",
        }
    )
    assert values["engine"] == "django.db.backends.postgresql"
    assert values["db_name"] == "fne92"
    assert values["layer"] == "channels_redis.pubsub.RedisPubSubChannelLayer"
    assert values["layer_config"]["hosts"] == ["redis://cache.example:6379/1"]


def test_debug_is_on_only_when_asked():
    assert settings_with({"DEBUG": "1"})["debug"] is True
    assert settings_with({"DEBUG": "0"})["debug"] is False


def test_check_deploy_is_clean_with_production_variables():
    production = {
        "DEBUG": "0",
        "SECRET_KEY": "k8#Qz!v2Lp9@xR4tYw7&Nc3Hb6^Jm1*Fs5%Dg0(Ua8)Ke2Zq-Vr7_Xo4+Ty9=Pl3",
        "ALLOWED_HOSTS": "ateliers.example.fr",
        "CSRF_TRUSTED_ORIGINS": "https://ateliers.example.fr",
        "SECURE_SSL_REDIRECT": "1",
        "SECURE_COOKIES": "1",
        "SECURE_HSTS_SECONDS": "31536000",
        "SECURE_HSTS_PRELOAD": "1",
        "BEHIND_PROXY": "1",
    }
    result = run_with(production, "manage.py", "check", "--deploy", "--fail-level", "WARNING")
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout


def test_check_deploy_warns_without_them():
    result = run_with({"DEBUG": "0"}, "manage.py", "check", "--deploy", "--fail-level", "WARNING")
    assert result.returncode != 0
    assert "SECURE_HSTS_SECONDS" in result.stdout + result.stderr


def test_the_cache_is_shared_through_redis_when_it_is_set():
    script = "import django; django.setup()\nfrom django.conf import settings\n"
    script += "print(settings.CACHES['default']['BACKEND'])"
    with_redis = run_with({"REDIS_URL": "redis://cache.example:6379/1"}, "-c", script)
    assert with_redis.stdout.strip() == "common.redis_cache.RedisCache"  # one pool per process
    without = run_with({}, "-c", script)
    assert without.stdout.strip() == "django.core.cache.backends.locmem.LocMemCache"


def test_a_switch_with_an_unknown_value_is_refused_not_read_as_off():
    result = run_with({"SECURE_COOKIES": "oui"}, "-c", "import django; django.setup()")
    assert result.returncode != 0
    assert "SECURE_COOKIES='oui': use 1/0, true/false, yes/no or on/off." in result.stderr
    assert settings_with({"DEBUG": "off"})["debug"] is False
    assert settings_with({"DEBUG": "TRUE"})["debug"] is True
