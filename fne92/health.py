"""Is this process able to serve a workshop? The checks a supervisor's poll runs.

A small module rather than django-health-check: the check that matters most here, the
channel layer the live path pushes through, is not one of that library's, and the four
checks together are a few lines each.
"""

import asyncio
import logging
import shutil
import uuid

from asgiref.sync import async_to_sync
from channels.layers import get_channel_layer
from django.conf import settings
from django.core.cache import cache
from django.db import connection

logger = logging.getLogger(__name__)
TIMEOUT_SECONDS = 3


def _database() -> None:
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1")


async def _publish() -> None:
    # A message to a group nobody is in: Redis must take it, and nothing subscribes for it
    # (a round trip through a fresh channel would leave one subscription per poll behind).
    await asyncio.wait_for(
        get_channel_layer().group_send("sante", {"type": "health.check"}), TIMEOUT_SECONDS
    )


def _channel_layer() -> None:
    async_to_sync(_publish)()


def _cache() -> None:
    key, value = f"sante-{uuid.uuid4().hex}", uuid.uuid4().hex
    cache.set(key, value, timeout=10)
    if cache.get(key) != value:
        raise RuntimeError("la valeur écrite n'a pas été relue")
    cache.delete(key)


def _uploads_disk() -> None:
    root = settings.MEDIA_ROOT
    if not root.is_dir():
        raise RuntimeError(f"{root} n'est pas un dossier")
    free = shutil.disk_usage(root).free
    if free < settings.HEALTH_MIN_FREE_BYTES:
        raise RuntimeError(f"{free // 2**20} Mo libres sous {root}")


CHECKS = {
    "base de données": _database,
    "couche de canaux": _channel_layer,
    "cache": _cache,
    "disque des documents": _uploads_disk,
}


def failed_checks() -> list[str]:
    """The names of the checks that failed; each failure is logged with its reason."""
    failed = []
    for name, check in CHECKS.items():
        try:
            check()
        except Exception as error:  # any failure makes the process unhealthy, and says why
            logger.error("Santé : %s en échec : %s: %s", name, type(error).__name__, error)
            failed.append(name)
    return failed
