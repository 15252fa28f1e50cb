"""Two-axis matrix (matrice impact × faisabilité, or any two named axes): each person places
each item on both axes, a whole number on a scale (1 to 5 by default, the low and high ends
named). On the phone, two rows of radio buttons per item (touch and keyboard alike). On the
projector, an inline SVG (no script): the cloud of everyone's placements, a small dot each in
the item's colour, and each item's median point as a large numbered disc, the numbers and
medians listed beside it in words.

Settings: `items` [{"key", "label"}] (see `item_list.py`, 8 at most so that the plot stays
readable), `axes` {"x": {"label", "low", "high"}, "y": {…}} and `scale` (3 to 10).
An answer is `{"places": {item key: {"x": n, "y": n}}}`, every item placed on both axes.
"""

import math
import statistics
from collections.abc import Mapping

from django import forms
from django.core.exceptions import ValidationError
from django.utils.formats import number_format
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from quizzes.kinds.base import ExportCell, FormData
from quizzes.kinds.item_list import ItemsKind, ItemsSettingsForm, spaces

AXES = ("x", "y")
DEFAULT_AXES = {
    "x": {"label": "Impact", "low": "Faible", "high": "Fort"},
    "y": {"label": "Faisabilité", "low": "Difficile", "high": "Facile"},
}
DEFAULT_SCALE, MIN_SCALE, MAX_SCALE = 5, 3, 10
MAX_AXIS_LABEL = 40

# The plot, in the SVG's units (px on the 1920 × 1080 stage, where it is drawn at that size):
# the scale's numbers in the margins, the points inside a padded frame. The axes' names and
# ends are HTML around it, where long names wrap.
WIDTH, HEIGHT = 1000, 580
LEFT, RIGHT, TOP, BOTTOM = 56, 992, 8, 530
PAD = 48  # from the frame to the first and last values
MEDIAN_RADIUS = 30
# A cell's cloud stays within this radius (px) however many placed an item there.
CLOUD_RADIUS = 52


def scaled(value: float, *, scale: int, low: int, high: int) -> int:
    """A value of the scale (1 … scale) as a coordinate between `low` and `high` (padded).
    Whole px: a float would be written "12,5" in French, which SVG does not read."""
    return round(low + PAD + (value - 1) / (scale - 1) * (high - low - 2 * PAD))


def median_text(value: float | None) -> str:
    """4, or 3,5: a median as the room reads it."""
    if value is None:
        return "—"
    return str(int(value)) if float(value).is_integer() else number_format(value, 1)


class MatrixSettingsForm(ItemsSettingsForm):
    x_label = forms.CharField(
        label=gettext_lazy("Axe horizontal"), max_length=MAX_AXIS_LABEL, initial="Impact"
    )
    x_low = forms.CharField(
        label=gettext_lazy("À gauche (le bas de l'échelle)"), max_length=30, initial="Faible"
    )
    x_high = forms.CharField(
        label=gettext_lazy("À droite (le haut de l'échelle)"), max_length=30, initial="Fort"
    )
    y_label = forms.CharField(
        label=gettext_lazy("Axe vertical"), max_length=MAX_AXIS_LABEL, initial="Faisabilité"
    )
    y_low = forms.CharField(
        label=gettext_lazy("En bas (le bas de l'échelle)"), max_length=30, initial="Difficile"
    )
    y_high = forms.CharField(
        label=gettext_lazy("En haut (le haut de l'échelle)"), max_length=30, initial="Facile"
    )
    scale = forms.IntegerField(
        label=gettext_lazy("Nombre de crans de chaque axe"),
        help_text=gettext_lazy("De 3 à 10 ; 5 d'ordinaire (de 1 à 5)."),
        min_value=MIN_SCALE,
        max_value=MAX_SCALE,
        initial=DEFAULT_SCALE,
    )


