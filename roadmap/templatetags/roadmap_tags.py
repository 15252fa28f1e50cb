from decimal import Decimal

from django import template

from roadmap.money import format_euros, format_number, format_percent, format_quantity

register = template.Library()


@register.filter
def euros(value: Decimal | None) -> str:
    """12345.5 → "12 345,50 €" (French format, no-break spaces)."""
    return format_euros(value)


@register.filter
def percent(value: Decimal | None) -> str:
    return format_percent(value)


@register.filter
def number(value: Decimal | None, places: int | None = None) -> str:
    """A quantity (not euros): "1 234", "0,5"; `number:2` forces two decimals."""
    if value is None:
        return ""
    if places is None:
        return format_quantity(value)
    return format_number(value, places=int(places))


@register.filter
def get_item(mapping: dict, key):
    return mapping.get(key) if mapping else None
