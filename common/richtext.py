"""Slide text: a small Markdown, rendered then sanitised so no markup typed by a user runs."""

import functools
import html

import markdown
import nh3
from django.utils.safestring import SafeString, mark_safe

ALLOWED_TAGS = {
    "h2",
    "h3",
    "h4",
    "p",
    "ul",
    "ol",
    "li",
    "blockquote",
    "strong",
    "em",
    "a",
    "br",
    "hr",
}
ALLOWED_ATTRIBUTES = {"a": {"href", "title"}}


# The same slide text is shown again and again (every screen, the régie, each phone that
# gets a render of its own, the remote): rendered once per text and process.
@functools.lru_cache(maxsize=512)
def render_richtext(text: str) -> SafeString:
    """Render the facilitator's text: headings, lists, quotes, emphasis and links only.

    A "#" heading becomes an h2: the slide's own title is the page's h1.
    """
    html = markdown.markdown(text or "", extensions=["sane_lists"], output_format="html")
    for level in (3, 2, 1):
        html = html.replace(f"<h{level}>", f"<h{level + 1}>").replace(
            f"</h{level}>", f"</h{level + 1}>"
        )
    cleaned = nh3.clean(
        html,
        tags=ALLOWED_TAGS,
        attributes=ALLOWED_ATTRIBUTES,
        url_schemes={"http", "https", "mailto"},
        link_rel="noopener noreferrer",
    )
    return mark_safe(cleaned)  # noqa: S308 - sanitised by nh3 just above


def plain_text(text: str) -> str:
    """The text without its markup, for exports and text alternatives."""
    return html.unescape(nh3.clean(str(render_richtext(text)), tags=set())).strip()
