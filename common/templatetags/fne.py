import re

from django import template

register = template.Library()


@register.filter(name="get")
def get_item(mapping, key):
    """`{{ values|get:field.name }}`: a dict's value for a key held in a variable."""
    if hasattr(mapping, "get"):
        return mapping.get(key, "")
    return ""


@register.filter
def total(mapping):
    """`{{ values.points|total }}`: the sum of a dict's whole numbers (others left out)."""
    if not hasattr(mapping, "values"):
        return 0
    return sum(v for v in mapping.values() if isinstance(v, int) and not isinstance(v, bool))


# French typography: a narrow no-break space before ? ! : ; % and inside « », so that a "?" is
# never left alone at the start of a line (a projected title wraps where the room is).
_BEFORE = re.compile(r"[ \u00a0]([?!:;%»])")
_AFTER = re.compile(r"«[ \u00a0]")


@register.filter(is_safe=True)
def french_spaces(text):
    """Spaces before French high punctuation made narrow and unbreakable (U+202F)."""
    text = _BEFORE.sub("\u202f\\1", str(text))
    return _AFTER.sub("«\u202f", text)
