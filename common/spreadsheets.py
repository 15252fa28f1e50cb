"""What every spreadsheet export (XLSX, CSV) does to text it did not write itself.

A cell whose text starts with `=`, `+`, `-` or `@` (or a tab or carriage return, which some
programs skip before looking) is read as a formula by Excel and LibreOffice: a participant's or
a partner's text could then run a formula on the coordinator's machine (OWASP "CSV injection").
Such text is kept, prefixed with an apostrophe, so it is shown and never evaluated.
Control characters are stripped first (`common.text`): openpyxl refuses most of them.
"""

from typing import Any

from common.text import without_controls

FORMULA_TRIGGERS = ("=", "+", "-", "@", "\t", "\r")


def safe_cell(value: Any) -> Any:
    """The value to write in a cell: numbers, dates and booleans as they are, text neutralised."""
    if not isinstance(value, str):
        return value
    value = without_controls(value)
    if value.startswith(FORMULA_TRIGGERS):
        return "'" + value
    return value


def safe_row(values: list[Any]) -> list[Any]:
    """`safe_cell` applied to every cell of a row."""
    return [safe_cell(value) for value in values]
