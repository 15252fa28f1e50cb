"""Classification (classement): a few categories and items to sort into them, each item with
its expected category. On the phone, one radio group per item (touch and keyboard alike); on
the projector, a matrix items × categories that fills live, the rows where the room hesitates
flagged; the reveal marks each row right or wrong with the share of the room that got it, and
each phone gets its own correction.

Settings: `categories` [{"key", "title"}] and `items` [{"key", "text", "category": a category's
key}]. Keys are made from the titles and texts (slugs) unless given, and kept when the form is
saved again with the same titles, so answers stay attached to their item and category.
An answer is `{"choices": {item key: category key}}`, every item classified.
"""

from collections.abc import Mapping

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext

from quizzes.kinds.base import ActivityKind, ExportCell, FormData
from quizzes.kinds.item_list import spaces, unique_key

# Where the room hesitates: no category gathers this share of the item's answers.
AGREEMENT_PERCENT = 60
MAX_CATEGORIES = 8
MAX_ITEMS = 30
ITEM_FIELD = "item-"  # the phone's radio groups are named item-<item key>
SEPARATOR = "=>"


class ClassifySettingsForm(forms.Form):
    categories = forms.CharField(
        label=gettext_lazy("Catégories"),
        help_text=gettext_lazy("Une catégorie par ligne, de 2 à 8."),
        widget=forms.Textarea(attrs={"rows": 4}),
    )
    items = forms.CharField(
        label=gettext_lazy("Éléments à classer"),
        help_text=gettext_lazy(
            "Un élément par ligne, suivi de « => » et de sa catégorie, écrite comme "
            "ci-dessus. Exemple : « Apprendre la programmation avec Scratch => médiation "
            "scientifique ». De 1 à 30 éléments, dans l'ordre où les téléphones les montrent."
        ),
        widget=forms.Textarea(attrs={"rows": 10}),
    )


