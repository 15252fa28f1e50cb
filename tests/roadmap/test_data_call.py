"""The public call for analysis data: reachable by link or QR code, a document or a link under
one of the deck's six categories, size and type limits, a review queue for the editors."""

import io
import zipfile

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from roadmap import documents
from roadmap.catalogues import DataCategory
from roadmap.models import DataSubmission


@pytest.fixture
def call_url(roadmap):
    return reverse("roadmap:data_call", args=[roadmap.data_call_token])


def submission(**overrides):
    data = {
        "category": "analyse_besoins",
        "title": "Analyse des besoins sociaux 2024",
        "structure": "CCAS de Nanterre",
        "description": "",
        "contact_name": "",
        "contact_email": "",
        "link": "",
    }
    return data | overrides


def pdf(name="analyse.pdf", size=None):
    content = b"%PDF-1.7\n" + b"0" * ((size or 100) - 9)
    return SimpleUploadedFile(name, content, content_type="application/pdf")


def docx_bytes() -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("word/document.xml", "<w:document/>")
    return buffer.getvalue()


def test_the_form_is_public_and_offers_the_deck_s_six_categories(client, call_url):
    response = client.get(call_url)
    assert response.status_code == 200
    html = response.content.decode()
    for label in [
        "Mesure d&#x27;impact social",
        "Analyse des besoins",
        "Convention territoriale de gestion",
        "Études d&#x27;impact inclusion numérique",
        "Diagnostic",
        "Schémas départementaux (inclusion numérique, usages numériques…)",
    ]:
        assert label in html
    assert len(DataCategory.choices) == 6
    assert 'enctype="multipart/form-data"' in html


def test_a_document_is_stored_outside_static_under_a_random_name(
    client, call_url, roadmap, media_root
):
    response = client.post(call_url, submission(file=pdf()))
    assert response.status_code == 302
    assert response.url == reverse("roadmap:data_call_thanks", args=[roadmap.data_call_token])
    stored = DataSubmission.objects.get()
    assert stored.status == "en_attente"
    assert stored.original_name == "analyse.pdf"
    assert stored.size == 100
    path = stored.file.path
    assert path.startswith(str(media_root))
    assert "static" not in path
    assert "analyse" not in path.rsplit("/", 1)[1]
    assert path.endswith(".pdf")


def test_a_link_is_accepted_instead_of_a_file(client, call_url):
    response = client.post(call_url, submission(link="https://example.org/etude.pdf"))
    assert response.status_code == 302
    assert DataSubmission.objects.get().link == "https://example.org/etude.pdf"


@pytest.mark.parametrize(
    ("upload", "message"),
    [
        (lambda: pdf(size=documents.MAX_UPLOAD_BYTES + 1), "la limite est de 10 Mo"),
        (lambda: SimpleUploadedFile("script.exe", b"MZ\x90\x00"), "n&#x27;est pas accepté"),
        (lambda: SimpleUploadedFile("page.html", b"<script>"), "n&#x27;est pas accepté"),
        (lambda: SimpleUploadedFile("faux.pdf", b"<html>not a pdf</html>"), "ne correspond pas"),
        (lambda: SimpleUploadedFile("faux.docx", b"%PDF-1.4"), "ne correspond pas"),
        (lambda: SimpleUploadedFile("vide.pdf", b""), "Le fichier soumis est vide"),
    ],
)
def test_files_too_large_or_of_the_wrong_type_are_refused_beside_the_field(
    client, call_url, upload, message
):
    response = client.post(call_url, submission(file=upload()))
    assert response.status_code == 422
    html = response.content.decode()
    error = html.split('id="id_file_error">')[1].split("</p>")[0]
    assert message in error
    assert 'value="Analyse des besoins sociaux 2024"' in html  # kept
    assert not DataSubmission.objects.exists()


