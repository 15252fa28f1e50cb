"""The prioritisation kinds live, through the real pipeline: a phone answers with the plain form
(a refused answer comes back with its French error and what was typed), then over the
WebSocket; the projector's results, the synthesis page and the CSV export show what the room
gave. The settings are those proposed for workshop n°2 (its enjeux, in French)."""

import io
import re

import pytest
from channels.db import database_sync_to_async
from django.test import Client
from django.urls import reverse
from docx import Document

from live import sessions, stage
from live.exports import answers_csv
from live.models import ActivityRun, Response
from quizzes.kinds import KINDS
from tests.factories import make_workshop, step_with_activity
from tests.live import (
    answer_message,
    as_read,
    communicator,
    join_as,
    phone_cookie,
    post_answer,
    receive_until,
    user_cookie,
)
from workshops.models import Workshop

ENJEUX = [
    {"key": "former-aidants", "label": "Former et outiller les aidant·es numériques"},
    {
        "key": "lieux-proximite",
        "label": "Ouvrir des lieux de médiation au plus près des habitant·es",
    },
    {"key": "equiper-menages", "label": "Équiper les ménages modestes (matériel et connexion)"},
    {
        "key": "reperer-publics",
        "label": "Repérer les publics éloignés avec les partenaires sociaux",
    },
    {"key": "coordonner", "label": "Coordonner les acteurs de la médiation dans le département"},
    {"key": "rendre-visible", "label": "Rendre visible l'offre de médiation (cartographie)"},
]
# What workshop n°2 may paste: one activity of each kind on its enjeux.
WORKSHOP_2 = {
    "ranking": {
        "title": "Classez les enjeux, du plus prioritaire au moins prioritaire",
        "config": {"items": ENJEUX},
    },
    "matrix": {
        "title": "Placez chaque enjeu selon son impact et sa faisabilité",
        "config": {
            "items": ENJEUX,
            "axes": {
                "x": {"label": "Impact", "low": "Faible", "high": "Fort"},
                "y": {"label": "Faisabilité", "low": "Difficile", "high": "Facile"},
            },
            "scale": 5,
        },
    },
    "points": {
        "title": "Répartissez 10 points entre les enjeux",
        "config": {"items": ENJEUX, "budget": 10},
    },
}
KEYS = [item["key"] for item in ENJEUX]


def prioritisation_workshop(facilitator, activities: dict[str, dict], number: int) -> Workshop:
    """A workshop « Priorisation des enjeux » whose steps are these activities
    ({kind: {"title", "config"}}), in order."""
    workshop = make_workshop(
        facilitator=facilitator, number=number, title="Priorisation des enjeux"
    )
    for name, proposed in activities.items():
        config = KINDS[name].clean_config(proposed["config"])
        step_with_activity(workshop, name, config=config, title=proposed["title"])
    return workshop


@pytest.fixture
def prio_session(facilitator):
    """A workshop with the three activities proposed for workshop n°2, running live."""
    workshop = prioritisation_workshop(facilitator, WORKSHOP_2, number=96)
    return sessions.start_session(workshop=workshop, user=facilitator)


def go(session, kind: str):
    step = session.workshop.steps.get(activity__kind=kind)
    sessions.go_to_step(session=session, step=step)
    session.refresh_from_db()
    return step


def post_prio(client, session, activity, fields: dict):
    return post_answer(client, session, activity.pk, {"activity": activity.pk, **fields})


def show_results(session, activity) -> str:
    run = ActivityRun.objects.get(session=session, activity=activity)
    sessions.set_run(session=session, run=run, show_results=True)
    return as_read(stage.render_results(session=session).html)


def ranks(*order: int) -> dict:
    return {f"rank-{key}": str(rank) for key, rank in zip(KEYS, order, strict=True)}


def places(*points: tuple[int, int]) -> dict:
    fields = {}
    for key, (x, y) in zip(KEYS, points, strict=True):
        fields[f"x-{key}"], fields[f"y-{key}"] = str(x), str(y)
    return fields


def points(*given) -> dict:
    return {f"points-{key}": str(n) for key, n in zip(KEYS, given, strict=True)}


# Over HTTP, the plain form: one case per kind ------------------------------------------------
CASES = {
    "ranking": {
        "phone": ('<select class="ranking-field__select"', 6),
        "refused": ranks(1, 1, 3, 4, 5, 6),
        "error": "Le rang 1 est donné à « Former et outiller les aidant·es numériques », "
        "« Ouvrir des lieux de médiation au plus près des habitant·es » : chaque rang ne sert "
        "qu'une fois.",
        "kept": " selected>1<",
        "answers": [ranks(1, 2, 3, 4, 5, 6), ranks(2, 1, 3, 4, 6, 5), ranks(1, 3, 2, 4, 5, 6)],
        # Borda on 6 items (rank 1 → 5 points): 5+4+5 = 14, 4+5+3 = 12…
        "screen": ["14 points", "12 points", "3 classements", "rang moyen 1,3"],
        "text": "Former et outiller les aidant·es numériques : 14 points, rang moyen 1,3",
        "csv": "Former et outiller les aidant·es numériques",
    },
    "matrix": {
        "phone": ('type="radio" name="x-', 30),
        "refused": {**places((5, 5), (1, 1), (2, 2), (3, 3), (4, 4), (1, 5)), "y-coordonner": "9"},
        "error": "« Coordonner les acteurs de la médiation dans le département » sur "
        "« Faisabilité » : 9 est hors de l'échelle, qui va de 1 à 5.",
        "kept": 'value="5" checked',
        "answers": [
            places((5, 5), (1, 1), (2, 2), (3, 3), (4, 4), (1, 5)),
            places((4, 2), (2, 1), (2, 2), (3, 3), (4, 4), (1, 5)),
            places((3, 4), (2, 5), (2, 2), (3, 3), (4, 4), (1, 5)),
        ],
        "screen": ["matrix__plot", "Impact 4 · Faisabilité 4", "Impact 2 · Faisabilité 1"],
        "text": "Former et outiller les aidant·es numériques : médianes Impact 4 sur 5 et "
        "Faisabilité 4 sur 5 (3 placements).",
        "csv": "Former et outiller les aidant·es numériques — Impact",
    },
    "points": {
        "phone": ('type="number" inputmode="numeric"', 6),
        "refused": points(8, 5, 0, 0, 0, "deux"),
        "error": "« Rendre visible l'offre de médiation (cartographie) » : écrivez un nombre "
        "entier de points, 0 ou plus.",
        "kept": 'value="deux"',
        "answers": [points(6, 4, 0, 0, 0, 0), points(0, 10, 0, 0, 0, 0), points(3, 3, 4, 0, 0, 0)],
        "screen": ["17 points", "(57 % · 3 pers.)", "30 points donnés par 3 participant·es"],
        "text": "Ouvrir des lieux de médiation au plus près des habitant·es : 17 points (57 % des "
        "points), donnés par 3 personnes.",
        "csv": "Équiper les ménages modestes (matériel et connexion)",
    },
}


