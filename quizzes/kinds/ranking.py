"""Ranking (priorisation par classement): each person orders the items, 1 the most important.
On the phone, one rank select per item (touch and keyboard alike, no dragging); every rank is
used once, checked by the server. On the projector, the items ordered by their Borda count
(with n items, rank 1 gets n − 1 points … the last gets 0), with bars, each item's mean rank and
the spread of its ranks (standard deviation, lowest and highest rank given).

Settings: `items` [{"key", "label"}] (see `item_list.py`), nothing else.
An answer is `{"ranks": {item key: rank}}`, every item ranked, ranks 1 … n each used once.
"""

import statistics

from django.core.exceptions import ValidationError
from django.utils.formats import number_format
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from quizzes.kinds.base import FormData
from quizzes.kinds.item_list import ItemsKind, quoted

FIELD = "rank"  # the phone's selects are named rank-<item key>


class Ranking(ItemsKind):
    name = "ranking"
    label = gettext_lazy("Classement par ordre de priorité")
    description = gettext_lazy(
        "Chacun·e ordonne les éléments ; à l'écran, l'ordre de la salle (méthode de Borda), "
        "le rang moyen et l'écart des avis."
    )
    answer_field = "ranks"

    def example_config(self) -> dict:
        return {"items": self.example_items()}

    def example_answer(self, *, config: dict) -> dict:
        return {"ranks": {item["key"]: rank for rank, item in enumerate(config["items"], 1)}}

    def answer_from_form(self, form: FormData) -> dict:
        return {"ranks": self.numbers_from_form(form, FIELD)}

    def clean_answer(self, *, config: dict, answer: dict) -> dict:
        ranks = self.answer_values(config, answer)
        labels = self.labels(config)
        count = len(config["items"])
        for key, rank in ranks.items():
            if not isinstance(rank, int) or isinstance(rank, bool) or not 1 <= rank <= count:
                raise ValidationError(
                    _("Le rang de « %(label)s » va de 1 à %(count)d.")
                    % {"label": labels[key], "count": count},
                    code="out_of_range",
                )
        self.missing(config, ranks, verb=_("classer"))
        by_rank: dict[int, list[str]] = {}
        for item in config["items"]:
            by_rank.setdefault(ranks[item["key"]], []).append(item["label"])
        for rank, named in sorted(by_rank.items()):
            if len(named) > 1:
                raise ValidationError(
                    _("Le rang %(rank)d est donné à %(labels)s : chaque rang ne sert qu'une fois.")
                    % {"rank": rank, "labels": quoted(named, limit=count)},
                    code="duplicate",
                )
        return {"ranks": {item["key"]: ranks[item["key"]] for item in config["items"]}}

    def summary(self, *, config: dict, answer: dict) -> str:
        ranks = answer.get("ranks") or {}
        ordered = sorted((rank, key) for key, rank in ranks.items() if isinstance(rank, int))
        labels = self.labels(config)
        return " · ".join(f"{rank}. {labels[key]}" for rank, key in ordered if key in labels)

    # Results --------------------------------------------------------------------------
    def aggregate(self, *, config: dict, answers: list[dict], state: dict | None = None) -> dict:
        count = len(config["items"])
        rankings = self.valid_answers(answers, "ranks")
        rows = []
        for order, item in enumerate(config["items"]):
            ranks = [r[item["key"]] for r in rankings if isinstance(r.get(item["key"]), int)]
            rows.append(
                {
                    "key": item["key"],
                    "label": item["label"],
                    "order": order,
                    "borda": sum(count - rank for rank in ranks),
                    "count": len(ranks),
                    "mean": statistics.fmean(ranks) if ranks else None,
                    "stdev": statistics.pstdev(ranks) if ranks else None,
                    "lowest": min(ranks) if ranks else None,
                    "highest": max(ranks) if ranks else None,
                }
            )
        # The most points first; equal points, the better mean rank, then the list's order.
        rows.sort(key=lambda row: (-row["borda"], row["mean"] or count + 1, row["order"]))
        top = rows[0]["borda"] if rows else 0
        place = 0
        for index, row in enumerate(rows):
            # Equal points and mean rank share a place (ex aequo).
            if not index or (row["borda"], row["mean"]) != (
                rows[index - 1]["borda"],
                rows[index - 1]["mean"],
            ):
                place = index + 1
            row["place"] = place
            row["width"] = round(100 * row["borda"] / top) if top else 0
            row["leading"] = bool(top) and row["borda"] == top
            row["mean_text"] = self.decimal(row["mean"])
            row["stdev_text"] = self.decimal(row["stdev"])
        return {
            "count": len(rankings),
            "rows": rows,
            "items": count,
            # What one item gets when everybody puts it first.
            "max_points": (count - 1) * len(rankings),
        }

    @staticmethod
    def decimal(value: float | None) -> str:
        return "—" if value is None else number_format(round(value, 1), 1)

    def roadmap_sources(self, *, activity, run, responses: list) -> list[dict]:
        """Each item in the room's order, its Borda points and mean rank said in words."""
        results = self.aggregate(config=activity.config, answers=[r.data for r in responses])
        return [
            {
                "key": f"item-{row['key']}",
                "text": row["label"],
                "votes": None,
                "kind": _("élément classé"),
                "description": _(
                    "Place %(place)d sur %(total)d : %(points)d points, rang moyen %(mean)s."
                )
                % {
                    "place": row["place"],
                    "total": results["items"],
                    "points": row["borda"],
                    "mean": row["mean_text"],
                },
            }
            for row in results["rows"]
        ]


KIND = Ranking()
