"""The demo command seeds once, creates its accounts with random passwords, keeps data."""

import re
from io import StringIO

import pytest
from django.contrib.auth import get_user_model
from django.core.management import call_command

from fne92 import demo
from workshops.models import Programme, Step


@pytest.fixture
def credentials_file(tmp_path, monkeypatch):
    path = tmp_path / "demo_credentials.json"
    monkeypatch.setattr(demo, "CREDENTIALS_FILE", path)
    return path


def run_demo() -> str:
    out = StringIO()
    call_command("prepare_demo", stdout=out)
    return out.getvalue()


def test_it_seeds_and_prints_where_to_go_and_the_credentials(db, credentials_file):
    output = run_demo()
    assert "chargée" in output
    passwords = re.findall(r"mot de passe « ([^»]+) »", output)
    assert len(passwords) == 2
    assert passwords[0] != passwords[1]
    assert all(len(p) >= 12 for p in passwords)
    User = get_user_model()
    facilitator = User.objects.get(username="animation")
    assert facilitator.check_password(passwords[0])
    assert facilitator.groups.filter(name="Animateurs").exists()
    assert User.objects.get(username="coordination").groups.filter(name="Coordinateurs").exists()
    assert "http://127.0.0.1:8000/animation/" in output
    assert "/animation/demarches/fne-hauts-de-seine/retroplanning/" in output
    assert (
        Programme.objects.get()
        .workshops.get(number=1)
        .facilitators.filter(username="animation")
        .exists()
    )


def test_two_runs_give_different_passwords_on_fresh_databases(
    db, credentials_file, django_user_model
):
    first = re.findall(r"mot de passe « ([^»]+) »", run_demo())
    django_user_model.objects.all().delete()
    credentials_file.unlink()
    second = re.findall(r"mot de passe « ([^»]+) »", run_demo())
    assert first != second


def test_running_it_twice_keeps_data_and_passwords(db, credentials_file):
    first = run_demo()
    step = Step.objects.get(title="Quizz")
    step.title = "Quiz renommé"
    step.save()
    second = run_demo()
    assert "déjà présente, conservée" in second
    assert re.findall(r"mot de passe « ([^»]+) »", first) == re.findall(
        r"mot de passe « ([^»]+) »", second
    )
    assert Step.objects.filter(title="Quiz renommé").exists()
    assert Programme.objects.count() == 1


def test_a_password_changed_since_is_not_printed(db, credentials_file):
    run_demo()
    user = get_user_model().objects.get(username="animation")
    user.set_password("un-autre-mot-de-passe-42")
    user.save()
    output = run_demo()
    assert "(inchangé : celui que vous avez choisi)" in output
