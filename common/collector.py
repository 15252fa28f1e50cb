"""When the server collects its garbage.

Python's full garbage collections stop the whole process: with a thousand phones connected
they took 0.15-0.45 s each here, several times a minute, and a vote's answers waited behind
them (bench/live_load.py, 1,000 phones answering within 3 s: answer-to-screen p95 0.5-0.6 s
with them, 66 ms without).
So the automatic full collections are off: the young generations are still collected as
usual (most garbage dies young), and the server runs a full collection itself when no
answer or arrival has come for a few seconds, or at the latest every few minutes.
"""

import asyncio
import gc
import logging
import time

logger = logging.getLogger(__name__)

QUIET = 3.0  # seconds without an answer or an arrival before a full collection may run
CHECK_EVERY = 5.0  # seconds between two looks
AT_LEAST_EVERY = 300.0  # seconds: a full collection even in a session that never pauses
# Far above any count of young collections a process reaches: never a full one on its own.
NO_AUTOMATIC_FULL = 10**9

_last_activity = 0.0
_tasks: dict[int, asyncio.Task] = {}


def configure() -> None:
    """At start-up, once the application is loaded: what exists now lives as long as the
    process, so full collections need not look at it again; then no automatic full ones."""
    gc.collect()
    gc.freeze()
    young, middle, _full = gc.get_threshold()
    gc.set_threshold(young, middle, NO_AUTOMATIC_FULL)


def note_activity() -> None:
    """An answer, or a phone arriving: not the moment for a pause. (A room joining used to
    get a full collection every few seconds, 12 % of the server's time while a thousand
    phones arrived: the collection now waits for the room to settle.)"""
    global _last_activity
    _last_activity = time.monotonic()


def ensure_running() -> None:
    """Start the collector on the running event loop (the server's), once."""
    loop = asyncio.get_running_loop()
    task = _tasks.get(id(loop))
    if task is None or task.done():
        _tasks.clear()  # a new loop (tests): forget tasks bound to dead loops
        _tasks[id(loop)] = loop.create_task(_collect_when_quiet())


async def _collect_when_quiet() -> None:
    last_full = time.monotonic()
    while True:
        await asyncio.sleep(CHECK_EVERY)
        now = time.monotonic()
        if now - _last_activity >= QUIET or now - last_full >= AT_LEAST_EVERY:
            started = time.perf_counter()
            found = gc.collect()
            last_full = time.monotonic()
            logger.debug(
                "collecte complète : %d objets en %.0f ms",
                found,
                (time.perf_counter() - started) * 1000,
            )
