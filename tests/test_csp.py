"""The Content-Security-Policy runs only the site's own scripts: every HTML response carries
it, and no template holds a script the policy would refuse (the browser journeys in
tests/e2e check the pages they visit; this covers the templates they don't)."""

import re
from pathlib import Path

from django.urls import reverse

ROOT = Path(__file__).resolve().parent.parent
TEMPLATES = sorted(
    path
    for folder in ("templates", "workshops", "quizzes", "roadmap", "fne92")
    for path in (ROOT / folder).rglob("*.html")
)
INLINE_SCRIPT = re.compile(r"<script(?![^>]*\bsrc=)[^>]*>", re.IGNORECASE)
EVENT_HANDLER = re.compile(r"\s(on[a-z]+|hx-on[:\w-]*)\s*=", re.IGNORECASE)


def test_pages_carry_a_policy_that_refuses_inline_scripts(client, db):
    for name in ["home", "personal_data", "login"]:
        policy = client.get(reverse(name), HTTP_HOST="127.0.0.1")["Content-Security-Policy"]
        directives = {part.split()[0]: part.split()[1:] for part in policy.split("; ")}
        assert directives["script-src"] == ["'self'"], name
        assert directives["style-src"] == ["'self'"], name
        assert directives["object-src"] == ["'none'"], name
        assert directives["frame-ancestors"] == ["'none'"], name


def test_the_live_pages_may_open_their_own_websocket_and_no_other(client, db, settings):
    def connect_src(**headers) -> list[str]:
        policy = client.get(reverse("home"), **headers)["Content-Security-Policy"]
        return next(p.split()[1:] for p in policy.split("; ") if p.startswith("connect-src"))

    assert connect_src(HTTP_HOST="127.0.0.1:8000") == ["'self'", "ws://127.0.0.1:8000"]
    settings.ALLOWED_HOSTS = ["ateliers.example.fr"]
    assert connect_src(HTTP_HOST="ateliers.example.fr", secure=True) == [
        "'self'",
        "wss://ateliers.example.fr",
    ]
    # A host that is not ours gets its 400, with no address of its own in the policy.
    assert client.get(reverse("home"), HTTP_HOST="evil.example").status_code == 400


def test_no_template_holds_an_inline_script_or_event_handler():
    assert len(TEMPLATES) > 50
    found = [
        f"{path.relative_to(ROOT)}: {match.group(0).strip()}"
        for path in TEMPLATES
        for pattern in (INLINE_SCRIPT, EVENT_HANDLER)
        for match in pattern.finditer(path.read_text())
    ]
    assert found == []
