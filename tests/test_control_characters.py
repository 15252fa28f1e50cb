"""Control characters (C0 but tab, line feed and carriage return; DEL; C1) never break an
export, whether they are already stored (written straight to the database, as older versions
let them in) or typed now (every HTTP form, the phone's answer over its WebSocket): they are
stripped at the input and when a file is written."""

import csv
import io
import uuid

import pytest
from django.apps import apps
from django.db.models import CharField, TextField
from django.urls import reverse
from docx import Document
from openpyxl import load_workbook

from quizzes.models import Activity, Response
from roadmap.models import Axis, CostLine
from workshops.models import Organisation, Participant

# Every C0 control but \t and \n (kept: they are text) and \r (kept: browsers send every line
# break of a textarea as \r\n), then DEL and every C1 control.
CONTROLS = "".join(
    chr(code) for code in (*range(0x20), *range(0x7F, 0xA0)) if chr(code) not in "\t\n\r"
)
HOSTILE = f"Avant{CONTROLS}après"


# Text fields that name something in the code rather than say something.
IDENTIFIERS = {"kind", "code", "screen_token"}


def soil(*models) -> None:
    """Control characters added to every free text of every row of `models` (when it fits)."""
    some = "\x00\x07\x1b\x7f\x85"
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
    Participant.objects.filter(pk=participant.pk).update(pseudonym=HOSTILE, structure=HOSTILE)
    Activity.objects.filter(pk=icebreaker_step.activity_id).update(title=HOSTILE, prompt=HOSTILE)
    live_session.workshop.__class__.objects.filter(pk=live_session.workshop_id).update(
        title=HOSTILE, venue=HOSTILE, theme=HOSTILE
    )
    return Response.objects.create(
        client_id=uuid.uuid4(),
        session=live_session,
        activity_id=icebreaker_step.activity_id,
        participant=participant,
        data={"fonctions": HOSTILE, "structure": HOSTILE, "lien": HOSTILE, "directory": True},
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
    assert "Avantaprès · Avantaprès · Avantaprès" in texts


def test_the_session_csv_has_no_stored_control_characters(
    facilitator_client, live_session, stored_card
):
    content = session_export(facilitator_client, live_session, "answers_csv")
    rows = list(csv.reader(io.StringIO(content.decode("utf-8-sig")), delimiter=";"))
    cells = [cell for row in rows for cell in row]
    assert_clean(cells)
    assert "Avantaprès · Avantaprès · Avantaprès" in cells


def test_the_workshop_word_report_opens_with_stored_control_characters(
    facilitator_client, live_session, stored_card
):
    texts = docx_texts(session_export(facilitator_client, live_session, "synthesis_docx"))
    assert_clean(texts)
    assert "Compte rendu — Avantaprès" in texts  # the workshop's title
    assert texts.count("Avantaprès") >= 4  # the activity's title and prompt, the card's cells


@pytest.fixture
def stored_roadmap(roadmap92, sheet):
    """Control characters in the roadmap's texts, written past every form."""
    soil(*apps.get_app_config("roadmap").get_models(), Organisation)
    roadmap92.__class__.objects.filter(pk=roadmap92.pk).update(name=HOSTILE, context=HOSTILE)
    Axis.objects.filter(pk=sheet.axis_id).update(title=HOSTILE, description=HOSTILE)
    sheet.__class__.objects.filter(pk=sheet.pk).update(title=HOSTILE, context=HOSTILE)
    CostLine.objects.filter(sheet=sheet).update(label=HOSTILE)
    member = roadmap92.members.select_related("organisation").first()
    Organisation.objects.filter(pk=member.organisation_id).update(name=HOSTILE)
    return roadmap92


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
