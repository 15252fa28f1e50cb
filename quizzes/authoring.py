"""Facilitators write activities in the app: a form per kind, built from the kind itself
(`ActivityKind.config_form`), and a preview of the phone and the projector.

Nothing here knows a kind: vote, tour de table, idea board and the kinds to come all go
through `ActivityKind.config_form` / `config_initial` / `config_from_form` / `clean_config`.
"""

import copy
from dataclasses import dataclass, field

from django import forms
from django.core.exceptions import ValidationError

from quizzes.forms import ActivityForm
from quizzes.kinds import get_kind
from quizzes.kinds.base import ActivityKind
from quizzes.models import Activity

CONFIG_PREFIX = "reglages"


@dataclass
class PreviewRun:
    """What a preview shows of a run: open, its results shown, nothing revealed, no state.
    The kinds and their fragments read only these of a run; authoring never touches the
    stored runs (the live app's `ActivityRun`)."""

    is_open: bool = True
    show_results: bool = True
    is_revealed: bool = False
    state: dict = field(default_factory=dict)


@dataclass
class ActivityForms:
    """The two forms of an activity's page: what every activity has, and its kind's settings."""

    kind: ActivityKind
    activity: ActivityForm
    settings: forms.Form

    def __iter__(self):
        return iter((self.activity, self.settings))


def activity_forms(*, kind: ActivityKind, data=None, activity: Activity | None = None):
    """The forms to create (`activity` None) or edit an activity of `kind`."""
    config = activity.config if activity is not None else kind.default_config()
    settings_class = kind.config_form()
    return ActivityForms(
        kind=kind,
        activity=ActivityForm(
            data,
            initial=(
                {
                    "title": activity.title,
                    "prompt": activity.prompt,
                    "timer_seconds": activity.timer_seconds or None,
                }
                if activity
                else None
            ),
            prefix="activite",
        ),
        settings=settings_class(data, initial=kind.config_initial(config), prefix=CONFIG_PREFIX),
    )


def cleaned_config(*, forms_: ActivityForms, current: dict | None = None) -> dict | None:
    """The checked settings, or None with the errors put beside their fields."""
    settings = forms_.settings
    if not settings.is_valid():
        return None
    kind = forms_.kind
    try:
        # A new activity starts from the kind's defaults (the idea board's column keys).
        config = kind.config_from_form(
            settings.cleaned_data, current=current or kind.default_config()
        )
        return kind.clean_config(config)
    except ValidationError as error:
        for item in error.error_list:
            field = item.code if item.code in settings.fields else None
            settings.add_error(field, item)
        return None


def save_activity(*, forms_: ActivityForms, activity: Activity | None = None) -> Activity | None:
    """Store the activity if both forms are valid; None (errors on the forms) otherwise."""
    config = cleaned_config(forms_=forms_, current=activity.config if activity else None)
    if not forms_.activity.is_valid() or config is None:
        return None
    activity = activity or Activity()
    activity.kind = forms_.kind.name
    activity.title = forms_.activity.cleaned_data["title"]
    activity.prompt = forms_.activity.cleaned_data["prompt"]
    activity.timer_seconds = forms_.activity.cleaned_data.get("timer_seconds") or 0
    activity.config = config
    activity.full_clean()
    activity.save()
    return activity


def preview(*, forms_: ActivityForms, current: dict | None = None) -> dict:
    """What the phone and the projector would show, from the forms as typed (not saved).

    Returns the context of `quizzes/_preview.html`: `ok` False (and the forms' errors) when
    the settings can't be previewed yet."""
    config = cleaned_config(forms_=forms_, current=current)
    if config is None:
        return {"ok": False}
    typed = forms_.activity
    activity = Activity(
        kind=forms_.kind.name,
        title=typed.data.get(typed.add_prefix("title"), ""),
        prompt=typed.data.get(typed.add_prefix("prompt"), ""),
        config=config,
    )
    return preview_of(activity=activity)


def preview_of(*, activity: Activity) -> dict:
    """The phone's form and the projector's results of an activity with no answer yet."""
    kind = get_kind(activity.kind)
    run = PreviewRun()
    context = {
        "ok": True,
        "activity": activity,
        "kind": kind,
        "run": run,
        "values": {},
        "phone_fragment": kind.fragment("phone"),
        "results_fragment": kind.fragment("results"),
        "answering": True,
        "results": kind.results_context(activity=activity, run=run, responses=[]),
    }
    context.update(kind.phone_context(activity=activity, run=None, participant=None))
    return context


def preview_of_defaults(*, kind: ActivityKind) -> dict:
    """The preview of a new activity, before anything is typed (if its defaults are
    complete settings: a vote has no option yet)."""
    try:
        config = kind.clean_config(kind.default_config())
    except ValidationError:
        return {"ok": False}
    return preview_of(activity=Activity(kind=kind.name, title="", prompt="", config=config))


def copy_activity(*, activity: Activity, title: str | None = None) -> Activity:
    """A new activity with the same kind, texts and settings; no run, no answer."""
    return Activity.objects.create(
        kind=activity.kind,
        title=title or activity.title,
        prompt=activity.prompt,
        config=copy.deepcopy(activity.config),
        timer_seconds=activity.timer_seconds,
        lineage_id=activity.lineage_id or activity.pk,
    )


def has_lineage(*, activity_ids: list[int]) -> set[int]:
    """Which of these activities have a copy or an original to compare with."""
    copied = set(
        Activity.objects.filter(lineage_id__in=activity_ids).values_list("lineage_id", flat=True)
    )
    copies = set(
        Activity.objects.filter(pk__in=activity_ids, lineage__isnull=False).values_list(
            "pk", flat=True
        )
    )
    return copied | copies
