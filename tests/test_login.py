"""Logging in: each person lands where their role works; a refused page is a plain 403."""

import datetime as dt
import logging

import pytest
from django.db.models import F
from django.urls import reverse

from roadmap.models import Roadmap
from tests.conftest import make_user
from tests.factories import make_workshop
from workshops.access import COORDINATORS_GROUP, FACILITATORS_GROUP

PASSWORD = "motdepasse-test-1"


@pytest.fixture
def workshop(facilitator):
    """A workshop with no step, run by the facilitator."""
    return make_workshop(facilitator=facilitator)


@pytest.fixture
def roadmap(workshop):
    """A roadmap of the workshop's programme, with no editor."""
    return Roadmap.objects.create(
        name="Feuille de route d'essai", territory="92", programme=workshop.programme
    )


def log_in(client, username: str, password: str = PASSWORD, **extra):
    return client.post(reverse("login"), {"username": username, "password": password}, **extra)


def test_a_coordinator_lands_on_the_roadmaps(client, coordinator):
    response = log_in(client, "sacha", follow=True)
    assert response.redirect_chain[-1][0] == reverse("roadmap:list")
    assert response.status_code == 200
    assert "Accès refusé" not in response.content.decode()


def test_a_facilitator_lands_on_the_workshops(client, facilitator):
    response = log_in(client, "camille", follow=True)
    assert response.redirect_chain[-1][0] == reverse("workshops:dashboard")
    assert response.status_code == 200


def test_someone_with_both_roles_chooses_where_to_go(client, django_user_model):
    make_user(django_user_model, "morgan", FACILITATORS_GROUP, COORDINATORS_GROUP)
    response = log_in(client, "morgan", follow=True)
    assert response.redirect_chain[-1][0] == reverse("landing")
    assert response.status_code == 200
    html = response.content.decode()
    assert f'href="{reverse("workshops:dashboard")}"' in html
    assert f'href="{reverse("roadmap:list")}"' in html
    assert "Accès refusé" not in html


def test_an_account_with_no_role_is_told_so(client, plain_user):
    response = log_in(client, "lambda", follow=True)
    assert response.status_code == 200
    assert "aucun rôle" in response.content.decode()


def test_the_page_asked_for_before_logging_in_comes_first(client, facilitator, workshop):
    url = reverse("workshops:workshop", args=[workshop.pk])
    response = client.post(
        reverse("login") + f"?next={url}", {"username": "camille", "password": PASSWORD}
    )
    assert response.url == url


def test_a_refused_page_is_a_403_page_with_no_traceback_in_the_log(client, coordinator, caplog):
    client.force_login(coordinator)
    with caplog.at_level(logging.WARNING):
        response = client.get(reverse("workshops:dashboard"))
    assert response.status_code == 403
    assert "Accès refusé" in response.content.decode()
    assert caplog.records, "the refusal is still logged, as one line"
    assert all(record.exc_info is None for record in caplog.records)
    assert "Traceback" not in caplog.text


def test_a_reader_refused_an_editing_page_gets_no_traceback_either(
    client, facilitator, roadmap, caplog
):
    client.force_login(facilitator)  # reads the roadmap of the programme, may not edit it
    with caplog.at_level(logging.WARNING):
        response = client.get(reverse("roadmap:edit", args=[roadmap.pk]))
    assert response.status_code == 403
    assert all(record.exc_info is None for record in caplog.records)


# Locking out a password guesser ------------------------------------------------------------
LOCKED = "Trop de mots de passe erronés"


def test_wrong_passwords_lock_the_account_out_from_this_address(client, facilitator, settings):
    for _ in range(settings.AXES_FAILURE_LIMIT - 1):
        response = log_in(client, "camille", "faux")
        assert (
            "Saisissez un nom d’utilisateur et un mot de passe valides" in response.content.decode()
        )
    locked = log_in(client, "camille", "faux")
    assert locked.status_code == 429
    html = locked.content.decode()
    assert LOCKED in html
    assert f"{settings.LOGIN_LOCKOUT_MINUTES} minutes" in html
    # The right password is refused too, with the same message, until the duration has passed.
    right = log_in(client, "camille")
    assert right.status_code == 429
    assert LOCKED in right.content.decode()
    assert "_auth_user_id" not in client.session


def test_the_lockout_ends_after_its_duration(client, facilitator, settings):
    from axes.models import AccessAttempt

    for _ in range(settings.AXES_FAILURE_LIMIT):
        log_in(client, "camille", "faux")
    assert log_in(client, "camille").status_code == 429
    # The duration passes: the stored attempts are that old now.
    AccessAttempt.objects.update(
        attempt_time=F("attempt_time") - dt.timedelta(minutes=settings.LOGIN_LOCKOUT_MINUTES)
    )
    response = log_in(client, "camille")
    assert response.status_code == 302
    assert response.url == reverse("workshops:dashboard")


def test_a_lockout_does_not_reach_the_same_person_elsewhere_nor_others_here(
    client, facilitator, coordinator, settings
):
    for _ in range(settings.AXES_FAILURE_LIMIT):
        log_in(client, "camille", "faux", REMOTE_ADDR="198.51.100.1")
    assert log_in(client, "camille", REMOTE_ADDR="198.51.100.1").status_code == 429
    # Camille from her office, and a colleague behind the guesser's address, still get in.
    assert log_in(client, "camille", REMOTE_ADDR="198.51.100.2").status_code == 302
    client.logout()
    assert log_in(client, "sacha", REMOTE_ADDR="198.51.100.1").status_code == 302
