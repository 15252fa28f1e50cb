"""The list of items the prioritisation kinds share (the ranking, the two-axis matrix, the
points budget): the enjeux or ideas to prioritise, written one per line by the facilitator or
carried over from an earlier workshop (`with_items`), and one number (or two) per item in each
answer, read from form fields named `<prefix>-<item key>`.

Settings: `items` [{"key": a slug, "label": the text}], keys made from the labels unless given,
and kept when the form is saved again with the same labels, so answers stay attached to their
item. Each kind adds its own settings (`clean_settings`) and its own form fields.
"""

from collections.abc import Mapping

from django import forms
from django.core.exceptions import ValidationError
from django.utils.text import slugify
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext

from quizzes.kinds.base import ActivityKind, ExportCell, FormData
from quizzes.kinds.stage_fit import text_pages

MAX_LABEL = 200
# On the stage, a result row is the item's label (37 px, in 1250 px beside its figures) over
# its bar (about 40 px with the gap): about 740 px hold the rows below the title.
ROW_WIDTH = 1250
ROW_FONT = 37
ROW_EXTRA = 40
ROWS_ROOM = 740


def spaces(value) -> str:
    return " ".join(str(value or "").split())


def unique_key(base: str, used: set[str], fallback: str) -> str:
    key = (slugify(base)[:40] or fallback).strip("-") or fallback
    candidate, number = key, 2
    while candidate in used:
        candidate = f"{key}-{number}"
        number += 1
    used.add(candidate)
    return candidate


def whole_number(value) -> int | str:
    """A form field's whole number, or what was typed (kept to show it again with the error)."""
    text = spaces(value)
    try:
        return int(text)
    except ValueError:
        return text


def quoted(labels: list[str], limit: int = 3) -> str:
    """« A », « B », « C »… (the first `limit` of them)."""
    shown = ", ".join(f"« {label} »" for label in labels[:limit])
    return shown + ("…" if len(labels) > limit else "")


class ItemsSettingsForm(forms.Form):
    items = forms.CharField(
        label=gettext_lazy("Éléments à prioriser"),
        help_text=gettext_lazy(
            "Un élément par ligne (les enjeux, les idées…), dans l'ordre où les téléphones "
            "les montrent."
        ),
        widget=forms.Textarea(attrs={"rows": 8}),
    )


