"""The demo: workshop n°1 and its programme, the demo roadmap of the 92 and its census of places
(fictitious), plus a facilitator and a coordinator account."""

import json
import secrets
from dataclasses import dataclass
from pathlib import Path

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.db import transaction

from census.seed import load_census_seed
from live.sessions import JoinError, end_session, find_open_session, start_session
from roadmap.seed import load_roadmap_seed
from workshops.access import COORDINATORS_GROUP, FACILITATORS_GROUP
from workshops.seed import load_seed

CREDENTIALS_FILE = Path(settings.BASE_DIR) / "var" / "demo_credentials.json"
ACCOUNTS = [
    ("animation", FACILITATORS_GROUP, "animateur·rice"),
    ("coordination", COORDINATORS_GROUP, "coordinateur·rice"),
]


@dataclass
class DemoAccount:
    username: str
    password: str | None  # None when the account existed before and its password is unknown
    role: str
    created: bool


@dataclass
class Demo:
    programme: object
    seeded: bool
    accounts: list[DemoAccount]
    session: object  # the open live session of workshop n°1, ready to project and join
    roadmap: object = None
    roadmap_seeded: bool = False
    census: object = None


@transaction.atomic
def prepare_demo() -> Demo:
    """Seed the data and the accounts if missing; never overwrite what is there."""
    programme, seeded = load_seed()
    roadmap, roadmap_seeded = load_roadmap_seed()
    census, _census_seeded = load_census_seed(programme=programme)
    known = json.loads(CREDENTIALS_FILE.read_text()) if CREDENTIALS_FILE.exists() else {}
    User = get_user_model()
    accounts = []
    for username, group_name, role in ACCOUNTS:
        user = User.objects.filter(username=username).first()
        created = user is None
        if created:
            password = secrets.token_urlsafe(12)
            user = User.objects.create_user(username=username, password=password)
            known[username] = password
        else:
            password = known.get(username)
            if password and not user.check_password(password):
                password = None  # changed since: don't print a stale one
        user.groups.add(Group.objects.get_or_create(name=group_name)[0])
        accounts.append(DemoAccount(username, password, role, created))
    facilitator = User.objects.get(username="animation")
    for workshop in programme.workshops.all():
        workshop.facilitators.add(facilitator)
    roadmap.latest_version().editors.add(User.objects.get(username="coordination"))
    CREDENTIALS_FILE.parent.mkdir(exist_ok=True)
    CREDENTIALS_FILE.write_text(json.dumps(known))
    CREDENTIALS_FILE.chmod(0o600)
    return Demo(
        programme=programme,
        seeded=seeded,
        accounts=accounts,
        session=_open_session(programme.workshops.get(number=1), facilitator),
        roadmap=roadmap,
        roadmap_seeded=roadmap_seeded,
        census=census,
    )


def _open_session(workshop, facilitator):
    """The workshop's open session, or a new one (a code that still works today)."""
    session = workshop.sessions.filter(ended_at__isnull=True).order_by("-started_at").first()
    try:
        if session:
            find_open_session(code=session.code)
            return session
    except JoinError:
        end_session(session=session)  # expired: close it, open a fresh one
    return start_session(workshop=workshop, user=facilitator)
