"""Joining, the phone page and its plain-form path, the control view — over HTTP."""

import datetime as dt
import uuid

import pytest
from django.urls import reverse
from django.utils import timezone

from live import sessions
from live.models import ActivityRun, LiveSession, Participant, Response
from tests.factories import plain_step, workshop_with
from tests.live import answer, form_token, join_as, post_answer


@pytest.fixture
def workshop(facilitator):
    """Six steps: a cover, the plan, the tour de table, a content, the governance vote, another
    content."""
    return workshop_with(
        ["cover", "content", "icebreaker", "content", "vote", "content"], facilitator=facilitator
    )


# Starting ------------------------------------------------------------------------------------
def test_a_facilitator_starts_a_session_with_a_six_digit_code(facilitator_client, workshop):
    response = facilitator_client.post(reverse("workshops:session_start", args=[workshop.pk]))
    session = LiveSession.objects.get()
    assert response.url == reverse("workshops:control", args=[session.pk])
    assert len(session.code) == 6
    assert session.code.isdigit()
    assert session.current_step == workshop.steps.first()
    page = facilitator_client.get(response.url).content.decode()
    assert session.code in page
    assert "Terminer la session" in page


def test_codes_are_unique_among_open_sessions(workshop, facilitator, monkeypatch):
    codes = iter(["123456", "123456", "654321"])
    monkeypatch.setattr(sessions, "_new_code", lambda: next(codes))
    first = sessions.start_session(workshop=workshop, user=facilitator)
    second = sessions.start_session(workshop=workshop, user=facilitator)
    assert (first.code, second.code) == ("123456", "654321")
    sessions.end_session(session=first)
    codes = iter(["123456"])
    third = sessions.start_session(workshop=workshop, user=facilitator)
    assert third.code == "123456"  # an ended session frees its code


# Joining ---------------------------------------------------------------------------------------
def test_the_code_leads_straight_to_the_current_step(client, live_session, vote_step):
    response = client.post(reverse("workshops:join"), {"code": live_session.code})
    assert response.url == reverse("workshops:join_code", args=[live_session.code])
    page = client.get(response.url)
    html = page.content.decode()
    # One request: the question itself, no profile form to fill first.
    assert page.status_code == 200
    assert vote_step.activity.title in html
    assert 'name="choice"' in html
    assert reverse("personal_data") in html  # the personal-data notice, one tap away
    participant = Participant.objects.get()
    assert participant.display_name in html  # "Participant·e 1"
    assert sessions.PARTICIPANT_COOKIE in page.cookies


def test_the_profile_is_optional_given_at_any_time_and_bounded(client, live_session):
    participant = join_as(client, live_session, pseudonym="")
    assert participant.pseudonym == ""
    profile_url = reverse("workshops:profile", args=[live_session.pk])
    page = client.get(profile_url).content.decode()
    assert "Pseudonyme (facultatif)" in page
    assert "Vos données" in page  # the personal-data notice
    refused = client.post(
        profile_url,
        {"pseudonym": "x" * 41, "structure": "Mairie", "token": form_token(participant)},
    )
    assert refused.status_code == 400
    html = refused.content.decode()
    assert "Assurez-vous que cette valeur comporte au plus 40 caractères" in html
    assert 'value="Mairie"' in html  # nothing typed is lost
    join_as(client, live_session, "Alex", "CCAS de Nanterre")
    participant.refresh_from_db()
    assert (participant.pseudonym, participant.structure) == ("Alex", "CCAS de Nanterre")
    page = client.get(reverse("workshops:phone", args=[live_session.pk])).content.decode()
    assert 'Alex<span class="phone-header__structure">CCAS de Nanterre</span>' in page
    assert Participant.objects.count() == 1


def test_a_profile_posted_without_the_phones_token_is_refused_and_kept(client, live_session):
    participant = join_as(client, live_session, pseudonym="")
    response = client.post(
        reverse("workshops:profile", args=[live_session.pk]),
        {"pseudonym": "Sam", "structure": "", "token": "forged"},
    )
    assert response.status_code == 403
    html = response.content.decode()
    assert "Ce formulaire ne vient pas de cette page" in html
    assert 'value="Sam"' in html
    participant.refresh_from_db()
    assert participant.pseudonym == ""


def test_a_reload_or_a_second_scan_keeps_one_participant(client, live_session):
    url = reverse("workshops:join_code", args=[live_session.code])
    first = client.get(url)
    second = client.get(url)
    again = client.get(reverse("workshops:phone", args=[live_session.pk]))
    assert first.status_code == second.status_code == again.status_code == 200
    phone_url = reverse("workshops:phone", args=[live_session.pk])
    # live.js puts the phone's own address in the address bar.
    assert f'data-page-url="{phone_url}"' in second.content.decode()
    assert Participant.objects.count() == 1


