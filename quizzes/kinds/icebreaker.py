"""Tour de table (icebreaker): each participant fills a card; the projector shows one card at
a time with a countdown; the facilitator passes to the next or skips. With consent, the cards
become the workshop's directory of actors (annuaire)."""

import random
from collections.abc import Mapping

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from quizzes.kinds.base import ActivityKind, ExportCell, FormData, first

# The projector shows someone's card to the room: "Fonctions", not the phone's "Vos fonctions".
SCREEN_LABELS = {
    "fonctions": gettext_lazy("Fonctions"),
    "structure": gettext_lazy("Structure"),
    "lien": gettext_lazy("Lien avec l'inclusion numérique"),
}
DEFAULT_FIELDS = [
    {"name": "fonctions", "label": "Vos fonctions", "max_length": 100},
    {"name": "structure", "label": "Votre structure", "max_length": 120},
    {
        "name": "lien",
        "label": "Votre lien avec l'inclusion numérique en 1 phrase",
        "max_length": 200,
    },
]


class IcebreakerSettingsForm(forms.Form):
    duration = forms.IntegerField(
        label=gettext_lazy("Temps de parole par carte (secondes)"), min_value=5, max_value=600
    )
    order = forms.ChoiceField(
        label=gettext_lazy("Ordre des cartes"),
        choices=[
            ("random", gettext_lazy("Tiré au sort")),
            ("arrival", gettext_lazy("Dans l'ordre d'arrivée")),
        ],
    )
    fonctions = forms.CharField(label=gettext_lazy("Question 1 (fonctions)"), max_length=120)
    structure = forms.CharField(
        label=gettext_lazy("Question 2 (structure, facultative pour les participant·es)"),
        max_length=120,
    )
    lien = forms.CharField(label=gettext_lazy("Question 3 (une phrase)"), max_length=120)


