"""Joining by the code: the session a code leads to, and each phone numbered in order of
arrival within its session (the two statements `common.rows` and `live.sessions` write in
SQL, run here on the suite's database, SQLite or PostgreSQL)."""

import datetime as dt

import pytest
from django.test import Client
from django.utils import timezone

from live import sessions
from live.models import LiveSession, Participant
from tests.factories import make_workshop, participants, workshop_with
from tests.live import join_as


@pytest.fixture
def workshop(facilitator):
    return workshop_with(["vote"], facilitator=facilitator)


def test_phones_are_numbered_in_order_of_arrival_within_their_own_session(workshop, facilitator):
    first = sessions.start_session(workshop=workshop, user=facilitator)
    other = sessions.start_session(
        workshop=make_workshop(facilitator=facilitator), user=facilitator
    )
    joined = [
        join_as(Client(), session, pseudonym="") for session in (first, other, first, first, other)
    ]

    assert [(p.session_id, p.number) for p in joined] == [
        (first.pk, 1),
        (other.pk, 1),
        (first.pk, 2),
        (first.pk, 3),
        (other.pk, 2),
    ]
    stored = Participant.objects.get(pk=joined[3].pk)
    assert (stored.number, stored.display_name) == (3, "Participant·e 3")
    assert stored.pseudonym == stored.structure == ""
    assert stored.joined_at == joined[3].joined_at
    assert timezone.now() - stored.joined_at < dt.timedelta(minutes=1)


def test_a_name_given_on_joining_is_stored_with_its_spaces_tidied(live_session):
    [alex] = participants(live_session, "  Alex   Martin ")

    stored = Participant.objects.get(pk=alex.pk)
    assert (stored.pseudonym, stored.number) == ("Alex Martin", 1)


def test_a_code_leads_to_its_open_session_not_to_an_ended_one_with_the_same_code(
    workshop, facilitator
):
    ended = sessions.start_session(workshop=workshop, user=facilitator)
    sessions.end_session(session=ended)
    reopened = sessions.start_session(workshop=workshop, user=facilitator)
    LiveSession.objects.filter(pk=reopened.pk).update(code=ended.code)

    assert sessions.find_open_session(code=ended.code).pk == reopened.pk

    sessions.end_session(session=LiveSession.objects.get(pk=reopened.pk))
    with pytest.raises(sessions.JoinError, match="terminé"):
        sessions.find_open_session(code=ended.code)
    with pytest.raises(sessions.JoinError, match="Aucun atelier"):
        sessions.find_open_session(code="000000" if ended.code != "000000" else "000001")
