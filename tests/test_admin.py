"""Every model has its page in the Django admin, and those pages open."""

import pytest
from django.apps import apps
from django.contrib import admin
from django.urls import reverse

APPS = ["workshops", "quizzes", "roadmap"]


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
def test_the_admin_list_and_add_pages_open(admin_client, demo_programme, model):
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
