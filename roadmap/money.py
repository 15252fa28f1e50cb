"""Euros as people in France write them ("12 345,50 €"), read into exact Decimals and back."""

import re
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation

from django.utils.translation import gettext as _

CENT = Decimal("0.01")
THOUSANDS = "\u202f"  # narrow no-break space, as French typography and Django's "fr" use
BEFORE_UNIT = "\u00a0"  # no-break space: "€" never starts a line
_SPACES = re.compile(r"[\s\u00a0\u202f\u2009]+")


class AmountError(ValueError):
    """A number that cannot be read; its message is the French sentence shown to the user."""


def money(value: Decimal | int | str) -> Decimal:
    """Rounded to the cent, half up (the rounding people expect on an invoice)."""
    return Decimal(value).quantize(CENT, rounding=ROUND_HALF_UP)


def parse_decimal(text: str, *, places: int = 2, allow_negative: bool = False) -> Decimal | None:
    """Read "12 345,50", "12345.50", "12 345 €"; None when empty; AmountError otherwise."""
    cleaned = _SPACES.sub("", str(text or "")).replace("€", "")
    if not cleaned:
        return None
    if "," in cleaned and "." in cleaned:
        raise AmountError(
            _("Utilisez une seule virgule pour les décimales, sans point : par exemple 12 345,50.")
        )
    cleaned = cleaned.replace(",", ".")
    if not re.fullmatch(r"[+-]?\d+(\.\d*)?|[+-]?\.\d+", cleaned):
        raise AmountError(_("Saisissez un nombre en chiffres, par exemple 12 345,50."))
    try:
        value = Decimal(cleaned)
    except InvalidOperation as error:  # pragma: no cover - the pattern above rules it out
        raise AmountError(_("Saisissez un nombre en chiffres, par exemple 12 345,50.")) from error
    if value < 0 and not allow_negative:
        raise AmountError(_("Ce nombre ne peut pas être négatif."))
    if -value.as_tuple().exponent > places:
        if places == 0:
            raise AmountError(_("Saisissez un nombre entier."))
        raise AmountError(
            _("%(places)s chiffres au plus après la virgule.") % {"places": places}
            if places > 1
            else _("Un chiffre au plus après la virgule.")
        )
    return value


def format_number(value: Decimal | int | None, *, places: int = 2) -> str:
    """12345.5 → "12 345,50" (narrow no-break spaces between thousands)."""
    if value is None:
        return ""
    quantum = Decimal(1).scaleb(-places)
    rounded = Decimal(value).quantize(quantum, rounding=ROUND_HALF_UP)
    sign = "-" if rounded < 0 else ""
    integer, _dot, decimals = f"{abs(rounded):f}".partition(".")
    groups = []
    while len(integer) > 3:
        groups.insert(0, integer[-3:])
        integer = integer[:-3]
    groups.insert(0, integer)
    text = sign + THOUSANDS.join(groups)
    return f"{text},{decimals}" if places else text


def format_quantity(value: Decimal | int | None) -> str:
    """A quantity as short as it can be: 1.00 → "1", 0.20 → "0,2", 12345.5 → "12 345,5"."""
    if value is None:
        return ""
    places = max(0, -Decimal(value).normalize().as_tuple().exponent)
    return format_number(value, places=places)


def format_euros(value: Decimal | int | None) -> str:
    """12345.5 → "12 345,50 €"; empty for no value."""
    if value is None:
        return ""
    return format_number(value) + BEFORE_UNIT + "€"


def format_percent(value: Decimal | None) -> str:
    """Decimal("12.5") → "12,5 %"."""
    if value is None:
        return "—"
    return format_number(value, places=1) + BEFORE_UNIT + "%"


def input_value(value: Decimal | None, *, trim: bool = False) -> str:
    """How a stored number is put back in a text input, easy to edit and to read again:
    "12345,50" for an amount, "0,5" for a quantity (`trim` drops the trailing zeros)."""
    if value is None:
        return ""
    text = f"{Decimal(value):f}"
    if trim and "." in text:
        text = text.rstrip("0").rstrip(".")
    return text.replace(".", ",")