class Icebreaker(ActivityKind):
    name = "icebreaker"
    shows_names = True  # each card under its author's name
    label = gettext_lazy("Tour de table")
    description = gettext_lazy(
        "Chacun·e remplit sa carte ; l'écran les montre une à une, avec un temps de parole."
    )
    results_hidden_by_default = False
    extra_fragments = frozenset({"synthesis"})

    def config_form(self) -> type[forms.Form]:
        return IcebreakerSettingsForm

    def config_initial(self, config: dict) -> dict:
        labels = {spec["name"]: spec["label"] for spec in config["fields"]}
        return {"duration": config["duration"], "order": config["order"], **labels}

    def config_from_form(self, data: dict, *, current: dict) -> dict:
        # The three questions keep their names (the directory reads them) and lengths.
        specs = (current or {}).get("fields") or DEFAULT_FIELDS
        fields = [{**spec, "label": data.get(spec["name"]) or spec["label"]} for spec in specs]
        return {"duration": data.get("duration"), "order": data.get("order"), "fields": fields}

    def default_config(self) -> dict:
        return {"duration": 15, "order": "random", "fields": DEFAULT_FIELDS}

    def clean_config(self, config: dict) -> dict:
        config = super().clean_config(config)
        try:
            duration = int(config["duration"])
        except (TypeError, ValueError):
            raise ValidationError(
                _("La durée doit être un nombre de secondes."), code="duration"
            ) from None
        if not 5 <= duration <= 600:
            raise ValidationError(
                _("La durée d'une carte va de 5 à 600 secondes."), code="duration"
            )
        if config["order"] not in ("random", "arrival"):
            raise ValidationError(_("Ordre inconnu."), code="order")
        fields = config["fields"] or DEFAULT_FIELDS
        for spec in fields:
            if not spec.get("name") or not spec.get("label"):
                raise ValidationError(_("Chaque champ de la carte a un nom et un libellé."))
            spec["max_length"] = int(spec.get("max_length") or 200)
        return {"duration": duration, "order": config["order"], "fields": fields}

    def example_answer(self, *, config: dict) -> dict:
        return {
            "fonctions": "Médiatrice",
            "structure": "CCAS de Nanterre",
            "lien": "J'accompagne les démarches en ligne",
            "directory": True,
        }

    def answer_from_form(self, form: FormData) -> dict:
        answer = {
            name: first(form, name) for name in ("fonctions", "structure", "lien", "directory")
        }
        answer["directory"] = answer["directory"] in ("on", "1", "true", "True")
        return answer

    def clean_answer(self, *, config: dict, answer: dict) -> dict:
        cleaned = {}
        for spec in config["fields"]:
            cleaned[spec["name"]] = self.text_value(
                answer,
                spec["name"],
                label=spec["label"],
                max_length=spec["max_length"],
                required=spec["name"] != "structure",
            )
        directory = answer.get("directory")
        cleaned["directory"] = directory is True or directory in ("on", "1", "true")
        return cleaned

    def summary(self, *, config: dict, answer: dict) -> str:
        # In the card's order (a JSON column may not keep the keys' order: PostgreSQL's doesn't).
        parts = [answer.get(spec["name"]) for spec in config["fields"]]
        return " · ".join(str(part) for part in parts if part)

    def export_cells(
        self, *, config: dict, answers: list[dict], answers_by_id: Mapping[int, dict]
    ) -> list[ExportCell]:
        card = next(iter(answers), {})
        cells = [
            ExportCell(label=spec["label"], value=str(card.get(spec["name"]) or ""))
            for spec in config["fields"]
        ]
        consent = (_("oui") if in_directory(card) else _("non")) if card else ""
        return [*cells, ExportCell(label=_("Dans l'annuaire"), value=consent)]

    # The order of the cards and the one on screen live in the run's state.
    def ordered(self, *, config: dict, state: dict, responses: list) -> list:
        """Cards in the order they are shown: the drawn order, then late arrivals."""
        by_id = {r.pk: r for r in responses}
        order = [pk for pk in state.get("order", []) if pk in by_id]
        late = [r.pk for r in responses if r.pk not in set(order)]
        return [by_id[pk] for pk in order + late]

    def draw(self, *, config: dict, responses: list) -> list[int]:
        ids = [r.pk for r in responses]
        if config["order"] == "random":
            random.shuffle(ids)
        return ids

    actions = {
        "start": gettext_lazy("Lancer le tour de table"),
        "next": gettext_lazy("Carte suivante"),
        "skip": gettext_lazy("Passer cette carte"),
        "restart": gettext_lazy("Recommencer le tour"),
    }

    def perform(self, action: str, *, config: dict, state: dict, responses: list) -> dict:
        state = dict(state)
        if action in ("start", "restart"):
            return {
                "order": self.draw(config=config, responses=responses),
                "index": 0,
                "skipped": [],
                "started": True,
            }
        if action not in ("next", "skip"):
            return super().perform(action, config=config, state=state, responses=responses)
        if not state.get("started"):
            return self.perform("start", config=config, state=state, responses=responses)
        cards = self.ordered(config=config, state=state, responses=responses)
        index = state.get("index", 0)
        if action == "skip" and index < len(cards):
            state["skipped"] = [*state.get("skipped", []), cards[index].pk]
        state["order"] = [card.pk for card in cards]
        state["index"] = min(index + 1, len(cards))
        return state

    def available_actions(self, *, state: dict) -> dict[str, str]:
        if not state.get("started"):
            return {"start": self.actions["start"]}
        return {name: self.actions[name] for name in ("next", "skip", "restart")}

    def timer_after(self, action: str, *, config: dict) -> int | None:
        return config["duration"] if action in ("start", "restart", "next", "skip") else None

    def results_context(self, *, activity, run, responses: list) -> dict:
        state = run.state or {}
        cards = self.ordered(config=activity.config, state=state, responses=responses)
        index = state.get("index", 0)
        return {
            "count": len(cards),
            "started": bool(state.get("started")),
            "card": cards[index] if state.get("started") and index < len(cards) else None,
            "position": index + 1,
            "finished": bool(state.get("started")) and index >= len(cards),
            "skipped": len(state.get("skipped", [])),
            "fields": [
                {**spec, "screen_label": SCREEN_LABELS.get(spec["name"], spec["label"])}
                for spec in activity.config["fields"]
            ],
        }

    def synthesis_context(self, *, activity, run, responses: list) -> dict:
        # Every card is counted; only those of people who agreed to the directory are shown,
        # and never with a name (the consent reads "pas de nom").
        published = [card.data for card in responses if in_directory(card.data, hidden=card.hidden)]
        return {
            "count": len(responses),
            "fields": activity.config["fields"],
            "published": published,
            "withheld": len(responses) - len(published),
        }


KIND = Icebreaker()


def in_directory(data: dict, *, hidden: bool = False) -> bool:
    """Whether a card belongs to the directory of actors: its author agreed, and it was not
    hidden from the screen. The synthesis, the directory and the personal-data purge (which
    keeps only those cards' contents) all ask this."""
    return not hidden and data.get("directory") is True
