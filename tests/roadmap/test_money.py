"""Amounts are read as people in France type them and shown in French format."""

from decimal import Decimal as D

import pytest

from roadmap.money import (
    AmountError,
    format_euros,
    format_percent,
    input_value,
    money,
    parse_decimal,
)


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("12 345,50", D("12345.50")),
        ("12345.50", D("12345.50")),
        ("12\u202f345,5 €", D("12345.5")),
        ("12\u00a0345", D("12345")),
        ("0,05", D("0.05")),
        (",5", D("0.5")),
        ("  7  ", D("7")),
    ],
)
def test_amounts_are_read_with_a_comma_or_a_point_and_any_spaces(text, value):
    assert parse_decimal(text) == value


@pytest.mark.parametrize("text", ["", "   ", None])
def test_an_empty_amount_is_none(text):
    assert parse_decimal(text) is None


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("douze", "Saisissez un nombre en chiffres"),
        ("1e5", "Saisissez un nombre en chiffres"),
        ("12.345,50", "une seule virgule"),
        ("-100", "ne peut pas être négatif"),
        ("10,123", "2 chiffres au plus après la virgule"),
        ("NaN", "Saisissez un nombre en chiffres"),
    ],
)
def test_unreadable_or_negative_amounts_get_a_french_message(text, message):
    with pytest.raises(AmountError) as error:
        parse_decimal(text)
    assert message in str(error.value)


def test_months_accept_one_decimal_only():
    assert parse_decimal("10,5", places=1) == D("10.5")
    with pytest.raises(AmountError, match="Un chiffre au plus"):
        parse_decimal("10,25", places=1)


def test_euros_are_shown_in_french_format():
    assert format_euros(D("12345.5")) == "12\u202f345,50\u00a0€"
    assert format_euros(D("1234567.005")) == "1\u202f234\u202f567,01\u00a0€"
    assert format_euros(D("0")) == "0,00\u00a0€"
    assert format_euros(D("-1500")) == "-1\u202f500,00\u00a0€"
    assert format_euros(None) == ""


def test_percentages_and_input_values():
    assert format_percent(D("12.5")) == "12,5\u00a0%"
    assert format_percent(None) == "—"
    assert input_value(D("12345.50")) == "12345,50"
    assert input_value(D("10.0"), trim=True) == "10"
    assert input_value(D("0.50"), trim=True) == "0,5"
    assert input_value(None) == ""


def test_money_rounds_half_up_to_the_cent():
    assert money(D("2.675")) == D("2.68")
    assert money(D("2.665")) == D("2.67")


def test_quantities_are_as_short_as_they_can_be():
    from roadmap.money import format_quantity

    assert format_quantity(D("1.00")) == "1"
    assert format_quantity(D("0.20")) == "0,2"
    assert format_quantity(D("12.0")) == "12"
    assert format_quantity(D("12345.5")) == "12\u202f345,5"
    assert format_quantity(D("1E+1")) == "10"
    assert format_quantity(None) == ""
