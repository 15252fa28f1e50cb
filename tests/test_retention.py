"""The personal-data purge on backdated data: past the retention period, pseudonyms,
structures, tour de table cards outside the directory and data-call contacts go; recent ones
stay; the results, the directory and the roadmap show the same; a second run removes nothing."""

import csv
import io
import logging
import re
from datetime import timedelta

import pytest
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone

from live import sessions
from live.models import LiveSession, Participant, Response
from roadmap.models import DataSubmission, Member, Roadmap
from tests.factories import moved_to_kind
from tests.live import answer

# The synthesis' module's workshop (its tour de table, vote and idea board) and its session.
from tests.workshops.test_synthesis import played, workshop  # noqa: F401 - fixtures
from workshops.models import Organisation

pytestmark = pytest.mark.django_db
OLD = timedelta(days=400)
RECENT = timedelta(days=300)


@pytest.fixture
def old_session(played):  # noqa: F811 - the fixture imported above
    """The played session, 400 days ago: Alex and Sam gave a pseudonym and a structure, Lou
    none; three cards (only Alex's in the directory), a vote, an idea board."""
    sessions.end_session(session=played)
    LiveSession.objects.filter(pk=played.pk).update(started_at=timezone.now() - OLD)
    Response.objects.filter(session=played).update(created_at=timezone.now() - OLD)
    return played


@pytest.fixture
def recent_session(old_session, workshop, facilitator):  # noqa: F811 - the fixture imported above
    """The same workshop run again 300 days ago: Noa's card, not in the directory."""
    session = sessions.start_session(workshop=workshop, user=facilitator)
    noa = sessions.join(session=session, pseudonym="Noa", structure="Emmaüs Connect")
    icebreaker = moved_to_kind(session, "icebreaker")
    answer(noa, icebreaker, {"fonctions": "Conseillère", "structure": "Emmaüs", "lien": "Oui"})
    LiveSession.objects.filter(pk=session.pk).update(started_at=timezone.now() - RECENT)
    return session


@pytest.fixture
def roadmap(workshop):  # noqa: F811 - the fixture imported above
    """A roadmap of the workshop's programme."""
    return Roadmap.objects.create(
        name="Feuille de route d'essai", territory="92", programme=workshop.programme
    )


@pytest.fixture
def submissions(roadmap):
    """Two documents sent through the call for data, each with a contact."""
    old, recent = (
        DataSubmission.objects.create(
            roadmap=roadmap,
            category="diagnostic",
            title=title,
            structure="EPT Boucle Nord de Seine",
            contact_name=name,
            contact_email=email,
            link="https://example.org/diagnostic",
        )
        for title, name, email in (
            ("Diagnostic 2023", "Claude Martin", "claude@example.org"),
            ("Diagnostic 2024", "Inès Roy", "ines@example.org"),
        )
    )
    DataSubmission.objects.filter(pk=old.pk).update(submitted_at=timezone.now() - OLD)
    DataSubmission.objects.filter(pk=recent.pk).update(submitted_at=timezone.now() - RECENT)
    return old, recent


@pytest.fixture
def governance_contact(roadmap):
    """A member of the roadmap's governance and its political contact."""
    return Member.objects.create(
        roadmap=roadmap,
        organisation=Organisation.objects.create(name="Département des Hauts-de-Seine"),
        political_first_name="Dominique",
        political_last_name="Leroy",
        political_email="d.leroy@example.org",
    )


def synthesis(client, session) -> str:
    """The synthesis as the page shows it (its results, ideas and directory), less its date."""
    html = client.get(reverse("workshops:synthesis", args=[session.pk])).content.decode()
    article = html[html.index("<article") : html.index("</article>")]
    return re.sub(r"Synthèse établie le [^<]*", "", article)


def answers_csv(client, session) -> list[dict[str, str]]:
    response = client.get(reverse("workshops:answers_csv", args=[session.pk]))
    text = io.StringIO(response.content.decode("utf-8-sig"))
    return list(csv.DictReader(text, delimiter=";"))


def purge() -> str:
    out = io.StringIO()
    call_command("purge_personal_data", stdout=out)
    return out.getvalue().strip()


