"""Who may read and who may edit a roadmap: its editors edit; the facilitators of its
programme read; another roadmap's editor, a user in no group and anonymous visitors don't."""

import pytest
from django.urls import reverse
from django.utils.html import escape

from roadmap.models import DataSubmission
from tests.factories import make_workshop


@pytest.fixture
def workshop(roadmap, facilitator):
    """A workshop of the roadmap's programme, run by `facilitator`."""
    return make_workshop(programme=roadmap.programme, facilitator=facilitator)


@pytest.fixture
def reading_urls(roadmap, sheet):
    pk = roadmap.pk
    return [
        reverse("roadmap:detail", args=[pk]),
        reverse("roadmap:governance", args=[pk]),
        reverse("roadmap:costing", args=[pk]),
        reverse("roadmap:indicators", args=[pk]),
        reverse("roadmap:print", args=[pk]),
        reverse("roadmap:export_docx", args=[pk]),
        reverse("roadmap:export_xlsx", args=[pk]),
        reverse("roadmap:sheet", args=[pk, sheet.pk]),
        reverse("roadmap:sheet_history", args=[pk, sheet.pk]),
    ]


@pytest.fixture
def editing_urls(roadmap, sheet):
    pk = roadmap.pk
    member = roadmap.members.first()
    committee = roadmap.committees.first()
    axis = roadmap.axes.first()
    indicator = sheet.indicators.first()
    return [
        reverse("roadmap:edit", args=[pk]),
        reverse("roadmap:editors", args=[pk]),
        reverse("roadmap:member_add", args=[pk]),
        reverse("roadmap:member_edit", args=[pk, member.pk]),
        reverse("roadmap:committee_add", args=[pk]),
        reverse("roadmap:committee_edit", args=[pk, committee.pk]),
        reverse("roadmap:axis_add", args=[pk]),
        reverse("roadmap:axis_edit", args=[pk, axis.pk]),
        reverse("roadmap:sheet_add", args=[pk]),
        reverse("roadmap:sheet_edit", args=[pk, sheet.pk]),
        reverse("roadmap:indicator_add", args=[pk, sheet.pk]),
        reverse("roadmap:indicator_edit", args=[pk, sheet.pk, indicator.pk]),
        reverse("roadmap:documents", args=[pk]),
    ]


@pytest.fixture
def posting_urls(roadmap, sheet):
    pk = roadmap.pk
    return [
        reverse("roadmap:status", args=[pk]),
        reverse("roadmap:new_version", args=[pk]),
        reverse("roadmap:member_delete", args=[pk, roadmap.members.first().pk]),
        reverse("roadmap:committee_delete", args=[pk, roadmap.committees.first().pk]),
        reverse("roadmap:axis_delete", args=[pk, roadmap.axes.first().pk]),
        reverse("roadmap:sheet_delete", args=[pk, sheet.pk]),
        reverse("roadmap:sheet_preview", args=[pk, sheet.pk]),
        reverse("roadmap:indicator_delete", args=[pk, sheet.pk, sheet.indicators.first().pk]),
    ]


def test_anonymous_visitors_are_sent_to_the_login_page(
    client, reading_urls, editing_urls, posting_urls
):
    for url in [reverse("roadmap:list"), *reading_urls, *editing_urls]:
        response = client.get(url)
        assert response.status_code == 302, url
        assert response.url.startswith(reverse("login") + "?next="), url
    for url in posting_urls:
        response = client.post(url)
        assert response.status_code == 302, url
        assert response.url.startswith(reverse("login")), url


def test_a_user_in_no_group_is_refused(client, plain_user, reading_urls, editing_urls):
    client.force_login(plain_user)
    for url in [reverse("roadmap:list"), *reading_urls, *editing_urls]:
        assert client.get(url).status_code == 403, url


def test_the_roadmap_s_editor_reads_and_edits(editor_client, reading_urls, editing_urls):
    for url in [reverse("roadmap:list"), *reading_urls, *editing_urls]:
        assert editor_client.get(url).status_code == 200, url


