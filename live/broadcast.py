"""The one place that pushes to the channel layer, and only after the transaction commits.

Messages carry no HTML and no data: they say what changed, and each consumer renders its own
view of the stored state. So a push lost (a full channel, a restart) costs nothing that the
next push or the snapshot on reconnection doesn't repair.
"""

import asyncio
import logging

from asgiref.sync import async_to_sync
from channels.layers import get_channel_layer
from django.db import transaction

logger = logging.getLogger(__name__)
# The server's event loop, once a consumer has run on it: pushes are handed to it.
_loop: asyncio.AbstractEventLoop | None = None


def remember_loop() -> None:
    """Called on the server's event loop (a consumer connecting)."""
    global _loop
    _loop = asyncio.get_running_loop()


def screen_group(session_id: int) -> str:
    return f"session-{session_id}-screen"


def phones_group(session_id: int) -> str:
    return f"session-{session_id}-phones"


def cowrite_group(group_id: int) -> str:
    """The phones of one co-writing group (live.cowriting)."""
    return f"cowrite-{group_id}"


def send_on_commit(group: str, message: dict) -> None:
    """Send `message` to `group` once the current transaction commits (now if none)."""

    def send() -> None:
        layer = get_channel_layer()
        if layer is None:
            return
        loop = _loop
        if loop is not None and loop.is_running():
            # Handed to the loop, not waited for: the database thread never blocks on the
            # loop (a server stopping while phones leave would otherwise never exit).
            future = asyncio.run_coroutine_threadsafe(layer.group_send(group, message), loop)
            future.add_done_callback(_log_failure)
        elif loop is not None and not loop.is_closed():
            # The server's loop has stopped: the process is exiting, nobody is listening.
            logger.info("Poussée abandonnée : le serveur s'arrête.")
        else:  # no server loop (a management command, a test): send and wait
            async_to_sync(layer.group_send)(group, message)

    transaction.on_commit(send)


def _log_failure(future) -> None:
    if not future.cancelled() and future.exception() is not None:
        logger.warning("Poussée perdue : %s", future.exception())


def session_changed(*, session_id: int, version: int, started: float) -> None:
    """The session's state changed (step, open/closed, reveal, timer…): everyone resyncs.
    `version` and `started` (the session's start): what the phones' shared render is keyed on."""
    message = {"type": "session.changed", "version": version, "started": started}
    send_on_commit(screen_group(session_id), message)
    send_on_commit(phones_group(session_id), message)


def answers_changed(*, session_id: int, activity_id: int) -> None:
    """Answers of an activity were stored or moderated: the screens refresh their results."""
    send_on_commit(
        screen_group(session_id), {"type": "answers.changed", "activity_id": activity_id}
    )


def phones_changed(*, session_id: int, version: int, started: float) -> None:
    """Only what the phones show changed (an answer they list was moderated): the phones
    resync, not the screens."""
    message = {"type": "session.changed", "version": version, "started": started}
    send_on_commit(phones_group(session_id), message)


# Arrivals and departures: a room joining makes hundreds a second, and the projector's count
# needs a few. At most one push per session and process in this time; the last change is
# always pushed (the push comes after it).
PRESENCE_EVERY = 0.1  # seconds
_presence_due: set[int] = set()


def presence_changed(*, session_id: int) -> None:
    def schedule() -> None:
        loop = _loop
        if loop is None or not loop.is_running():
            send_on_commit(screen_group(session_id), {"type": "presence.changed"})
        elif session_id not in _presence_due:
            _presence_due.add(session_id)
            loop.call_soon_threadsafe(loop.call_later, PRESENCE_EVERY, _push_presence, session_id)

    transaction.on_commit(schedule)


def _push_presence(session_id: int) -> None:
    """On the server's loop, PRESENCE_EVERY after the first change of a burst."""
    _presence_due.discard(session_id)
    layer = get_channel_layer()
    if layer is not None:
        task = asyncio.ensure_future(
            layer.group_send(screen_group(session_id), {"type": "presence.changed"})
        )
        task.add_done_callback(_log_failure)


def cowrite_changed(*, group_id: int, name: str, stamp: str) -> None:
    """A field of a co-writing group's sheet was stored: the group's phones read it again,
    once per process for this write (`stamp`, unique to it; see live.cowrite_socket)."""
    send_on_commit(
        cowrite_group(group_id), {"type": "cowrite.changed", "name": name, "stamp": stamp}
    )


async def cowrite_presence(*, group_id: int, message: dict) -> None:
    """Who is typing where, in a co-writing group: nothing stored, so nothing to wait for;
    sent from the event loop at once."""
    layer = get_channel_layer()
    if layer is not None:
        await layer.group_send(cowrite_group(group_id), {"type": "cowrite.presence", **message})
