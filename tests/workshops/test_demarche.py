"""The démarche's workshops n°2 to n°4 in the demo (the deck's rétroplanning, a proposed plan
and steps each), and the same activity's results compared across workshops."""

import datetime as dt
import zoneinfo

import pytest
from django.urls import reverse

from live import sessions
from quizzes.models import Activity
from tests.conftest import run_by
from tests.live import answer, as_read
from workshops.duplication import duplicate_step
from workshops.models import AgendaItem, Step, Workshop
from workshops.seed import load_seed

PARIS = zoneinfo.ZoneInfo("Europe/Paris")
PROPOSAL = "Proposition à adapter par l'équipe d'animation"

# The deck's rétroplanning, word for word: date, workshop, theme.
RETROPLANNING = [
    ("4 déc", 2, dt.date(2024, 12, 4), "définition enjeux, consolidation et priorisation"),
    ("11 déc", 3, dt.date(2024, 12, 11), "co-rédaction de fiches-projet sur les axes priorités"),
    ("15 déc", 4, dt.date(2024, 12, 15), "co-rédaction de fiches-projet sur les axes priorités"),
]


@pytest.mark.parametrize(("label", "number", "day", "theme"), RETROPLANNING)
def test_workshops_2_to_4_have_the_retroplanning_s_date_and_title(
    demo_programme, label, number, day, theme
):
    workshop = demo_programme.workshops.get(number=number)
    assert workshop.title == f"Atelier de co-construction n°{number}"
    assert workshop.theme == theme
    assert workshop.starts_at.astimezone(PARIS).date() == day
    assert workshop.venue == "à préciser"
    # The rétroplanning's milestone is this workshop, not a copy of it.
    assert workshop.milestone.date_label == label
    assert workshop.milestone.title == f"Atelier n°{number}"
    assert workshop.milestone.description == theme
    assert workshop.milestone.starts_on == day


@pytest.mark.parametrize("number", [2, 3, 4])
def test_each_has_a_plan_and_steps_plainly_marked_as_a_proposal(demo_programme, number):
    workshop = demo_programme.workshops.get(number=number)
    assert workshop.preparation_note.startswith(PROPOSAL)
    agenda = list(workshop.agenda.all())
    assert len(agenda) >= 4
    steps = list(workshop.steps.all())
    assert steps[0].kind == Step.Kind.COVER
    assert steps[1].title == "Plan de l'atelier"
    assert all(step.notes.startswith(PROPOSAL) for step in steps)
    kinds = {step.kind for step in steps}
    assert {Step.Kind.CARRY_OVER, Step.Kind.ACTIVITY, Step.Kind.RETROPLANNING} <= kinds
    assert all(step.agenda_item is None or step.agenda_item.workshop == workshop for step in steps)
    for step in steps:
        if step.activity:
            step.activity.full_clean()  # valid settings for its kind


def test_workshop_1_is_exactly_as_it_was(demo_programme):
    first = demo_programme.workshops.get(number=1)
    assert first.steps.count() == 28
    assert first.agenda.count() == 8
    assert first.preparation_note == ""
    assert not first.steps.filter(notes__contains=PROPOSAL).exists()


def test_loading_twice_duplicates_nothing(demo_programme):
    counts = (Workshop.objects.count(), Step.objects.count(), AgendaItem.objects.count())
    activities = Activity.objects.count()
    load_seed()
    assert (Workshop.objects.count(), Step.objects.count(), AgendaItem.objects.count()) == counts
    assert Activity.objects.count() == activities


def test_a_demo_loaded_before_gets_the_plan_of_its_still_empty_workshops(demo_programme):
    """A database seeded when n°2 to n°4 were only dates: they get their plan and steps; a
    workshop someone already prepared is left as it is."""
    second = demo_programme.workshops.get(number=2)
    third = demo_programme.workshops.get(number=3)
    for workshop in (second, third):
        workshop.steps.all().delete()
        workshop.agenda.all().delete()
    Workshop.objects.filter(pk__in=[second.pk, third.pk]).update(venue="", preparation_note="")
    Step.objects.create(workshop=third, title="Préparé par l'animatrice")
    load_seed()
    second.refresh_from_db()
    assert second.steps.filter(kind=Step.Kind.CARRY_OVER).exists()
    assert second.venue == "à préciser"
    assert second.preparation_note.startswith(PROPOSAL)
    assert list(third.steps.values_list("title", flat=True)) == ["Préparé par l'animatrice"]


