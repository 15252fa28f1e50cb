"""From workshops to roadmap: a vote's result becomes a draft sheet or an axis in one action."""

import pytest
from django.urls import reverse

from live import sessions
from live.models import ActivityRun
from roadmap.models import Axis, ProjectSheet
from tests.factories import workshop_with
from tests.live import answer


@pytest.fixture
def workshop(roadmap, facilitator):
    """Workshop n°1 of the roadmap's programme: a vote (Pour / Contre / Abstention), then an idea
    board."""
    return workshop_with(["vote", "ideas"], facilitator=facilitator, programme=roadmap.programme)


@pytest.fixture
def voted(live_session, vote_step, roadmap):
    """Three participants voted: Pour twice, Contre once."""
    for index, choice in enumerate((0, 0, 1)):
        participant = sessions.join(session=live_session, pseudonym=f"P{index}")
        answer(participant, vote_step, {"choices": [choice]})
    return ActivityRun.objects.get(session=live_session, activity=vote_step.activity)


def test_the_page_lists_the_votes_results_most_voted_first(editor_client, roadmap, voted):
    page = editor_client.get(reverse("roadmap:from_workshops", args=[roadmap.pk]))
    html = page.content.decode()
    assert "Validez-vous la gouvernance proposée ?" in html
    assert html.index(">Pour<") < html.index(">Contre<")
    assert "Fiche brouillon" in html


def test_a_result_becomes_a_draft_sheet_that_keeps_its_origin(editor_client, roadmap, voted):
    axis = roadmap.axes.first()
    response = editor_client.post(
        reverse("roadmap:from_workshops_create", args=[roadmap.pk]),
        {"source": f"{voted.pk}:option-0", "target": "sheet", "axis": axis.pk},
    )
    sheet = ProjectSheet.objects.get(title="Pour")
    assert response.url == sheet.get_absolute_url()
    assert sheet.status == ProjectSheet.Status.DRAFT
    assert sheet.axis == axis
    assert sheet.origin_votes == 2
    assert sheet.origin_label == "issu de l'atelier n°1, proposition « Pour », 2 votes"
    detail = editor_client.get(response.url).content.decode()
    assert "issu de l&#x27;atelier n°1, proposition « Pour », 2 votes" in detail


def test_a_result_becomes_an_axis(editor_client, roadmap, voted):
    editor_client.post(
        reverse("roadmap:from_workshops_create", args=[roadmap.pk]),
        {"source": f"{voted.pk}:option-1", "target": "axis"},
    )
    axis = Axis.objects.get(title="Contre")
    assert axis.origin_label == "issu de l'atelier n°1, proposition « Contre », 1 vote"


def test_the_text_comes_from_the_stored_results_not_from_the_form(editor_client, roadmap, voted):
    response = editor_client.post(
        reverse("roadmap:from_workshops_create", args=[roadmap.pk]),
        {"source": f"{voted.pk}:option-9", "target": "sheet", "title": "Injecté"},
    )
    assert response.url == reverse("roadmap:from_workshops", args=[roadmap.pk])
    assert not ProjectSheet.objects.filter(title="Injecté").exists()


def test_facilitators_read_but_cannot_create(client, facilitator, roadmap, voted):
    client.force_login(facilitator)
    page = client.get(reverse("roadmap:from_workshops", args=[roadmap.pk]))
    assert page.status_code == 200
    assert "Fiche brouillon" not in page.content.decode()
    response = client.post(
        reverse("roadmap:from_workshops_create", args=[roadmap.pk]),
        {"source": f"{voted.pk}:option-0", "target": "sheet"},
    )
    assert response.status_code == 403
    assert not ProjectSheet.objects.filter(title="Pour").exists()


def test_an_idea_of_the_board_becomes_a_sheet_with_its_votes_and_enjeu(
    editor_client, roadmap, live_session, ideas_step, participant, other_participant
):
    from tests.workshops.test_ideas_live import store_idea

    bus = store_idea(participant, ideas_step.activity, "Un bus numérique itinérant", "cohesion")
    store_idea(other_participant, ideas_step.activity, "Un fonds local")
    run = ActivityRun.objects.get(session=live_session, activity=ideas_step.activity)
    sessions.perform_action(session=live_session, run=run, action="vote", form={"votes": ["2"]})
    for who in (participant, other_participant):
        answer(who, ideas_step, {"votes": [bus.pk]})
    page = editor_client.get(reverse("roadmap:from_workshops", args=[roadmap.pk]))
    html = page.content.decode()
    assert html.index("Un bus numérique itinérant") < html.index("Un fonds local")
    editor_client.post(
        reverse("roadmap:from_workshops_create", args=[roadmap.pk]),
        {"source": f"{run.pk}:idea-{bus.pk}", "target": "sheet"},
    )
    sheet = ProjectSheet.objects.get(title="Un bus numérique itinérant")
    assert (
        sheet.origin_label == "issu de l'atelier n°1, idée « Un bus numérique itinérant », 2 votes"
    )
    assert "Enjeu : Un enjeu de cohésion" in sheet.description
