"""Workshop n°1 as data: every slide of the deck is a step or data, word for word."""

import pytest

from quizzes.kinds import get_kind
from quizzes.models import Activity
from tests.quizzes.test_classify import DECK_SOLUTION
from tests.quizzes.test_retro import RETRO_TITLE
from workshops.models import Milestone, Phase, Programme, Status, Step, Workshop
from workshops.seed import load_seed

# The title of every slide of the deck (seed/000_c482a3af06e83d5e.txt), in order.
DECK_SLIDE_TITLES = [
    "Atelier de co-construction n°1",
    "Plan de l'atelier",
    "Tour de table & brise-glace",
    "I. Rappel du cadre France Numérique Ensemble",
    "L'inclusion numérique, politique prioritaire",
    "Rappel du cadre de la circulaire du 28 juillet 2023",
    "Reformulation des objectifs de France Numérique Ensemble",
    "Retour sur le concept de projet dimensionnant et structurant",
    "Rétrospective FNEg2",
    "Rappel de la chronologie FNE",
    "Rétroplanning Hauts-de-Seine France Numérique Ensemble",
    "Appel à verser des données d'analyse",
    "Gouvernance Hauts-de-seine France Numérique Ensemble",
    "Vote",
    "II. Préciser le champ d'action de cette politique publique d'inclusion numérique",
    "L'illectronisme",
    "Question",
    "La littératie numérique",
    "Texte à trous",
    "Quelle médiation ?",
    "Quizz",
    "Qui suis-je ???",
    "La médiation numérique",
    "De quel type de médiation relève chaque action ?",
]


@pytest.fixture
def workshop1(demo_programme):
    return demo_programme.workshops.get(number=1)


def step_texts(workshop) -> str:
    return "\n".join(f"{s.title}\n{s.subtitle}\n{s.body}\n{s.notes}" for s in workshop.steps.all())


def test_every_slide_title_of_the_deck_is_a_step(workshop1):
    titles = {s.title for s in workshop1.steps.all()} | {s.subtitle for s in workshop1.steps.all()}
    missing = [title for title in DECK_SLIDE_TITLES if title not in titles]
    assert missing == []


def test_steps_follow_the_deck_order(workshop1):
    titles = [s.title for s in workshop1.steps.all()]
    positions = [titles.index(t) for t in DECK_SLIDE_TITLES if t in titles]
    assert positions == sorted(positions)


def test_the_workshop_is_the_one_of_the_cover(workshop1):
    assert workshop1.title == "Atelier de co-construction n°1"
    local = workshop1.starts_at.astimezone(__import__("zoneinfo").ZoneInfo("Europe/Paris"))
    assert (local.year, local.month, local.day, local.hour, local.minute) == (2024, 11, 21, 14, 30)
    assert workshop1.venue == "Centre social Nelly Roussel"
    assert workshop1.address == "3 Mail Marie Curie"
    assert workshop1.city == "Villeneuve-la-Garenne"


def test_the_agenda_has_the_eight_items_of_the_plan(workshop1):
    assert [a.title for a in workshop1.agenda.all()] == [
        "tour de table & brise-glace",
        "rappel de la circulaire, cadre feuille de route",
        "rappel cadre de la gouvernance",
        "définition illettronisme",
        "définition littératie numérique",
        "définition médiation numérique",
        "rappel calendrier",
        "brainstorming sur les enjeux à l'échelle de l'écosystème (si temps disponible)",
    ]


