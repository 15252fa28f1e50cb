"""The phones of a session share one render of each version of the session (live.phones), and
nothing of one phone ever reaches another: its name, its structure, its answer, its token."""

import re
from contextlib import contextmanager

import pytest
from channels.db import database_sync_to_async
from django.test import Client
from django.test.signals import template_rendered
from django.urls import reverse
from django.utils import timezone

from live import phones, sessions
from live.models import Participant
from tests.factories import workshop_with
from tests.live import (
    communicator,
    form_token,
    join_as,
    phone_cookie,
    post_answer,
    receive_until,
)

TOKEN = re.compile(r'name="token" value="([0-9a-f]+)"')
CLIENT_ID = re.compile(r'name="client_id" value="([0-9a-f-]+)"')


@pytest.fixture
def workshop(facilitator):
    """A cover, the governance vote (Pour / Contre / Abstention), then a slide."""
    return workshop_with(["cover", "vote", "content"], facilitator=facilitator)


@contextmanager
def renders_of(name: str):
    """The names of the templates rendered meanwhile whose name contains `name`."""
    seen: list[str] = []

    def record(sender, template, context, **kwargs):
        if template.name and name in template.name:
            seen.append(template.name)

    template_rendered.connect(record)
    try:
        yield seen
    finally:
        template_rendered.disconnect(record)


def phone_page(client: Client, session) -> str:
    return client.get(reverse("workshops:phone", args=[session.pk])).content.decode()


@pytest.fixture
def room(live_session, vote_step):
    """Three phones on the vote: Awa (who has voted « Contre »), Bruno and Chloé."""
    phones_ = {}
    for name, structure in (("Awa", "CCAS de Nanterre"), ("Bruno", ""), ("Chloé", "Mairie")):
        client = Client()
        join_as(client, live_session, name, structure)
        phones_[name] = client
    voted = post_answer(phones_["Awa"], live_session, vote_step.activity_id, {"choice": "1"})
    assert voted.status_code == 302
    phones._views.clear()  # as a process that has not shown this version yet
    return phones_


def test_phones_share_one_render_and_each_page_is_its_own(live_session, vote_step, room):
    with renders_of("live/phone.html") as renders:
        pages = {name: phone_page(client, live_session) for name, client in room.items()}
    # Bruno and Chloé: one render between them; Awa, who has answered, one of her own.
    assert len(renders) == 2
    participants = {p.pseudonym: p for p in Participant.objects.filter(session=live_session)}
    for name, html in pages.items():
        me = participants[name]
        assert TOKEN.findall(html) == [form_token(me)]
        for other in set(pages) - {name}:
            assert other not in html
            assert form_token(participants[other]) not in html
    assert "CCAS de Nanterre" in pages["Awa"]
    assert "CCAS" not in pages["Chloé"]
    assert 'phone-header__structure">Mairie<' in pages["Chloé"]
    assert 'phone-header__structure"><' in pages["Bruno"]  # no structure, no separator
    # Awa's answer is on her page only; a fresh answer id for each of the others.
    assert "Modifier ma réponse" in pages["Awa"]
    assert 'value="1" checked' in pages["Awa"]
    for name in ("Bruno", "Chloé"):
        assert "Modifier ma réponse" not in pages[name]
        assert "checked" not in pages[name]
    assert len({CLIENT_ID.search(html).group(1) for html in pages.values()}) == 3
    # No marker is ever left in a page.
    assert not any("fne" + phones._SECRET in html for html in pages.values())


def test_what_a_participant_types_as_a_name_is_escaped_in_the_shared_page(live_session):
    client = Client()
    join_as(client, live_session, "<script>alert(1)</script>", "A & B")
    html = phone_page(client, live_session)
    assert "<script>alert(1)</script>" not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    assert "A &amp; B" in html


@pytest.fixture
def stage_renders(monkeypatch):
    """The phone's stage fragments rendered, wherever (a spy: every render still happens)."""
    from django.template import loader

    import live.consumers

    seen: list[str] = []

    def spy(name, context=None, *args, **kwargs):
        if name.startswith(phones.PHONE + "#stage"):
            seen.append(name)
        return loader.render_to_string(name, context, *args, **kwargs)

    monkeypatch.setattr(phones, "render_to_string", spy)
    monkeypatch.setattr(live.consumers, "render_to_string", spy)
    return seen


