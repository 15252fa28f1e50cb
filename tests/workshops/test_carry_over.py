"""Carrying over what workshop n°1 produced to workshop n°2: the facilitator ticks n°1's ideas
(with their votes), words and answers; n°2's report step projects them and its activities start
from them. Real sessions, real answers through the one writer, real pages."""

import pytest
from django.urls import reverse

from live import sessions
from live.models import CarriedItem
from tests.conftest import run_by
from tests.live import answer, as_read, join_as
from workshops.models import Step


@pytest.fixture
def second(demo_programme, facilitator):
    return run_by(facilitator, demo_programme, 2)


def carry_url(workshop):
    return reverse("workshops:carry_over", args=[workshop.pk])


def test_n2_offers_n1_ideas_with_their_votes_most_voted_first(
    facilitator_client, second, brainstorm
):
    html = as_read(facilitator_client.get(carry_url(second)).content.decode())
    assert (
        "Atelier n°1 · Brainstorming sur les enjeux à l&#x27;échelle de l&#x27;écosystème" in html
    )
    bus = html.index("Un bus numérique")
    assert bus < html.index("Un fonds commun") < html.index("Des ateliers &lt;b&gt;santé")
    assert "2 voix" in html[bus : bus + 200]
    assert "<b>santé</b>" not in html  # participants' text is escaped


def test_the_chosen_items_are_saved_and_projected_by_n2_s_report_step(
    client, facilitator_client, facilitator, second, brainstorm
):
    run = brainstorm["run"]
    response = facilitator_client.post(
        carry_url(second),
        {
            "item": [
                f"{run.pk}:idea-{brainstorm['bus'].pk}",
                f"{run.pk}:idea-{brainstorm['fonds'].pk}",
            ]
        },
    )
    assert response.status_code == 302
    assert [(i.label, i.count) for i in CarriedItem.objects.filter(workshop=second)] == [
        ("Un bus numérique", 2),
        ("Un fonds commun", 1),
    ]
    page = facilitator_client.get(carry_url(second)).content.decode()
    assert page.count(" checked>") == 2  # the selection is shown as saved

    # N°2 runs live: its report step shows the carried ideas and their votes on the projector.
    session = sessions.start_session(workshop=second, user=facilitator)
    step = second.steps.get(kind=Step.Kind.CARRY_OVER)
    sessions.go_to_step(session=session, step=step)
    screen = as_read(
        facilitator_client.get(reverse("workshops:screen", args=[session.pk])).content.decode()
    )
    assert "Ce que nous retenons de l&#x27;atelier n°1" in screen
    assert "Un bus numérique" in screen
    assert "2 voix" in screen
    assert "Un fonds commun" in screen
    assert "1 voix" in screen
    assert "Des ateliers" not in screen  # not chosen
    # The phones read the same slide.
    join_as(client, session)
    phone = client.get(reverse("workshops:phone", args=[session.pk])).content.decode()
    assert "Un bus numérique" in phone


def test_unticking_drops_an_item(facilitator_client, second, brainstorm):
    run = brainstorm["run"]
    both = [f"{run.pk}:idea-{brainstorm['bus'].pk}", f"{run.pk}:idea-{brainstorm['fonds'].pk}"]
    facilitator_client.post(carry_url(second), {"item": both})
    facilitator_client.post(carry_url(second), {"item": both[1:] + ["999:idea-1", "nonsense"]})
    assert list(CarriedItem.objects.values_list("label", flat=True)) == ["Un fonds commun"]


def test_n2_s_prioritisation_vote_starts_from_the_carried_ideas(
    facilitator_client, second, brainstorm
):
    run = brainstorm["run"]
    facilitator_client.post(
        carry_url(second),
        {
            "item": [
                f"{run.pk}:idea-{brainstorm['bus'].pk}",
                f"{run.pk}:idea-{brainstorm['fonds'].pk}",
            ]
        },
    )
    vote = second.steps.get(title="Priorisation des enjeux")
    board = second.steps.get(title="Consolidation des enjeux")
    page = facilitator_client.get(carry_url(second)).content.decode()
    assert "Priorisation des enjeux" in page
    assert "Consolidation des enjeux" in page
    response = facilitator_client.post(
        reverse("workshops:carry_over_fill", args=[second.pk, vote.pk]), follow=True
    )
    assert "« Priorisation des enjeux » reprend maintenant les éléments reportés." in (
        response.content.decode()
    )
    vote.activity.refresh_from_db()
    assert vote.activity.config["options"] == ["Un bus numérique", "Un fonds commun"]
    assert vote.activity.config["multiple"] is True
    assert vote.activity.config["max_choices"] == 2  # 3 at most, of two options

    facilitator_client.post(reverse("workshops:carry_over_fill", args=[second.pk, board.pk]))
    board.activity.refresh_from_db()
    assert [c["title"] for c in board.activity.config["columns"]] == [
        "Un bus numérique",
        "Un fonds commun",
    ]