@pytest.mark.parametrize(
    "text",
    [
        # The five enjeux
        "Un enjeu *économique* : pouvoir d'achat, employabilité et développement économique",
        "Un enjeu de *cohésion* : cohésion sociale et territoriale, défense socle républicain",
        "Un enjeu *politique* : accès aux droits, à la vie civique, au lien social",
        "Un enjeu de *santé* : accès aux soins, prévention cyberharcèlement, isolement, addiction",
        "Un enjeu *écologique* : consommer mieux, se déplacer moins, produire autrement",
        "L'inclusion numérique est au carrefour de toutes les plus grandes priorités",
        # The circulaire quotes
        "**Identifier les collectivités et leurs groupements** désireux de s'inscrire",
        "**Diagnostiquer les besoins territoriaux** en termes **d'accompagnement**",
        "poste de coordinateur de conseillers numériques",
        "**Formaliser, en concertation avec les acteurs territoriaux**",
        "Stratégie de Cohérence pour l’aménagement numérique (SCORAN)",
        "dispositifs de contractualisation que sont les CRTE",
        # The four reformulated objectives
        "Effectuer un **recensement** global de l'offre et des modalités de mise en oeuvre",
        "Favoriser **l'interconnaissance** entre les acteurs",
        "Co-construire des projets **structurants** et **dimensionnants**",
        "**Chiffrer** ces projets structurants",
        # Structuring-project criteria and examples
        "Qui profite à l'écosystème dans son ensemble",
        "Maison France Services, Conseiller Numérique, administration de guichets, Centres sociaux",
        "Qui a vocation à devenir un standard départemental",
        "Qui permet de coordonner les offres entre elles",
        "parcours usager coordonné entre structures, référentiel de pratique départemental",
        # Call for analysis data and its six categories
        "mesure d'impact social",
        "analyse des besoins",
        "convention territoriale de gestion",
        "études d'impact inclusion numérique",
        "- diagnostic",
        "schémas départementaux (inclusion numérique, usages numériques",
        # Definitions part
        "Qu'est-ce que l'illectronisme ?",
        "La littératie numérique implique l'utilisation",
        "ordinateurs, sociaux, informations, confiant et critique",
        "Le processus de création et de réparation du lien social",
        "Proche de la notion de vulgarisation",
        "Ses finalités sont éducatives, récréatives, sociales et citoyennes",
        "techniques de transfert de pouvoir d'agir",
        "Apprendre la programmation avec Scratch",
        "Vidéo projection (mapping) sur un monument historique",
        "Aider les usagers à faire leur déclaration mensuelle sur le site de France Travail",
        # Icebreaker and retrospective
        "Votre lien avec l'inclusion numérique en 1 phrase",
        "Y avait-il des participants présents lors de ces ateliers ?",
        "Si oui, comment l'avez-vous vécu ?",
    ],
)
def test_slide_content_is_there_word_for_word(workshop1, text):
    assert text in step_texts(workshop1)


def test_the_illectronisme_question_is_an_open_question_shown_as_a_word_cloud(workshop1):
    step = workshop1.steps.get(title="Question")
    assert step.body == "Qu'est-ce que l'illectronisme ?"
    # The deck's link to its external tool is for the facilitator, never projected.
    assert step.notes == "Lien : <https://digistorm.app/p/8070906>"
    activity = step.activity
    assert (activity.kind, activity.title, activity.prompt) == (
        "open_question",
        "Question",
        "Qu'est-ce que l'illectronisme ?",
    )
    assert activity.config == {
        "display": "cloud",
        "max_entries": 3,
        "max_length": 40,
        "hold": False,
    }


def test_the_chronology_has_its_five_phases_with_their_status(demo_programme):
    phases = list(demo_programme.phases.all())
    assert [p.title for p in phases] == [
        "Constitution gouvernance",
        "Diagnostic",
        "Axes stratégiques",
        "Fiches projet",
        "Feuille de route",
    ]
    diagnostic = phases[1]
    assert diagnostic.status == Status.DONE
    assert diagnostic.carried_by.name == "Hub Francil'IN"
    assert "Réalisé par le HUB Francil'IN" in diagnostic.status_note
    assert phases[0].status == Status.IN_PROGRESS
    assert {p.status for p in phases[2:]} == {Status.PLANNED}


def test_the_retroplanning_is_in_date_order_with_the_signature_last(demo_programme):
    milestones = list(demo_programme.milestones.all())
    dated = [m.starts_on for m in milestones if m.starts_on]
    assert dated == sorted(dated)
    assert [m.date_label for m in milestones] == [
        "Sept-Oct",
        "21 nov",
        "4 déc",
        "11 déc",
        "15 déc",
        "Janv-Fév",
        "Date à fixer",
    ]
    assert milestones[-1].kind == Milestone.Kind.SIGNATURE
    assert milestones[-1].starts_on is None
    assert "Préfète à l'égalité des chances et CD92" in milestones[-1].description


def test_the_four_co_construction_workshops_are_milestones_of_phase_2(demo_programme):
    workshops = Workshop.objects.filter(programme=demo_programme).order_by("number")
    assert [w.number for w in workshops] == [1, 2, 3, 4]
    for workshop in workshops:
        assert workshop.milestone.stage == "Phase 2"
        assert workshop.milestone.track.name == "Co-construction avec l'écosystème"
    assert workshops[1].theme == "définition enjeux, consolidation et priorisation"


