"""The public form for structures: no account, a new place or an update of one already there,
checked like an import, and nothing enters the census before a coordinator accepts it."""

import pytest
from django.urls import reverse

from census.models import Place, PlaceSubmission
from census.submissions import SUBMISSIONS


@pytest.fixture
def declare_url(census):
    return reverse("census:declare", args=[census.form_token])


def declaration(**overrides) -> dict:
    data = {
        "place": "",
        "nom": "Centre social Nelly Roussel",
        "pivot": "43493312300029",
        "adresse": "1 place de l'Exemple",
        "code_postal": "92390",
        "commune": "Villeneuve-la-Garenne",
        "services": ["Aide aux démarches administratives", "Utilisation sécurisée du numérique"],
        "frais_a_charge": ["Gratuit"],
        "telephone": "+33140000000",
        "contact_email": "",
    }
    return data | overrides


def test_a_structure_declares_its_place_and_it_waits_for_review(client, census, declare_url):
    response = client.post(declare_url, declaration())
    assert response.status_code == 302
    submission = PlaceSubmission.objects.get()
    assert submission.status == PlaceSubmission.Status.PENDING
    assert submission.values["services"] == (
        "Aide aux démarches administratives|Utilisation sécurisée du numérique"
    )
    assert Place.objects.count() == 0
    assert "Merci" in client.get(response["Location"]).content.decode()


def test_bad_input_gets_french_errors_and_keeps_what_was_typed(client, census, declare_url):
    response = client.post(
        declare_url, declaration(pivot="43493312300028", code_postal="9239", telephone="0140")
    )
    html = response.content.decode()
    assert response.status_code == 422
    assert "Ce numéro SIRET n&#x27;est pas valide" in html
    assert "Le code postal compte 5 chiffres" in html
    assert "format international" in html
    assert 'value="Centre social Nelly Roussel"' in html
    assert not PlaceSubmission.objects.exists()


def test_the_coordinator_accepts_a_new_place_and_it_enters_the_census(
    client, editor_client, census, declare_url
):
    client.post(declare_url, declaration())
    submission = PlaceSubmission.objects.get()
    page = editor_client.get(reverse("census:declarations", args=[census.pk]))
    assert "Centre social Nelly Roussel — Villeneuve-la-Garenne" in page.content.decode()
    editor_client.post(
        reverse("census:declaration_review", args=[census.pk, submission.pk]),
        {"decision": "acceptee"},
    )
    place = Place.objects.get()
    assert place.nom == "Centre social Nelly Roussel"
    assert place.source == "Préfecture 92"
    assert place.ident.startswith("lieu-")
    submission.refresh_from_db()
    assert submission.status == PlaceSubmission.Status.ACCEPTED


def test_an_update_changes_only_the_chosen_place_once_accepted(
    client, editor_client, census, declare_url
):
    client.post(declare_url, declaration())
    first = PlaceSubmission.objects.get()
    editor_client.post(
        reverse("census:declaration_review", args=[census.pk, first.pk]),
        {"decision": "acceptee"},
    )
    place = Place.objects.get()
    client.post(declare_url, declaration(place=str(place.pk), horaires="Mo-Fr 09:00-17:00"))
    update = PlaceSubmission.objects.exclude(pk=first.pk).get()
    page = editor_client.get(reverse("census:declarations", args=[census.pk])).content.decode()
    assert "Mise à jour de « Centre social Nelly Roussel »" in page
    assert "Mo-Fr 09:00-17:00" in page
    place.refresh_from_db()
    assert place.horaires == ""  # not before the review
    editor_client.post(
        reverse("census:declaration_review", args=[census.pk, update.pk]),
        {"decision": "acceptee"},
    )
    place.refresh_from_db()
    assert place.horaires == "Mo-Fr 09:00-17:00"
    assert Place.objects.count() == 1


def test_a_refusal_needs_a_reason_and_writes_nothing(client, editor_client, census, declare_url):
    client.post(declare_url, declaration())
    submission = PlaceSubmission.objects.get()
    url = reverse("census:declaration_review", args=[census.pk, submission.pk])
    response = editor_client.post(url, {"decision": "refusee"}, follow=True)
    assert "Indiquez le motif du refus." in response.content.decode()
    editor_client.post(url, {"decision": "refusee", "reason": "Lieu fermé"})
    submission.refresh_from_db()
    assert (submission.status, submission.reason) == ("refusee", "Lieu fermé")
    assert Place.objects.count() == 0


def test_the_form_is_throttled_per_client_and_keeps_the_input(client, census, declare_url):
    for _ in range(SUBMISSIONS.times):
        client.post(declare_url, declaration())
    response = client.post(declare_url, declaration(nom="Un de trop"))
    assert response.status_code == 422
    html = response.content.decode()
    assert "Trop de déclarations envoyées depuis cette connexion" in html
    assert 'value="Un de trop"' in html
    assert PlaceSubmission.objects.count() == SUBMISSIONS.times


def test_only_editors_review(client, facilitator, workshop, census):
    client.force_login(facilitator)
    response = client.get(reverse("census:declarations", args=[census.pk]))
    assert response.status_code == 403
