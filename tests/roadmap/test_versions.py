"""A roadmap's status moves brouillon → en concertation → validée → signée; a signed roadmap
is frozen, a change opens a new version, and the signed one stays readable."""

import datetime as dt
import io

import pytest
from django.core.management import call_command
from django.urls import reverse
from django.utils.html import escape

from roadmap import urls as roadmap_urls
from roadmap.models import Roadmap
from roadmap.sheet_editing import SheetEditor
from roadmap.versions import VersionError, open_new_version
from tests.roadmap.conftest import form_data, sign


def status_url(roadmap):
    return reverse("roadmap:status", args=[roadmap.pk])


def test_validating_needs_its_date(editor_client, roadmap):
    response = editor_client.post(status_url(roadmap), {"status": "validee"})
    assert response.status_code == 422
    assert "Indiquez la date de validation." in response.content.decode()
    response = editor_client.post(
        status_url(roadmap), {"status": "validee", "validated_on": "2025-01-20"}
    )
    assert response.status_code == 302
    roadmap.refresh_from_db()
    assert roadmap.status == "validee"


def test_signing_needs_validation_first_then_a_date_and_signatories(editor_client, roadmap):
    response = editor_client.post(status_url(roadmap), {"status": "signee"})
    html = response.content.decode()
    assert "se signe une fois validée" in html
    roadmap.status = "validee"
    roadmap.validated_on = dt.date(2025, 1, 20)
    roadmap.save()
    response = editor_client.post(
        status_url(roadmap), {"status": "signee", "validated_on": "2025-01-20"}
    )
    html = response.content.decode()
    assert "Indiquez la date de signature." in html
    assert "Indiquez au moins un ou une signataire." in html
    response = editor_client.post(
        status_url(roadmap),
        {
            "status": "signee",
            "validated_on": "2025-01-20",
            "signed_on": "2025-01-10",
            "signatories": "Préfète\nPrésident",
        },
    )
    assert "La signature ne peut pas précéder la validation." in response.content.decode()
    response = editor_client.post(
        status_url(roadmap),
        {
            "status": "signee",
            "validated_on": "2025-01-20",
            "signed_on": "2025-02-03",
            "signatories": "Préfète\nPrésident",
        },
    )
    assert response.status_code == 302
    roadmap.refresh_from_db()
    assert roadmap.is_frozen
    assert roadmap.signatory_list == ["Préfète", "Président"]


def test_an_edit_of_a_signed_sheet_is_refused_and_what_was_typed_is_kept(
    editor_client, roadmap, sheet
):
    data = form_data(SheetEditor(roadmap=roadmap, sheet=sheet))
    sign(roadmap)  # signed while the form was open
    data["sheet-objectives"] = "Un texte à ne pas perdre"
    url = reverse("roadmap:sheet_edit", args=[roadmap.pk, sheet.pk])
    response = editor_client.post(url, data)
    html = response.content.decode()
    assert response.status_code == 422
    assert "Cette feuille de route est signée : elle est figée." in html
    assert "Un texte à ne pas perdre" in html
    sheet.refresh_from_db()
    assert sheet.objectives != "Un texte à ne pas perdre"


def test_every_change_to_a_signed_roadmap_is_refused(editor_client, signed, sheet):
    pk = signed.pk
    member = signed.members.first()
    response = editor_client.get(reverse("roadmap:sheet_edit", args=[pk, sheet.pk]), follow=True)
    assert "Ouvrez une nouvelle version pour la modifier" in response.content.decode()
    response = editor_client.post(
        reverse("roadmap:member_edit", args=[pk, member.pk]),
        {
            "organisation_name": "Nouveau nom",
            "kind": "autre",
            "roles": ["observateur"],
            "status": "confirme",
        },
    )
    assert "elle est figée" in response.content.decode()
    editor_client.post(reverse("roadmap:sheet_delete", args=[pk, sheet.pk]))
    editor_client.post(reverse("roadmap:member_delete", args=[pk, member.pk]))
    editor_client.post(status_url(signed), {"status": "brouillon"})
    signed.refresh_from_db()
    assert signed.status == "signee"
    assert signed.sheets.filter(pk=sheet.pk).exists()
    assert signed.members.filter(pk=member.pk).exists()


def test_the_signed_roadmap_offers_to_open_a_new_version(editor_client, signed):
    html = editor_client.get(signed.get_absolute_url()).content.decode()
    assert "Feuille de route signée le 3 février 2025" in html
    assert "Ouvrir une nouvelle version pour la modifier" in html
    assert "Nouvelle fiche projet" not in html


