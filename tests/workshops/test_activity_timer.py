"""Every activity may carry a timer: set in its form, started when its answers open, shown on
the projector and on the phones. And a phone can read the projector's results as text."""

import pytest
from django.urls import reverse

from live import sessions, stage
from live.models import ActivityRun, LiveSession
from tests.conftest import step_titled
from tests.live import as_read, join_as, post_answer


def test_the_timer_is_set_in_the_activity_form_and_copied(facilitator_client, workshop):
    step = workshop.steps.get(title="Vote")
    vote = step.activity
    url = reverse("workshops:activity_edit", args=[workshop.pk, step.pk])
    page = facilitator_client.get(url).content.decode()
    assert "Minuteur (secondes)" in page
    response = facilitator_client.post(
        url,
        {
            "activite-title": vote.title,
            "activite-prompt": vote.prompt,
            "activite-timer_seconds": "45",
            "reglages-options": "Pour\nContre\nAbstention",
        },
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    vote.refresh_from_db()
    assert vote.timer_seconds == 45

    response = facilitator_client.post(
        url,
        {
            "activite-title": vote.title,
            "activite-prompt": vote.prompt,
            "activite-timer_seconds": "7200",
            "reglages-options": "Pour\nContre\nAbstention",
        },
    )
    assert response.status_code == 400  # the form again, with its error
    assert "inférieure ou égale à 3600" in response.content.decode()
    vote.refresh_from_db()
    assert vote.timer_seconds == 45  # the refused value changed nothing

    from quizzes.authoring import copy_activity

    assert copy_activity(activity=vote).timer_seconds == 45


def test_showing_a_timed_activity_starts_its_timer_for_the_screen_and_the_phones(
    live_session, client
):
    step = step_titled(live_session, "Vote")
    step.activity.timer_seconds = 30
    step.activity.save()
    join_as(client, live_session)

    sessions.go_to_step(session=live_session, step=step)
    live_session.refresh_from_db()
    assert live_session.timer_started_at is not None
    assert live_session.timer_seconds == 30
    left = sessions.timer_remaining(live_session)
    assert 25 < left <= 30

    page = client.get(reverse("workshops:phone", args=[live_session.pk])).content.decode()
    assert 'id="screen-timer"' in page
    assert 'data-running="1"' in page

    # Back on the step later, answers still open: the timer is ready, not running.
    sessions.go_to_step(session=live_session, step=live_session.workshop.steps.first())
    sessions.go_to_step(session=live_session, step=step)
    live_session.refresh_from_db()
    assert live_session.timer_started_at is None
    assert live_session.timer_remaining == 30.0

    # Closing then opening the answers again starts it.
    run = ActivityRun.objects.get(session=live_session, activity=step.activity)
    sessions.set_run(session=live_session, run=run, is_open=False)
    sessions.set_run(session=live_session, run=run, is_open=True)
    live_session = LiveSession.objects.get(pk=live_session.pk)
    assert live_session.timer_started_at is not None


def test_an_activity_without_a_timer_leaves_the_phones_without_one(vote_step, client):
    join_as(client, vote_step.workshop.sessions.get())
    session = vote_step.workshop.sessions.get()
    assert session.timer_remaining is None
    page = client.get(reverse("workshops:phone", args=[session.pk])).content.decode()
    assert 'id="screen-timer"' not in page


@pytest.mark.parametrize("shown", [False, True])
def test_a_phone_reads_the_results_as_text_only_once_the_screen_shows_them(
    vote_step, client, shown
):
    session = vote_step.workshop.sessions.get()
    join_as(client, session)
    phone_url = reverse("workshops:phone", args=[session.pk])
    post_answer(client, session, vote_step.activity_id, {"choice": "0"})
    run = ActivityRun.objects.get(session=session, activity=vote_step.activity)
    if shown:
        sessions.set_run(session=session, run=run, show_results=True)
    page = client.get(phone_url).content.decode()
    results_url = reverse("workshops:phone_results", args=[session.pk])
    assert (results_url in page) is shown

    text = client.get(results_url).content.decode()
    if shown:
        assert "Pour : 1 voix (100 %)" in text
    else:
        assert "ne montre pas de résultats" in text
        assert "Pour : " not in text


def test_the_text_results_are_only_for_the_session_s_participants(vote_step, client):
    session = vote_step.workshop.sessions.get()
    response = client.get(reverse("workshops:phone_results", args=[session.pk]))
    assert response.status_code == 302
    assert response.url == reverse("workshops:join_code", args=[session.code])


def test_the_end_screen_shows_no_timer(live_session, vote_step):
    sessions.go_to_step(session=live_session, step=vote_step)
    sessions.timer(session=live_session, action="start", seconds=60)
    assert 'data-running="1"' in as_read(
        stage.render_screen(session=live_session, host="testserver").html
    )

    sessions.end_session(session=live_session)
    live_session.refresh_from_db()
    html = as_read(stage.render_screen(session=live_session, host="testserver").html)
    assert "Merci !" in html
    assert "timer--off" in html
    assert "data-timer-value" not in html