class Classify(ActivityKind):
    name = "classify"
    extra_fragments = frozenset({"waiting"})
    label = gettext_lazy("Classement")
    description = gettext_lazy(
        "Des éléments à ranger chacun dans une catégorie ; à l'écran, la grille se remplit, "
        "puis la correction."
    )
    graded = True
    tallied = True  # the grid counts each item's categories, nothing else of the answers

    # Settings -------------------------------------------------------------------------
    def default_config(self) -> dict:
        return {"categories": [], "items": []}

    def clean_config(self, config: dict) -> dict:
        config = super().clean_config(config)
        categories, used = [], set()
        for raw in config.get("categories") or []:
            raw = raw if isinstance(raw, dict) else {"title": raw}
            title = spaces(raw.get("title"))
            if not title:
                continue
            if len(title) > 80:
                raise ValidationError(
                    _("La catégorie « %(title)s… » dépasse 80 caractères.") % {"title": title[:30]},
                    code="categories",
                )
            if title.lower() in {c["title"].lower() for c in categories}:
                raise ValidationError(
                    _("La catégorie « %(title)s » est écrite deux fois.") % {"title": title},
                    code="categories",
                )
            key = spaces(raw.get("key"))
            if key and key not in used:
                used.add(key)
            else:
                key = unique_key(title, used, f"categorie-{len(categories) + 1}")
            categories.append({"key": key, "title": title})
        if len(categories) < 2:
            raise ValidationError(_("Un classement a au moins deux catégories."), code="categories")
        if len(categories) > MAX_CATEGORIES:
            raise ValidationError(
                _("Un classement a au plus %(max)d catégories.") % {"max": MAX_CATEGORIES},
                code="categories",
            )
        # An item's category may be given by its key or its title (any case).
        by_name = {c["key"]: c["key"] for c in categories}
        by_name.update({c["title"].lower(): c["key"] for c in categories})
        items, used = [], set()
        for raw in config.get("items") or []:
            if not isinstance(raw, dict):
                raise ValidationError(
                    _("Chaque élément a un texte et une catégorie."), code="items"
                )
            text = spaces(raw.get("text"))
            category = spaces(raw.get("category"))
            if not text and not category:
                continue
            if not text:
                raise ValidationError(
                    _("Un élément classé en « %(category)s » n'a pas de texte.")
                    % {"category": category},
                    code="items",
                )
            if len(text) > 200:
                raise ValidationError(
                    _("L'élément « %(text)s… » dépasse 200 caractères.") % {"text": text[:30]},
                    code="items",
                )
            if text.lower() in {i["text"].lower() for i in items}:
                raise ValidationError(
                    _("L'élément « %(text)s » est écrit deux fois.") % {"text": text},
                    code="items",
                )
            if not category:
                raise ValidationError(
                    _(
                        "L'élément « %(text)s » n'a pas de catégorie : ajoutez « => » et sa "
                        "catégorie."
                    )
                    % {"text": text},
                    code="items",
                )
            key = by_name.get(category) or by_name.get(category.lower())
            if key is None:
                raise ValidationError(
                    _(
                        "« %(category)s » (pour « %(text)s ») n'est pas une des catégories : "
                        "%(categories)s."
                    )
                    % {
                        "category": category,
                        "text": text,
                        "categories": ", ".join(f"« {c['title']} »" for c in categories),
                    },
                    code="items",
                )
            item_key = spaces(raw.get("key"))
            if item_key and item_key not in used:
                used.add(item_key)
            else:
                item_key = unique_key(text, used, f"element-{len(items) + 1}")
            items.append({"key": item_key, "text": text, "category": key})
        if not items:
            raise ValidationError(_("Un classement a au moins un élément à classer."), code="items")
        if len(items) > MAX_ITEMS:
            raise ValidationError(
                _("Un classement a au plus %(max)d éléments.") % {"max": MAX_ITEMS}, code="items"
            )
        return {"categories": categories, "items": items}

    def config_form(self) -> type[forms.Form]:
        return ClassifySettingsForm

    def config_initial(self, config: dict) -> dict:
        titles = {c["key"]: c["title"] for c in config.get("categories", [])}
        return {
            "categories": "\n".join(c["title"] for c in config.get("categories", [])),
            "items": "\n".join(
                f"{i['text']} {SEPARATOR} {titles.get(i['category'], i['category'])}"
                for i in config.get("items", [])
            ),
        }

    def config_from_form(self, data: dict, *, current: dict) -> dict:
        # Titles and texts kept as they were keep their keys (and so the answers to them).
        category_keys = {
            c["title"].lower(): c["key"] for c in (current or {}).get("categories", [])
        }
        item_keys = {i["text"].lower(): i["key"] for i in (current or {}).get("items", [])}
        categories = []
        for line in (data.get("categories") or "").splitlines():
            title = spaces(line)
            if title:
                categories.append({"key": category_keys.get(title.lower(), ""), "title": title})
        items = []
        for number, line in enumerate((data.get("items") or "").splitlines(), start=1):
            if not line.strip():
                continue  # a blank line between items is only layout
            text, separator, category = line.rpartition(SEPARATOR)
            if not separator:
                raise ValidationError(
                    _(
                        "Ligne %(number)d : « %(line)s » n'a pas de catégorie. Écrivez "
                        "« élément => catégorie »."
                    )
                    % {"number": number, "line": spaces(line)},
                    code="items",
                )
            text, category = spaces(text), spaces(category)
            if not text or not category:
                raise ValidationError(
                    _("Ligne %(number)d : l'élément ou sa catégorie est vide.")
                    % {"number": number},
                    code="items",
                )
            items.append(
                {"key": item_keys.get(text.lower(), ""), "text": text, "category": category}
            )
        return {"categories": categories, "items": items}

    # Answers --------------------------------------------------------------------------
    def example_config(self) -> dict:
        return {
            "categories": ["médiation sociale", "médiation numérique"],
            "items": [{"text": "Utiliser le site de la CAF", "category": "médiation sociale"}],
        }

    def example_answer(self, *, config: dict) -> dict:
        return {"choices": {item["key"]: item["category"] for item in config["items"]}}

    def answer_from_form(self, form: FormData) -> dict:
        return {
            "choices": {
                key[len(ITEM_FIELD) :]: (values[0] if values else "")
                for key, values in form.items()
                if key.startswith(ITEM_FIELD)
            }
        }

    def clean_answer(self, *, config: dict, answer: dict) -> dict:
        raw = answer.get("choices")
        if not isinstance(raw, dict):
            raise ValidationError(_("Réponse mal formée : rechargez la page."), code="bad")
        categories = {c["key"] for c in config["categories"]}
        items = {i["key"] for i in config["items"]}
        choices = {str(k): str(v) for k, v in raw.items() if v not in (None, "")}
        if set(choices) - items or set(choices.values()) - categories:
            raise ValidationError(
                _("Ce choix ne fait pas partie du classement : rechargez la page."), code="bad"
            )
        missing = [i["text"] for i in config["items"] if i["key"] not in choices]
        if missing:
            shown = ", ".join(f"« {text} »" for text in missing[:3])
            raise ValidationError(
                ngettext(
                    "Il reste %(count)d élément à classer",
                    "Il reste %(count)d éléments à classer",
                    len(missing),
                )
                % {"count": len(missing)}
                + " : "
                + shown
                + ("…" if len(missing) > 3 else "."),
                code="missing",
            )
        # In the order of the items (a JSON column may not keep the keys' order).
        return {"choices": {i["key"]: choices[i["key"]] for i in config["items"]}}

    def check_in_run(self, *, run, participant_id: int, slot: str, answer: dict) -> dict:
        if run.is_revealed:
            raise ValidationError(
                _("La correction est dévoilée : les réponses sont closes."), code="revealed"
            )
        return answer

    def summary(self, *, config: dict, answer: dict) -> str:
        titles = {c["key"]: c["title"] for c in config["categories"]}
        choices = answer.get("choices") or {}
        return " · ".join(
            f"{i['text']} → {titles.get(choices[i['key']], '?')}"
            for i in config["items"]
            if i["key"] in choices
        )

    def grade(self, *, config: dict, answer: dict) -> dict | None:
        titles = {c["key"]: c["title"] for c in config["categories"]}
        choices = (answer or {}).get("choices") or {}
        rows = []
        for item in config["items"]:
            chosen = choices.get(item["key"], "")
            rows.append(
                {
                    "text": item["text"],
                    "expected": titles.get(item["category"], ""),
                    "chosen": titles.get(chosen, ""),
                    "right": chosen == item["category"],
                }
            )
        right = sum(row["right"] for row in rows)
        return {"items": rows, "right": right, "total": len(rows), "all_right": right == len(rows)}

    def export_cells(
        self, *, config: dict, answers: list[dict], answers_by_id: Mapping[int, dict]
    ) -> list[ExportCell]:
        graded = self.grade(config=config, answer=next(iter(answers), {}))
        return [
            ExportCell(
                label=row["text"], value=row["chosen"], right=row["right"], expected=row["expected"]
            )
            for row in graded["items"]
        ]

    # Results --------------------------------------------------------------------------
    def aggregate_tally(
        self, *, config: dict, tally: list[tuple[dict, int]], state: dict | None = None
    ) -> dict:
        categories = config["categories"]
        rows = []
        for item in config["items"]:
            counts = {c["key"]: 0 for c in categories}
            for answer, given in tally:
                chosen = (answer.get("choices") or {}).get(item["key"])
                if chosen in counts:
                    counts[chosen] += given
            total = sum(counts.values())
            top = max(counts.values()) if counts else 0
            leaders = [key for key, count in counts.items() if total and count == top]
            right = counts.get(item["category"], 0)
            cells = [
                {
                    "key": c["key"],
                    "title": c["title"],
                    "count": counts[c["key"]],
                    "percent": round(100 * counts[c["key"]] / total) if total else 0,
                    # The cell's tint rises with its share, by tenths (a CSS class each).
                    "tint": round(10 * counts[c["key"]] / total) * 10 if total else 0,
                    "leading": c["key"] in leaders,
                    "expected": c["key"] == item["category"],
                }
                for c in categories
            ]
            rows.append(
                {
                    "key": item["key"],
                    "text": item["text"],
                    "expected": item["category"],
                    "expected_title": next(
                        (c["title"] for c in categories if c["key"] == item["category"]), ""
                    ),
                    "total": total,
                    "cells": cells,
                    # Only the categories chosen for it (the text version stays short).
                    "answered": [cell for cell in cells if cell["count"]],
                    # No category gathers AGREEMENT_PERCENT % of the answers to this item.
                    "disagreement": bool(total) and 100 * top < AGREEMENT_PERCENT * total,
                    "right_count": right,
                    "right_percent": round(100 * right / total) if total else 0,
                    # The room got it: the expected category leads, alone.
                    "room_right": leaders == [item["category"]],
                }
            )
        return {
            "count": sum(given for _, given in tally),
            "categories": categories,
            "rows": rows,
            "hesitations": sum(row["disagreement"] for row in rows),
            "rows_right": sum(row["room_right"] for row in rows),
            "threshold": AGREEMENT_PERCENT,
            "revealed": False,  # see results_context
        }

    def results_from_tally(self, *, activity, run, tally: list[tuple[dict, int]]) -> dict:
        results = super().results_from_tally(activity=activity, run=run, tally=tally)
        # The rows are marked right or wrong once the correction is revealed.
        results["revealed"] = bool(run and run.is_revealed)
        return results


KIND = Classify()
