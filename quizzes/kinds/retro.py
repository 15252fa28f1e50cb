"""Yes / no, then why (a conditional question): the activity's prompt asked as oui / non, and a
free-text follow-up ("Si oui, comment l'avez-vous vécu ?") that only the answer opening it
asks for. On the projector, the yes / no bars and the follow-up texts as a wall of cards.

Settings: `followup` (the follow-up question), `opens_on` ("oui" or "non": the answer that
opens it) and `max_length` of its text. An answer is `{"choice": "oui" | "non", "text": str}`;
the text is kept only with the answer that opens the follow-up.
"""

from collections.abc import Mapping

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from quizzes.kinds.base import ActivityKind, ExportCell, FormData, first
from quizzes.kinds.stage_fit import text_pages

# On the stage, the written answers are cards in two columns of 820 px, at 33 px, below the
# title and the two bars: about 540 px of each column is theirs.
CARD_WIDTH = 820
CARD_FONT = 33
CARDS_ROOM = 2 * 540

CHOICES = {"oui": gettext_lazy("Oui"), "non": gettext_lazy("Non")}
MIN_LENGTH, MAX_LENGTH = 20, 1000


class RetroSettingsForm(forms.Form):
    followup = forms.CharField(
        label=gettext_lazy("Question complémentaire"),
        help_text=gettext_lazy(
            "Posée seulement après la réponse choisie ci-dessous, par exemple "
            "« Si oui, comment l'avez-vous vécu ? ». La question oui / non est la consigne "
            "de l'activité."
        ),
        max_length=200,
    )
    opens_on = forms.ChoiceField(
        label=gettext_lazy("Réponse qui ouvre la question complémentaire"),
        choices=list(CHOICES.items()),
        initial="oui",
    )
    max_length = forms.IntegerField(
        label=gettext_lazy("Longueur de la réponse complémentaire (caractères au plus)"),
        min_value=MIN_LENGTH,
        max_value=MAX_LENGTH,
        initial=500,
    )


class Retro(ActivityKind):
    name = "retro"
    label = gettext_lazy("Oui / non, puis pourquoi")
    description = gettext_lazy(
        "Une question oui / non, puis une question libre pour celles et ceux qui ont répondu "
        "oui ; à l'écran, les barres et le mur des réponses."
    )

    def results_use_participants(self, *, config: dict) -> bool:
        return False  # the results read the answers only

    # Settings -------------------------------------------------------------------------
    def default_config(self) -> dict:
        return {
            "followup": "Si oui, pourquoi ?",
            "opens_on": "oui",
            "max_length": 500,
        }

    def clean_config(self, config: dict) -> dict:
        config = super().clean_config(config)
        followup = " ".join(str(config.get("followup") or "").split())
        if not followup:
            raise ValidationError(_("Écrivez la question complémentaire."), code="followup")
        if len(followup) > 200:
            raise ValidationError(
                _("La question complémentaire fait 200 caractères au plus."), code="followup"
            )
        opens_on = str(config.get("opens_on") or "").lower()
        if opens_on not in CHOICES:
            raise ValidationError(
                _("La question complémentaire s'ouvre après « oui » ou après « non »."),
                code="opens_on",
            )
        message = _("La longueur de la réponse complémentaire va de %(min)d à %(max)d caractères.")
        message %= {"min": MIN_LENGTH, "max": MAX_LENGTH}
        try:
            max_length = int(config.get("max_length"))
        except (TypeError, ValueError):
            raise ValidationError(message, code="max_length") from None
        if not MIN_LENGTH <= max_length <= MAX_LENGTH:
            raise ValidationError(message, code="max_length")
        return {"followup": followup, "opens_on": opens_on, "max_length": max_length}

    def config_form(self) -> type[forms.Form]:
        return RetroSettingsForm

    def config_initial(self, config: dict) -> dict:
        return {
            "followup": config["followup"],
            "opens_on": config["opens_on"],
            "max_length": config["max_length"],
        }

    def config_from_form(self, data: dict, *, current: dict) -> dict:
        return {
            "followup": data.get("followup"),
            "opens_on": data.get("opens_on"),
            "max_length": data.get("max_length"),
        }

    # Answers --------------------------------------------------------------------------
    def example_answer(self, *, config: dict) -> dict:
        return {"choice": config["opens_on"], "text": "Des échanges utiles"}

    def answer_from_form(self, form: FormData) -> dict:
        return {"choice": first(form, "choice"), "text": first(form, "text")}

    def clean_answer(self, *, config: dict, answer: dict) -> dict:
        choice = str(answer.get("choice") or "").lower()
        if not choice:
            raise ValidationError(_("Répondez par oui ou par non avant d'envoyer."), code="empty")
        if choice not in CHOICES:
            raise ValidationError(_("Choix non reconnu : rechargez la page."), code="bad")
        if choice != config["opens_on"]:
            # The follow-up was not asked (or was written, then the answer changed): dropped.
            return {"choice": choice, "text": ""}
        text = self.text_value(
            answer,
            "text",
            label=config["followup"],
            max_length=config["max_length"],
            required=False,
        )
        return {"choice": choice, "text": text}

    def summary(self, *, config: dict, answer: dict) -> str:
        label = str(CHOICES.get(answer.get("choice"), "?"))
        return f"{label} · {answer['text']}" if answer.get("text") else label

    def export_cells(
        self, *, config: dict, answers: list[dict], answers_by_id: Mapping[int, dict]
    ) -> list[ExportCell]:
        given = next(iter(answers), {})
        return [
            ExportCell(label=_("Oui / non"), value=str(CHOICES.get(given.get("choice"), ""))),
            ExportCell(label=config["followup"], value=str(given.get("text") or "")),
        ]

    # Results --------------------------------------------------------------------------
    def aggregate(self, *, config: dict, answers: list[dict], state: dict | None = None) -> dict:
        counts = dict.fromkeys(CHOICES, 0)
        for answer in answers:
            if answer.get("choice") in counts:
                counts[answer["choice"]] += 1
        total = sum(counts.values())
        top = max(counts.values())
        bars = [
            {
                "key": key,
                "label": str(label),
                "count": counts[key],
                "percent": round(100 * counts[key] / total) if total else 0,
                "width": round(100 * counts[key] / top) if top else 0,
                "leading": bool(top) and counts[key] == top,
            }
            for key, label in CHOICES.items()
        ]
        texts = [
            answer["text"]
            for answer in answers
            if answer.get("choice") == config["opens_on"] and answer.get("text")
        ]
        return {
            "count": total,
            "bars": bars,
            "texts": texts,
            "followup": config["followup"],
            "opens_on": str(CHOICES[config["opens_on"]]),
        }

    def screen_pages(self, *, results: dict) -> list[dict]:
        return text_pages(
            results["texts"],
            text_of=str,
            width=CARD_WIDTH,
            font=CARD_FONT,
            room=CARDS_ROOM,
        )


KIND = Retro()
