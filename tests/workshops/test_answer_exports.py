"""The raw answers of a session as an analyst opens them: the XLSX's two sheets (one row per
answer; one row per participant, one column per question) and the two CSV files, parsed back.
Each activity is named by its step number and title, graded kinds get one column per item with
its correctness, and the dot votes name the ideas."""

import csv
import io

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from live import sessions
from live.models import ActivityRun
from tests.factories import classification, make_workshop, plain_step, step_with_activity, who_am_i
from tests.live import answer
from tests.quizzes.test_blanks import BANK, DECK
from tests.quizzes.test_classify import DECK_SOLUTION
from tests.workshops.test_classify_live import RETRO
from tests.workshops.test_synthesis import HEADER

WHO_AM_I = "Qui suis-je ???"
BOARD = "Brainstorming sur les enjeux à l'échelle de l'écosystème"
SCRATCH = "Apprendre la programmation avec Scratch"
CAF = "Apprendre à utiliser le site de la CAF"


@pytest.fixture
def workshop(facilitator):
    """The deck's activities in the deck's order, one step each but the four "Qui suis-je ???":
    the tour de table (step 2), the retrospective (3), the vote (4), the open question (5), the
    text with blanks (6), the quizzes (7 to 10), the classification (11), the idea board (12)."""
    workshop = make_workshop(facilitator=facilitator)
    plain_step(workshop, "cover")
    step_with_activity(workshop, "icebreaker", title="Tour de table & brise-glace")
    step_with_activity(workshop, "retro", config=RETRO, title="Rétrospective FNEg2")
    step_with_activity(workshop, "vote")
    step_with_activity(workshop, "open_question", title="Question")
    step_with_activity(
        workshop,
        "blanks",
        config={"text": DECK, "word_bank": True, "bank": BANK},
        title="Texte à trous",
    )
    for correct in ("sociale", "scientifique", "culturelle", "numérique"):
        who_am_i(workshop, f"médiation {correct}")
    classification(workshop, DECK_SOLUTION)
    step_with_activity(workshop, "ideas", title=BOARD)
    return workshop


@pytest.fixture
def quiz_played(live_session):
    """Alex answers the four "Qui suis-je ???" (the second one wrong), the text with blanks and
    the classification (all right but the CAF), posts an idea and votes; Sam answers the first
    quiz, posts an idea and votes; Lou joins and answers nothing."""
    session = live_session
    alex = sessions.join(session=session, pseudonym="Alex", structure="CCAS de Nanterre")
    sam = sessions.join(session=session, pseudonym="Sam")
    sessions.join(session=session, pseudonym="Lou")

    steps = session.workshop.steps
    quizzes = list(steps.filter(activity__kind="choice").order_by("order"))
    assert len(quizzes) == 4
    for step, choice in zip(quizzes, [1, 3, 3, 2], strict=True):  # right: 1, 0, 3, 2
        sessions.go_to_step(session=session, step=step)
        answer(alex, step, {"choices": [choice]})
        if step == quizzes[0]:
            answer(sam, step, {"choices": [0]})

    blanks = steps.get(activity__kind="blanks")
    sessions.go_to_step(session=session, step=blanks)
    typed = {"1": "Confiante et critique", "3": "compétences", "4": "tablettes", "6": "sociaux"}
    answer(alex, blanks, {"blanks": typed})

    classify = steps.get(activity__kind="classify")
    sessions.go_to_step(session=session, step=classify)
    items = classify.activity.config["items"]
    choices = {item["key"]: item["category"] for item in items}
    choices[items[1]["key"]] = "mediation-numerique"  # the CAF: sociale expected
    answer(alex, classify, {"choices": choices})

    board = steps.get(activity__kind="ideas")
    sessions.go_to_step(session=session, step=board)
    fonds = answer(alex, board, {"column": "economique", "text": "Un fonds local"})
    bus = answer(sam, board, {"column": "cohesion", "text": "Un bus numérique"})
    run = ActivityRun.objects.get(session=session, activity=board.activity)
    sessions.perform_action(session=session, run=run, action="vote", form={"votes": ["2"]})
    answer(alex, board, {"votes": [fonds.pk, bus.pk]})
    answer(sam, board, {"votes": [fonds.pk]})
    return session


def download(client, session, name):
    return client.get(reverse(f"workshops:{name}", args=[session.pk]))


