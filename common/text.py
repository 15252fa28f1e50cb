"""Text as we store and export it: without control characters.

A control character typed or pasted into a field (a stray U+0007 in a tour de table card, a
NUL, an ESC from a terminal, a C1 code from text decoded with the wrong charset) shows nothing,
but XML refuses most of them: the XLSX and DOCX exports then failed for the whole session or
roadmap, and PostgreSQL refuses a NUL in text and JSON. So they are stripped, not refused:
nobody can see, let alone remove, what the error would be about.

Kept: tab, line feed and carriage return (XML allows them, and browsers send every line break
of a textarea as CR LF). Stripped with them: lone surrogates (a WebSocket's JSON may carry
"\\ud800"; no database can store one) and U+FFFE/U+FFFF, which XML refuses too.

Used at the input (`fne92.middleware.strip_controls_from_forms` for every HTTP form,
`live.answers.record_answers` for every answer, WebSocket included) and at the output
(`common.spreadsheets.safe_cell`, the DOCX exports) for what was stored before.
"""

import re
from typing import Any

CONTROLS = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ud800-\udfff\ufffe\uffff]")


def without_controls(value: Any) -> Any:
    """`value` without control characters: a text, or the texts (keys included) of the lists,
    tuples and dicts nested in it (JSON data, rows of a table). Anything else as it is."""
    if isinstance(value, str):
        return CONTROLS.sub("", value)
    if isinstance(value, list | tuple):
        return type(value)(without_controls(item) for item in value)
    if isinstance(value, dict):
        return {without_controls(key): without_controls(item) for key, item in value.items()}
    return value
