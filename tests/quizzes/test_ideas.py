"""The idea board: its settings, its answers (ideas and votes), the dot-vote allowance, moving,
merging and hiding ideas, and the ranking — through the one answer writer."""

import uuid

import pytest
from django.core.exceptions import ValidationError

from live import sessions, stage
from live.models import ActivityRun, Response
from quizzes.kinds import get_kind
from quizzes.kinds.ideas import DEFAULT_COLUMNS, KIND
from tests.factories import workshop_with
from tests.live import submit


@pytest.fixture
def workshop(facilitator):
    """A workshop whose one step is an idea board with the kind's example settings."""
    return workshop_with(["ideas"], facilitator=facilitator)


@pytest.fixture
def run(live_session, ideas_step):
    return ActivityRun.objects.get(session=live_session, activity=ideas_step.activity)


@pytest.fixture
def third_participant(live_session):
    return sessions.join(session=live_session, pseudonym="Lou", structure="Mairie")


def post_idea(participant, activity, text: str, column: str = "economique", **kwargs):
    outcome = submit(participant, activity, {"column": column, "text": text}, **kwargs)
    assert outcome.ok, outcome.error
    return outcome.response


def switch(session, run, action: str, **form):
    sessions.perform_action(
        session=session,
        run=run,
        action=action,
        form={key: [str(value)] for key, value in form.items()},
    )
    run.refresh_from_db()


def results(session, activity):
    run = ActivityRun.objects.get(session=session, activity=activity)
    responses = list(sessions.visible_responses(session=session, activity=activity))
    return KIND.results_context(activity=activity, run=run, responses=responses)


# Settings ------------------------------------------------------------------------------------
@pytest.mark.parametrize(
    ("config", "message"),
    [
        ({"columns": []}, "au moins une colonne"),
        ({"columns": [{"title": "A"}, {"title": "a"}]}, "même titre"),
        ({"votes": 0}, "de 1 à 20"),
        ({"max_length": 5000}, "de 20 à 500"),
        ({"columns": [{"title": "x" * 81}]}, "80 caractères"),
    ],
)
def test_bad_settings_are_refused_in_french(config, message):
    with pytest.raises(ValidationError) as error:
        KIND.clean_config({**KIND.default_config(), **config})
    assert message in error.value.messages[0]


def test_renaming_a_column_in_the_form_keeps_its_key_and_so_its_ideas():
    current = KIND.clean_config(KIND.default_config())
    initial = KIND.config_initial(current)
    lines = initial["columns"].splitlines()
    lines[1] = "Un enjeu de cohésion sociale : le lien"
    lines.append("Un enjeu culturel")
    config = KIND.clean_config(
        KIND.config_from_form({**initial, "columns": "\n".join(lines)}, current=current)
    )
    assert [c["key"] for c in config["columns"]] == [
        "economique",
        "cohesion",
        "politique",
        "sante",
        "ecologique",
        "un-enjeu-culturel",
    ]
    assert config["columns"][1] == {
        "key": "cohesion",
        "title": "Un enjeu de cohésion sociale",
        "description": "le lien",
    }


# Posting ideas ---------------------------------------------------------------------------------
def test_a_participant_posts_several_ideas_each_keyed_by_its_own_id(ideas_step, participant, run):
    activity = ideas_step.activity
    post_idea(participant, activity, "Un fonds local pour l'inclusion")
    post_idea(participant, activity, "Des ateliers en EHPAD", column="sante")
    assert Response.objects.filter(participant=participant).count() == 2
    columns = {
        c["key"]: [i.text for i in c["ideas"]] for c in results(run.session, activity)["columns"]
    }
    assert columns["economique"] == ["Un fonds local pour l'inclusion"]
    assert columns["sante"] == ["Des ateliers en EHPAD"]
    assert columns["cohesion"] == []


