"""Multiple choice with a correct answer (the deck's "Qui suis-je ???" quiz): a vote whose
settings name the right option(s). The room's distribution stays hidden until the facilitator
shows or reveals it; at the reveal the projector marks the right option and every phone says
whether its answer was right.

Settings, as stored: the vote's (`options`, `multiple`, `max_choices`), plus `correct` (the
indices of the right options, from 0) and `explanation` (shown at the reveal). A seed file or
the JSON may name the right options by their text instead: `clean_config` turns them into
indices. The settings form takes them by text or by number (from 1), one per line.
"""

from collections.abc import Mapping

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from quizzes.kinds.base import ExportCell
from quizzes.kinds.graded import RefusedAfterReveal
from quizzes.kinds.matching import normalize
from quizzes.kinds.vote import Vote, VoteSettingsForm

MAX_EXPLANATION = 1000


class ChoiceSettingsForm(VoteSettingsForm):
    """The vote's settings, with the correct answer(s) and an explanation."""

    field_order = ["options", "correct", "multiple", "max_choices", "explanation"]
    correct = forms.CharField(
        label=gettext_lazy("Bonne réponse"),
        help_text=gettext_lazy(
            "Recopiez la bonne réponse telle qu'elle est proposée, ou donnez son numéro "
            "(1 pour la première). Plusieurs bonnes réponses : une par ligne."
        ),
        widget=forms.Textarea(attrs={"rows": 2}),
    )
    explanation = forms.CharField(
        label=gettext_lazy("Explication (facultative)"),
        help_text=gettext_lazy("Affichée avec la correction, à l'écran et sur les téléphones."),
        widget=forms.Textarea(attrs={"rows": 3}),
        max_length=MAX_EXPLANATION,
        required=False,
    )


class Choice(RefusedAfterReveal, Vote):
    name = "choice"
    label = gettext_lazy("Choix multiple (avec bonne réponse)")
    description = gettext_lazy(
        "Une question, des réponses proposées et la bonne ; la correction est dévoilée à "
        "l'écran et sur chaque téléphone."
    )

    # Settings ------------------------------------------------------------------------------
    def config_form(self) -> type[forms.Form]:
        return ChoiceSettingsForm

    def default_config(self) -> dict:
        return {**super().default_config(), "correct": [], "explanation": ""}

    def example_config(self) -> dict:
        return {**super().example_config(), "correct": ["Pour"]}

    def config_initial(self, config: dict) -> dict:
        options = config["options"]
        return {
            **super().config_initial(config),
            "correct": "\n".join(options[i] for i in config["correct"] if 0 <= i < len(options)),
            "explanation": config.get("explanation", ""),
        }

    def config_from_form(self, data: dict, *, current: dict) -> dict:
        config = super().config_from_form(data, current=current)
        options = [" ".join(o.split()) for o in config["options"]]
        options = [o for o in options if o]
        known = {normalize(o) for o in options}
        correct: list[str | int] = []
        for line in (data.get("correct") or "").splitlines():
            line = " ".join(line.split())
            if not line:
                continue
            # A number is the option's position, unless an option is that very text.
            if line.isdigit() and normalize(line) not in known:
                number = int(line)
                if not 1 <= number <= len(options):
                    raise ValidationError(
                        _(
                            "Il n'y a pas de réponse n°%(number)d : les réponses proposées "
                            "vont de 1 à %(count)d."
                        )
                        % {"number": number, "count": len(options)},
                        code="correct",
                    )
                correct.append(options[number - 1])
            else:
                correct.append(line)
        return {**config, "correct": correct, "explanation": data.get("explanation") or ""}

    def clean_config(self, config: dict) -> dict:
        config = {**self.default_config(), **(config or {})}
        cleaned = super().clean_config(config)
        options = cleaned["options"]
        by_text = {normalize(o): index for index, o in enumerate(options)}
        raw = config.get("correct")
        if raw in (None, ""):
            raw = []
        if not isinstance(raw, list):
            raw = [raw]
        correct = set()
        for item in raw:
            if isinstance(item, int) and not isinstance(item, bool):
                if not 0 <= item < len(options):
                    raise ValidationError(
                        _("La bonne réponse n°%(number)d ne fait pas partie des réponses.")
                        % {"number": item + 1},
                        code="correct",
                    )
                correct.add(item)
                continue
            index = by_text.get(normalize(item))
            if index is None:
                raise ValidationError(
                    _(
                        "« %(answer)s » ne fait pas partie des réponses proposées : recopiez "
                        "l'une d'elles (%(options)s) ou donnez son numéro."
                    )
                    % {"answer": item, "options": ", ".join(f"« {o} »" for o in options)},
                    code="correct",
                )
            correct.add(index)
        if not correct:
            raise ValidationError(
                _("Indiquez la bonne réponse : son texte ou son numéro."), code="correct"
            )
        if not cleaned["multiple"] and len(correct) > 1:
            raise ValidationError(
                _(
                    "Vous avez indiqué %(count)d bonnes réponses alors qu'une seule réponse est "
                    "possible : gardez-en une, ou cochez « Plusieurs réponses possibles »."
                )
                % {"count": len(correct)},
                code="correct",
            )
        limit = cleaned["max_choices"] or len(options)
        if len(correct) > limit:
            raise ValidationError(
                _(
                    "Il y a %(count)d bonnes réponses mais on ne peut en cocher que %(limit)d : "
                    "augmentez le nombre de réponses au plus."
                )
                % {"count": len(correct), "limit": limit},
                code="max_choices",
            )
        explanation = str(config.get("explanation") or "").strip()
        if len(explanation) > MAX_EXPLANATION:
            raise ValidationError(
                _("L'explication dépasse %(max)d caractères.") % {"max": MAX_EXPLANATION},
                code="explanation",
            )
        return {**cleaned, "correct": sorted(correct), "explanation": explanation}

    # Results and correction ------------------------------------------------------------------
    def roadmap_sources(self, *, activity, run, responses: list) -> list[dict]:
        return []  # a quiz's answers are no proposals for the roadmap

    def aggregate_tally(
        self, *, config: dict, tally: list[tuple[dict, int]], state: dict | None = None
    ) -> dict:
        results = super().aggregate_tally(config=config, tally=tally, state=state)
        correct = set(config["correct"])
        for index, bar in enumerate(results["bars"]):
            bar["correct"] = index in correct
        right = sum(given for answer, given in tally if set(answer.get("choices", [])) == correct)
        count = results["count"]
        return {
            **results,
            "expected": [config["options"][i] for i in config["correct"]],
            "explanation": config.get("explanation", ""),
            "right": right,
            "right_percent": round(100 * right / count) if count else 0,
        }

    def grade(self, *, config: dict, answer: dict) -> dict | None:
        options = config["options"]
        chosen = [c for c in answer.get("choices", []) if 0 <= c < len(options)]
        return {
            "correct": set(chosen) == set(config["correct"]),
            "chosen": [options[c] for c in chosen],
            "expected": [options[i] for i in config["correct"]],
            "explanation": config.get("explanation", ""),
        }

    def export_cells(
        self, *, config: dict, answers: list[dict], answers_by_id: Mapping[int, dict]
    ) -> list[ExportCell]:
        graded = self.grade(config=config, answer=next(iter(answers), {}))
        return [
            ExportCell(
                label=_("Réponse"),
                value=", ".join(graded["chosen"]),
                right=graded["correct"],
                expected=", ".join(graded["expected"]),
            )
        ]


KIND = Choice()
