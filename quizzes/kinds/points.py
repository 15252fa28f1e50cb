"""Points budget (répartition de points): each person spreads N points over the items, as many
on one item as they like. On the phone, a number field per item; the server refuses a total
over the budget, saying by how much, and keeps what was typed. A total under the budget is
taken (the points left are said on the phone): nobody is forced to give points to an item they
do not support. On the projector, each item's points as bars, its share of all the points given
and how many people gave it some.

Settings: `items` [{"key", "label"}] (see `item_list.py`) and `budget` (points per person,
default 10, from 2 to 100).
An answer is `{"points": {item key: points}}`, every item (0 where none), at least one point.
"""

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from quizzes.kinds.base import FormData
from quizzes.kinds.item_list import ItemsKind, ItemsSettingsForm

FIELD = "points"  # the phone's fields are named points-<item key>
DEFAULT_BUDGET, MIN_BUDGET, MAX_BUDGET = 10, 2, 100


class PointsSettingsForm(ItemsSettingsForm):
    budget = forms.IntegerField(
        label=gettext_lazy("Points par personne"),
        help_text=gettext_lazy("Chacun·e répartit ces points entre les éléments (10 d'ordinaire)."),
        min_value=MIN_BUDGET,
        max_value=MAX_BUDGET,
        initial=DEFAULT_BUDGET,
    )


class Points(ItemsKind):
    name = "points"
    label = gettext_lazy("Répartition de points")
    description = gettext_lazy(
        "Chacun·e répartit un nombre de points entre les éléments ; à l'écran, les points de "
        "chaque élément et sa part du total."
    )
    answer_field = "points"

    # Settings -------------------------------------------------------------------------
    def default_config(self) -> dict:
        return {"items": [], "budget": DEFAULT_BUDGET}

    def clean_settings(self, config: dict) -> dict:
        try:
            budget = int(config.get("budget") or DEFAULT_BUDGET)
        except (TypeError, ValueError):
            budget = 0
        if not MIN_BUDGET <= budget <= MAX_BUDGET:
            raise ValidationError(
                _("Le nombre de points par personne va de %(min)d à %(max)d.")
                % {"min": MIN_BUDGET, "max": MAX_BUDGET},
                code="budget",
            )
        return {"budget": budget}

    def config_form(self) -> type[forms.Form]:
        return PointsSettingsForm

    def config_initial(self, config: dict) -> dict:
        return {**super().config_initial(config), "budget": config.get("budget", DEFAULT_BUDGET)}

    def config_from_form(self, data: dict, *, current: dict) -> dict:
        return {**super().config_from_form(data, current=current), "budget": data.get("budget")}

    def example_config(self) -> dict:
        return {"items": self.example_items(), "budget": DEFAULT_BUDGET}

    def example_answer(self, *, config: dict) -> dict:
        first, second, *others = config["items"]
        budget = config["budget"]
        return {
            "points": {
                first["key"]: budget - budget // 3,
                second["key"]: budget // 3,
                **{item["key"]: 0 for item in others},
            }
        }

    # Answers --------------------------------------------------------------------------
    def answer_from_form(self, form: FormData) -> dict:
        return {"points": self.numbers_from_form(form, FIELD)}

    def clean_answer(self, *, config: dict, answer: dict) -> dict:
        given = self.answer_values(config, answer)
        labels = self.labels(config)
        budget = config["budget"]
        for key, value in given.items():
            if not isinstance(value, int) or isinstance(value, bool) or value < 0:
                raise ValidationError(
                    _("« %(label)s » : écrivez un nombre entier de points, 0 ou plus.")
                    % {"label": labels[key]},
                    code="not_a_number",
                )
        total = sum(given.values())
        if total > budget:
            raise ValidationError(
                _("Vous donnez %(total)d points pour %(budget)d : retirez-en %(over)d.")
                % {"total": total, "budget": budget, "over": total - budget},
                code="over_budget",
            )
        if not total:
            raise ValidationError(
                _("Donnez au moins un point avant d'envoyer (%(budget)d à répartir).")
                % {"budget": budget},
                code="empty",
            )
        return {"points": {item["key"]: given.get(item["key"], 0) for item in config["items"]}}

    def summary(self, *, config: dict, answer: dict) -> str:
        given = answer.get("points") or {}
        return " · ".join(
            f"{item['label']} : {given[item['key']]}"
            for item in config["items"]
            if given.get(item["key"])
        )

    # Results --------------------------------------------------------------------------
    def aggregate(self, *, config: dict, answers: list[dict], state: dict | None = None) -> dict:
        spreads = self.valid_answers(answers, "points")
        rows = []
        for order, item in enumerate(config["items"]):
            given = [
                s[item["key"]]
                for s in spreads
                if isinstance(s.get(item["key"]), int) and s[item["key"]] > 0
            ]
            rows.append(
                {
                    "key": item["key"],
                    "label": item["label"],
                    "order": order,
                    "total": sum(given),
                    "givers": len(given),
                }
            )
        grand_total = sum(row["total"] for row in rows)
        top = max((row["total"] for row in rows), default=0)
        for row in rows:
            row["percent"] = round(100 * row["total"] / grand_total) if grand_total else 0
            row["width"] = round(100 * row["total"] / top) if top else 0
            row["leading"] = bool(top) and row["total"] == top
        rows.sort(key=lambda row: (-row["total"], row["order"]))
        return {
            "count": len(spreads),
            "rows": rows,
            "budget": config["budget"],
            "given": grand_total,
        }

    def roadmap_sources(self, *, activity, run, responses: list) -> list[dict]:
        """Each item, the most points first, its points said in words (points are no votes)."""
        results = self.aggregate(config=activity.config, answers=[r.data for r in responses])
        return [
            {
                "key": f"item-{row['key']}",
                "text": row["label"],
                "votes": None,
                "kind": _("élément (points)"),
                "description": _(
                    "%(points)d points sur %(given)d (%(percent)d %%), donnés par %(givers)d "
                    "personne(s)."
                )
                % {
                    "points": row["total"],
                    "given": results["given"],
                    "percent": row["percent"],
                    "givers": row["givers"],
                },
            }
            for row in results["rows"]
        ]


KIND = Points()
