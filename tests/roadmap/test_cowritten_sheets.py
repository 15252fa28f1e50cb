"""The sheets co-written in groups land in the roadmap as draft sheets with their trace
(workshop, group, contributors, idea); landed twice, they are the same sheets."""

import pytest
from django.urls import reverse

from live import cowriting, sessions
from roadmap.models import ProjectSheet
from tests.factories import make_workshop
from tests.live import cowrite_run, cowrite_step


@pytest.fixture
def workshop(roadmap, facilitator):
    """A workshop of the roadmap's programme (the co-writing step is added to it)."""
    return make_workshop(programme=roadmap.programme, facilitator=facilitator)


@pytest.fixture
def written(live_session, roadmap):
    step = cowrite_step(live_session)
    run = cowrite_run(live_session, step)
    awa = sessions.join(session=live_session, pseudonym="Awa")
    leo = sessions.join(session=live_session, pseudonym="Léo")
    sessions.perform_action(session=live_session, run=run, action="form_groups")
    first, second = cowriting.groups_of(run)
    for person in (awa, leo):
        cowriting.place(run=run, participant=person, group=first)
    for person, name, text in (
        (awa, "objectives", "Former 200 aidants"),
        (leo, "publics", "Les aidants de proximité"),
        (leo, "cost", "15 000 € par an"),
    ):
        cowriting.write_field(group=first, participant=person, name=name, text=text, base_version=0)
    # The second group wrote nothing but its starting title? It has none: it does not land.
    return run, first, second


def test_landing_makes_draft_sheets_with_their_trace_once(editor_client, roadmap, sheet, written):
    run, first, _second = written
    before = ProjectSheet.objects.filter(roadmap=roadmap).count()
    assert before == sheet.number
    page = editor_client.get(reverse("roadmap:from_workshops", args=[roadmap.pk]))
    assert "Fiches co-rédigées en atelier" in page.content.decode()
    url = reverse("roadmap:from_workshops_cowritten", args=[roadmap.pk])
    for _ in range(2):  # promoted twice: one sheet
        response = editor_client.post(url, {"run": run.pk})
        assert response.status_code == 302
    sheets = ProjectSheet.objects.filter(roadmap=roadmap).exclude(number__lte=before)
    [sheet] = list(sheets)
    assert sheet.status == ProjectSheet.Status.DRAFT
    assert sheet.title == "Un guichet unique des aidants"  # the idea the group started from
    assert sheet.objectives == "Former 200 aidants"
    assert sheet.target_publics == "Les aidants de proximité"
    assert "Estimation du coût : 15 000 € par an" in sheet.description
    assert sheet.origin_workshop == run.session.workshop
    assert sheet.origin_object == first
    assert "groupe « Table 1 »" in sheet.origin_label
    assert "rédigé par Awa, Léo" in sheet.origin_label
    assert "idée « Un guichet unique des aidants »" in sheet.origin_label
    # The coordinator reviews it with the sheet's own tools.
    assert editor_client.get(sheet.get_absolute_url()).status_code == 200
    edit = editor_client.get(reverse("roadmap:sheet_edit", args=[roadmap.pk, sheet.pk]))
    assert edit.status_code == 200
    history = editor_client.get(reverse("roadmap:sheet_history", args=[roadmap.pk, sheet.pk]))
    assert history.status_code == 200
    page = editor_client.get(reverse("roadmap:from_workshops", args=[roadmap.pk]))
    assert f"fiche n°{sheet.number}" in page.content.decode()