class ItemsKind(ActivityKind):
    """A kind whose settings are a list of items, each given a number (or two) per answer."""

    # Each template has a `waiting` partial: the items, while the results are hidden.
    extra_fragments = frozenset({"waiting"})
    min_items = 2
    max_items = 12
    # The answer's mapping {item key: value} and the phone's fields, `<prefix>-<item key>`.
    answer_field = ""

    def results_use_participants(self, *, config: dict) -> bool:
        return False  # the results read the answers only

    # Settings -------------------------------------------------------------------------
    def default_config(self) -> dict:
        return {"items": []}

    def clean_settings(self, config: dict) -> dict:
        """The kind's own settings, beside `items`; raise ValidationError in French."""
        return {}

    def clean_config(self, config: dict) -> dict:
        config = {**self.default_config(), **(config or {})}
        items, used = [], set()
        for raw in config.get("items") or []:
            raw = raw if isinstance(raw, dict) else {"label": raw}
            label = spaces(raw.get("label"))
            if not label:
                continue
            if len(label) > MAX_LABEL:
                raise ValidationError(
                    _("L'élément « %(label)s… » dépasse %(max)d caractères.")
                    % {"label": label[:30], "max": MAX_LABEL},
                    code="items",
                )
            if label.lower() in {item["label"].lower() for item in items}:
                raise ValidationError(
                    _("L'élément « %(label)s » est écrit deux fois.") % {"label": label},
                    code="items",
                )
            key = slugify(spaces(raw.get("key")))[:60]
            if key and key not in used:
                used.add(key)
            else:
                key = unique_key(label, used, f"element-{len(items) + 1}")
            items.append({"key": key, "label": label})
        if len(items) < self.min_items:
            raise ValidationError(
                _("Il faut au moins %(min)d éléments à prioriser.") % {"min": self.min_items},
                code="items",
            )
        if len(items) > self.max_items:
            raise ValidationError(
                _("%(count)d éléments : cette activité en prend %(max)d au plus.")
                % {"count": len(items), "max": self.max_items},
                code="items",
            )
        return {"items": items, **self.clean_settings(config)}

    def with_items(self, *, config: dict, items: list[dict]) -> dict | None:
        return self.clean_config({**self.default_config(), **(config or {}), "items": items})

    def config_form(self) -> type[forms.Form]:
        return ItemsSettingsForm

    def config_initial(self, config: dict) -> dict:
        return {"items": "\n".join(item["label"] for item in config.get("items", []))}

    def config_from_form(self, data: dict, *, current: dict) -> dict:
        # Labels kept as they were keep their keys (and so the answers to them).
        keys = {item["label"].lower(): item["key"] for item in (current or {}).get("items", [])}
        items = []
        for line in (data.get("items") or "").splitlines():
            label = spaces(line)
            if label:
                items.append({"key": keys.get(label.lower(), ""), "label": label})
        return {**(current or {}), "items": items}

    def example_items(self) -> list[dict]:
        return [
            {"label": "Former les aidant·es numériques"},
            {"label": "Ouvrir des lieux de médiation le samedi"},
            {"label": "Équiper les familles en ordinateurs"},
        ]

    # Answers --------------------------------------------------------------------------
    def numbers_from_form(self, form: FormData, prefix: str) -> dict[str, int | str]:
        """{item key: the number in field `<prefix>-<key>`}, empty fields left out."""
        numbers = {}
        for name, values in form.items():
            if name.startswith(f"{prefix}-") and values and spaces(values[0]):
                numbers[name[len(prefix) + 1 :]] = whole_number(values[0])
        return numbers

    def answer_values(self, config: dict, answer: dict) -> dict:
        """The answer's mapping {item key: value}; refused when malformed or when it names an
        item that is not in the list."""
        raw = (answer or {}).get(self.answer_field)
        if raw is None:
            raw = {}
        if not isinstance(raw, dict):
            raise ValidationError(_("Réponse mal formée : rechargez la page."), code="bad")
        keys = {item["key"] for item in config["items"]}
        if set(raw) - keys:
            raise ValidationError(
                _("Un élément de la réponse ne fait pas partie de la liste : rechargez la page."),
                code="unknown",
            )
        return raw

    def missing(self, config: dict, values: dict, *, verb: str) -> None:
        """Refuses an answer that leaves items without a value: "Il reste 2 éléments à
        <verb> : « A », « B »."."""
        left = [item["label"] for item in config["items"] if item["key"] not in values]
        if left:
            raise ValidationError(
                ngettext(
                    "Il reste %(count)d élément à %(verb)s",
                    "Il reste %(count)d éléments à %(verb)s",
                    len(left),
                )
                % {"count": len(left), "verb": verb}
                + " : "
                + quoted(left)
                + ("" if len(left) > 3 else "."),
                code="missing",
            )

    def labels(self, config: dict) -> dict[str, str]:
        return {item["key"]: item["label"] for item in config["items"]}

    def export_cells(
        self, *, config: dict, answers: list[dict], answers_by_id: Mapping[int, dict]
    ) -> list[ExportCell]:
        """A column per item, with this person's number for it (a rank, points)."""
        given = next(iter(answers), {}).get(self.answer_field) or {}
        return [
            ExportCell(label=item["label"], value=str(given.get(item["key"], "")))
            for item in config["items"]
        ]

    def screen_pages(self, *, results: dict) -> list[dict]:
        """The result rows (`results["rows"]`, each with its `label`) in pages when they do not
        fit below the title."""
        return text_pages(
            results["rows"],
            text_of=lambda row: row["label"],
            width=ROW_WIDTH,
            font=ROW_FONT,
            room=ROWS_ROOM,
            chrome=ROW_EXTRA,
        )

    @staticmethod
    def valid_answers(answers: list[dict], field: str) -> list[dict]:
        return [a.get(field) for a in answers if isinstance(a.get(field), dict)]