def as_dicts(rows):
    header, *body = rows
    return [dict(zip(header, row, strict=True)) for row in body]


def test_the_answers_sheet_names_each_activity_by_its_step_and_the_ideas_a_vote_chose(
    facilitator_client, quiz_played
):
    workbook = load_workbook(
        io.BytesIO(download(facilitator_client, quiz_played, "answers_xlsx").content)
    )
    assert workbook.sheetnames == ["Réponses", "Par participant·e"]
    rows = list(workbook["Réponses"].iter_rows(values_only=True))
    assert list(rows[0]) == HEADER
    answers = as_dicts(rows)
    quizzes = [row for row in answers if row["Activité"] == WHO_AM_I]
    # The four "Qui suis-je ???" told apart by their step.
    assert [(row["Étape"], row["Participant·e"]) for row in quizzes] == [
        (7, "Alex"),
        (7, "Sam"),
        (8, "Alex"),
        (9, "Alex"),
        (10, "Alex"),
    ]
    assert [row["Réponse"] for row in quizzes[:3]] == [
        "médiation sociale",
        "médiation scientifique",
        "médiation culturelle",
    ]
    assert [row["Bonnes réponses"] for row in quizzes] == [
        "1 sur 1",
        "0 sur 1",
        "0 sur 1",
        "1 sur 1",
        "1 sur 1",
    ]
    [blanks] = [row for row in answers if row["Activité"] == "Texte à trous"]
    assert blanks["Étape"] == 6
    assert blanks["Bonnes réponses"] == "3 sur 6"
    [classify] = [row for row in answers if row["Étape"] == 11]
    assert classify["Bonnes réponses"] == "9 sur 10"
    votes = [row for row in answers if row["Étape"] == 12 and "Votes" in row["Réponse"]]
    assert [(row["Participant·e"], row["Réponse"]) for row in votes] == [
        ("Alex", "Votes : Un fonds local · Un bus numérique"),
        ("Sam", "Votes : Un fonds local"),
    ]
    assert all(row["Bonnes réponses"] is None for row in answers if row["Étape"] == 12)


def test_the_participant_sheet_has_one_row_per_participant_and_a_column_per_item(
    facilitator_client, quiz_played
):
    workbook = load_workbook(
        io.BytesIO(download(facilitator_client, quiz_played, "answers_xlsx").content)
    )
    rows = list(workbook["Par participant·e"].iter_rows(values_only=True))
    header = list(rows[0])
    assert header[:3] == ["N° d'arrivée", "Participant·e", "Structure"]
    # In the order of the steps: the text with blanks (step 6), then the quizzes.
    assert header[3:5] == [
        "Étape 6 · Texte à trous · Trou 1",
        "Étape 6 · Texte à trous · Trou 1 · juste ? (attendu : confiante et critique)",
    ]
    start = header.index("Étape 7 · Qui suis-je ???")
    assert header[start : start + 4] == [
        "Étape 7 · Qui suis-je ???",
        "Étape 7 · Qui suis-je ??? · juste ? (attendu : médiation sociale)",
        "Étape 8 · Qui suis-je ???",
        "Étape 8 · Qui suis-je ??? · juste ? (attendu : médiation scientifique)",
    ]
    by_name = {row["Participant·e"]: row for row in as_dicts(rows)}
    assert list(by_name) == ["Alex", "Sam", "Lou"]
    alex, sam, lou = by_name["Alex"], by_name["Sam"], by_name["Lou"]
    assert (alex["N° d'arrivée"], alex["Structure"]) == (1, "CCAS de Nanterre")
    quiz = "Étape 8 · Qui suis-je ???"
    assert alex[quiz] == "médiation culturelle"
    assert alex[quiz + " · juste ? (attendu : médiation scientifique)"] == "non"
    first = "Étape 7 · Qui suis-je ??? · juste ? (attendu : médiation sociale)"
    assert (alex[first], sam[first], lou[first]) == ("oui", "non", None)
    # Each blank: what was typed, and whether it is right.
    blank = "Étape 6 · Texte à trous · Trou {}"
    right = " · juste ? (attendu : {})"
    assert alex[blank.format(1)] == "Confiante et critique"
    assert alex[blank.format(1) + right.format("confiante et critique")] == "oui"
    assert alex[blank.format(2)] is None  # left empty
    assert alex[blank.format(2) + right.format("dans tous les aspects de la vie.")] == "non"
    assert alex[blank.format(4)] == "tablettes"
    assert alex[blank.format(4) + right.format("ordinateurs")] == "non"
    # Each action to classify: the category chosen, and whether it is right.
    item = "Étape 11 · De quel type de médiation relève chaque action ? · {}"
    assert alex[item.format(SCRATCH)] == "médiation scientifique"
    assert alex[item.format(SCRATCH) + right.format("médiation scientifique")] == "oui"
    assert alex[item.format(CAF)] == "médiation numérique"
    assert alex[item.format(CAF) + right.format("médiation sociale")] == "non"
    # The idea board: the ideas posted, the ideas voted for, by their text.
    ideas = f"Étape 12 · {BOARD} · "
    assert alex[ideas + "Idées proposées"] == "Un fonds local (Un enjeu économique)"
    assert alex[ideas + "Votes"] == "Un fonds local · Un bus numérique"
    assert sam[ideas + "Votes"] == "Un fonds local"
    # Lou answered nothing: a row, empty.
    assert all(value is None for value in list(lou.values())[3:])