@pytest.mark.django_db(transaction=True)
@pytest.mark.asyncio
async def test_a_step_change_reaches_every_phone_from_one_render(
    live_session, vote_step, room, stage_renders
):
    participants = await database_sync_to_async(
        lambda: {p.pseudonym: p for p in Participant.objects.filter(session=live_session)}
    )()
    sockets = {}
    for name, participant in participants.items():
        sockets[name] = communicator(f"/ws/atelier/{live_session.pk}/", phone_cookie(participant))
        connected, _ = await sockets[name].connect()
        assert connected
        await receive_until(sockets[name], 'id="phone-stage"')  # no `v`: a snapshot
    previous = await database_sync_to_async(sessions.step_by_offset)(
        session=live_session, offset=-1
    )
    stage_renders.clear()
    await database_sync_to_async(sessions.go_to_step)(session=live_session, step=previous)
    for socket in sockets.values():
        await receive_until(socket, f'data-step="{previous.pk}"')
    # Back to the vote: Awa's answer comes back to her phone, and to hers only.
    await database_sync_to_async(sessions.go_to_step)(session=live_session, step=vote_step)
    received = {
        name: await receive_until(socket, f'data-step="{vote_step.pk}"')
        for name, socket in sockets.items()
    }
    # One shared render per step shown, and Awa's own for the vote she has answered.
    assert len(stage_renders) == 3, stage_renders
    for name, html in received.items():
        assert TOKEN.findall(html) == [form_token(participants[name])]
    assert "Modifier ma réponse" in received["Awa"]
    assert "Modifier ma réponse" not in received["Bruno"] + received["Chloé"]
    for socket in sockets.values():
        await socket.disconnect()


@pytest.mark.django_db(transaction=True)
@pytest.mark.asyncio
async def test_a_phone_whose_page_shows_the_current_state_gets_no_snapshot(
    live_session, vote_step, participant
):
    session = await database_sync_to_async(
        lambda: type(live_session).objects.get(pk=live_session.pk)
    )()
    current = phones.state_key(session)
    fresh = communicator(f"/ws/atelier/{session.pk}/?v={current}", phone_cookie(participant))
    stale = communicator(f"/ws/atelier/{session.pk}/?v=1-0", phone_cookie(participant))
    assert (await fresh.connect())[0]
    assert (await stale.connect())[0]
    assert await fresh.receive_nothing(timeout=0.3)
    await receive_until(stale, 'id="phone-stage"')
    # The next change reaches the phone that got no snapshot.
    following = await database_sync_to_async(sessions.step_by_offset)(session=session, offset=1)
    await database_sync_to_async(sessions.go_to_step)(session=session, step=following)
    await receive_until(fresh, f'data-step="{following.pk}"')
    await fresh.disconnect()
    await stale.disconnect()


@pytest.mark.django_db(transaction=True)
@pytest.mark.asyncio
async def test_each_phone_s_acknowledgement_shows_its_own_answer_though_acks_are_shared(
    live_session, vote_step, room, monkeypatch
):
    """The acknowledgement over the WebSocket is rendered once per activity, answer and
    second (`live.consumers.render_ack`): phones that gave the same answer get the same, and a
    phone never gets another's answer."""
    from django.template import loader

    import live.consumers
    from tests.live import answer_message

    acks: list[str] = []

    def spy(name, context=None, *args, **kwargs):
        if name.endswith("#ack"):
            acks.append(name)
        return loader.render_to_string(name, context, *args, **kwargs)

    monkeypatch.setattr(live.consumers, "render_to_string", spy)
    # The three answers within one second, as a room answering at once (the ack says the time).
    answered_at = timezone.localtime()
    monkeypatch.setattr(live.consumers.timezone, "localtime", lambda *args: answered_at)
    participants = await database_sync_to_async(
        lambda: {p.pseudonym: p for p in Participant.objects.filter(session=live_session)}
    )()
    options = ("Pour", "Contre", "Abstention")
    choices = {"Awa": "0", "Bruno": "2", "Chloé": "0"}
    received = {}
    for name, choice in choices.items():
        socket = communicator(f"/ws/atelier/{live_session.pk}/", phone_cookie(participants[name]))
        assert (await socket.connect())[0]
        await receive_until(socket, 'id="phone-stage"')
        await socket.send_to(text_data=answer_message(vote_step.activity_id, choice=choice))
        received[name] = await receive_until(socket, "Réponse enregistrée")
        await socket.disconnect()
    for name, html in received.items():
        own = options[int(choices[name])]
        assert f'<p class="answer-text">{own}</p>' in html
        assert [option for option in options if option in html] == [own]
    # Chloé's ack (the same answer as Awa's, the same second) was not rendered again.
    assert len(acks) == 2
