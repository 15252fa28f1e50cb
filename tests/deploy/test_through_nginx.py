"""Through nginx (TLS) in front of two Daphne processes, PostgreSQL and Redis: the room's
journey, a restarted process, uploads at and over the limit, the health check, the backup and
its restore. Run by deploy/ci-stage.sh (`pytest -m deploy tests/deploy`)."""

import os
import re
import subprocess
import uuid

import httpx
import psycopg
import pytest
from playwright.sync_api import expect

from live.models import Response
from tests.e2e.conftest import _no_channel_layer_in_the_test_process, browser  # noqa: F401
from tests.e2e.test_live_journey import goto_step, join_from_phone, start_projected_session
from tests.servers import ROOT, database_url_for_tests

pytestmark = pytest.mark.deploy
CSRF = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')
RECONNECT = 30_000  # jittered back-off, and a process starting again on a busy machine
LIMIT = 10 * 1024 * 1024  # ROADMAP_UPLOAD_MAX_BYTES


@pytest.fixture
def open_tab(browser):  # noqa: F811 - the browser fixture imported above
    """New browser tabs that accept the certificate made for the run, each its own person."""
    contexts = []

    def open_tab(**options):
        contexts.append(browser.new_context(ignore_https_errors=True, locale="fr-FR", **options))
        tab = contexts[-1].new_page()
        tab.set_default_timeout(15_000)
        return tab

    yield open_tab
    for context in contexts:
        context.close()


def vote(phone, choice: str) -> None:
    phone.get_by_label(choice).check()
    phone.get_by_role("button", name="Envoyer").click()
    expect(phone.locator(".ack")).to_contain_text("Réponse enregistrée")


def test_phones_on_both_processes_answer_and_the_room_survives_a_restart(
    site, daphnes, workshop, open_tab
):
    control = open_tab(viewport={"width": 1280, "height": 800})
    session, screen = start_projected_session(control, site, workshop)
    phones = [open_tab(viewport={"width": 360, "height": 740}, is_mobile=True) for _ in range(3)]
    for index, phone in enumerate(phones[:2]):
        join_from_phone(phone, site, session.code, f"Téléphone {index + 1}")
    # nginx gave each process some of the room: the phones' sockets are on both.
    for server in daphnes:
        assert f"WSCONNECT /ws/atelier/{session.pk}/" in server.output()

    goto_step(control, "Vote")
    vote(phones[0], "Pour")
    vote(phones[1], "Contre")
    expect(screen.locator(".answer-count")).to_contain_text("2 réponses")

    daphnes[0].restart()
    for tab in (control, screen, *phones[:2]):
        expect(tab.locator("#connection")).to_have_attribute(
            "data-state", "open", timeout=RECONNECT
        )
    expect(screen.locator(".answer-count")).to_contain_text("2 réponses")
    join_from_phone(phones[2], site, session.code, "Téléphone 3")
    vote(phones[2], "Abstention")
    expect(screen.locator(".answer-count")).to_contain_text("3 réponses")
    assert Response.objects.filter(session=session).count() == 3


def post_document(http: httpx.Client, url: str, size: int) -> httpx.Response:
    form = http.get(url)
    return http.post(
        url,
        data={
            "csrfmiddlewaretoken": CSRF.search(form.text).group(1),
            "category": "analyse_besoins",
            "title": "Analyse des besoins sociaux 2024",
            "structure": "CCAS de Nanterre",
        },
        files={"file": ("analyse.pdf", b"%PDF-1.7\n" + b"0" * (size - 9), "application/pdf")},
        headers={"Referer": url},
    )


def test_a_document_at_the_upload_limit_is_taken_and_a_larger_one_refused_in_french(
    site, daphnes, roadmap92
):
    url = f"{site.url}/appel-a-donnees/{roadmap92.data_call_token}/"
    with httpx.Client(verify=False, timeout=60) as http:  # noqa: S501 - the run's own certificate
        at_limit = post_document(http, url, LIMIT)
        over = post_document(http, url, LIMIT + 2 * 1024 * 1024)
    assert at_limit.status_code == 302, "\n".join(server.output() for server in daphnes)
    assert at_limit.headers["location"].endswith("/merci/")
    assert roadmap92.submissions.get().size == LIMIT
    assert over.status_code == 413
    assert "Fichier trop volumineux" in over.text
    assert "10 Mo au maximum" in over.text