def test_office_documents_and_text_files_are_accepted(client, call_url):
    for upload in [
        SimpleUploadedFile("etude.docx", docx_bytes()),
        SimpleUploadedFile("donnees.csv", "commune;part\nNanterre;12,5 €\n".encode()),
    ]:
        assert client.post(call_url, submission(file=upload)).status_code == 302
    assert DataSubmission.objects.count() == 2


def test_neither_file_nor_link_or_both_are_refused(client, call_url):
    html = client.post(call_url, submission()).content.decode()
    assert "Joignez un fichier ou indiquez un lien." in html
    html = client.post(
        call_url, submission(file=pdf(), link="https://example.org")
    ).content.decode()
    assert "Un fichier ou un lien, pas les deux" in html


def test_a_closed_call_says_so(client, call_url, roadmap):
    roadmap.data_call_open = False
    roadmap.save()
    response = client.get(call_url)
    assert response.status_code == 410
    assert "Cet appel à données est clos" in response.content.decode()
    assert client.post(call_url, submission(link="https://example.org")).status_code == 410
    assert not DataSubmission.objects.exists()


def test_an_unknown_token_is_a_404(client, db):
    url = reverse("roadmap:data_call", args=["5f0c6f8e-0000-4000-8000-000000000000"])
    assert client.get(url).status_code == 404


def test_editors_see_the_link_the_qr_code_and_the_queue(editor_client, roadmap, call_url):
    DataSubmission.objects.create(
        roadmap=roadmap,
        category="diagnostic",
        title="<b>Diagnostic</b>",
        structure="EPT",
        link="https://example.org/diag",
    )
    html = editor_client.get(reverse("roadmap:documents", args=[roadmap.pk])).content.decode()
    assert f"http://testserver{call_url}" in html
    assert "<svg" in html
    assert 'aria-label="QR code du lien vers le formulaire public"' in html
    assert "À examiner (1)" in html
    assert "&lt;b&gt;Diagnostic&lt;/b&gt;" in html


def test_the_qr_code_uses_site_url_when_set(editor_client, roadmap, settings, call_url):
    settings.SITE_URL = "https://ateliers.example.fr"
    html = editor_client.get(reverse("roadmap:documents", args=[roadmap.pk])).content.decode()
    assert f"https://ateliers.example.fr{call_url}" in html


def test_accepting_and_rejecting_with_a_reason(editor_client, editor, roadmap):
    first, second = (
        DataSubmission.objects.create(
            roadmap=roadmap,
            category="diagnostic",
            title=title,
            structure="EPT",
            link="https://example.org",
        )
        for title in ("Diagnostic A", "Diagnostic B")
    )
    url = reverse("roadmap:document_review", args=[roadmap.pk, first.pk])
    assert editor_client.post(url, {"decision": "acceptee"}).status_code == 302
    first.refresh_from_db()
    assert (first.status, first.reviewed_by) == ("acceptee", editor)

    url = reverse("roadmap:document_review", args=[roadmap.pk, second.pk])
    response = editor_client.post(url, {"decision": "refusee", "reason": "  "})
    assert "Dites pourquoi ce document est refusé." in response.content.decode()
    second.refresh_from_db()
    assert second.status == "en_attente"
    editor_client.post(url, {"decision": "refusee", "reason": "Hors du département"})
    second.refresh_from_db()
    assert (second.status, second.reason) == ("refusee", "Hors du département")
    html = editor_client.get(reverse("roadmap:documents", args=[roadmap.pk])).content.decode()
    assert "Hors du département" in html
    assert "Aucun document à examiner." in html


# Limits that protect the server: body size, unpacked size, total per roadmap, per client -------
def test_a_file_at_the_size_limit_is_accepted(client, call_url):
    response = client.post(call_url, submission(file=pdf(size=documents.MAX_UPLOAD_BYTES)))
    assert response.status_code == 302
    assert DataSubmission.objects.get().size == documents.MAX_UPLOAD_BYTES