class Matrix(ItemsKind):
    name = "matrix"
    label = gettext_lazy("Matrice à deux axes")
    description = gettext_lazy(
        "Chacun·e place chaque élément sur deux axes (impact et faisabilité par défaut) ; à "
        "l'écran, le nuage des placements et le point médian de chaque élément."
    )
    answer_field = "places"
    max_items = 8

    # Settings -------------------------------------------------------------------------
    def default_config(self) -> dict:
        return {"items": [], "axes": DEFAULT_AXES, "scale": DEFAULT_SCALE}

    def clean_settings(self, config: dict) -> dict:
        raw_axes = config.get("axes") if isinstance(config.get("axes"), dict) else {}
        axes = {}
        for axis in AXES:
            raw = raw_axes.get(axis) if isinstance(raw_axes.get(axis), dict) else {}
            cleaned = {
                part: spaces(raw.get(part)) or DEFAULT_AXES[axis][part]
                for part in ("label", "low", "high")
            }
            if any(len(text) > MAX_AXIS_LABEL for text in cleaned.values()):
                raise ValidationError(
                    _("Le nom d'un axe et de ses extrémités tient en %(max)d caractères.")
                    % {"max": MAX_AXIS_LABEL},
                    code=f"{axis}_label",
                )
            axes[axis] = cleaned
        if axes["x"]["label"].lower() == axes["y"]["label"].lower():
            raise ValidationError(_("Les deux axes ont le même nom."), code="y_label")
        try:
            scale = int(config.get("scale") or DEFAULT_SCALE)
        except (TypeError, ValueError):
            scale = 0
        if not MIN_SCALE <= scale <= MAX_SCALE:
            raise ValidationError(
                _("Chaque axe a de %(min)d à %(max)d crans.")
                % {"min": MIN_SCALE, "max": MAX_SCALE},
                code="scale",
            )
        return {"axes": axes, "scale": scale}

    def config_form(self) -> type[forms.Form]:
        return MatrixSettingsForm

    def config_initial(self, config: dict) -> dict:
        initial = {**super().config_initial(config), "scale": config["scale"]}
        for axis in AXES:
            for part in ("label", "low", "high"):
                initial[f"{axis}_{part}"] = config["axes"][axis][part]
        return initial

    def config_from_form(self, data: dict, *, current: dict) -> dict:
        return {
            **super().config_from_form(data, current=current),
            "axes": {
                axis: {part: data.get(f"{axis}_{part}") for part in ("label", "low", "high")}
                for axis in AXES
            },
            "scale": data.get("scale"),
        }

    def example_config(self) -> dict:
        return {"items": self.example_items(), "axes": DEFAULT_AXES, "scale": DEFAULT_SCALE}

    def example_answer(self, *, config: dict) -> dict:
        scale = config["scale"]
        return {
            "places": {
                item["key"]: {"x": 1 + n % scale, "y": scale - n % scale}
                for n, item in enumerate(config["items"])
            }
        }

    # The phone ------------------------------------------------------------------------
    def phone_context(self, *, activity, run, participant) -> dict:
        config = activity.config
        return {
            "matrix_axes": [{"field": axis, **config["axes"][axis]} for axis in AXES],
            "matrix_values": list(range(1, config["scale"] + 1)),
        }

    # Answers --------------------------------------------------------------------------
    def answer_from_form(self, form: FormData) -> dict:
        places: dict[str, dict] = {}
        for axis in AXES:
            for key, value in self.numbers_from_form(form, axis).items():
                places.setdefault(key, {})[axis] = value
        return {"places": places}

    def clean_answer(self, *, config: dict, answer: dict) -> dict:
        places = self.answer_values(config, answer)
        scale, axes = config["scale"], config["axes"]
        missing, cleaned = [], {}
        for item in config["items"]:
            place = places.get(item["key"])
            place = place if isinstance(place, dict) else {}
            for axis in AXES:
                value = place.get(axis)
                if value in (None, ""):
                    missing.append(f"« {item['label']} » ({axes[axis]['label']})")
                elif not isinstance(value, int) or isinstance(value, bool):
                    raise ValidationError(
                        _("« %(label)s » sur « %(axis)s » : choisissez un cran de 1 à %(scale)d.")
                        % {"label": item["label"], "axis": axes[axis]["label"], "scale": scale},
                        code="out_of_scale",
                    )
                elif not 1 <= value <= scale:
                    raise ValidationError(
                        _(
                            "« %(label)s » sur « %(axis)s » : %(value)d est hors de l'échelle, "
                            "qui va de 1 à %(scale)d."
                        )
                        % {
                            "label": item["label"],
                            "axis": axes[axis]["label"],
                            "value": value,
                            "scale": scale,
                        },
                        code="out_of_scale",
                    )
            cleaned[item["key"]] = {axis: place.get(axis) for axis in AXES}
        if missing:
            raise ValidationError(
                _("Placez chaque élément sur les deux axes. Il manque : %(missing)s")
                % {"missing": ", ".join(missing[:4]) + ("…" if len(missing) > 4 else ".")},
                code="missing",
            )
        return {"places": cleaned}

    def summary(self, *, config: dict, answer: dict) -> str:
        places = answer.get("places") or {}
        axes = config["axes"]
        return " · ".join(
            f"{item['label']} : {axes['x']['label']} {place.get('x')}, "
            f"{axes['y']['label']} {place.get('y')}"
            for item in config["items"]
            if isinstance(place := places.get(item["key"]), dict)
        )

    def export_cells(
        self, *, config: dict, answers: list[dict], answers_by_id: Mapping[int, dict]
    ) -> list[ExportCell]:
        places = next(iter(answers), {}).get("places") or {}
        return [
            ExportCell(
                label=f"{item['label']} — {config['axes'][axis]['label']}",
                value=str((places.get(item["key"]) or {}).get(axis, "")),
            )
            for item in config["items"]
            for axis in AXES
        ]

    # Results --------------------------------------------------------------------------
    def aggregate(self, *, config: dict, answers: list[dict], state: dict | None = None) -> dict:
        scale = config["scale"]
        all_places = self.valid_answers(answers, "places")
        rows, cells = [], {}
        for number, item in enumerate(config["items"], start=1):
            points = []
            for places in all_places:
                place = places.get(item["key"])
                if isinstance(place, dict) and all(
                    isinstance(place.get(axis), int) and 1 <= place[axis] <= scale for axis in AXES
                ):
                    points.append((place["x"], place["y"]))
                    cells.setdefault((place["x"], place["y"]), []).append(number)
            median_x = statistics.median(p[0] for p in points) if points else None
            median_y = statistics.median(p[1] for p in points) if points else None
            rows.append(
                {
                    "key": item["key"],
                    "label": item["label"],
                    "number": number,
                    "count": len(points),
                    "median_x": median_x,
                    "median_y": median_y,
                    "median_x_text": median_text(median_x),
                    "median_y_text": median_text(median_y),
                }
            )
        return {
            "count": len(all_places),
            "rows": rows,
            "axes": config["axes"],
            "scale": scale,
            "plot": self.plot(rows=rows, cells=cells, scale=scale),
        }

    def screen_pages(self, *, results: dict) -> list[dict]:
        return []  # eight items at most: the plot and its legend always fit

    def plot(self, *, rows: list[dict], cells: dict, scale: int) -> dict:
        """Where the SVG draws everything: the grid's values, the cloud's dots (spread in a
        sunflower around their cell, so that each placement shows) and the medians (side by
        side when several items share one)."""

        def x_of(value: float) -> float:
            return scaled(value, scale=scale, low=LEFT, high=RIGHT)

        def y_of(value: float) -> float:  # the high end at the top
            return scaled(scale + 1 - value, scale=scale, low=TOP, high=BOTTOM)

        fullest = max((len(numbers) for numbers in cells.values()), default=1)
        step = min(16.0, CLOUD_RADIUS / math.sqrt(fullest))
        dots = []
        golden = math.pi * (3 - math.sqrt(5))
        for (x, y), numbers in sorted(cells.items()):
            for index, number in enumerate(sorted(numbers)):
                distance = step * math.sqrt(index)
                dots.append(
                    {
                        "cx": round(x_of(x) + distance * math.cos(index * golden)),
                        "cy": round(y_of(y) + distance * math.sin(index * golden)),
                        "number": number,
                    }
                )
        medians: dict[tuple, list[dict]] = {}
        for row in rows:
            if row["count"]:
                medians.setdefault((row["median_x"], row["median_y"]), []).append(row)
        discs = []
        for (x, y), together in medians.items():
            for index, row in enumerate(together):
                shift = (index - (len(together) - 1) / 2) * (2 * MEDIAN_RADIUS + 4)
                discs.append({"cx": round(x_of(x) + shift), "cy": y_of(y), "number": row["number"]})
        values = range(1, scale + 1)
        return {
            "width": WIDTH,
            "height": HEIGHT,
            "frame": {"x": LEFT, "y": TOP, "width": RIGHT - LEFT, "height": BOTTOM - TOP},
            "xs": [{"value": v, "at": x_of(v)} for v in values],
            "ys": [{"value": v, "at": y_of(v)} for v in values],
            "dots": dots,
            "dot_radius": max(3, round(step * 0.45)),
            "medians": discs,
            "median_radius": MEDIAN_RADIUS,
            "left": LEFT,
            "right": RIGHT,
            "top": TOP,
            "bottom": BOTTOM,
        }


KIND = Matrix()
