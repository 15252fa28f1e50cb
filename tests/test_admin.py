"""Every model has its page in the Django admin, and those pages open."""

import pytest
from django.apps import apps
from django.contrib import admin
from django.urls import reverse

from tests.factories import (
    make_agenda,
    make_milestone,
    make_phase,
    make_programme,
    make_workshop,
    plain_step,
    step_with_activity,
)
from workshops.models import Organisation, Track

APPS = ["workshops", "quizzes", "roadmap"]


@pytest.fixture
def rows(db):
    """A row of every model of the workshops and the quizzes, for their lists to show: a
    programme carried by a structure, its phase, track and milestone, a workshop with its
    plan, a slide and a vote. (The roadmap's models are listed empty.)"""
    programme = make_programme()
    programme.carriers.add(Organisation.objects.create(name="Préfet des Hauts-de-Seine"))
    phase = make_phase(programme, "Diagnostic")
    track = Track.objects.create(programme=programme, name="Gouvernance")
    workshop = make_workshop(programme=programme)
    make_agenda(workshop, "tour de table")
    plain_step(workshop, "cover")
    step_with_activity(workshop, "vote")
    make_milestone(
        programme, "Atelier n°1", "2024-11-21", phase=phase, track=track, workshop=workshop
    )


def test_every_model_of_our_apps_is_in_the_admin():
    missing = [
        model.__name__
        for app in APPS
        for model in apps.get_app_config(app).get_models()
        if model not in admin.site._registry
    ]
    assert missing == []


@pytest.mark.parametrize(
    "model", [m for app in APPS for m in apps.get_app_config(app).get_models()], ids=str
)
def test_the_admin_list_and_add_pages_open(admin_client, rows, model):
    opts = model._meta
    assert (
        admin_client.get(
            reverse(f"admin:{opts.app_label}_{opts.model_name}_changelist")
        ).status_code
        == 200
    )
    assert (
        admin_client.get(reverse(f"admin:{opts.app_label}_{opts.model_name}_add")).status_code
        == 200
    )


def test_the_lists_opened_have_a_row_of_every_model_but_the_roadmap_s(rows):
    empty = [
        model.__name__
        for app in APPS[:2]
        for model in apps.get_app_config(app).get_models()
        if not model.objects.exists()
    ]
    assert empty == []
