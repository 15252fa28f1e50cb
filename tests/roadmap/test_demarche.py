"""The synthesis of the whole démarche: each workshop, what it produced, what later workshops
carried over from it, and what became of it in the roadmap (the trace both ways)."""

import pytest
from django.urls import reverse

from live.carry_over import save_selection
from roadmap.bridge import draft_sheet_from_source
from tests.live import as_read
from workshops.models import Workshop


@pytest.fixture
def editor(coordinator, roadmap92):
    """A coordinator who edits the demo's roadmap (in tests/roadmap, `editor` edits the small
    roadmap built from factories)."""
    roadmap92.editors.add(coordinator)
    return coordinator


def demarche_url(roadmap):
    return reverse("roadmap:demarche", args=[roadmap.pk])


def test_each_workshop_says_what_it_produced_and_what_the_roadmap_made_of_it(
    editor_client, roadmap92, workshop, brainstorm
):
    bus = brainstorm["bus"]
    sheet = draft_sheet_from_source(
        roadmap=roadmap92,
        title="Un bus numérique",
        origin_workshop=workshop,
        votes=2,
        source=bus,
    )
    second = workshop.programme.workshops.get(number=2)
    run = brainstorm["run"]
    save_selection(
        workshop=second, within=Workshop.objects.all(), chosen={(run.pk, f"idea-{bus.pk}")}
    )
    html = as_read(editor_client.get(demarche_url(roadmap92)).content.decode())
    first, n2 = (
        html.index("Atelier de co-construction n°1</h2>"),
        html.index("Atelier de co-construction n°2</h2>"),
    )
    one, two = html[first:n2], html[n2 : html.index("Atelier de co-construction n°3</h2>")]
    assert "2 participant·es, 5 réponses." in one  # three ideas, two votes
    assert "« Un bus numérique » (2 voix) ; « Un fonds commun » (1 voix)" in one
    assert "Repris par les ateliers suivants" in one
    assert sheet.get_absolute_url() in one
    assert "issu de l&#x27;atelier n°1" in one
    assert "Brouillon" in one
    assert "Repris des ateliers précédents" in two
    assert "Un bus numérique" in two
    assert "Pas encore de session." in two
    # A coordinator doesn't run the session: no link that would refuse them.
    assert reverse("workshops:synthesis", args=[run.session_id]) not in html
    # The three example sheets of the demo came from no workshop.
    assert "Sans atelier d'origine" in html


def test_a_facilitator_of_the_programme_gets_the_links_to_the_session_syntheses(
    facilitator_client, roadmap92, live_session, brainstorm
):
    html = facilitator_client.get(demarche_url(roadmap92)).content.decode()
    assert reverse("workshops:synthesis", args=[live_session.pk]) in html


def test_the_demarche_of_another_territory_is_not_shown(client, other_editor, roadmap92):
    client.force_login(other_editor)
    assert client.get(demarche_url(roadmap92)).status_code == 404


def test_the_word_report_says_the_same(editor_client, roadmap92, workshop, brainstorm):
    import io

    from docx import Document

    draft_sheet_from_source(
        roadmap=roadmap92, title="Un bus numérique", origin_workshop=workshop, votes=2
    )
    response = editor_client.get(reverse("roadmap:demarche_docx", args=[roadmap92.pk]))
    assert response["Content-Disposition"].endswith('-demarche.docx"')
    text = "\n".join(p.text for p in Document(io.BytesIO(response.content)).paragraphs)
    assert "Atelier de co-construction n°4" in text
    assert "« Un bus numérique » (2 voix) ; « Un fonds commun » (1 voix)" in text
    assert "Fiche « Un bus numérique » (Brouillon), issu de l'atelier n°1" in text
    assert "« Des ateliers <b>santé</b> » (0 voix)" in text  # plain text, never markup