def test_a_double_submit_of_an_idea_is_one_idea(ideas_step, participant, run):
    client_id = str(uuid.uuid4())
    post_idea(
        participant, ideas_step.activity, "Mutualiser les bus numériques", client_id=client_id
    )
    post_idea(
        participant, ideas_step.activity, "Mutualiser les bus numériques", client_id=client_id
    )
    assert Response.objects.filter(participant=participant).count() == 1


@pytest.mark.parametrize(
    ("answer", "message"),
    [
        ({"column": "economique", "text": "   "}, "« Votre idée » est vide"),
        ({"column": "economique", "text": "x" * 201}, "201 caractères pour 200 au plus"),
        ({"column": "inconnue", "text": "Une idée"}, "Choisissez la colonne"),
        ({"column": "", "text": "Une idée"}, "Choisissez la colonne"),
    ],
)
def test_bad_ideas_get_a_french_message_and_are_not_stored(
    ideas_step, participant, run, answer, message
):
    outcome = submit(participant, ideas_step.activity, answer)
    assert message in outcome.error
    assert not Response.objects.exists()


def test_more_ideas_than_allowed_are_refused_but_an_idea_can_be_corrected(
    ideas_step, participant, run
):
    activity = ideas_step.activity
    activity.config["max_ideas"] = 2
    activity.save()
    first = post_idea(participant, activity, "Première")
    post_idea(participant, activity, "Deuxième")
    outcome = submit(participant, activity, {"column": "sante", "text": "Troisième"})
    assert outcome.error == "Vous avez déjà proposé 2 idées : c'est le maximum."
    # Sending again one's own idea (same id) corrects it.
    post_idea(participant, activity, "Première, corrigée", client_id=str(first.client_id))
    assert sorted(Response.objects.values_list("data__text", flat=True)) == [
        "Deuxième",
        "Première, corrigée",
    ]


def test_markup_in_an_idea_is_stored_as_text_and_shown_inert(ideas_step, participant, run):
    post_idea(participant, ideas_step.activity, "<script>alert('x')</script> <b>gras</b>")
    html = stage.render_results(session=run.session).html
    assert "<script>alert" not in html
    assert "&lt;script&gt;alert(&#x27;x&#x27;)&lt;/script&gt; &lt;b&gt;gras&lt;/b&gt;" in html


# The dot-vote -----------------------------------------------------------------------------------
@pytest.fixture
def board(live_session, ideas_step, participant, other_participant, third_participant, run):
    """Four ideas from three people; the facilitator opens the vote with 2 votes each."""
    activity = ideas_step.activity
    ideas = {
        "fonds": post_idea(participant, activity, "Un fonds local"),
        "bus": post_idea(other_participant, activity, "Un bus numérique", column="cohesion"),
        "minibus": post_idea(third_participant, activity, "Un minibus itinérant"),
        "reemploi": post_idea(third_participant, activity, "Réemploi", column="ecologique"),
    }
    switch(live_session, run, "vote", votes=2)
    return ideas


def vote(participant, activity, *ideas):
    return submit(participant, activity, {"votes": [idea.pk for idea in ideas]})


def test_votes_wait_for_the_vote_phase(ideas_step, participant, run):
    idea = post_idea(participant, ideas_step.activity, "Une idée")
    outcome = vote(participant, ideas_step.activity, idea)
    assert outcome.error == "Le vote n'est pas encore ouvert : l'animation l'annoncera."


def test_in_the_vote_phase_new_ideas_are_refused(board, ideas_step, participant):
    outcome = submit(participant, ideas_step.activity, {"column": "sante", "text": "Tard"})
    assert outcome.error == "Le dépôt des idées est terminé : place au vote."


def test_a_participants_votes_are_one_answer_they_can_change(board, ideas_step, participant):
    activity = ideas_step.activity
    assert vote(participant, activity, board["bus"], board["reemploi"]).ok
    assert vote(participant, activity, board["bus"], board["fonds"]).ok
    stored = Response.objects.get(participant=participant, slot="votes")
    assert stored.data == {"votes": sorted([board["bus"].pk, board["fonds"].pk])}
    assert Response.objects.filter(participant=participant, slot="votes").count() == 1