def test_the_join_address_does_not_take_a_post(client, live_session):
    url = reverse("workshops:join_code", args=[live_session.code])
    assert client.post(url, {"pseudonym": "Alex"}).status_code == 405
    assert Participant.objects.count() == 0


@pytest.mark.parametrize(
    ("code", "message"),
    [
        ("12", "Le code d&#x27;un atelier compte 6 chiffres."),
        ("000000", "Aucun atelier n&#x27;a ce code"),
    ],
)
def test_a_wrong_code_gets_a_french_message_and_the_form_again(client, db, code, message):
    response = client.post(reverse("workshops:join"), {"code": code})
    html = response.content.decode()
    assert message in html
    assert 'name="code"' in html


def test_an_ended_sessions_code_says_the_workshop_is_over(client, live_session):
    sessions.end_session(session=live_session)
    response = client.post(reverse("workshops:join"), {"code": live_session.code})
    assert "Cet atelier est terminé" in response.content.decode()
    qr = client.get(reverse("workshops:join_code", args=[live_session.code]))
    assert qr.status_code == 404
    assert "Cet atelier est terminé" in qr.content.decode()


def test_an_expired_code_says_so(client, live_session):
    LiveSession.objects.filter(pk=live_session.pk).update(
        started_at=timezone.now() - dt.timedelta(hours=13)
    )
    response = client.post(reverse("workshops:join"), {"code": live_session.code})
    assert "Ce code a expiré" in response.content.decode()


def test_the_phone_page_needs_to_have_joined(client, live_session):
    response = client.get(reverse("workshops:phone", args=[live_session.pk]))
    assert response.url == reverse("workshops:join_code", args=[live_session.code])


# Answering over plain HTTP (no JavaScript, WebSocket blocked) -------------------------------------
def post_vote(client, session, step, choice, client_id=None, token=None):
    fields = {"choice": choice}
    return post_answer(client, session, step.activity_id, fields, client_id=client_id, token=token)


def test_the_plain_form_path_stores_the_answer(client, live_session, vote_step):
    participant = join_as(client, live_session)
    page = client.get(reverse("workshops:phone", args=[live_session.pk])).content.decode()
    assert 'method="post"' in page
    assert f'name="token" value="{form_token(participant)}"' in page
    assert "csrfmiddlewaretoken" not in page  # the participant's token instead
    response = post_vote(client, live_session, vote_step, "1")
    assert response.status_code == 302
    page = client.get(response.url).content.decode()
    assert "Réponse enregistrée." in page
    assert Response.objects.get(participant=participant).data == {"choices": [1]}
    assert "Modifier ma réponse" in page


def test_an_answer_with_another_phones_token_is_refused_and_kept(client, live_session, vote_step):
    join_as(client, live_session)
    other = sessions.join(session=live_session, pseudonym="Sam")
    response = post_vote(client, live_session, vote_step, "2", token=form_token(other))
    assert response.status_code == 403
    html = response.content.decode()
    assert "Ce formulaire ne vient pas de cette page" in html
    assert 'value="2" checked' in html  # what was chosen is still chosen
    assert Response.objects.count() == 0


def test_a_double_submit_of_the_form_is_one_answer(client, live_session, vote_step):
    join_as(client, live_session)
    client_id = str(uuid.uuid4())
    post_vote(client, live_session, vote_step, "0", client_id)
    post_vote(client, live_session, vote_step, "0", client_id)
    assert Response.objects.count() == 1


def test_a_refused_plain_answer_keeps_what_was_typed(client, live_session, icebreaker_step):
    join_as(client, live_session)
    response = post_answer(
        client,
        live_session,
        icebreaker_step.activity_id,
        {"fonctions": "Médiatrice", "lien": "x" * 201},
    )
    assert response.status_code == 400
    html = response.content.decode()
    assert "est trop long : 201 caractères pour 200 au plus" in html
    assert 'value="Médiatrice"' in html
    assert "x" * 201 in html
    assert Response.objects.count() == 0


def test_an_answer_to_a_closed_question_is_refused_over_http(client, live_session, vote_step):
    join_as(client, live_session)
    post_vote(client, live_session, vote_step, "0")
    run = ActivityRun.objects.get(session=live_session, activity=vote_step.activity)
    sessions.set_run(session=live_session, run=run, is_open=False)
    response = post_vote(client, live_session, vote_step, "2")
    assert "Cette question est fermée" in response.content.decode()
    assert Response.objects.get().data == {"choices": [0]}