def test_the_purge_removes_old_personal_data_and_keeps_the_results(
    facilitator_client, old_session, recent_session, submissions, governance_contact, caplog
):
    before = synthesis(facilitator_client, old_session)
    assert "Alex" in [row["Participant·e"] for row in answers_csv(facilitator_client, old_session)]

    with caplog.at_level(logging.INFO, logger="fne92.retention"):
        line = purge()

    assert line == (
        "Données personnelles de plus de 365 jours effacées — participant·es (pseudonyme, "
        "structure) : 2 ; cartes du tour de table hors annuaire : 2 ; contacts de l'appel à "
        "données : 1."
    )
    assert [record.getMessage() for record in caplog.records] == [line]

    # The old session: no pseudonym, no structure, no card outside the directory.
    rows = answers_csv(facilitator_client, old_session)
    assert {row["Participant·e"] for row in rows} == {
        "Participant·e 1",
        "Participant·e 2",
        "Participant·e 3",
    }
    assert {row["Structure"] for row in rows} == {""}
    cards = Response.objects.filter(session=old_session, activity__kind="icebreaker")
    assert sorted(card.data["fonctions"] for card in cards) == ["", "", "Médiatrice"]
    assert "Mairie secrète" not in str([card.data for card in cards])
    # Its results, ranked ideas and directory read the same; the ideas' authors are now their
    # arrival numbers.
    after = synthesis(facilitator_client, old_session)
    assert "Alex" in before
    assert after == before.replace("Alex", "Participant·e 1").replace(
        "@SUM(1+1)", "Participant·e 2"
    )
    assert "Pour : 2 voix (67 %)" in after
    assert "3 participant·es." in after
    assert "CCAS de Nanterre" in after[after.index('id="annuaire"') :]

    # What is recent stays, and so does the roadmap's governance.
    noa = Participant.objects.get(session=recent_session)
    assert (noa.pseudonym, noa.structure) == ("Noa", "Emmaüs Connect")
    card = Response.objects.get(session=recent_session)
    assert card.data["fonctions"] == "Conseillère"
    old, recent = (DataSubmission.objects.get(pk=s.pk) for s in submissions)
    assert (old.contact_name, old.contact_email) == ("", "")
    assert (old.title, old.structure) == ("Diagnostic 2023", "EPT Boucle Nord de Seine")
    assert (recent.contact_name, recent.contact_email) == ("Inès Roy", "ines@example.org")
    member = Member.objects.get(pk=governance_contact.pk)
    assert (member.political_first_name, member.political_last_name, member.political_email) == (
        "Dominique",
        "Leroy",
        "d.leroy@example.org",
    )

    # Run again: nothing more to remove, nothing changed.
    stored = sorted(Response.objects.values_list("pk", "data"))
    assert purge() == (
        "Données personnelles de plus de 365 jours effacées — participant·es (pseudonyme, "
        "structure) : 0 ; cartes du tour de table hors annuaire : 0 ; contacts de l'appel à "
        "données : 0."
    )
    assert sorted(Response.objects.values_list("pk", "data")) == stored
    assert synthesis(facilitator_client, old_session) == after


def test_the_period_is_the_setting(settings, old_session, recent_session):
    settings.PERSONAL_DATA_RETENTION_DAYS = 200
    assert "(pseudonyme, structure) : 3 ; cartes du tour de table hors annuaire : 3 ;" in purge()
    assert set(Participant.objects.values_list("pseudonym", flat=True)) == {""}


def test_the_personal_data_page_lists_every_kind_of_data_and_how_long(client, settings):
    settings.PERSONAL_DATA_RETENTION_DAYS = 180
    html = client.get(reverse("personal_data")).content.decode()
    for collected in (
        "le pseudonyme et la structure",
        "votre carte du tour de table",
        "le nom et le courriel d'une personne à contacter",
        "un contact politique et un contact technique (prénom, nom, fonction, courriel)",
        "l'adresse IP",
        "deux cookies techniques",
    ):
        assert collected in html
    assert "180 jours après l'atelier" in html
    assert "effacés 180 jours après l'envoi" in html
    assert "Ce qui est conservé ensuite" in html