def test_votes_beyond_the_allowance_are_refused_and_the_previous_ones_kept(
    board, ideas_step, participant
):
    activity = ideas_step.activity
    assert vote(participant, activity, board["bus"]).ok
    outcome = vote(participant, activity, board["bus"], board["fonds"], board["reemploi"])
    assert outcome.error == ("Vous avez 2 votes et vous avez choisi 3 idées : retirez-en 1.")
    stored = Response.objects.get(participant=participant, slot="votes")
    assert stored.data == {"votes": [board["bus"].pk]}


def test_the_facilitator_sets_the_number_of_votes(
    board, live_session, run, ideas_step, participant
):
    switch(live_session, run, "vote", votes=3)
    assert run.state["votes"] == 3
    assert vote(
        participant, ideas_step.activity, board["bus"], board["fonds"], board["reemploi"]
    ).ok
    with pytest.raises(ValidationError) as error:
        switch(live_session, run, "vote", votes=0)
    assert "de 1 à 20" in error.value.messages[0]


def test_a_vote_for_a_hidden_idea_is_refused(board, ideas_step, live_session, participant):
    sessions.hide_response(session=live_session, response=board["bus"], hidden=True)
    outcome = vote(participant, ideas_step.activity, board["bus"])
    assert outcome.error == "Une des idées choisies n'est plus au tableau : décochez-la."


def test_an_empty_or_forged_vote_gets_a_message(board, ideas_step, participant):
    assert (
        "Cochez au moins une idée" in submit(participant, ideas_step.activity, {"votes": []}).error
    )
    forged = submit(participant, ideas_step.activity, {"votes": ["<x>"]})
    assert forged.error == "Vote non reconnu : rechargez la page."


def test_the_ranking_counts_votes_with_ties_sharing_a_rank(
    board, ideas_step, live_session, run, participant, other_participant, third_participant
):
    activity = ideas_step.activity
    assert vote(participant, activity, board["bus"], board["reemploi"]).ok
    assert vote(other_participant, activity, board["bus"], board["fonds"]).ok
    assert vote(third_participant, activity, board["reemploi"]).ok
    switch(live_session, run, "ranking")
    ranking = [(i.rank, i.text, i.votes) for i in results(live_session, activity)["ranking"]]
    assert ranking == [
        (1, "Un bus numérique", 2),
        (1, "Réemploi", 2),
        (3, "Un fonds local", 1),
        (4, "Un minibus itinérant", 0),
    ]
    # The vote is over: votes are refused, the earlier ones kept.
    outcome = vote(third_participant, activity, board["fonds"])
    assert outcome.error == "Le vote est terminé : votre vote précédent est conservé."
    html = stage.render_results(session=live_session).html
    assert "idea-ranking" in html
    assert "2 votes" in html


# Moving, merging, hiding -------------------------------------------------------------------------
def respond(session, response, action: str, **form):
    sessions.perform_response_action(
        session=session,
        response=response,
        action=action,
        form={key: [str(value)] for key, value in form.items()},
    )


def test_the_facilitator_moves_an_idea_to_another_column(board, live_session, ideas_step):
    respond(live_session, board["fonds"], "move", column="politique")
    columns = {
        c["key"]: [i.text for i in c["ideas"]]
        for c in results(live_session, ideas_step.activity)["columns"]
    }
    assert columns["politique"] == ["Un fonds local"]
    assert "Un fonds local" not in columns["economique"]
    # The participant's answer itself is untouched.
    assert Response.objects.get(pk=board["fonds"].pk).data["column"] == "economique"
    with pytest.raises(ValidationError):
        respond(live_session, board["fonds"], "move", column="nulle-part")