def test_the_parallel_tracks_are_there(demo_programme):
    assert [t.name for t in demo_programme.tracks.all()] == [
        "Collecte et analyse de données",
        "Co-construction avec l'écosystème",
        "Gouvernance",
        "Processus de validation de la feuille de route au CD92",
    ]
    assert demo_programme.timeline_note == (
        "Des points de Comité de Pilotage seront rajoutés une fois ce dernier construit"
    )


def test_loading_twice_keeps_what_was_changed(demo_programme):
    step = Step.objects.get(workshop__number=1, title="Plan de l'atelier")
    step.body = "Plan modifié par l'animatrice"
    step.save()
    again, created = load_seed()
    assert created is False
    assert again == demo_programme
    assert Programme.objects.count() == 1
    assert Phase.objects.count() == 5
    assert Step.objects.get(pk=step.pk).body == "Plan modifié par l'animatrice"


def test_the_programme_is_carried_by_the_prefecture_the_department_and_anct(demo_programme):
    assert sorted(demo_programme.carriers.values_list("short_name", flat=True)) == [
        "ANCT",
        "CD92",
        "Préfecture 92",
    ]


def test_the_classification_step_is_an_activity_with_the_decks_ten_actions_and_solution(
    workshop1,
):
    step = workshop1.steps.get(title="De quel type de médiation relève chaque action ?")
    config = step.activity.config
    assert step.activity.kind == "classify"
    assert [c["title"] for c in config["categories"]] == [
        "médiation scientifique",
        "médiation sociale",
        "médiation numérique",
        "médiation culturelle",
    ]
    # The ten actions, word for word and in the order of the slide's body.
    actions = [line[2:] for line in step.body.splitlines() if line.startswith("- ")]
    assert len(actions) == 10
    assert [item["text"] for item in config["items"]] == actions
    # The solution, as the notes give it.
    titles = {c["key"]: c["title"] for c in config["categories"]}
    solution = {}
    for item in config["items"]:
        solution.setdefault(titles[item["category"]], []).append(item["text"])
    assert solution == {
        "médiation scientifique": [
            "Apprendre la programmation avec Scratch",
            "S'initier à la robotique",
        ],
        "médiation sociale": [
            "Apprendre à utiliser le site de la CAF",
            "Aider les usagers à faire leur déclaration mensuelle sur le site de France Travail",
        ],
        "médiation culturelle": [
            "Proposer une visite virtuelle du Louvre",
            "Vidéo projection (mapping) sur un monument historique",
        ],
        "médiation numérique": [
            "Apprendre à utiliser clavier et souris",
            "Apprendre à naviguer sur internet",
            "Apprendre à repérer un mail frauduleux",
            "Apprendre à télécharger une appli sur mon smartphone",
        ],
    }
    for category, texts in solution.items():
        notes = step.notes.lower()
        after = notes[notes.index(category + " :") :]
        assert all(text.lower() in after.split(". ")[0] for text in texts), category


def test_the_retrospective_step_is_a_yes_no_question_with_its_follow_up(workshop1):
    step = workshop1.steps.get(title="Rétrospective FNEg2")
    assert step.subtitle == "Phase 1"
    assert step.activity.kind == "retro"
    assert step.activity.prompt == (
        "4 dates d'atelier entre septembre et octobre "
        "(en attente de transmission des résultats par le Hub)\n\n"
        "Y avait-il des participants présents lors de ces ateliers ?"
    )
    assert step.activity.config["followup"] == "Si oui, comment l'avez-vous vécu ?"
    assert step.activity.config["opens_on"] == "oui"
    assert step.body.startswith("4 dates d'atelier entre septembre et octobre")


# The deck's quizzes, seeded as graded activities ------------------------------------------------
def deck_answer(step) -> str:
    """The deck's own "Réponse : …" line of a "Qui suis-je ???" slide."""
    return step.body.rsplit("Réponse : ", 1)[1].strip()


