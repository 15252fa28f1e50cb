"""From workshops to the roadmap: an idea or a vote's result becomes an axis or a draft sheet,
which keeps where it came from."""

import pytest
from django.urls import reverse

from roadmap.bridge import BridgeError, axis_from_source, describe_origin, draft_sheet_from_source
from roadmap.models import ProjectSheet, Roadmap
from tests.factories import make_workshop, plain_step
from workshops.models import Programme, Workshop


@pytest.fixture
def workshop2(roadmap):
    """Workshop n°2 of the roadmap's programme."""
    return make_workshop(programme=roadmap.programme, number=2)


def test_an_idea_becomes_a_draft_sheet_that_says_where_it_came_from(
    roadmap, sheet, workshop2, editor, editor_client
):
    last = sheet.number
    step = plain_step(workshop2, title="Idées")
    sheet = draft_sheet_from_source(
        roadmap=roadmap,
        title="Un guichet numérique unique par commune",
        description="Proposée par le groupe 3.",
        origin_workshop=workshop2,
        origin_label="",
        votes=14,
        source=step,
        user=editor,
    )
    assert sheet.status == ProjectSheet.Status.DRAFT
    assert sheet.number == last + 1
    assert sheet.origin_label == (
        "issu de l'atelier n°2, idée « Un guichet numérique unique par commune », 14 votes"
    )
    assert sheet.origin_workshop == workshop2
    assert sheet.origin_votes == 14
    assert sheet.origin_object == step
    assert sheet.revisions.get().author == editor
    html = editor_client.get(sheet.get_absolute_url()).content.decode()
    assert (
        "Issu de l&#x27;atelier n°2, idée « Un guichet numérique unique par commune », 14 votes"
        in html
    )
    assert reverse("workshops:workshop", args=[workshop2.pk]) in html


def test_a_vote_s_result_becomes_an_axis_with_a_given_label(roadmap, workshop2, editor_client):
    last = roadmap.axes.order_by("order").last().order
    axis = axis_from_source(
        roadmap=roadmap,
        title="Former les aidants",
        stakes="Un enjeu de cohésion",
        origin_workshop=workshop2,
        origin_label="issu de l'atelier n°2, priorité n°1 du vote, 22 votes",
        votes=22,
    )
    assert axis.order == last + 1
    assert axis.stake_list == ["Un enjeu de cohésion"]
    assert axis.origin_votes == 22
    html = editor_client.get(roadmap.get_absolute_url()).content.decode()
    assert "Issu de l&#x27;atelier n°2, priorité n°1 du vote, 22 votes" in html


def test_a_long_idea_keeps_its_full_text_in_the_description(roadmap):
    text = "Mutualiser " + "les permanences numériques " * 20
    sheet = draft_sheet_from_source(roadmap=roadmap, title=text, votes=None)
    assert len(sheet.title) == 200
    assert sheet.title.endswith("…")
    assert sheet.description.startswith(" ".join(text.split()))
    assert sheet.origin_label.startswith("issu des ateliers, idée « Mutualiser les permanences")
    assert "votes" not in sheet.origin_label


def test_the_origin_label_counts_votes_in_french():
    assert describe_origin(workshop=None, kind="idée", text="X", votes=1).endswith("1 vote")
    assert describe_origin(workshop=None, kind="idée", text="X", votes=0).endswith("0 vote")


def test_a_signed_roadmap_refuses_new_sheets_and_axes(roadmap, workshop2):
    roadmap.status = Roadmap.Status.SIGNED
    roadmap.save()
    with pytest.raises(BridgeError, match="signée"):
        draft_sheet_from_source(roadmap=roadmap, title="Idée", origin_workshop=workshop2)
    with pytest.raises(BridgeError, match="signée"):
        axis_from_source(roadmap=roadmap, title="Axe", origin_workshop=workshop2)


def test_a_workshop_of_another_programme_is_refused(roadmap):
    other = Programme.objects.create(name="Autre", slug="autre", territory="95")
    workshop = Workshop.objects.create(
        programme=other, number=1, title="Atelier", starts_at="2025-01-01T10:00:00+01:00"
    )
    with pytest.raises(BridgeError, match="démarche"):
        draft_sheet_from_source(roadmap=roadmap, title="Idée", origin_workshop=workshop)


def test_an_axis_of_another_roadmap_is_refused(roadmap, other_roadmap):
    axis = axis_from_source(roadmap=other_roadmap, title="Axe")
    with pytest.raises(BridgeError):
        draft_sheet_from_source(roadmap=roadmap, title="Idée", axis=axis)


def test_the_origin_survives_the_workshop_s_deletion(roadmap, workshop2):
    sheet = draft_sheet_from_source(roadmap=roadmap, title="Idée", origin_workshop=workshop2)
    workshop2.delete()
    sheet.refresh_from_db()
    assert sheet.origin_workshop is None
    assert sheet.origin_label.startswith("issu de l'atelier n°2")
