"""`{% kind_styles %}`: the stylesheets of the activity kinds a page shows, and only those.

A page that shows one kind (the authoring preview, the phone's results) names it; the live
pages (projector, régie, remote, phone) and the synthesis name their workshop, since pushes
change the kind on screen without reloading the page: they link every kind the workshop uses.
"""

from django import template
from django.templatetags.static import static
from django.utils.html import format_html_join
from django.utils.safestring import SafeString

from quizzes.kinds import KINDS, get_kind
from quizzes.kinds.base import ActivityKind
from quizzes.models import Activity

register = template.Library()


@register.simple_tag
def kind_styles(*, kind: ActivityKind | str | None = None, workshop=None) -> SafeString:
    if kind is not None:
        kinds = [get_kind(kind) if isinstance(kind, str) else kind]
    else:
        used = set(Activity.objects.filter(step__workshop=workshop).values_list("kind", flat=True))
        kinds = [registered for name, registered in KINDS.items() if name in used]
    paths = dict.fromkeys(path for each in kinds for path in each.stylesheets)
    return format_html_join(
        "\n", '<link rel="stylesheet" href="{}">', ((static(path),) for path in paths)
    )
