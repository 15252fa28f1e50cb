"""The one place that pushes to the channel layer, and only after the transaction commits.

Messages carry no HTML and no data: they say what changed, and each consumer renders its own
view of the stored state. So a push lost (a full channel, a restart) costs nothing that the
next push or the snapshot on reconnection doesn't repair.
"""

import asyncio
import contextlib

from asgiref.sync import async_to_sync
from channels.layers import get_channel_layer
from django.db import transaction


def screen_group(session_id: int) -> str:
    return f"session-{session_id}-screen"


def phones_group(session_id: int) -> str:
    return f"session-{session_id}-phones"


def send_on_commit(group: str, message: dict) -> None:
    """Send `message` to `group` once the current transaction commits (now if none)."""

    def send() -> None:
        layer = get_channel_layer()
        if layer is not None:
            async_to_sync(layer.group_send)(group, message)

    transaction.on_commit(send)


def session_changed(*, session_id: int) -> None:
    """The session's state changed (step, open/closed, reveal, timer…): everyone resyncs."""
    message = {"type": "session.changed"}
    send_on_commit(screen_group(session_id), message)
    send_on_commit(phones_group(session_id), message)


def answers_changed(*, session_id: int, activity_id: int) -> None:
    """Answers of an activity were stored or moderated: the screens refresh their results."""
    send_on_commit(
        screen_group(session_id), {"type": "answers.changed", "activity_id": activity_id}
    )


def phones_changed(*, session_id: int) -> None:
    """Only what the phones show changed (an answer they list was moderated): the phones
    resync, not the screens."""
    send_on_commit(phones_group(session_id), {"type": "session.changed"})


def presence_changed(*, session_id: int) -> None:
    send_on_commit(screen_group(session_id), {"type": "presence.changed"})


async def presence_changed_from_consumer(*, session_id: int) -> None:
    """The same, sent from a consumer's event loop once its write is committed.

    A phone disconnecting while the server stops: the database thread must not wait on an
    event loop that is shutting down (the process would never exit). Sent from the loop
    itself, with a bound: a push that can't go is dropped, like any lost push."""
    layer = get_channel_layer()
    if layer is None:
        return
    with contextlib.suppress(Exception):
        await asyncio.wait_for(
            layer.group_send(screen_group(session_id), {"type": "presence.changed"}), timeout=2
        )