def test_a_new_version_copies_everything_and_leaves_the_signed_one_as_it_was(
    editor_client, editor, signed, sheet
):
    before = {
        "members": signed.members.count(),
        "sheets": [(s.title, s.costing().total_cost) for s in signed.sheets.all()],
        "seats": sum(c.seats.count() for c in signed.committees.all()),
        "indicators": sum(s.indicators.count() for s in signed.sheets.all()),
    }
    assert all(before.values())  # something of each to copy
    response = editor_client.post(reverse("roadmap:new_version", args=[signed.pk]))
    new = Roadmap.objects.get(lineage=signed.lineage, version=2)
    assert response.url == new.get_absolute_url()
    assert new.status == "brouillon"
    assert new.previous_version == signed
    assert list(new.editors.all()) == [editor]
    assert new.members.count() == before["members"]
    assert [(s.title, s.costing().total_cost) for s in new.sheets.all()] == before["sheets"]
    assert sum(c.seats.count() for c in new.committees.all()) == before["seats"]
    assert sum(s.indicators.count() for s in new.sheets.all()) == before["indicators"]
    # The copies point to the new version's members, never to the signed one's.
    for sheet in new.sheets.all():
        assert {f.funder.roadmap_id for f in sheet.funding_lines.all()} == {new.pk}
        assert {c.roadmap_id for c in sheet.carriers.all()} <= {new.pk}
    # The signed version is untouched and still readable.
    signed.refresh_from_db()
    assert signed.status == "signee"
    assert [(s.title, s.costing().total_cost) for s in signed.sheets.all()] == before["sheets"]
    html = editor_client.get(signed.get_absolute_url()).content.decode()
    assert "Voir la version 2, la plus récente" in html
    # The public data-call link follows the newest version.
    assert new.data_call_token != signed.data_call_token
    url = reverse("roadmap:data_call", args=[new.data_call_token])
    assert editor_client.get(url).status_code == 200


def test_only_the_latest_signed_version_opens_a_new_one(signed, editor):
    with pytest.raises(VersionError):
        open_new_version(
            roadmap=Roadmap.objects.create(name="Brouillon", territory="92"), user=editor
        )
    open_new_version(roadmap=signed, user=editor)
    with pytest.raises(VersionError, match="plus récente"):
        open_new_version(roadmap=signed, user=editor)


def test_the_list_shows_the_latest_version_only(editor_client, signed, editor):
    open_new_version(roadmap=signed, user=editor)
    html = editor_client.get(reverse("roadmap:list")).content.decode()
    assert html.count(f"{escape(signed.name)}</a>") == 1
    assert "version 2" in html


def test_two_people_editing_the_roadmap_s_information(editor_client, roadmap):
    url = reverse("roadmap:edit", args=[roadmap.pk])
    data = {
        "name": roadmap.name,
        "territory": roadmap.territory,
        "perimeter": roadmap.perimeter,
        "contract": "autre",
        "contract_note": "",
        "context": "Contexte A",
        "revision": str(roadmap.revision),
    }
    response = editor_client.post(url, data)
    assert "Précisez le contrat ou le schéma." in response.content.decode()
    data["contract_note"] = "Convention territoriale globale"
    assert editor_client.post(url, data).status_code == 302
    data["context"] = "Contexte B"
    response = editor_client.post(url, data)  # opened at the same revision as the first save
    html = response.content.decode()
    assert "pendant que vous la modifiiez" in html
    assert "Contexte B" in html
    roadmap.refresh_from_db()
    assert roadmap.context == "Contexte A"


# The pages allowed on a signed roadmap: each of their views says why (`open_when_signed`).
OPEN_WHEN_SIGNED = {
    "new_version",
    "editors",
    "sheet_preview",
    "sheet_row",
    "documents",
    "document_review",
    "document_file",
}
SIGNED_REFUSAL = "Cette feuille de route est signée : elle est figée. Ouvrez une nouvelle version"


def stored_roadmaps() -> str:
    out = io.StringIO()
    call_command("dumpdata", "roadmap", "workshops.organisation", stdout=out)
    return out.getvalue()


def test_every_page_that_changes_a_signed_roadmap_refuses_it(editor_client, signed, sheet):
    """Goes through every URL of the app that names a roadmap, so a new page can't forget."""
    submission = signed.submissions.create(
        category="diagnostic", title="Diagnostic", link="https://example.org/diagnostic"
    )
    ids = {
        "pk": signed.pk,
        "sheet_pk": sheet.pk,
        "member_pk": signed.members.first().pk,
        "committee_pk": signed.committees.first().pk,
        "axis_pk": signed.axes.first().pk,
        "indicator_pk": sheet.indicators.first().pk,
        "doc_pk": submission.pk,
        "formset": "costs",
    }
    before = stored_roadmaps()
    refusing = []
    for pattern in roadmap_urls.urlpatterns:
        arguments = pattern.pattern.converters
        if "pk" not in arguments or pattern.name in OPEN_WHEN_SIGNED:
            continue
        url = reverse(f"roadmap:{pattern.name}", kwargs={name: ids[name] for name in arguments})
        # What a browser posts at the least: the CSRF token (the test client doesn't check it).
        posted = editor_client.post(url, {"csrfmiddlewaretoken": "x"}, follow=True)
        if posted.status_code == 405:
            continue  # a page that only reads
        refusing.append(pattern.name)
        assert SIGNED_REFUSAL in posted.content.decode(), url
        assert stored_roadmaps() == before, url
        opened = editor_client.get(url)
        assert opened.status_code in (302, 405), url
        if opened.status_code == 302:
            assert opened.url == signed.get_absolute_url(), url
    assert {"edit", "status", "sheet_edit", "sheet_delete", "from_workshops_create"} <= set(
        refusing
    )
