"""The co-writing WebSocket, through the real ASGI application and channel layer: presence,
autosave seen by the rest of the group (and not by other groups), two writers on one field
(merge or visible conflict), a phone offline then back, refusals."""

import asyncio
import json

import pytest
from channels.db import database_sync_to_async

from live import cowriting, sessions
from live.models import CowriteRevision
from tests.factories import workshop_with
from tests.live import (
    as_read,
    communicator,
    cowrite_run,
    cowrite_step,
    phone_cookie,
    receive_until,
    user_cookie,
)

pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.asyncio]


@pytest.fixture
def workshop(facilitator):
    """A cover, nothing else: `room` adds the co-writing step (`cowrite_step`)."""
    return workshop_with(["cover"], facilitator=facilitator)


@database_sync_to_async
def room(live_session):
    """Four phones in two groups (tables 1 and 2), the writing open."""
    step = cowrite_step(live_session)
    run = cowrite_run(live_session, step)
    people = {
        name: sessions.join(session=live_session, pseudonym=name)
        for name in ("Awa", "Léo", "Inès", "Noé")
    }
    sessions.perform_action(session=live_session, run=run, action="form_groups")
    first, second = cowriting.groups_of(run)
    for name, group in (("Awa", first), ("Léo", first), ("Inès", second), ("Noé", second)):
        cowriting.place(run=run, participant=people[name], group=group)
    return run, first, second, people


async def phone(session, group, participant):
    comm = communicator(f"/ws/atelier/{session.pk}/fiche/{group.pk}/", phone_cookie(participant))
    ok, _ = await comm.connect()
    assert ok
    snapshot = json.loads(await comm.receive_from(timeout=3))
    assert snapshot["type"] == "snapshot"
    return comm, snapshot


async def next_of(comm, kind: str, timeout: float = 3) -> dict:
    while True:
        message = json.loads(await comm.receive_from(timeout=timeout))
        if message["type"] == kind:
            return message


async def received(comm, seconds: float) -> list[str]:
    """Everything that comes within `seconds` (presence pushes included)."""
    messages = []
    while not await comm.receive_nothing(timeout=seconds):
        messages.append(await comm.receive_from())
    return messages


async def pushed_version(comm, version: int) -> dict:
    """The field pushed to this phone at `version` (its own earlier writes come first)."""
    while True:
        [field] = (await next_of(comm, "fields"))["fields"]
        if field["version"] >= version:
            return field


async def save(comm, name, text, version, seq=1) -> dict:
    await comm.send_to(
        text_data=json.dumps(
            {"type": "save", "name": name, "text": text, "version": version, "seq": seq}
        )
    )
    while True:
        message = json.loads(await comm.receive_from(timeout=3))
        if message.get("seq") == seq:
            return message


async def test_autosave_reaches_the_group_and_only_the_group(live_session):
    run, first, second, people = await room(live_session)
    awa, snapshot = await phone(live_session, first, people["Awa"])
    assert snapshot["fields"]["title"]["text"] == "Un guichet unique des aidants"
    leo, _ = await phone(live_session, first, people["Léo"])
    ines, _ = await phone(live_session, second, people["Inès"])
    reply = await save(awa, "need", "Des aidants isolés", 0)
    assert reply["type"] == "saved"
    assert reply["version"] == 1
    pushed = await next_of(leo, "fields")
    assert pushed["fields"] == [
        {
            "type": "field",
            "name": "need",
            "text": "Des aidants isolés",
            "version": 1,
            "by": "Awa",
            "mine": False,
        }
    ]
    assert await ines.receive_nothing(timeout=0.3)
    for comm in (awa, leo, ines):
        await comm.disconnect()


async def test_presence_names_who_writes_where(live_session):
    run, first, second, people = await room(live_session)
    awa, _ = await phone(live_session, first, people["Awa"])
    leo, _ = await phone(live_session, first, people["Léo"])
    await awa.send_to(text_data=json.dumps({"type": "typing", "name": "objectives"}))
    presence = await next_of(leo, "presence")
    assert presence["text"] == "Awa écrit dans « Objectifs »"
    assert await awa.receive_nothing(timeout=0.2)  # not told about herself
    await awa.disconnect()
    await leo.disconnect()