def test_another_roadmap_s_editor_can_neither_read_nor_edit_it(
    client, other_editor, roadmap, reading_urls, editing_urls, posting_urls, sheet
):
    client.force_login(other_editor)
    for url in [*reading_urls, *editing_urls]:
        assert client.get(url).status_code == 404, url
    for url in posting_urls:
        assert client.post(url).status_code == 404, url
    assert roadmap.name not in client.get(reverse("roadmap:list")).content.decode()
    assert roadmap.sheets.filter(pk=sheet.pk).exists()


def test_another_roadmap_s_editor_edits_their_own(client, other_editor, other_roadmap):
    client.force_login(other_editor)
    response = client.get(reverse("roadmap:list"))
    assert escape(other_roadmap.name) in response.content.decode()
    assert client.get(reverse("roadmap:edit", args=[other_roadmap.pk])).status_code == 200


def test_a_facilitator_of_the_programme_reads_but_cannot_edit(
    client, workshop, facilitator, roadmap, reading_urls, editing_urls, posting_urls, sheet
):
    client.force_login(facilitator)
    for url in reading_urls:
        assert client.get(url).status_code == 200, url
    page = client.get(roadmap.get_absolute_url()).content.decode()
    assert "Nouvelle fiche projet" not in page
    assert "Modifier les informations" not in page
    for url in editing_urls:
        assert client.get(url).status_code == 403, url
    for url in posting_urls:
        assert client.post(url).status_code == 403, url
    assert roadmap.sheets.filter(pk=sheet.pk).exists()


def test_a_facilitator_of_another_programme_sees_nothing(client, other_facilitator, reading_urls):
    client.force_login(other_facilitator)
    for url in reading_urls:
        assert client.get(url).status_code == 404, url


def test_a_coordinator_who_is_not_an_editor_cannot_open_it(client, coordinator, roadmap):
    client.force_login(coordinator)
    assert client.get(roadmap.get_absolute_url()).status_code == 404


def test_a_new_roadmap_s_creator_becomes_its_editor(client, coordinator):
    client.force_login(coordinator)
    response = client.post(
        reverse("roadmap:create"),
        {
            "name": "Feuille de route test",
            "territory": "Essonne",
            "perimeter": "departemental",
            "contract": "aucun",
            "data_call_open": "on",
        },
    )
    assert response.status_code == 302
    roadmap = coordinator.edited_roadmaps.get()
    assert roadmap.name == "Feuille de route test"


def test_facilitators_cannot_create_roadmaps(client, facilitator):
    client.force_login(facilitator)
    assert client.get(reverse("roadmap:create")).status_code == 403


def test_only_editors_download_collected_documents(
    client, editor_client, roadmap, facilitator, workshop, other_editor
):
    from django.core.files.base import ContentFile

    submission = DataSubmission(
        roadmap=roadmap,
        category="diagnostic",
        title="Diagnostic",
        structure="CCAS",
        original_name="diagnostic.pdf",
    )
    submission.file.save("diagnostic.pdf", ContentFile(b"%PDF-1.4 test"), save=True)
    url = reverse("roadmap:document_file", args=[roadmap.pk, submission.pk])

    response = editor_client.get(url)
    assert response.status_code == 200
    assert b"".join(response.streaming_content) == b"%PDF-1.4 test"
    assert response["Content-Disposition"].startswith("attachment")
    assert response["X-Content-Type-Options"] == "nosniff"
    editor_client.logout()

    client.force_login(facilitator)
    assert client.get(url).status_code == 403
    client.force_login(other_editor)
    assert client.get(url).status_code == 404
    client.logout()
    assert client.get(url).status_code == 302


def test_the_nav_link_shows_for_coordinators_and_facilitators_only(
    client, coordinator, facilitator, plain_user
):
    link = reverse("roadmap:list")
    for user, shown in [(coordinator, True), (facilitator, True), (plain_user, False)]:
        client.force_login(user)
        assert (f'href="{link}"' in client.get(reverse("accessibility")).content.decode()) == shown
