"""Control characters (C0 but tab, line feed and carriage return; DEL; C1) never break an
export, whether they are already stored (written straight to the database, as older versions
let them in) or typed now (every HTTP form, the phone's answer over its WebSocket): they are
stripped at the input and when a file is written."""

import csv
import io
import uuid

import pytest
from channels.db import database_sync_to_async
from django.apps import apps
from django.db import connection
from django.db.models import CharField, TextField
from django.urls import reverse
from docx import Document
from openpyxl import load_workbook

from live.models import Participant, Response
from quizzes.kinds import get_kind
from quizzes.models import Activity
from roadmap.models import Axis, CostLine
from tests.factories import make_sheet, workshop_with
from tests.live import (
    answer_message,
    communicator,
    join_as,
    phone_cookie,
    post_answer,
    receive_until,
)
from tests.workshops.test_authoring import settings_data
from workshops.models import Organisation

# Every C0 control but \t and \n (kept: they are text) and \r (kept: browsers send every line
# break of a textarea as \r\n), then DEL and every C1 control.
CONTROLS = "".join(
    chr(code) for code in (*range(0x20), *range(0x7F, 0xA0)) if chr(code) not in "\t\n\r"
)
HOSTILE = f"Avant{CONTROLS}après"


@pytest.fixture
def workshop(facilitator):
    """A cover, then the tour de table."""
    return workshop_with(["cover", "icebreaker"], facilitator=facilitator)


@pytest.fixture
def editor(coordinator, roadmap):
    """A coordinator who edits the small factory `roadmap`."""
    roadmap.editors.add(coordinator)
    return coordinator


@pytest.fixture
def sheet(roadmap):
    """A sheet of `roadmap` on its axis, with a cost line."""
    cost = {"year": 2025, "category": "equipement", "label": "Tablettes", "amount": "1200"}
    return make_sheet(roadmap, "Tablettes en prêt", axis=roadmap.axes.first(), costs=[cost])


def storable(text: str) -> str:
    """PostgreSQL stores no NUL at all (nor did it ever): only SQLite can hold one already."""
    return text.replace("\x00", "") if connection.vendor == "postgresql" else text


# Text fields that name something in the code rather than say something.
IDENTIFIERS = {"kind", "code", "screen_token"}


def soil(*models) -> None:
    """Control characters added to every free text of every row of `models` (when it fits)."""
    some = storable("\x00\x07\x1b\x7f\x85")
    for model in models:
        fields = [
            field
            for field in model._meta.get_fields()
            if isinstance(field, CharField | TextField)
            and not field.choices
            and field.name not in IDENTIFIERS
        ]
        for row in model.objects.all():
            changes = {}
            for field in fields:
                value = getattr(row, field.attname) + some
                if field.max_length is None or len(value) <= field.max_length:
                    changes[field.attname] = value
            model.objects.filter(pk=row.pk).update(**changes)


def assert_clean(texts) -> None:
    texts = [text for text in texts if isinstance(text, str)]
    assert texts
    dirty = [text for text in texts if any(char in CONTROLS for char in text)]
    assert dirty == []


def docx_texts(content: bytes) -> list[str]:
    document = Document(io.BytesIO(content))
    texts = [p.text for p in document.paragraphs]
    texts += [cell.text for table in document.tables for row in table.rows for cell in row.cells]
    return [*texts, document.core_properties.title]


def xlsx_texts(content: bytes) -> list[str]:
    book = load_workbook(io.BytesIO(content))
    texts = [sheet.title for sheet in book.worksheets]
    for sheet in book.worksheets:
        texts += [value for row in sheet.iter_rows(values_only=True) for value in row]
    return texts


# What is already stored --------------------------------------------------------------------------
@pytest.fixture
def stored_card(live_session, icebreaker_step, participant):
    """A tour de table card full of control characters, written past every form; more in
    every free text of the workshop, its steps and activities."""
    soil(*apps.get_app_config("workshops").get_models(), Activity)
    stored = storable(HOSTILE)
    Participant.objects.filter(pk=participant.pk).update(pseudonym=stored[:40], structure=stored)
    Activity.objects.filter(pk=icebreaker_step.activity_id).update(title=stored, prompt=stored)
    live_session.workshop.__class__.objects.filter(pk=live_session.workshop_id).update(
        title=stored, venue=stored, theme=stored
    )
    return Response.objects.create(
        client_id=uuid.uuid4(),
        session=live_session,
        activity_id=icebreaker_step.activity_id,
        participant=participant,
        data={"fonctions": stored, "structure": stored, "lien": stored, "directory": True},
    )


def session_export(client, session, name: str):
    response = client.get(reverse(f"workshops:{name}", args=[session.pk]))
    assert response.status_code == 200
    return response.content


def test_the_session_xlsx_opens_with_stored_control_characters(
    facilitator_client, live_session, stored_card
):
    texts = xlsx_texts(session_export(facilitator_client, live_session, "answers_xlsx"))
    assert_clean(texts)
    # The card's fields, each in its column of the sheet by participant.
    assert texts.count("Avantaprès") >= 3


