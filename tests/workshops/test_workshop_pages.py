"""The facilitator's pages: dashboard, workshop, steps, rétroplanning."""

import datetime as dt
from zoneinfo import ZoneInfo

import pytest
from django.urls import reverse
from django.utils.html import escape

from tests.factories import (
    deck_milestones,
    make_agenda,
    make_phase,
    make_programme,
    make_workshop,
    plain_step,
    step_with_activity,
)
from workshops.models import Step

PLAN = ["tour de table & brise-glace", "définition médiation numérique", "rappel calendrier"]


@pytest.fixture
def steps(facilitator):
    """Workshop n°1 of the Hauts-de-Seine's programme (its chronology and the deck's
    rétroplanning), with its plan and its steps by name."""
    programme = make_programme(
        name="France Numérique Ensemble — Hauts-de-Seine",
        timeline_note=(
            "Des points de Comité de Pilotage seront rajoutés une fois ce dernier construit"
        ),
    )
    make_phase(programme, "Constitution gouvernance", status="en_cours")
    make_phase(
        programme,
        "Diagnostic",
        status="realise",
        status_note="Réalisé par le HUB Francil'IN, en attente de consultation des éléments",
    )
    deck_milestones(programme)
    workshop = make_workshop(
        programme=programme,
        facilitator=facilitator,
        title="Atelier de co-construction n°1",
        starts_at=dt.datetime(2024, 11, 21, 14, 30, tzinfo=ZoneInfo("Europe/Paris")),
    )
    make_agenda(workshop, *PLAN)
    return {
        "cover": plain_step(workshop, Step.Kind.COVER, title="Atelier de co-construction n°1"),
        "plan": plain_step(workshop, title="Plan de l'atelier"),
        "icebreaker": step_with_activity(
            workshop, "icebreaker", title="Tour de table & brise-glace"
        ),
        "chronology": plain_step(workshop, Step.Kind.CHRONOLOGY, title="Rappel de la chronologie"),
        "retroplanning": plain_step(workshop, Step.Kind.RETROPLANNING, title="Rétroplanning"),
        "vote": step_with_activity(workshop, "vote"),
        "quiz": plain_step(workshop, title="Quizz"),
    }


@pytest.fixture
def workshop(steps):
    return steps["plan"].workshop


def test_the_dashboard_lists_the_programme_and_its_workshops(facilitator_client, workshop):
    page = facilitator_client.get(reverse("workshops:dashboard")).content.decode()
    assert "France Numérique Ensemble — Hauts-de-Seine" in page
    assert "Atelier de co-construction n°1" in page
    assert "jeudi 21 novembre 2024, 14h30" in page
    assert reverse("workshops:workshop", args=[workshop.pk]) in page


def test_the_workshop_page_shows_the_plan_and_the_steps_in_order(facilitator_client, workshop):
    page = facilitator_client.get(reverse("workshops:workshop", args=[workshop.pk]))
    html = page.content.decode()
    agenda = html[html.index('<ol class="agenda">') :]
    plan = [agenda.index(escape(item)) for item in PLAN]
    assert plan == sorted(plan)
    step_list = html[html.index('<ol class="step-list"') :]
    positions = [step_list.index(escape(s.title)) for s in workshop.steps.all()]
    assert positions == sorted(positions)


def test_moving_a_step_down_swaps_it_with_the_next_one(facilitator_client, workshop):
    first, second = workshop.steps.all()[:2]
    url = reverse("workshops:step_move", args=[workshop.pk, first.pk])
    response = facilitator_client.post(url, {"direction": "down"})
    assert response.status_code == 302
    assert list(workshop.steps.values_list("pk", flat=True)[:2]) == [second.pk, first.pk]


def test_moving_by_htmx_returns_the_reordered_list_only(facilitator_client, workshop):
    first, second = workshop.steps.all()[:2]
    url = reverse("workshops:step_move", args=[workshop.pk, second.pk])
    response = facilitator_client.post(url, {"direction": "up"}, HTTP_HX_REQUEST="true")
    html = response.content.decode()
    assert html.lstrip().startswith('<ol class="step-list" id="steps">')
    assert "<html" not in html
    assert html.index(escape(second.title)) < html.index(escape(first.title))
    assert "est maintenant à la position 1" in html


def test_the_first_step_cannot_move_up(facilitator_client, workshop):
    first = workshop.steps.first()
    url = reverse("workshops:step_move", args=[workshop.pk, first.pk])
    facilitator_client.post(url, {"direction": "up"})
    assert workshop.steps.first() == first


def test_editing_a_step_saves_it_and_escapes_markup(facilitator_client, workshop, steps):
    step = steps["plan"]
    url = reverse("workshops:step_edit", args=[workshop.pk, step.pk])
    response = facilitator_client.post(
        url,
        {
            "kind": "content",
            "title": "Plan <script>alert(1)</script>",
            "subtitle": "",
            "body": "- un\n- deux <img src=x onerror=alert(1)>",
            "notes": "",
            "agenda_item": "",
        },
    )
    assert response.status_code == 302
    step.refresh_from_db()
    assert step.title == "Plan <script>alert(1)</script>"
    page = facilitator_client.get(url).content.decode()
    assert "<script>alert(1)</script>" not in page
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page
    assert "onerror" not in page.split('class="slide-preview"')[1]


def test_a_step_without_title_gets_a_french_error_and_keeps_the_text(facilitator_client, workshop):
    url = reverse("workshops:step_add", args=[workshop.pk])
    response = facilitator_client.post(
        url, {"kind": "content", "title": "", "body": "Texte à garder", "agenda_item": ""}
    )
    assert response.status_code == 200
    html = response.content.decode()
    assert "Ce champ est obligatoire." in html
    assert "Texte à garder" in html


def test_adding_a_step_puts_it_last(facilitator_client, workshop):
    url = reverse("workshops:step_add", args=[workshop.pk])
    facilitator_client.post(
        url, {"kind": "break", "title": "Pause café", "body": "", "agenda_item": ""}
    )
    assert workshop.steps.last().title == "Pause café"
    assert workshop.steps.last().kind == Step.Kind.BREAK


def test_deleting_a_step(facilitator_client, workshop, steps):
    step = steps["quiz"]
    facilitator_client.post(reverse("workshops:step_delete", args=[workshop.pk, step.pk]))
    assert not workshop.steps.filter(pk=step.pk).exists()


def test_the_retroplanning_page_draws_a_timeline_with_a_text_alternative(
    facilitator_client, workshop
):
    html = facilitator_client.get(
        reverse("workshops:retroplanning", args=[workshop.programme.slug])
    ).content.decode()
    assert '<svg viewBox="0 0 1200' in html
    assert 'role="img"' in html
    assert "Version texte du rétroplanning" in html
    for label in ["Sept-Oct", "21 nov", "4 déc", "11 déc", "15 déc", "Janv-Fév", "Date à fixer"]:
        assert label in html
    assert "Réalisé par le HUB Francil&#x27;IN" in html
    assert "Des points de Comité de Pilotage seront rajoutés" in html


def test_the_retroplanning_and_chronology_are_steps_that_render(
    facilitator_client, workshop, steps
):
    # The chronology draws the programme's phases, the rétroplanning its milestones.
    for step, drawn in [
        (steps["chronology"], "Constitution gouvernance"),
        (steps["retroplanning"], "Sept-Oct"),
    ]:
        url = reverse("workshops:step_edit", args=[workshop.pk, step.pk])
        html = facilitator_client.get(url).content.decode()
        assert drawn in html
