"""Vote / poll: a question and options, one choice or several; bars on the projector."""

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from quizzes.kinds.base import ActivityKind, FormData


class VoteSettingsForm(forms.Form):
    options = forms.CharField(
        label=gettext_lazy("Réponses proposées"),
        help_text=gettext_lazy("Une réponse par ligne, de 2 à 20."),
        widget=forms.Textarea(attrs={"rows": 5}),
    )
    multiple = forms.BooleanField(
        label=gettext_lazy("Plusieurs réponses possibles"), required=False
    )
    max_choices = forms.IntegerField(
        label=gettext_lazy("Nombre de réponses au plus"),
        help_text=gettext_lazy("Avec plusieurs réponses possibles ; vide ou 0 : sans limite."),
        min_value=0,
        max_value=20,
        required=False,
    )


class Vote(ActivityKind):
    name = "vote"
    tallied = True
    extra_fragments = frozenset({"waiting"})
    label = gettext_lazy("Vote / sondage")
    description = gettext_lazy(
        "Une question et des réponses proposées ; les résultats en barres à l'écran."
    )

    def config_form(self) -> type[forms.Form]:
        return VoteSettingsForm

    def config_initial(self, config: dict) -> dict:
        return {
            "options": "\n".join(config["options"]),
            "multiple": config["multiple"],
            "max_choices": config["max_choices"] if config["multiple"] else None,
        }

    def config_from_form(self, data: dict, *, current: dict) -> dict:
        return {
            "options": (data.get("options") or "").splitlines(),
            "multiple": bool(data.get("multiple")),
            "max_choices": data.get("max_choices") or 0,
        }

    def default_config(self) -> dict:
        return {"options": [], "multiple": False, "max_choices": 0}

    def clean_config(self, config: dict) -> dict:
        config = super().clean_config(config)
        options = [" ".join(str(o).split()) for o in config.get("options") or []]
        options = [o for o in options if o]
        if len(options) < 2:
            raise ValidationError(_("Un vote propose au moins deux réponses."), code="options")
        if len(options) > 20:
            raise ValidationError(_("Un vote propose au plus 20 réponses."), code="options")
        if len({o.lower() for o in options}) != len(options):
            raise ValidationError(_("Deux réponses proposées sont identiques."), code="options")
        if any(len(o) > 200 for o in options):
            raise ValidationError(_("Une réponse proposée dépasse 200 caractères."), code="options")
        multiple = bool(config.get("multiple"))
        max_choices = int(config.get("max_choices") or 0) if multiple else 1
        if max_choices < 0 or max_choices > len(options):
            raise ValidationError(
                _("Le nombre de choix permis doit être compris entre 1 et le nombre de réponses."),
                code="max_choices",
            )
        return {"options": options, "multiple": multiple, "max_choices": max_choices}

    def example_config(self) -> dict:
        return {"options": ["Pour", "Contre", "Abstention"], "multiple": False}

    def example_answer(self, *, config: dict) -> dict:
        return {"choices": [0]}

    def answer_from_form(self, form: FormData) -> dict:
        choices = []
        for value in form.get("choice", []):
            try:
                choices.append(int(value))
            except (TypeError, ValueError):
                choices.append(value)  # refused, with its message, by clean_answer
        return {"choices": choices}

    def roadmap_sources(self, *, activity, run, responses: list) -> list[dict]:
        """Each option of a (prioritisation) vote, with its votes, most voted first."""
        results = self.aggregate(config=activity.config, answers=[r.data for r in responses])
        sources = [
            {
                "key": f"option-{index}",
                "text": bar["label"],
                "votes": bar["count"],
                "kind": _("proposition"),
            }
            for index, bar in enumerate(results["bars"])
        ]
        return sorted(sources, key=lambda source: -source["votes"])

    def with_items(self, *, config: dict, items: list[dict]) -> dict | None:
        """The carried items as the options to vote for (a prioritisation)."""
        options = [item["label"] for item in items]
        max_choices = min(config.get("max_choices") or 0, len(options))
        return {**config, "options": options, "max_choices": max_choices}

    def summary(self, *, config: dict, answer: dict) -> str:
        options = config["options"]
        return ", ".join(options[c] for c in answer.get("choices", []) if 0 <= c < len(options))

    def clean_answer(self, *, config: dict, answer: dict) -> dict:
        raw = answer.get("choices") or []
        if not isinstance(raw, list):
            raw = [raw]
        try:
            choices = sorted({int(c) for c in raw})
        except (TypeError, ValueError):
            raise ValidationError(_("Choix non reconnu : rechargez la page."), code="bad") from None
        if not choices:
            raise ValidationError(_("Choisissez une réponse avant d'envoyer."), code="empty")
        if any(c < 0 or c >= len(config["options"]) for c in choices):
            raise ValidationError(_("Ce choix ne fait pas partie des réponses."), code="bad")
        limit = config["max_choices"] or len(config["options"])
        if not config["multiple"] and len(choices) > 1:
            raise ValidationError(_("Une seule réponse est possible."), code="too_many")
        if len(choices) > limit:
            raise ValidationError(
                _("Vous pouvez choisir %(limit)d réponses au plus.") % {"limit": limit},
                code="too_many",
            )
        return {"choices": choices}

    def aggregate_tally(
        self, *, config: dict, tally: list[tuple[dict, int]], state: dict | None = None
    ) -> dict:
        counts = [0] * len(config["options"])
        for answer, given in tally:
            for choice in answer.get("choices", []):
                if 0 <= choice < len(counts):
                    counts[choice] += given
        voters = sum(given for _, given in tally)
        top = max(counts) if counts else 0
        bars = [
            {
                "label": label,
                "count": count,
                # Shares of the voters (several choices each can add up to more than 100 %).
                "percent": round(100 * count / voters) if voters else 0,
                "width": round(100 * count / top) if top else 0,
                "leading": bool(top) and count == top,
            }
            for label, count in zip(config["options"], counts, strict=True)
        ]
        return {"count": voters, "bars": bars}


KIND = Vote()
