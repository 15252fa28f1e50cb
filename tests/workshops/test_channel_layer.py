"""The in-memory channel layer of a single server (live/channel_layer.py) keeps Channels' own
rules while finding what expired from deadlines in time order: every test runs on Channels'
layer and on ours, with real time and small expiries, and expects the same."""

import asyncio

import pytest
from channels.exceptions import ChannelFull
from channels.layers import InMemoryChannelLayer

from live.channel_layer import HeapInMemoryChannelLayer

pytestmark = [
    pytest.mark.asyncio,
    pytest.mark.parametrize("layer_class", [InMemoryChannelLayer, HeapInMemoryChannelLayer]),
]


async def nothing_for(layer, channel: str, seconds: float = 0.05) -> bool:
    try:
        await asyncio.wait_for(layer.receive(channel), seconds)
    except TimeoutError:
        return True
    return False


async def test_a_group_send_reaches_every_member_once_each_with_its_own_copy(layer_class):
    layer = layer_class(capacity=10)
    members = [await layer.new_channel() for _ in range(200)]
    for channel in members:
        await layer.group_add("session-1-phones", channel)
    outsider = await layer.new_channel()
    await layer.group_add("session-1-screen", outsider)

    await layer.group_send("session-1-phones", {"type": "session.changed", "data": [1]})

    received = [await asyncio.wait_for(layer.receive(channel), 1) for channel in members]
    assert all(message == {"type": "session.changed", "data": [1]} for message in received)
    received[0]["data"].append(2)  # a consumer changing its message changes no other's
    assert received[1]["data"] == [1]
    assert all([await nothing_for(layer, channel, 0.01) for channel in members[:5]])
    assert await nothing_for(layer, outsider)


async def test_a_message_left_past_its_expiry_is_dropped_and_its_channel_leaves_its_groups(
    layer_class,
):
    layer = layer_class(expiry=0.2)
    stale, fresh = await layer.new_channel(), await layer.new_channel()
    for channel in (stale, fresh):
        await layer.group_add("session-1-screen", channel)
    await layer.send(stale, {"type": "answers.changed", "n": 1})
    await asyncio.sleep(0.3)  # nobody read it: the consumer is gone
    await layer.send(fresh, {"type": "answers.changed", "n": 2})

    await layer.group_send("session-1-screen", {"type": "answers.changed", "n": 3})

    assert await asyncio.wait_for(layer.receive(fresh), 1) == {"type": "answers.changed", "n": 2}
    assert await asyncio.wait_for(layer.receive(fresh), 1) == {"type": "answers.changed", "n": 3}
    assert list(layer.groups["session-1-screen"]) == [fresh]
    assert await nothing_for(layer, stale)


async def test_a_message_read_in_time_expires_nothing(layer_class):
    layer = layer_class(expiry=0.2)
    channel = await layer.new_channel()
    await layer.group_add("session-1-screen", channel)
    for n in range(3):
        await layer.group_send("session-1-screen", {"type": "answers.changed", "n": n})
        assert (await layer.receive(channel))["n"] == n
    await asyncio.sleep(0.3)  # the deadlines of the messages read pass
    await layer.group_send("session-1-screen", {"type": "answers.changed", "n": 3})
    assert (await asyncio.wait_for(layer.receive(channel), 1))["n"] == 3


async def test_a_membership_ends_after_the_group_expiry_unless_renewed(layer_class):
    layer = layer_class(group_expiry=1)
    old, renewed = await layer.new_channel(), await layer.new_channel()
    for channel in (old, renewed):
        await layer.group_add("session-1-phones", channel)
    # Channels' rule counts whole seconds: a membership older than 1 s ends within 2 s.
    await asyncio.sleep(1.5)
    await layer.group_add("session-1-phones", renewed)
    await asyncio.sleep(0.6)
    late = await layer.new_channel()
    await layer.group_add("session-1-phones", late)

    await layer.group_send("session-1-phones", {"type": "session.changed"})

    assert await nothing_for(layer, old)
    for channel in (renewed, late):
        assert await asyncio.wait_for(layer.receive(channel), 1) == {"type": "session.changed"}
    assert set(layer.groups["session-1-phones"]) == {renewed, late}


async def test_a_full_channel_refuses_a_send_and_a_group_send_skips_it(layer_class):
    layer = layer_class(capacity=2)
    full, other = await layer.new_channel(), await layer.new_channel()
    for channel in (full, other):
        await layer.group_add("session-1-screen", channel)
    for n in range(2):
        await layer.send(full, {"type": "answers.changed", "n": n})
    with pytest.raises(ChannelFull):
        await layer.send(full, {"type": "answers.changed", "n": 2})

    await layer.group_send("session-1-screen", {"type": "answers.changed", "n": 3})

    assert [(await layer.receive(full))["n"] for _ in range(2)] == [0, 1]
    assert await nothing_for(layer, full)
    assert (await layer.receive(other))["n"] == 3


async def test_flush_forgets_every_message_and_group(layer_class):
    layer = layer_class(expiry=0.1)
    channel = await layer.new_channel()
    await layer.group_add("session-1-screen", channel)
    await layer.send(channel, {"type": "answers.changed"})
    await layer.flush()
    await layer.group_send("session-1-screen", {"type": "answers.changed"})
    assert await nothing_for(layer, channel)
    await asyncio.sleep(0.15)  # the flushed message's deadline passes: nothing left to drop
    await layer.send(channel, {"type": "session.changed"})
    assert await layer.receive(channel) == {"type": "session.changed"}
    assert layer.groups == {}