def test_an_activity_with_answers_or_nothing_carried_is_not_filled(
    facilitator_client, facilitator, second, brainstorm
):
    vote = second.steps.get(title="Priorisation des enjeux")
    before = dict(vote.activity.config)
    url = reverse("workshops:carry_over_fill", args=[second.pk, vote.pk])
    page = facilitator_client.post(url, follow=True).content.decode()
    assert (
        "Aucun élément n&#x27;est reporté : cochez d&#x27;abord ceux que l&#x27;atelier reprend."
        in (page)
    )
    run = brainstorm["run"]
    facilitator_client.post(carry_url(second), {"item": [f"{run.pk}:idea-{brainstorm['bus'].pk}"]})
    session = sessions.start_session(workshop=second, user=facilitator)
    sessions.go_to_step(session=session, step=vote)
    voter = sessions.join(session=session, pseudonym="Awa")
    answer(voter, vote, {"choices": [0]})
    page = facilitator_client.post(url, follow=True).content.decode()
    assert "a déjà des réponses : dupliquez l&#x27;étape" in page
    vote.activity.refresh_from_db()
    assert vote.activity.config == before


def test_the_word_cloud_and_the_retrospective_are_offered_too(
    facilitator_client, second, live_session, participant, other_participant
):
    question = live_session.workshop.steps.get(title="Question")
    retro = live_session.workshop.steps.get(title="Rétrospective FNEg2")
    sessions.go_to_step(session=live_session, step=question)
    answer(participant, question, {"entries": ["Exclusion", "Isolement"]})
    answer(other_participant, question, {"entries": ["exclusion"]})
    sessions.go_to_step(session=live_session, step=retro)
    answer(participant, retro, {"choice": "oui", "text": "Des échanges utiles"})
    html = as_read(facilitator_client.get(carry_url(second)).content.decode())
    exclusion = html.index("Exclusion")
    assert "2 fois" in html[exclusion : exclusion + 200]
    assert "Isolement" in html
    assert "Des échanges utiles" in html


def test_another_facilitator_can_t_read_or_change_the_carry_over(
    client, other_facilitator, second, brainstorm
):
    client.force_login(other_facilitator)
    run = brainstorm["run"]
    vote = second.steps.get(title="Priorisation des enjeux")
    assert client.get(carry_url(second)).status_code == 404
    assert client.post(carry_url(second), {"item": [f"{run.pk}:idea-1"]}).status_code == 404
    fill = reverse("workshops:carry_over_fill", args=[second.pk, vote.pk])
    assert client.post(fill).status_code == 404
    assert not CarriedItem.objects.exists()
    client.logout()
    assert client.get(carry_url(second)).url.startswith("/connexion/")


def test_only_the_earlier_workshops_the_facilitator_runs_are_offered(
    client, other_facilitator, second, brainstorm
):
    """N°2's other facilitator, who doesn't run n°1, is not shown n°1's answers."""
    second.facilitators.add(other_facilitator)
    client.force_login(other_facilitator)
    html = client.get(carry_url(second)).content.decode()
    assert "Un bus numérique" not in html
    assert "encore rien produit à reprendre" in html


def test_the_workshop_page_links_to_the_carry_over(facilitator_client, second, workshop):
    html = facilitator_client.get(second.get_absolute_url()).content.decode()
    assert carry_url(second) in html
    assert "Proposition à adapter par l&#x27;équipe d&#x27;animation" in html
    first = facilitator_client.get(workshop.get_absolute_url()).content.decode()
    assert carry_url(workshop) not in first  # nothing before n°1


@pytest.mark.django_db(transaction=True)
@pytest.mark.asyncio
async def test_a_projected_report_step_shows_the_items_as_soon_as_they_are_saved(
    client, facilitator, second, brainstorm
):
    from channels.db import database_sync_to_async

    from live.carry_over import save_selection
    from tests.live import communicator, receive_until, user_cookie
    from workshops.models import Workshop

    def open_on_report():
        session = sessions.start_session(workshop=second, user=facilitator)
        sessions.go_to_step(session=session, step=second.steps.get(kind=Step.Kind.CARRY_OVER))
        return session

    session = await database_sync_to_async(open_on_report)()
    screen = communicator(
        f"/ws/ecran/{session.pk}/", await database_sync_to_async(user_cookie)(client, facilitator)
    )
    assert (await screen.connect())[0]
    await receive_until(screen, "Aucun élément reporté pour l'instant")
    run = brainstorm["run"]
    await database_sync_to_async(save_selection)(
        workshop=second,
        within=Workshop.objects.all(),
        chosen={(run.pk, f"idea-{brainstorm['bus'].pk}")},
    )
    pushed = await receive_until(screen, "Un bus numérique")
    assert "2 voix" in pushed
    await screen.disconnect()


def test_the_report_step_s_page_previews_what_it_projects(facilitator_client, second, brainstorm):
    step = second.steps.get(kind=Step.Kind.CARRY_OVER)
    url = reverse("workshops:step_edit", args=[second.pk, step.pk])
    assert "Aucun élément reporté pour l'instant" in facilitator_client.get(url).content.decode()
    run = brainstorm["run"]
    facilitator_client.post(carry_url(second), {"item": [f"{run.pk}:idea-{brainstorm['bus'].pk}"]})
    html = facilitator_client.get(url).content.decode()
    assert "Un bus numérique" in html
    assert "2 voix" in html