@pytest.mark.parametrize("name", list(CASES))
def test_phones_answer_by_plain_form_and_the_room_sees_the_results(
    name, client, facilitator, prio_session
):
    case = CASES[name]
    step = go(prio_session, name)
    activity = step.activity
    join_as(client, prio_session, "Alex")
    page = client.get(reverse("workshops:phone", args=[prio_session.pk])).content.decode()
    marker, count = case["phone"]
    assert page.count(marker) == count
    assert "Ouvrir des lieux de médiation au plus près des habitant·es" in page

    # Refused: the page again (400), the French error, what was typed still there.
    refused = post_prio(client, prio_session, activity, case["refused"])
    assert refused.status_code == 400
    html = as_read(refused.content.decode()).replace("&#x27;", "'").replace("&quot;", '"')
    assert case["error"] in html
    assert case["kept"] in html
    assert not Response.objects.exists()

    # Three phones answer.
    phones = [client, Client(), Client()]
    for number, (phone, fields) in enumerate(zip(phones, case["answers"], strict=True)):
        if number:
            join_as(phone, prio_session, f"P{number}")
        assert post_prio(phone, prio_session, activity, fields).status_code == 302
    assert Response.objects.filter(activity=activity).count() == 3

    # The projector, once the results are shown; the synthesis and the export.
    screen = show_results(prio_session, activity).replace("&#x27;", "'")
    for expected in case["screen"]:
        assert expected in screen, expected
    control = Client()
    control.force_login(facilitator)
    synthesis = control.get(reverse("workshops:synthesis", args=[prio_session.pk]))
    text = " ".join(as_read(synthesis.content.decode()).replace("&#x27;", "'").split())
    assert case["text"] in text
    assert case["csv"] in answers_csv(session=prio_session)
    # The Word compte rendu says it as the page does.
    docx = control.get(reverse("workshops:synthesis_docx", args=[prio_session.pk]))
    paragraphs = [p.text for p in Document(io.BytesIO(docx.content)).paragraphs]
    assert any(case["text"] in " ".join(p.split()) for p in paragraphs)


# Over the WebSocket --------------------------------------------------------------------------
async def connected(path: str, cookie: str = ""):
    comm = communicator(path, cookie)
    ok, _ = await comm.connect()
    assert ok
    return comm


@pytest.mark.django_db(transaction=True)
@pytest.mark.asyncio
async def test_points_over_the_socket_refused_then_taken_and_the_screen_follows(
    client, facilitator, prio_session
):
    step = await database_sync_to_async(go)(prio_session, "points")
    activity = step.activity
    run = await database_sync_to_async(ActivityRun.objects.get)(
        session=prio_session, activity=activity
    )
    await database_sync_to_async(sessions.set_run)(session=prio_session, run=run, show_results=True)
    participant = await database_sync_to_async(sessions.join)(
        session=prio_session, pseudonym="Alex"
    )
    screen = await connected(
        f"/ws/ecran/{prio_session.pk}/",
        await database_sync_to_async(user_cookie)(client, facilitator),
    )
    await receive_until(screen, "points-bars")
    phone = await connected(
        f"/ws/atelier/{prio_session.pk}/", await database_sync_to_async(phone_cookie)(participant)
    )
    snapshot = await receive_until(phone, 'id="phone-stage"')
    client_id = re.search(r'name="client_id" value="([0-9a-f-]+)"', snapshot).group(1)
    await phone.send_to(
        text_data=answer_message(activity.pk, client_id, **points(9, 2, 0, 0, 0, 0))
    )
    refused = await receive_until(phone, "error")
    assert "Vous donnez 11 points pour 10 : retirez-en 1." in as_read(refused)
    await phone.send_to(
        text_data=answer_message(activity.pk, client_id, **points(7, 2, 0, 0, 0, 0))
    )
    ack = await receive_until(phone, "Réponse enregistrée")
    assert "9 points donnés sur 10." in ack
    filled = as_read(await receive_until(screen, 'data-count="1"'))
    assert "7 points" in filled
    assert "9 points donnés par 1 participant·e" in filled
    stored = await database_sync_to_async(Response.objects.get)(activity=activity)
    assert stored.data == {"points": dict(zip(KEYS, [7, 2, 0, 0, 0, 0], strict=True))}
    await phone.disconnect()
    await screen.disconnect()
