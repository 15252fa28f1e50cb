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


def test_no_template_holds_an_inline_script_or_event_handler():
    assert len(TEMPLATES) > 50
    found = [
        f"{path.relative_to(ROOT)}: {match.group(0).strip()}"
        for path in TEMPLATES
        for pattern in (INLINE_SCRIPT, EVENT_HANDLER)
        for match in pattern.finditer(path.read_text())
    ]
    assert found == []
