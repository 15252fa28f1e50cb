from django import template

register = template.Library()


@register.filter(name="get")
def get_item(mapping, key):
    """`{{ values|get:field.name }}`: a dict's value for a key held in a variable."""
    if hasattr(mapping, "get"):
        return mapping.get(key, "")
    return ""