def test_a_participant_cannot_answer_in_another_session(
    client, live_session, workshop, facilitator
):
    join_as(client, live_session)
    other = sessions.start_session(workshop=workshop, user=facilitator)
    step = other.workshop.steps.get(activity__kind="vote")
    sessions.go_to_step(session=other, step=step)
    response = post_vote(client, other, step, "0")
    assert response.status_code == 302
    assert response.url == reverse("workshops:join_code", args=[other.code])
    assert Response.objects.count() == 0


# The control view ---------------------------------------------------------------------------
def act(client, session, action, **data):
    return client.post(
        reverse("workshops:control_action", args=[session.pk]), {"action": action, **data}
    )


def test_next_previous_and_goto_move_the_session(facilitator_client, live_session):
    steps = list(live_session.workshop.steps.all())
    act(facilitator_client, live_session, "next")
    live_session.refresh_from_db()
    assert live_session.current_step == steps[1]
    act(facilitator_client, live_session, "previous")
    live_session.refresh_from_db()
    assert live_session.current_step == steps[0]
    act(facilitator_client, live_session, "goto", step=steps[5].pk)
    live_session.refresh_from_db()
    assert live_session.current_step == steps[5]


def test_open_close_show_and_toggle_are_stored(facilitator_client, live_session, vote_step):
    run = ActivityRun.objects.get(session=live_session, activity=vote_step.activity)
    assert run.is_open
    assert not run.show_results  # a vote's results are hidden until shown
    act(facilitator_client, live_session, "close")
    act(facilitator_client, live_session, "show_results")
    run.refresh_from_db()
    assert (run.is_open, run.show_results) == (False, True)
    act(facilitator_client, live_session, "toggle_open")
    run.refresh_from_db()
    assert run.is_open


def test_the_timer_starts_pauses_and_resets(facilitator_client, live_session):
    act(facilitator_client, live_session, "timer_start", seconds="90")
    live_session.refresh_from_db()
    assert live_session.timer_seconds == 90
    assert 89 < sessions.timer_remaining(live_session) <= 90
    act(facilitator_client, live_session, "timer_pause")
    live_session.refresh_from_db()
    assert live_session.timer_started_at is None
    paused = sessions.timer_remaining(live_session)
    assert 0 < paused <= 90
    act(facilitator_client, live_session, "timer_reset")
    live_session.refresh_from_db()
    assert sessions.timer_remaining(live_session) == 90


def test_the_tour_de_table_shows_one_card_at_a_time(
    facilitator_client, live_session, icebreaker_step, participant, other_participant
):
    for who, text in ((participant, "Je forme des aidants"), (other_participant, "J'accueille")):
        card = {"fonctions": "Médiatrice", "lien": text, "directory": who == participant}
        answer(who, icebreaker_step, card)
    act(facilitator_client, live_session, "kind:start")
    run = ActivityRun.objects.get(session=live_session, activity=icebreaker_step.activity)
    assert sorted(run.state["order"]) == sorted(Response.objects.values_list("pk", flat=True))
    live_session.refresh_from_db()
    assert live_session.timer_seconds == 15  # the step's countdown
    act(facilitator_client, live_session, "kind:skip")
    act(facilitator_client, live_session, "kind:next")
    run.refresh_from_db()
    assert run.state["index"] == 2
    assert len(run.state["skipped"]) == 1
    directory = facilitator_client.get(reverse("workshops:directory", args=[live_session.pk]))
    html = directory.content.decode()
    assert "Je forme des aidants" in html
    assert "J&#x27;accueille" not in html  # did not consent
    assert "Alex" not in html  # no names in the directory


def test_hiding_an_answer_removes_it_from_the_results(
    facilitator_client, live_session, vote_step, participant
):
    answer(participant, vote_step, {"choices": [0]})
    response = Response.objects.get()
    facilitator_client.post(
        reverse("workshops:control_hide", args=[live_session.pk, response.pk]), {"hidden": "1"}
    )
    response.refresh_from_db()
    assert response.hidden
    assert list(sessions.visible_responses(session=live_session, activity=vote_step.activity)) == []


def test_ending_the_session_closes_the_code_and_keeps_answers(
    facilitator_client, live_session, vote_step, participant
):
    act(facilitator_client, live_session, "end")
    live_session.refresh_from_db()
    assert live_session.ended_at is not None
    assert not ActivityRun.objects.filter(session=live_session, is_open=True).exists()
    with pytest.raises(sessions.JoinError):
        sessions.find_open_session(code=live_session.code)


