"""How much of a list of results fits on the projector's stage, estimated from the texts.

The stage is 1920 × 1080 CSS px at every resolution (live/screen.html, stage.js),
so what fits can be counted on the server: a text of n characters in a box w px wide at a
font of f px takes about n / (w / (0.52 f)) lines. The estimate errs on the safe side; what is
left is absorbed by stage.js, which shrinks the type down to its floor. Kinds use it to split
a long list into pages the facilitator steps through, or, for live walls, to show what fits
and count the rest ("+ N autres"); the text version always has everything.
"""

import math
from collections.abc import Callable, Sequence
from typing import TypeVar

Item = TypeVar("Item")

# A system sans-serif character's average width, as a share of the font size (bold included).
GLYPH = 0.52
LINE_HEIGHT = 1.3


def text_height(text: str, *, width: int, font: int) -> int:
    """The height in px of `text` wrapped in a box `width` px wide, at `font` px."""
    per_line = max(1, int(width / (font * GLYPH)))
    # Wrapping on words leaves the end of each line empty: count lines 10 % fuller.
    lines = max(1, math.ceil(len(text) * 1.1 / per_line))
    return math.ceil(lines * font * LINE_HEIGHT)


def paginate(items: Sequence[Item], *, height: Callable[[Item], int], room: int) -> list[list]:
    """The items in pages of at most `room` px each (an item taller than that alone)."""
    pages: list[list] = []
    page: list = []
    used = 0
    for item in items:
        needed = height(item)
        if page and used + needed > room:
            pages.append(page)
            page, used = [], 0
        page.append(item)
        used += needed
    if page:
        pages.append(page)
    return pages


def fold(items: Sequence[Item], *, height: Callable[[Item], int], room: int) -> tuple[list, int]:
    """The first items that fit in `room` px (none if the first does not), and how many are
    left out."""
    shown: list = []
    used = 0
    for item in items:
        used += height(item)
        if used > room:
            break
        shown.append(item)
    return shown, len(items) - len(shown)


def text_pages(
    texts: Sequence[Item],
    *,
    text_of: Callable[[Item], str],
    width: int,
    font: int,
    room: int,
    chrome: int = 40,
) -> list[dict]:
    """Cards of text in pages (`chrome`: a card's padding and gap, in px); [] when one page
    holds them all. Each page says which of the cards it shows ("3 à 4 sur 40")."""
    pages = paginate(
        texts,
        height=lambda item: text_height(text_of(item), width=width, font=font) + chrome,
        room=room,
    )
    if len(pages) < 2:
        return []
    numbered, start = [], 0
    for page in pages:
        numbered.append({"items": page, "first": start + 1, "last": start + len(page)})
        start += len(page)
    return numbered
