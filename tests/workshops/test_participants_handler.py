"""The participants' pages through the real ASGI application (fne92.asgi): one trip to the
participants' handler, their own middleware stack, the same headers and answers as any page."""

import re

import httpx
import pytest
from channels.db import database_sync_to_async

from fne92.asgi import application
from live.models import Participant, Response
from tests.factories import session_on, workshop_with

pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.asyncio]
TOKEN = re.compile(r'name="token" value="([0-9a-f]+)"')
ANSWER_ID = "6f1c6f0e-5a1e-4b8e-9d3c-0a4b1c2d3e4f"


@pytest.fixture
def voting(facilitator):
    workshop = workshop_with(["vote"], facilitator=facilitator)
    step = workshop.steps.get()
    return session_on(step, user=facilitator), step


def phone() -> httpx.AsyncClient:
    return httpx.AsyncClient(
        transport=httpx.ASGITransport(app=application), base_url="http://127.0.0.1"
    )


async def test_the_qr_address_answers_the_question_in_one_request(voting):
    session, step = voting
    async with phone() as client:
        page = await client.get(f"/rejoindre/{session.code}/", headers={"Accept-Encoding": "gzip"})
        assert page.status_code == 200
        assert page.headers["content-encoding"] == "gzip"
        assert "script-src 'self'" in page.headers["content-security-policy"]
        assert page.headers["x-frame-options"] == "DENY"
        assert "Validez-vous la gouvernance proposée ?" in page.text
        token = TOKEN.search(page.text).group(1)
        answered = await client.post(
            f"/atelier/{session.pk}/repondre/{step.activity_id}/",
            data={
                "choice": "0",
                "client_id": ANSWER_ID,
                "token": token,
            },
        )
        assert answered.status_code == 302
        again = await client.get(answered.headers["location"])
        assert "Réponse enregistrée." in again.text
        assert "Modifier ma réponse" in again.text
    assert await database_sync_to_async(Participant.objects.filter(session=session).count)() == 1
    stored = await database_sync_to_async(Response.objects.get)()
    assert stored.data == {"choices": [0]}


async def test_a_wrong_code_and_a_forged_form_get_french_answers(voting):
    session, step = voting
    async with phone() as client:
        wrong = await client.get("/rejoindre/000000/")
        assert wrong.status_code == 404
        assert "Aucun atelier n&#x27;a ce code" in wrong.text
        await client.get(f"/rejoindre/{session.code}/")
        forged = await client.post(
            f"/atelier/{session.pk}/repondre/{step.activity_id}/",
            data={"choice": "1", "client_id": ANSWER_ID},
        )
        assert forged.status_code == 403
        assert "Ce formulaire ne vient pas de cette page" in forged.text
        assert 'value="1" checked' in forged.text
    assert not await database_sync_to_async(Response.objects.exists)()


async def test_a_room_joining_at_once_gets_one_number_each(voting):
    """Thirty phones scan the QR code at the same instant: on PostgreSQL their pages run in
    several threads at once (`ParticipantsHandler.in_a_pool_of_threads`), on SQLite in the
    shared one; either way, thirty participants numbered 1 to 30, each phone its own."""
    import asyncio

    session, _step = voting

    async def scan() -> int:
        async with phone() as client:
            page = await client.get(f"/rejoindre/{session.code}/")
            assert page.status_code == 200
            return int(re.search(r"Participant·e (\d+)", page.text).group(1))

    shown = await asyncio.gather(*(scan() for _ in range(30)))
    stored = await database_sync_to_async(
        lambda: sorted(Participant.objects.filter(session=session).values_list("number", flat=True))
    )()
    assert stored == list(range(1, 31))
    assert sorted(shown) == stored
