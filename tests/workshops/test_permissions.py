"""Facilitator pages need a login and the right group; a workshop only its facilitators."""

import pytest
from django.urls import reverse

from roadmap.models import Roadmap
from tests.factories import workshop_with


@pytest.fixture
def workshop(facilitator):
    """A cover, then a vote."""
    return workshop_with(["cover", "vote"], facilitator=facilitator)


@pytest.fixture
def editor(coordinator, workshop):
    """A coordinator who edits a roadmap of the workshop's programme."""
    roadmap = Roadmap.objects.create(
        name="Feuille de route d'essai", territory="92", programme=workshop.programme
    )
    roadmap.editors.add(coordinator)
    return coordinator


@pytest.fixture
def facilitator_urls(workshop):
    step = workshop.steps.first()
    return [
        reverse("workshops:dashboard"),
        reverse("workshops:workshop", args=[workshop.pk]),
        reverse("workshops:step_edit", args=[workshop.pk, step.pk]),
        reverse("workshops:step_add", args=[workshop.pk]),
    ]


def test_anonymous_visitors_are_sent_to_the_login_page(client, facilitator_urls, workshop):
    urls = facilitator_urls + [reverse("workshops:retroplanning", args=[workshop.programme.slug])]
    for url in urls:
        response = client.get(url)
        assert response.status_code == 302, url
        assert response.url.startswith(reverse("login") + "?next="), url


def test_a_user_in_no_group_is_refused(client, plain_user, facilitator_urls, workshop):
    client.force_login(plain_user)
    urls = facilitator_urls + [reverse("workshops:retroplanning", args=[workshop.programme.slug])]
    for url in urls:
        response = client.get(url)
        assert response.status_code == 403, url
        assert "Accès refusé" in response.content.decode()


def test_a_coordinator_cannot_open_facilitator_pages(client, coordinator, facilitator_urls):
    client.force_login(coordinator)
    for url in facilitator_urls:
        assert client.get(url).status_code == 403, url


def test_the_people_of_the_programme_read_its_retroplanning(client, editor, facilitator, workshop):
    url = reverse("workshops:retroplanning", args=[workshop.programme.slug])
    for user in (editor, facilitator):  # the roadmap's editor, a workshop's facilitator
        client.force_login(user)
        response = client.get(url)
        assert response.status_code == 200, user
        assert "Rétroplanning" in response.content.decode()


def test_staff_outside_the_programme_do_not_see_its_retroplanning(
    client, coordinator, other_editor, other_facilitator, workshop
):
    url = reverse("workshops:retroplanning", args=[workshop.programme.slug])
    for user in (coordinator, other_editor, other_facilitator):
        client.force_login(user)
        assert client.get(url).status_code == 404, user


def test_a_facilitator_sees_only_the_workshops_they_run(client, other_facilitator, workshop):
    client.force_login(other_facilitator)
    assert client.get(reverse("workshops:workshop", args=[workshop.pk])).status_code == 404
    dashboard = client.get(reverse("workshops:dashboard")).content.decode()
    assert workshop.title not in dashboard
    assert "Aucun atelier ne vous est encore confié" in dashboard


def test_another_facilitator_cannot_reorder_or_delete_steps(client, other_facilitator, workshop):
    client.force_login(other_facilitator)
    step = workshop.steps.first()
    move = reverse("workshops:step_move", args=[workshop.pk, step.pk])
    delete = reverse("workshops:step_delete", args=[workshop.pk, step.pk])
    assert client.post(move, {"direction": "down"}).status_code == 404
    assert client.post(delete).status_code == 404
    assert workshop.steps.filter(pk=step.pk, order=step.order).exists()


def test_the_admin_is_for_superusers_only(client, facilitator):
    client.force_login(facilitator)
    response = client.get("/admin/")
    assert response.status_code == 302


def test_public_pages_are_open_to_everyone(client, db):
    for name in ["home", "accessibility", "personal_data", "login"]:
        assert client.get(reverse(name)).status_code == 200, name
