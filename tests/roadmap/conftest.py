"""Fixtures of the roadmap tests, chained on tests/conftest.py:
programme → roadmap92 (the demo roadmap) → editor (a coordinator who edits it) → editor_client."""

import pytest

from roadmap.models import Roadmap
from tests.conftest import make_user
from workshops.access import COORDINATORS_GROUP


@pytest.fixture(autouse=True)
def media_root(settings, tmp_path):
    """Uploaded documents go to a temporary folder, never to the real one."""
    settings.MEDIA_ROOT = tmp_path / "uploads"
    return settings.MEDIA_ROOT


@pytest.fixture
def roadmap92(programme):
    """The demo roadmap of the 92: governance, three axes, three sheets with their costing."""
    from roadmap.seed import load_roadmap_seed

    roadmap, _ = load_roadmap_seed()
    return roadmap


@pytest.fixture
def editor(coordinator, roadmap92):
    roadmap92.editors.add(coordinator)
    return coordinator


@pytest.fixture
def editor_client(client, editor):
    client.force_login(editor)
    return client


@pytest.fixture
def other_roadmap(db):
    return Roadmap.objects.create(name="Feuille de route du Val-d'Oise", territory="Val-d'Oise")


@pytest.fixture
def other_editor(django_user_model, other_roadmap):
    """A coordinator who edits another territory's roadmap, not the 92's."""
    user = make_user(django_user_model, "alex", COORDINATORS_GROUP)
    other_roadmap.editors.add(user)
    return user


@pytest.fixture
def sheet(roadmap92):
    return roadmap92.sheets.get(title="Parcours usager coordonné entre structures")


def form_data(editor) -> dict:
    """What a browser would post for this editor's form as it opens (unchanged values)."""
    from django.forms import CheckboxInput

    data = {}
    forms = [editor.form]
    for formset in editor.formsets.values():
        forms.append(formset.management_form)
        forms.extend(formset.forms)
    for form in forms:
        for field in form:
            value = field.value()
            if isinstance(field.field.widget, CheckboxInput):
                if value:
                    data[field.html_name] = "on"
            elif isinstance(value, list | tuple):
                data[field.html_name] = [str(v) for v in value]
            else:
                data[field.html_name] = "" if value is None else str(value)
    return data