def test_the_session_csv_has_no_stored_control_characters(
    facilitator_client, live_session, stored_card
):
    content = session_export(facilitator_client, live_session, "answers_csv")
    rows = list(csv.reader(io.StringIO(content.decode("utf-8-sig")), delimiter=";"))
    cells = [cell for row in rows for cell in row]
    assert_clean(cells)
    assert any(cell.count("Avantaprès") == 3 for cell in cells)  # the card, on one line


def test_the_workshop_word_report_opens_with_stored_control_characters(
    facilitator_client, live_session, stored_card
):
    texts = docx_texts(session_export(facilitator_client, live_session, "synthesis_docx"))
    assert_clean(texts)
    assert "Compte rendu — Avantaprès" in texts  # the workshop's title
    assert texts.count("Avantaprès") >= 4  # the activity's title and prompt, the card's cells


@pytest.fixture
def stored_roadmap(roadmap, sheet):
    """Control characters in the roadmap's texts, written past every form."""
    soil(*apps.get_app_config("roadmap").get_models(), Organisation)
    stored = storable(HOSTILE)
    roadmap.__class__.objects.filter(pk=roadmap.pk).update(name=stored, context=stored)
    Axis.objects.filter(pk=sheet.axis_id).update(title=stored, description=stored)
    sheet.__class__.objects.filter(pk=sheet.pk).update(title=stored, context=stored)
    CostLine.objects.filter(sheet=sheet).update(label=stored)
    member = roadmap.members.select_related("organisation").first()
    Organisation.objects.filter(pk=member.organisation_id).update(name=stored)
    return roadmap


def test_the_roadmap_docx_opens_with_stored_control_characters(editor_client, stored_roadmap):
    response = editor_client.get(reverse("roadmap:export_docx", args=[stored_roadmap.pk]))
    assert response.status_code == 200
    texts = docx_texts(response.content)
    assert_clean(texts)
    assert "Avantaprès" in texts  # the roadmap's name, the axis' title…
    assert any(text.startswith("Fiche n°") and text.endswith("Avantaprès") for text in texts)


def test_the_roadmap_xlsx_opens_with_stored_control_characters(editor_client, stored_roadmap):
    response = editor_client.get(reverse("roadmap:export_xlsx", args=[stored_roadmap.pk]))
    assert response.status_code == 200
    texts = xlsx_texts(response.content)
    assert_clean(texts)
    assert "Avantaprès" in texts
    assert any(str(text).endswith(". Avantaprès") for text in texts)  # a worksheet's title


# What is typed now: every HTTP form, and the phone's answer over its WebSocket ------------------
def test_a_participant_s_profile_is_stored_without_control_characters(client, live_session):
    participant = join_as(client, live_session, structure=HOSTILE)
    assert participant.structure == "Avantaprès"


def test_a_facilitator_s_activity_is_stored_without_control_characters(
    facilitator_client, workshop
):
    kind = get_kind("vote")
    response = facilitator_client.post(
        reverse("workshops:activity_add", args=[workshop.pk, "vote"]),
        {
            "activite-title": HOSTILE,
            "activite-prompt": f"Ligne 1\r\n{HOSTILE}\tfin",
            **settings_data(kind, kind.clean_config({"options": ["Oui", "Non"]})),
            "reglages-options": f"{HOSTILE}\r\nNon",
            "intent": "save",
        },
    )
    assert response.status_code == 302
    activity = Activity.objects.get(title="Avantaprès")
    assert activity.prompt == "Ligne 1\r\nAvantaprès\tfin"  # tab and line breaks kept
    assert activity.config["options"] == ["Avantaprès", "Non"]


def test_a_coordinator_s_axis_is_stored_without_control_characters(editor_client, roadmap):
    response = editor_client.post(
        reverse("roadmap:axis_add", args=[roadmap.pk]),
        {"title": HOSTILE, "description": HOSTILE, "stakes": "", "order": "9"},
    )
    assert response.status_code == 302
    axis = roadmap.axes.get(order=9)
    assert (axis.title, axis.description) == ("Avantaprès", "Avantaprès")


def test_a_card_sent_by_the_plain_form_is_stored_without_control_characters(
    client, live_session, icebreaker_step
):
    participant = join_as(client, live_session)
    card = {"fonctions": HOSTILE, "lien": HOSTILE}
    response = post_answer(client, live_session, icebreaker_step.activity_id, card)
    assert response.status_code == 302
    card = Response.objects.get(participant=participant).data
    assert (card["fonctions"], card["lien"]) == ("Avantaprès", "Avantaprès")


@pytest.mark.django_db(transaction=True)
@pytest.mark.asyncio
async def test_a_card_sent_over_the_websocket_is_stored_without_control_characters(
    live_session, icebreaker_step, participant
):
    phone = communicator(
        f"/ws/atelier/{live_session.pk}/", await database_sync_to_async(phone_cookie)(participant)
    )
    assert (await phone.connect())[0]
    await receive_until(phone, 'id="phone-stage"')
    # A lone surrogate too: JSON can carry one, no database can store it.
    typed = HOSTILE + "\ud800"
    await phone.send_to(
        text_data=answer_message(icebreaker_step.activity_id, fonctions=typed, lien=typed)
    )
    ack = await receive_until(phone, "Réponse enregistrée")
    assert "Avantaprès" in ack
    card = (await Response.objects.aget(participant=participant)).data
    assert (card["fonctions"], card["lien"]) == ("Avantaprès", "Avantaprès")
    await phone.disconnect()