def test_n4_asks_n1_s_question_again_and_n3_n4_close_like_n2(demo_programme):
    first, second, third, fourth = (demo_programme.workshops.get(number=n) for n in (1, 2, 3, 4))
    question = first.steps.get(title="Question").activity
    again = fourth.steps.get(title="L'illectronisme, un mois après").activity
    assert again.lineage == question
    closing = second.steps.get(title="Le mot de la fin").activity
    for later in (third, fourth):
        assert later.steps.get(title="Le mot de la fin").activity.lineage == closing


# The comparison ---------------------------------------------------------------------------------
@pytest.fixture
def fourth(demo_programme, facilitator):
    return run_by(facilitator, demo_programme, 4)


def test_the_same_question_in_n1_and_n4_side_by_side(
    facilitator_client, facilitator, live_session, participant, other_participant, fourth
):
    question = live_session.workshop.steps.get(title="Question")
    sessions.go_to_step(session=live_session, step=question)
    answer(participant, question, {"entries": ["Exclusion", "Isolement"]})
    answer(other_participant, question, {"entries": ["exclusion"]})
    step = fourth.steps.get(title="L'illectronisme, un mois après")
    later = sessions.start_session(workshop=fourth, user=facilitator)
    sessions.go_to_step(session=later, step=step)
    answer(sessions.join(session=later, pseudonym="Awa"), step, {"entries": ["Autonomie"]})

    page = facilitator_client.get(fourth.get_absolute_url()).content.decode()
    url = reverse("workshops:compare", args=[fourth.pk, step.pk])
    assert url in page
    html = as_read(facilitator_client.get(url).content.decode())
    n1, n4 = html.index("Atelier n°1</h2>"), html.index("Atelier n°4</h2>")
    assert n1 < n4
    assert "Exclusion" in html[n1:n4]
    assert "Autonomie" not in html[n1:n4]
    assert "Autonomie" in html[n4:]
    assert "Exclusion" not in html[n4:]
    assert "2 réponses" in html[n1:n4]
    assert "1 réponse" in html[n4:]
    assert reverse("workshops:synthesis", args=[live_session.pk]) in html


def test_a_question_not_asked_yet_says_so(facilitator_client, workshop, fourth):
    step = workshop.steps.get(title="Question")
    html = facilitator_client.get(
        reverse("workshops:compare", args=[workshop.pk, step.pk])
    ).content.decode()
    assert "Atelier n°4" in html
    assert html.count("Pas encore lancée en session.") == 2


def test_a_duplicated_step_is_the_same_activity(facilitator_client, workshop):
    step = workshop.steps.get(title="Vote")
    copy = duplicate_step(step=step)
    assert copy.activity.lineage == step.activity
    page = facilitator_client.get(workshop.get_absolute_url()).content.decode()
    assert reverse("workshops:compare", args=[workshop.pk, copy.pk]) in page
    assert reverse("workshops:compare", args=[workshop.pk, step.pk]) in page


def test_the_comparison_shows_only_the_workshops_one_runs(
    client, other_facilitator, live_session, participant, demo_programme
):
    """N°4's facilitator who doesn't run n°1 sees n°4's column only."""
    question = live_session.workshop.steps.get(title="Question")
    sessions.go_to_step(session=live_session, step=question)
    answer(participant, question, {"entries": ["Exclusion"]})
    fourth = demo_programme.workshops.get(number=4)
    fourth.facilitators.add(other_facilitator)
    client.force_login(other_facilitator)
    step = fourth.steps.get(title="L'illectronisme, un mois après")
    html = client.get(reverse("workshops:compare", args=[fourth.pk, step.pk])).content.decode()
    assert "Atelier n°4" in html
    assert "Atelier n°1" not in html
    assert "Exclusion" not in html
    other = live_session.workshop.steps.get(title="Question")
    url = reverse("workshops:compare", args=[live_session.workshop.pk, other.pk])
    assert client.get(url).status_code == 404


def test_the_facilitator_removes_the_proposal_note_once_the_workshop_is_adapted(
    client, demo_programme, facilitator, other_facilitator
):
    second = run_by(facilitator, demo_programme, 2)
    url = reverse("workshops:preparation_note", args=[second.pk])
    client.force_login(other_facilitator)
    assert client.post(url, {"preparation_note": ""}).status_code == 404
    second.refresh_from_db()
    assert second.preparation_note.startswith(PROPOSAL)
    client.force_login(facilitator)
    client.post(url, {"preparation_note": ""})
    second.refresh_from_db()
    assert second.preparation_note == ""
    page = client.get(second.get_absolute_url()).content.decode()
    assert PROPOSAL not in page.replace("&#x27;", "'")