def test_merging_carries_votes_and_authors_over_and_keeps_the_merged_text(
    board, live_session, ideas_step, participant, other_participant, third_participant
):
    activity = ideas_step.activity
    assert vote(participant, activity, board["bus"], board["minibus"]).ok
    assert vote(other_participant, activity, board["minibus"]).ok
    assert vote(third_participant, activity, board["fonds"]).ok
    respond(live_session, board["minibus"], "merge", into=board["bus"].pk)
    ranking = results(live_session, activity)["ranking"]
    top = ranking[0]
    assert top.text == "Un bus numérique"
    # Sam voted for the minibus: now for the bus. Alex voted for both: counted once.
    assert top.votes == 2
    assert top.authors == ["Sam", "Lou"]
    assert [m["text"] for m in top.merged] == ["Un minibus itinérant"]
    assert [i.text for i in ranking] == ["Un bus numérique", "Un fonds local", "Réemploi"]
    html = stage.render_results(session=live_session).html
    assert "Regroupée avec" in html
    assert "Un minibus itinérant" in html
    # A vote for the merged idea from a stale phone counts for the idea it joined.
    assert vote(other_participant, activity, board["minibus"], board["fonds"]).ok
    assert Response.objects.get(participant=other_participant, slot="votes").data == {
        "votes": sorted([board["bus"].pk, board["fonds"].pk])
    }


def test_merging_into_itself_or_a_missing_idea_is_refused(board, live_session):
    with pytest.raises(ValidationError) as error:
        respond(live_session, board["bus"], "merge", into=board["bus"].pk)
    assert "avec elle-même" in error.value.messages[0]
    respond(live_session, board["minibus"], "merge", into=board["bus"].pk)
    with pytest.raises(ValidationError):
        respond(live_session, board["bus"], "merge", into=board["minibus"].pk)  # its own child
    with pytest.raises(ValidationError):
        respond(live_session, board["bus"], "merge", into=999999)


def test_separating_a_merged_idea_brings_it_back(board, live_session, ideas_step):
    respond(live_session, board["minibus"], "merge", into=board["bus"].pk)
    respond(live_session, board["minibus"], "unmerge")
    texts = [i.text for i in results(live_session, ideas_step.activity)["ranking"]]
    assert "Un minibus itinérant" in texts


def test_a_hidden_idea_leaves_the_board_and_its_votes_stop_counting(
    board, live_session, ideas_step, participant
):
    assert vote(participant, ideas_step.activity, board["bus"], board["fonds"]).ok
    sessions.hide_response(session=live_session, response=board["bus"], hidden=True)
    context = results(live_session, ideas_step.activity)
    assert "Un bus numérique" not in [i.text for i in context["ranking"]]
    assert context["votes_cast"] == 1


def test_the_kind_is_registered_and_its_columns_are_the_deck_words():
    assert get_kind("ideas") is KIND
    assert [c["key"] for c in DEFAULT_COLUMNS] == [
        "economique",
        "cohesion",
        "politique",
        "sante",
        "ecologique",
    ]


def test_carried_items_become_the_board_s_columns_a_long_one_shortened():
    long = "Un accompagnement " + "très " * 30 + "long"
    config = KIND.with_items(
        config=KIND.clean_config(KIND.example_config()),
        items=[{"key": "5-idea-1", "label": long}, {"key": "5-idea-2", "label": "Court"}],
    )
    cleaned = KIND.clean_config(config)
    first, second = cleaned["columns"]
    assert len(first["title"]) == 80
    assert first["title"].endswith("…")
    assert first["description"] == long
    assert (second["title"], second["description"]) == ("Court", "")
    assert first["key"] != second["key"]


def test_more_carried_items_than_columns_is_refused_in_french():
    items = [{"key": f"k{n}", "label": f"Idée {n}"} for n in range(9)]
    config = KIND.with_items(config=KIND.clean_config(KIND.example_config()), items=items)
    with pytest.raises(ValidationError, match="au plus 8 colonnes"):
        KIND.clean_config(config)
