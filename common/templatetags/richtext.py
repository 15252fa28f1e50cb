from django import template

from common.richtext import render_richtext

register = template.Library()


@register.filter(name="richtext")
def richtext_filter(text: str):
    return render_richtext(text)
