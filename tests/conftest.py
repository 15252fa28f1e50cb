"""Fixtures shared by every test, chained by dependency:
facilitator → workshop → (live session, phones in tests/e2e and the live tests)."""

import functools
import time
import uuid

import pytest
from django.conf import settings
from django.contrib.auth.hashers import make_password
from django.contrib.auth.models import Group
from django.test import override_settings

from roadmap.models import Committee, Member, Roadmap
from tests.factories import moved_to_kind
from workshops.access import COORDINATORS_GROUP, FACILITATORS_GROUP

# One channel-layer prefix per test run, so parallel runs sharing one Redis never cross.
CHANNEL_PREFIX = f"test{uuid.uuid4().hex[:10]}"


@pytest.fixture(scope="session", autouse=True)
def _isolated_channel_layer():
    config = settings.CHANNEL_LAYERS["default"].setdefault("CONFIG", {})
    if "Redis" in settings.CHANNEL_LAYERS["default"]["BACKEND"]:
        config["prefix"] = CHANNEL_PREFIX


@pytest.fixture(scope="session", autouse=True)
def _nothing_collected_in_the_test_process(tmp_path_factory):
    """Pages rendered in the test process link the plain static names, whatever a `make demo`
    left in var/staticfiles (the servers the tests start get a fresh collection of their own:
    tests/servers.py)."""
    with override_settings(STATIC_ROOT=tmp_path_factory.mktemp("static")):
        yield


@pytest.fixture(autouse=True)
def _cache_of_its_own(settings):
    """Each test counts in the cache (wrong join codes, uploads…) under a prefix of its own, so
    no count leaks into the next test; with Redis, rather than flushing a database that other
    runs may share."""
    settings.CACHES = {
        "default": {
            **settings.CACHES["default"],
            "KEY_PREFIX": f"{CHANNEL_PREFIX}-{uuid.uuid4().hex[:8]}",
        }
    }


@pytest.fixture(scope="session", autouse=True)
def _no_server_left_on_the_test_database(django_db_setup, django_db_blocker):
    """The Daphne servers the browser and restart tests start are stopped, but PostgreSQL may
    not have seen their connections go yet when the test database is dropped (pytest then
    warns that it could not drop it). Wait for them, then end any left."""
    yield
    from django.db import connection

    if connection.vendor != "postgresql":
        return
    others = "FROM pg_stat_activity WHERE datname = current_database() AND pid <> pg_backend_pid()"
    with django_db_blocker.unblock(), connection.cursor() as cursor:
        for _ in range(30):
            cursor.execute(f"SELECT count(*) {others}")
            if cursor.fetchone()[0] == 0:
                return
            time.sleep(0.1)
        cursor.execute(f"SELECT pg_terminate_backend(pid) {others}")


PASSWORD = "motdepasse-test-1"  # noqa: S105 - every test user's


@functools.cache
def password_hash() -> str:
    """The password hashed once per run, with the project's own hasher (a real login checks
    it): hashing costs about half a second, and most tests make a user or two."""
    return make_password(PASSWORD)


def make_user(django_user_model, username: str, *groups: str):
    user = django_user_model.objects.create(username=username, password=password_hash())
    for name in groups:
        user.groups.add(Group.objects.get_or_create(name=name)[0])
    return user


@pytest.fixture
def facilitator(db, django_user_model):
    return make_user(django_user_model, "camille", FACILITATORS_GROUP)


@pytest.fixture
def other_facilitator(db, django_user_model):
    return make_user(django_user_model, "dominique", FACILITATORS_GROUP)


@pytest.fixture
def coordinator(db, django_user_model):
    return make_user(django_user_model, "sacha", COORDINATORS_GROUP)


@pytest.fixture
def plain_user(db, django_user_model):
    return make_user(django_user_model, "lambda")


@pytest.fixture
def demo_programme(db):
    """The demo: workshop n°1, its programme and rétroplanning, loaded from the seed file. Only
    for tests that check the demo's content; the others build what they need with
    tests/factories.py."""
    from workshops.seed import load_seed

    programme, _ = load_seed()
    return programme


@pytest.fixture
def workshop(demo_programme, facilitator):
    """The demo's workshop n°1. A module whose tests need only a few steps overrides this
    fixture with `tests.factories.workshop_with` (the fixtures below then use it)."""
    workshop = demo_programme.workshops.get(number=1)
    workshop.facilitators.add(facilitator)
    return workshop


def run_by(facilitator, programme, number: int):
    """Workshop n°`number` of the programme, with this facilitator among its facilitators."""
    workshop = programme.workshops.get(number=number)
    workshop.facilitators.add(facilitator)
    return workshop