def test_the_per_participant_csv_has_the_same_table_as_the_sheet(facilitator_client, quiz_played):
    workbook = load_workbook(
        io.BytesIO(download(facilitator_client, quiz_played, "answers_xlsx").content)
    )
    sheet = [
        ["" if value is None else str(value) for value in row]
        for row in workbook["Par participant·e"].iter_rows(values_only=True)
    ]
    response = download(facilitator_client, quiz_played, "answers_by_participant_csv")
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert response["Content-Disposition"].startswith(
        'attachment; filename="reponses-par-participant-atelier-1-'
    )
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig")), delimiter=";"))
    assert rows == sheet
    # The synthesis links to both CSV files.
    page = facilitator_client.get(reverse("workshops:synthesis", args=[quiz_played.pk]))
    assert reverse("workshops:answers_by_participant_csv", args=[quiz_played.pk]) in (
        page.content.decode()
    )


def test_the_answers_csv_carries_the_step_and_the_correctness(facilitator_client, quiz_played):
    response = download(facilitator_client, quiz_played, "answers_csv")
    rows = as_dicts(
        list(csv.reader(io.StringIO(response.content.decode("utf-8-sig")), delimiter=";"))
    )
    quizzes = [
        (row["Étape"], row["Bonnes réponses"]) for row in rows if row["Activité"] == WHO_AM_I
    ]
    assert quizzes == [
        ("7", "1 sur 1"),
        ("7", "0 sur 1"),
        ("8", "0 sur 1"),
        ("9", "1 sur 1"),
        ("10", "1 sur 1"),
    ]


def test_the_participant_sheet_gives_the_card_the_yes_no_and_the_words_their_own_columns(
    facilitator_client, live_session
):
    session = live_session
    alex = sessions.join(session=session, pseudonym="Alex")
    played = {
        "icebreaker": {
            "fonctions": "Médiatrice",
            "structure": "",
            "lien": "Je forme",
            "directory": True,
        },
        "retro": {"choice": "oui", "text": "Très bien vécu"},
        "open_question": {"entries": ["exclusion", "fracture"]},
        "vote": {"choices": [2]},
    }
    for kind, data in played.items():
        step = session.workshop.steps.get(activity__kind=kind)
        sessions.go_to_step(session=session, step=step)
        answer(alex, step, data)
    workbook = load_workbook(
        io.BytesIO(download(facilitator_client, session, "answers_xlsx").content)
    )
    [row] = as_dicts(list(workbook["Par participant·e"].iter_rows(values_only=True)))
    assert {title: value for title, value in row.items() if title.startswith("Étape")} == {
        "Étape 2 · Tour de table & brise-glace · Vos fonctions": "Médiatrice",
        "Étape 2 · Tour de table & brise-glace · Votre structure": None,
        "Étape 2 · Tour de table & brise-glace · "
        "Votre lien avec l'inclusion numérique en 1 phrase": "Je forme",
        "Étape 2 · Tour de table & brise-glace · Dans l'annuaire": "oui",
        "Étape 3 · Rétrospective FNEg2 · Oui / non": "Oui",
        "Étape 3 · Rétrospective FNEg2 · Si oui, comment l'avez-vous vécu ?": "Très bien vécu",
        "Étape 5 · Question": "exclusion · fracture",
        "Étape 4 · Vote": "Abstention",
    }