async def test_two_writers_on_one_field_merge_or_see_a_conflict(live_session):
    run, first, second, people = await room(live_session)
    awa, _ = await phone(live_session, first, people["Awa"])
    leo, _ = await phone(live_session, first, people["Léo"])
    assert (await save(awa, "actions", "Ateliers", 0))["version"] == 1
    # Both start from version 1; both append: merged, nothing lost.
    assert (await save(awa, "actions", "Ateliers mensuels", 1, seq=2))["type"] == "saved"
    merged = await save(leo, "actions", "Ateliers\nPermanences", 1, seq=3)
    assert merged["type"] == "saved"
    assert merged["merged"]
    assert merged["text"] == "Ateliers mensuels\nPermanences"
    # Awa sees the merged text pushed.
    pushed = await pushed_version(awa, merged["version"])
    assert pushed["text"] == "Ateliers mensuels\nPermanences"
    # Both rewrite from the same version: Léo's save is a conflict, with both texts.
    version = merged["version"]
    assert (await save(awa, "actions", "Tout autre chose", version, seq=4))["type"] == "saved"
    conflict = await save(leo, "actions", "Encore autre chose", version, seq=5)
    assert conflict["type"] == "conflict"
    assert conflict["theirs"] == "Tout autre chose"
    assert conflict["mine"] == "Encore autre chose"
    assert "Awa" in conflict["error"]
    stored = await database_sync_to_async(lambda: cowriting.fields_of(first)["actions"].text)()
    assert stored == "Tout autre chose"
    await awa.disconnect()
    await leo.disconnect()


async def test_a_phone_offline_then_back_sends_its_text_and_loses_nothing(live_session):
    run, first, second, people = await room(live_session)
    awa, _ = await phone(live_session, first, people["Awa"])
    leo, _ = await phone(live_session, first, people["Léo"])
    assert (await save(leo, "indicators", "Nombre de personnes", 0))["version"] == 1
    await leo.disconnect()  # the tunnel: Léo keeps typing on version 1, offline
    assert (await save(awa, "indicators", "Nombre de personnes accompagnées", 1))["merged"] is False
    # Back: a fresh socket, the snapshot, then the text kept on the phone, on its old version.
    leo, snapshot = await phone(live_session, first, people["Léo"])
    assert snapshot["fields"]["indicators"]["version"] == 2
    reply = await save(leo, "indicators", "Nombre de personnes\nTaux de satisfaction", 1, seq=9)
    assert reply["type"] == "saved"
    assert reply["text"] == "Nombre de personnes accompagnées\nTaux de satisfaction"
    assert (await pushed_version(awa, reply["version"]))["text"] == reply["text"]
    revisions = await database_sync_to_async(
        lambda: list(
            CowriteRevision.objects.filter(field__name="indicators").values_list(
                "pseudonym", "merged"
            )
        )
    )()
    assert revisions == [("Léo", False), ("Awa", False), ("Léo", True)]
    await awa.disconnect()
    await leo.disconnect()


async def test_refusals(live_session):
    run, first, second, people = await room(live_session)
    # Not a member of that group: refused at the handshake.
    comm = communicator(
        f"/ws/atelier/{live_session.pk}/fiche/{first.pk}/", phone_cookie(people["Inès"])
    )
    ok, _ = await comm.connect()
    assert ok
    closed = await comm.receive_output(timeout=3)
    assert closed == {"type": "websocket.close", "code": 4403}
    awa, _ = await phone(live_session, first, people["Awa"])
    await awa.send_to(text_data="{not json")
    assert "mal formé" in (await next_of(awa, "refused"))["error"]
    too_long = await save(awa, "title", "T" * 201, 0, seq=2)
    assert too_long["type"] == "refused"
    assert "trop long : 201 caractères pour 200 au plus" in too_long["error"]
    await awa.disconnect()


async def test_the_projector_follows_the_fields_filled_not_every_keystroke(
    live_session, client, facilitator
):
    run, first, second, people = await room(live_session)
    cookie = await database_sync_to_async(user_cookie)(client, facilitator)
    screen = communicator(f"/ws/ecran/{live_session.pk}/", cookie)
    assert (await screen.connect())[0]
    snapshot = as_read(await screen.receive_from(timeout=3))
    assert "Table 1" in snapshot
    awa, _ = await phone(live_session, first, people["Awa"])
    await save(awa, "need", "Des", 0)
    assert "2/10" in await receive_until(screen, "2/10")
    await save(awa, "need", "Des aidants isolés", 1, seq=2)  # still filled: nothing to redraw
    assert not [m for m in await received(screen, 0.5) if 'id="screen-results"' in m]
    await save(awa, "title", "Un guichet unique", 1, seq=3)  # the titles are shown
    assert "Un guichet unique" in await receive_until(screen, "Un guichet unique</p>")
    await awa.disconnect()
    await screen.disconnect()


async def test_a_phone_on_its_sheet_counts_as_connected(live_session):
    run, first, second, people = await room(live_session)
    awa, _ = await phone(live_session, first, people["Awa"])

    @database_sync_to_async
    def connected():
        return sessions.presence(session=live_session)["connected"]

    for _ in range(50):
        if await connected() == 1:
            break
        await asyncio.sleep(0.05)
    assert await connected() == 1
    await awa.disconnect()
    assert await connected() == 0