def test_the_health_check_answers_through_the_proxy_and_http_goes_to_https(site):
    with httpx.Client(verify=False) as http:  # noqa: S501 - the run's own certificate
        health = http.get(f"{site.url}/sante/")
        plain = http.get(f"http://127.0.0.1:{site.http_port}/sante/")
    assert health.status_code == 200
    assert health.text == "ok\n"
    assert plain.status_code == 301
    assert plain.headers["location"] == f"{site.url}/sante/"


def test_static_files_come_from_nginx_compressed_and_revalidated(site):
    with httpx.Client(verify=False) as http:  # noqa: S501 - the run's own certificate
        script = http.get(
            f"{site.url}/static/django_htmx/htmx-2.min.js", headers={"Accept-Encoding": "gzip"}
        )
    assert script.status_code == 200
    assert script.headers["content-encoding"] == "gzip"
    assert script.headers["cache-control"] == "no-cache"
    assert "htmx" in script.text


def test_the_hashed_names_the_pages_link_are_cached_for_a_year(site):
    with httpx.Client(verify=False, base_url=site.url) as http:  # noqa: S501 - as above
        page = http.get("/connexion/").text
        (stylesheet,) = re.findall(r'href="(/static/css/fne\.[0-9a-f]{12}\.css)"', page)
        css = http.get(stylesheet, headers={"Accept-Encoding": "gzip"})
    assert css.status_code == 200
    assert css.headers["content-encoding"] == "gzip"
    assert css.headers["cache-control"] == "public, max-age=31536000, immutable"


def test_a_client_cannot_claim_another_address_through_the_proxy(site, daphnes):
    with httpx.Client(verify=False) as http:  # noqa: S501 - the run's own certificate
        marker = f"/?essai={uuid.uuid4().hex}"
        http.get(site.url + marker, headers={"X-Forwarded-For": "198.51.100.66"})
    lines = [line for s in daphnes for line in s.output().splitlines() if marker in line]
    assert len(lines) == 1
    assert lines[0].startswith("127.0.0.1:")


def run(script: str, *arguments: str, **environ: str) -> None:
    """One of deploy/'s scripts, as an administrator runs it, with these variables."""
    command = [str(ROOT / "deploy" / script), *arguments]
    subprocess.run(command, env=os.environ | environ, check=True, cwd=ROOT)


def test_the_backup_restored_into_an_empty_base_brings_back_a_session_s_answers(
    transactional_db, live_session, vote_step, participant, other_participant, tmp_path
):
    for person, choice in ((participant, 0), (other_participant, 1)):
        Response.objects.create(
            client_id=uuid.uuid4(),
            session=live_session,
            activity_id=vote_step.activity_id,
            participant=person,
            data={"choices": [choice]},
        )
    uploads = tmp_path / "uploads"
    (uploads / "documents").mkdir(parents=True)
    (uploads / "documents" / "etude.pdf").write_bytes(b"%PDF-1.7\n")
    run(
        "backup.sh",
        DATABASE_URL=database_url_for_tests(),
        MEDIA_ROOT=str(uploads),
        BACKUP_DIR=str(tmp_path / "sauvegardes"),
    )
    (backup,) = (tmp_path / "sauvegardes").iterdir()

    restored_url = database_url_for_tests() + "_restauree"
    admin_url, name = restored_url.rsplit("/", 1)
    with psycopg.connect(admin_url + "/postgres", autocommit=True) as admin:
        admin.execute(f'DROP DATABASE IF EXISTS "{name}"')
        admin.execute(f'CREATE DATABASE "{name}"')
    try:
        run("restore.sh", str(backup), DATABASE_URL=restored_url, MEDIA_ROOT=str(tmp_path / "r"))
        with psycopg.connect(restored_url) as restored:
            rows = restored.execute(
                "SELECT data FROM quizzes_response WHERE session_id = %s ORDER BY id",
                [live_session.pk],
            ).fetchall()
        assert [row[0] for row in rows] == [{"choices": [0]}, {"choices": [1]}]
        assert (tmp_path / "r" / "documents" / "etude.pdf").read_bytes() == b"%PDF-1.7\n"
    finally:
        with psycopg.connect(admin_url + "/postgres", autocommit=True) as admin:
            admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
