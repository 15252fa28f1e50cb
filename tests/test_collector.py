"""Full garbage collections only when the room is quiet (common/collector.py)."""

import asyncio
import gc
import time

import pytest

from common import collector


@pytest.fixture
def restored_gc():
    threshold = gc.get_threshold()
    yield
    gc.set_threshold(*threshold)
    gc.unfreeze()


def test_after_start_up_no_full_collection_runs_on_its_own(restored_gc):
    collector.configure()
    young, middle, full = gc.get_threshold()
    assert full == collector.NO_AUTOMATIC_FULL
    assert young > 0  # young generations are still collected as usual
    assert middle > 0
    assert gc.get_freeze_count() > 0  # what start-up loaded is never looked at again


def test_a_full_collection_waits_until_answers_stop(monkeypatch, restored_gc):
    monkeypatch.setattr(collector, "CHECK_EVERY", 0.05)
    monkeypatch.setattr(collector, "QUIET", 0.3)
    full: list[float] = []

    def watch(phase, info):
        if phase == "stop" and info["generation"] == 2:
            full.append(time.monotonic())

    async def scenario() -> float:
        collector.note_activity()
        collector.ensure_running()
        for _ in range(12):  # an answer every 50 ms for 0.6 s: never quiet
            collector.note_activity()
            await asyncio.sleep(0.05)
        last_answer = time.monotonic()
        await asyncio.sleep(0.8)  # then quiet
        return last_answer

    gc.callbacks.append(watch)
    try:
        last_answer = asyncio.run(scenario())
    finally:
        gc.callbacks.remove(watch)
    assert full, "no full collection once the room was quiet"
    assert all(moment >= last_answer + collector.QUIET - 0.06 for moment in full), full