@pytest.fixture
def facilitator_client(client, facilitator):
    client.force_login(facilitator)
    return client


@pytest.fixture
def live_session(workshop, facilitator):
    """`workshop` running live, on its first step."""
    from live.sessions import start_session

    return start_session(workshop=workshop, user=facilitator)


def step_titled(session, title: str):
    return session.workshop.steps.get(title=title)


@pytest.fixture
def vote_step(live_session):
    """The session moved to the vote (in the demo, the governance vote: Pour / Contre /
    Abstention)."""
    return moved_to_kind(live_session, "vote")


@pytest.fixture
def icebreaker_step(live_session):
    return moved_to_kind(live_session, "icebreaker")


@pytest.fixture
def ideas_step(live_session):
    """The session moved to the idea board (in the demo, brainstorming sur les enjeux)."""
    return moved_to_kind(live_session, "ideas")


@pytest.fixture
def brainstorm(live_session, ideas_step, participant, other_participant):
    """N°1's brainstorming: three ideas, then the dot-vote (the bus gets both votes)."""
    from live import sessions
    from live.models import ActivityRun
    from tests.live import answer

    bus = answer(participant, ideas_step, {"column": "cohesion", "text": "Un bus numérique"})
    fonds = answer(participant, ideas_step, {"column": "economique", "text": "Un fonds commun"})
    answer(other_participant, ideas_step, {"column": "sante", "text": "Des ateliers <b>santé</b>"})
    run = ActivityRun.objects.get(session=live_session, activity=ideas_step.activity)
    sessions.perform_action(session=live_session, run=run, action="vote", form={"votes": ["2"]})
    answer(participant, ideas_step, {"votes": [bus.pk, fonds.pk]})
    answer(other_participant, ideas_step, {"votes": [bus.pk]})
    return {"run": run, "bus": bus, "fonds": fonds}


@pytest.fixture
def participant(live_session):
    from live.sessions import join

    return join(session=live_session, pseudonym="Alex", structure="CCAS de Nanterre")


@pytest.fixture
def other_participant(live_session):
    from live.sessions import join

    return join(session=live_session, pseudonym="Sam")


# The roadmap: programme → roadmap92 (the demo roadmap) → editor (a coordinator who edits it);
# `roadmap`, a small one from factories, for the tests that don't check the demo's
@pytest.fixture
def roadmap92(demo_programme):
    """The demo roadmap of the 92: governance, three axes, three sheets with their costing."""
    from roadmap.seed import load_roadmap_seed

    roadmap, _ = load_roadmap_seed()
    return roadmap


@pytest.fixture
def roadmap(db):
    """A small roadmap built from factories, for the tests that don't check the demo's: its own
    programme, a governance of three structures (the Préfecture and the Département co-carry
    it and co-chair its steering committee; the CAF, a candidate co-funder, sits there and on
    the technical committee with the Département) and one axis; no sheet (tests/roadmap's
    `sheet` adds a costed one). tests/roadmap and tests/census put `editor` on it."""
    from tests.factories import (
        make_axis,
        make_committee,
        make_member,
        make_organisation,
        make_roadmap,
    )

    roadmap = make_roadmap(name="Feuille de route d'essai — Hauts-de-Seine")
    Role, Status = Member.Role, Member.Status
    prefecture, departement, caf = (
        make_member(roadmap, make_organisation(name, short_name=short, kind=kind), **fields)
        for name, short, kind, fields in [
            (
                "Préfet des Hauts-de-Seine",
                "Préfecture 92",
                "prefecture",
                {"roles": [Role.CO_CARRIER, Role.CO_FUNDER], "status": Status.CONFIRMED},
            ),
            (
                "Département des Hauts-de-Seine",
                "CD92",
                "departement",
                {
                    "roles": [Role.CO_CARRIER, Role.CO_FUNDER, Role.BENEFICIARY],
                    "status": Status.CONFIRMED,
                },
            ),
            (
                "Caisse d'allocations familiales des Hauts-de-Seine",
                "CAF 92",
                "operateur",
                {"roles": [Role.CO_FUNDER], "status": Status.CANDIDATE},
            ),
        ]
    )
    make_committee(
        roadmap,
        "Comité de pilotage",
        kind=Committee.Kind.STRATEGIC,
        frequency=Committee.Frequency.HALF_YEARLY,
        co_chairs=[prefecture, departement],
        members=[caf],
    )
    make_committee(
        roadmap,
        "Comité technique",
        kind=Committee.Kind.TECHNICAL,
        frequency=Committee.Frequency.MONTHLY,
        members=[departement, caf],
    )
    make_axis(roadmap, "Coordonner les parcours des usagers entre structures")
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