def bomb_docx(unpacked: int) -> bytes:
    """A small .docx whose one part unpacks to `unpacked` bytes of zeros."""
    buffer = io.BytesIO()
    chunk = b"\0" * (1024 * 1024)
    with (
        zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive,
        archive.open("word/document.xml", "w") as part,
    ):
        for _ in range(unpacked // len(chunk) + 1):
            part.write(chunk)
    return buffer.getvalue()


def test_a_zip_bomb_named_docx_is_refused(client, call_url):
    content = bomb_docx(documents.MAX_UNPACKED_BYTES)
    assert len(content) < 2 * 1024 * 1024  # small on the wire
    response = client.post(call_url, submission(file=SimpleUploadedFile("etude.docx", content)))
    assert response.status_code == 422
    html = response.content.decode()
    assert "se décompresse en plus de" in html
    assert 'value="Analyse des besoins sociaux 2024"' in html
    assert not DataSubmission.objects.exists()


def test_the_total_per_roadmap_is_capped(client, call_url, roadmap):
    DataSubmission.objects.create(
        roadmap=roadmap,
        category="diagnostic",
        title="Déjà versé",
        structure="EPT",
        size=documents.MAX_TOTAL_BYTES - 50,
    )
    response = client.post(call_url, submission(file=pdf(size=100)))
    assert response.status_code == 422
    assert "a atteint sa capacité" in response.content.decode()
    assert DataSubmission.objects.count() == 1
    # A link takes no room: still accepted.
    assert client.post(call_url, submission(link="https://example.org/a")).status_code == 302


def test_uploads_are_throttled_per_client(call_url, settings, db, roadmap):
    from django.test import Client

    sender = Client(REMOTE_ADDR="203.0.113.9")
    for n in range(settings.DATA_CALL_UPLOADS):
        assert sender.post(call_url, submission(file=pdf())).status_code == 302, n
    refused = sender.post(call_url, submission(title="Encore un", file=pdf()))
    assert refused.status_code == 429
    html = refused.content.decode()
    assert "Trop de documents envoyés depuis votre connexion" in html
    assert 'value="Encore un"' in html  # what was typed is kept
    assert DataSubmission.objects.count() == settings.DATA_CALL_UPLOADS
    other = Client(REMOTE_ADDR="203.0.113.10")
    assert other.post(call_url, submission(file=pdf())).status_code == 302


@pytest.mark.asyncio
@pytest.mark.django_db(transaction=True)
async def test_a_body_over_the_limit_is_refused_before_it_is_read(call_url, settings):
    """Through the real ASGI application: the body is offered in 64 KB chunks; a refusal from
    the Content-Length header reads none of them."""
    from fne92.asgi import application

    declared = settings.REQUEST_MAX_BYTES + 1
    chunk = b"x" * 65536
    pulled = 0

    async def receive():
        nonlocal pulled
        pulled += len(chunk)
        return {"type": "http.request", "body": chunk, "more_body": pulled < declared}

    sent = []

    async def send(message):
        sent.append(message)

    scope = {
        "type": "http",
        "asgi": {"version": "3.0"},
        "http_version": "1.1",
        "method": "POST",
        "scheme": "http",
        "path": call_url,
        "raw_path": call_url.encode(),
        "query_string": b"",
        "root_path": "",
        "headers": [
            (b"host", b"127.0.0.1"),
            (b"content-type", b"multipart/form-data; boundary=xyz"),
            (b"content-length", str(declared).encode()),
        ],
        "client": ("127.0.0.1", 50000),
        "server": ("127.0.0.1", 80),
    }
    await application(scope, receive, send)
    start = next(m for m in sent if m["type"] == "http.response.start")
    body = b"".join(m.get("body", b"") for m in sent if m["type"] == "http.response.body")
    assert start["status"] == 413
    assert "trop volumineux" in body.decode()
    assert pulled == 0