def test_control_pages_are_for_the_workshops_facilitators_only(
    client, live_session, other_facilitator, participant
):
    urls = [
        reverse("workshops:control", args=[live_session.pk]),
        reverse("workshops:screen", args=[live_session.pk]),
        reverse("workshops:directory", args=[live_session.pk]),
    ]
    for url in urls:
        assert client.get(url).status_code == 302  # anonymous: to the login page
    response = act(client, live_session, "next")
    assert response.status_code == 302
    client.force_login(other_facilitator)
    for url in urls:
        assert client.get(url).status_code == 404
    assert act(client, live_session, "end").status_code == 404
    live_session.refresh_from_db()
    assert live_session.ended_at is None


def test_the_screen_link_opens_the_projector_without_login(client, live_session):
    response = client.get(reverse("workshops:screen_link", args=[live_session.screen_token]))
    assert response.status_code == 200
    html = response.content.decode()
    assert f'ws-connect="/ws/ecran-lien/{live_session.screen_token}/"' in html
    assert "data-control-url" not in html  # no control through the secret link
    old_token = live_session.screen_token
    sessions.revoke_screen_link(session=live_session)
    assert client.get(reverse("workshops:screen_link", args=[old_token])).status_code == 404
    new = client.get(reverse("workshops:screen_link", args=[live_session.screen_token]))
    assert new.status_code == 200


def test_the_participant_cookie_is_signed_and_survives_several_sessions(
    client, live_session, workshop, facilitator
):
    first = join_as(client, live_session, "Alex")
    other = sessions.start_session(workshop=workshop, user=facilitator)
    second = join_as(client, other, "Alex")
    cookie = client.cookies[sessions.PARTICIPANT_COOKIE].value
    assert sessions.read_participants(cookie) == {live_session.pk: first.pk, other.pk: second.pk}
    # A forged cookie (someone else's participant) is worth nothing.
    forged = cookie.replace(f"{live_session.pk}-{first.pk}", f"{live_session.pk}-{second.pk}")
    assert sessions.read_participants(forged) == {}
    client.cookies[sessions.PARTICIPANT_COOKIE] = forged
    response = client.get(reverse("workshops:phone", args=[live_session.pk]))
    assert response.url == reverse("workshops:join_code", args=[live_session.code])


def test_the_steps_notes_show_in_the_regie_and_never_on_the_projector_or_phones(
    facilitator_client, client, live_session
):
    step = plain_step(live_session.workshop, "content", title="Quizz")
    step.subtitle = "Distinguer les types de médiation :"
    step.body = "- numérique\n- culturelle\n- sociale\n- scientifique"
    step.notes = "Lien : <https://ladigitale.dev/digiquiz/q/67078ed2acfd1>"
    step.save()
    sessions.go_to_step(session=live_session, step=step)
    join_as(client, live_session)
    link = "https://ladigitale.dev/digiquiz/q/67078ed2acfd1"

    regie = facilitator_client.get(reverse("workshops:control", args=[live_session.pk]))
    assert "Vos notes (jamais projetées)" in regie.content.decode()
    assert f'href="{link}"' in regie.content.decode()
    screen = facilitator_client.get(reverse("workshops:screen", args=[live_session.pk]))
    assert "numérique" in screen.content.decode()
    assert link not in screen.content.decode()
    phone = client.get(reverse("workshops:phone", args=[live_session.pk]))
    assert phone.status_code == 200
    assert link not in phone.content.decode()


def test_every_participant_page_and_no_facilitator_page_goes_to_the_participants_handler():
    """The prefixes asgi gives its participants' handler are the participant URLs' own
    (live.urls): a renamed participant URL keeps the speed-up, a régie page never takes it."""
    from fne92.asgi import PARTICIPANT_PREFIXES

    participants = [
        reverse("workshops:join"),
        reverse("workshops:join_code", args=["123456"]),
        reverse("workshops:phone", args=[1]),
        reverse("workshops:phone_results", args=[1]),
        reverse("workshops:answer", args=[1, 2]),
    ]
    assert all(path.startswith(PARTICIPANT_PREFIXES) for path in participants), participants
    facilitators = [
        reverse("workshops:control", args=[1]),
        reverse("workshops:screen", args=[1]),
        reverse("workshops:synthesis", args=[1]),
    ]
    assert not any(path.startswith(PARTICIPANT_PREFIXES) for path in facilitators)
