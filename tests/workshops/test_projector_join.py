"""The projector's join instructions: a slim band, hidden with C, and a full-screen join view
the facilitator shows with J or from the régie, closed by going to a step."""

import pytest
from django.urls import reverse

from tests.factories import workshop_with


@pytest.fixture
def workshop(facilitator):
    """A cover, then a vote to go to."""
    return workshop_with(["cover", "vote"], facilitator=facilitator)


def post_action(client, session, action: str):
    return client.post(
        reverse("workshops:control_action", args=[session.pk]),
        {"action": action},
        HTTP_HX_REQUEST="true",
    )


def screen_html(client, session) -> str:
    return client.get(reverse("workshops:screen", args=[session.pk])).content.decode()


def test_the_projector_shows_the_address_and_code_in_a_band_across_the_stage(
    facilitator_client, live_session
):
    html = screen_html(facilitator_client, live_session)
    assert 'id="stage"' in html
    assert 'class="screen-band"' in html
    assert f"{live_session.code[:3]}&nbsp;{live_session.code[3:]}" in html
    assert "QR code pour rejoindre" in html


def test_the_j_key_shows_the_join_view_on_the_whole_stage_and_again_hides_it(
    facilitator_client, live_session
):
    assert post_action(facilitator_client, live_session, "toggle_join_full").status_code == 204
    live_session.refresh_from_db()
    assert live_session.join_full
    html = screen_html(facilitator_client, live_session)
    assert "screen-band--full" in html
    assert "Rejoignez l'atelier sur votre téléphone" in html
    assert "0 connecté·e" in html  # the count of people arrived, on the join view

    post_action(facilitator_client, live_session, "toggle_join_full")
    live_session.refresh_from_db()
    assert not live_session.join_full


def test_going_to_a_step_closes_the_join_view(facilitator_client, live_session):
    post_action(facilitator_client, live_session, "show_join_full")
    step = live_session.workshop.steps.get(activity__kind="vote")
    facilitator_client.post(
        reverse("workshops:control_action", args=[live_session.pk]),
        {"action": "goto", "step": step.pk},
        HTTP_HX_REQUEST="true",
    )
    live_session.refresh_from_db()
    assert not live_session.join_full
    assert "screen-band--full" not in screen_html(facilitator_client, live_session)


def test_the_c_key_hides_the_band_and_the_stage_takes_its_place(facilitator_client, live_session):
    post_action(facilitator_client, live_session, "toggle_join")
    html = screen_html(facilitator_client, live_session)
    assert "screen-band--hidden" in html
    assert "QR code pour rejoindre" not in html


def test_the_regie_has_a_button_for_the_join_view(facilitator_client, live_session):
    html = facilitator_client.get(
        reverse("workshops:control", args=[live_session.pk])
    ).content.decode()
    assert "Afficher la page pour rejoindre" in html