def test_the_four_qui_suis_je_slides_are_multiple_choice_with_the_decks_answers(workshop1):
    steps = list(workshop1.steps.filter(title="Qui suis-je ???").order_by("order"))
    assert len(steps) == 4
    options = [
        "médiation scientifique",
        "médiation sociale",
        "médiation numérique",
        "médiation culturelle",
    ]
    answers = []
    for step in steps:
        activity = step.activity
        assert activity.kind == "choice"
        assert activity.title == "Qui suis-je ???"
        # The definition, word for word (typos included), is the body's first paragraph.
        assert activity.prompt == step.body.split("\n\n")[0]
        assert activity.config["options"] == options
        assert activity.config["multiple"] is False
        expected = [options[i] for i in activity.config["correct"]]
        assert expected == [deck_answer(step)]
        answers.append(expected[0])
    assert answers == [
        "médiation sociale",
        "médiation scientifique",
        "médiation culturelle",
        "médiation numérique",
    ]
    assert "lien social et de règlement des conflits" in steps[0].activity.prompt
    assert "Proche de la notion de vulgarisation." in steps[1].activity.prompt
    assert "une œuvre (tableau, installation" in steps[2].activity.prompt
    assert "Je me définit comme toutes les techniques" in steps[3].activity.prompt


def test_the_texte_a_trous_is_the_decks_text_with_six_blanks_and_its_four_words(workshop1):
    from quizzes.kinds.blanks import bank_of, blanks_of

    step = workshop1.steps.get(title="Texte à trous")
    activity = step.activity
    assert activity.kind == "blanks"
    config = activity.config
    # The deck's text, word for word, its blanks written "-----".
    rebuilt = "".join(s.get("text", "-----") for s in config["segments"])
    assert rebuilt == step.body.split("\n\n")[0]
    assert [b["answers"] for b in blanks_of(config)] == [
        ["confiante et critique", "confiant et critique"],
        ["dans tous les aspects de la vie."],
        ["compétences de base", "compétences"],
        ["ordinateurs"],
        ["informations"],
        ["sociaux", "collaboratifs"],
    ]
    assert bank_of(config) == ["ordinateurs", "sociaux", "informations", "confiant et critique"]
    assert "Mots : ordinateurs, sociaux, informations, confiant et critique" in step.body


def test_the_decks_quizz_slide_keeps_its_link_in_the_notes(workshop1):
    """The deck's "Quizz" slide gives the link to its external quiz in the facilitator's notes
    (tests/workshops/test_live_views.py checks that notes stay off the screen and phones)."""
    step = workshop1.steps.get(title="Quizz")
    assert step.notes == "Lien : <https://ladigitale.dev/digiquiz/q/67078ed2acfd1>"


# The activities' settings as the deck gives them (tests/quizzes builds the same with factories)
def test_the_seeded_classification_is_the_decks_with_its_solution(demo_programme):
    activity = Activity.objects.get(kind="classify")
    config = activity.config
    assert [c["title"] for c in config["categories"]] == [
        "médiation scientifique",
        "médiation sociale",
        "médiation numérique",
        "médiation culturelle",
    ]
    titles = {c["key"]: c["title"] for c in config["categories"]}
    assert {i["text"]: titles[i["category"]] for i in config["items"]} == DECK_SOLUTION
    assert [i["text"] for i in config["items"]] == list(DECK_SOLUTION)  # the deck's order
    assert (
        get_kind("classify").clean_config(config) == config
    )  # stored clean: cleaning again changes nothing


def test_the_seeded_board_has_the_five_enjeux_of_the_deck_as_columns(demo_programme):
    ideas_step = demo_programme.workshops.get(number=1).steps.get(activity__kind="ideas")
    activity = ideas_step.activity
    assert activity.kind == "ideas"
    assert [c["title"] for c in activity.config["columns"]] == [
        "Un enjeu économique",
        "Un enjeu de cohésion",
        "Un enjeu politique",
        "Un enjeu de santé",
        "Un enjeu écologique",
    ]
    assert activity.config["columns"][3]["description"] == (
        "accès aux soins, prévention cyberharcèlement, isolement, addiction, mal-être au travail"
    )
    assert ideas_step.subtitle == "si temps disponible"
    assert ideas_step.agenda_item.title == (
        "brainstorming sur les enjeux à l'échelle de l'écosystème (si temps disponible)"
    )


def test_the_seeded_retrospective_asks_the_decks_two_questions(demo_programme):
    activity = Activity.objects.get(kind="retro")
    assert activity.title == RETRO_TITLE
    assert activity.prompt == (
        "4 dates d'atelier entre septembre et octobre "
        "(en attente de transmission des résultats par le Hub)\n\n"
        "Y avait-il des participants présents lors de ces ateliers ?"
    )
    assert activity.config == {
        "followup": "Si oui, comment l'avez-vous vécu ?",
        "opens_on": "oui",
        "max_length": 500,
    }
