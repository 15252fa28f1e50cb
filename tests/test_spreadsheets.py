"""Text written into spreadsheets is never read back as a formula."""

import datetime as dt
from decimal import Decimal
from io import BytesIO

import pytest
from openpyxl import Workbook, load_workbook

from common.spreadsheets import safe_cell, safe_row


@pytest.mark.parametrize(
    "text", ["=1+1", "+33 1 23", "-2+3", "@SUM(A1)", "\t=1+1", "\r=1+1", '=HYPERLINK("x")']
)
def test_text_that_would_run_as_a_formula_is_prefixed_with_an_apostrophe(text):
    assert safe_cell(text) == "'" + text


@pytest.mark.parametrize("value", ["Centre social", "", "12 345,00 €", "a=b", "Préfecture 92"])
def test_ordinary_text_is_left_alone(value):
    assert safe_cell(value) == value


@pytest.mark.parametrize("value", [Decimal("-12.50"), -3, 2.5, dt.date(2025, 1, 2), True, None])
def test_numbers_dates_and_empty_cells_are_kept_as_they_are(value):
    assert safe_cell(value) is value


def test_a_neutralised_cell_comes_back_from_xlsx_as_text_not_a_formula():
    book = Workbook()
    book.active.append(safe_row(["=cmd|' /C calc'!A0", Decimal("10.00")]))
    buffer = BytesIO()
    book.save(buffer)
    cell, amount = next(load_workbook(BytesIO(buffer.getvalue())).active.iter_rows())
    assert cell.data_type == "s"
    assert cell.value == "'=cmd|' /C calc'!A0"
    assert amount.value == 10
