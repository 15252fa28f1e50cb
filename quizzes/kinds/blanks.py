"""Fill-in-the-blank (the deck's littératie numérique text): a text with blanks, each with its
accepted answers; optionally a word bank. The projector shows each blank's success rate live
and, at the reveal, the text filled in; each phone gets its blanks marked right or wrong.

Authoring: the text with every blank written between square brackets, the expected answer
first, then its accepted variants after "|": "l'utilisation [confiante et critique|confiant et
critique] d'une gamme…". Case, accents, punctuation and spacing never count (`matching`).

Settings, as stored: `text` (as typed), `segments` (parsed from it: {"text": …} or
{"key": "1", "answers": [expected, variants…]}), `word_bank` (show a bank of words) and `bank`
(its words in the order shown; empty: the expected answer of every blank, in alphabetical
order). A blank none of whose answers is in the bank is answered freely.

Answers: {"blanks": {"1": "what was typed", …}}, one per participant (a resend updates it).
"""

from collections.abc import Mapping

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from quizzes.kinds.base import ActivityKind, ExportCell, FormData, first
from quizzes.kinds.graded import RefusedAfterReveal
from quizzes.kinds.matching import matches, normalize

MAX_TEXT = 5000
MAX_BLANKS = 30
MAX_ANSWER = 80  # per blank, typed or expected
MAX_BANK = 40
FIELD_PREFIX = "blank-"


def _near(text: str, position: int) -> str:
    """A few words around `position`, to say where a mistake is."""
    start, end = max(0, position - 30), min(len(text), position + 30)
    if start > 0 and " " in text[start:position]:
        start = text.index(" ", start) + 1  # whole words only
    if end < len(text) and " " in text[position:end]:
        end = text.rindex(" ", position, end)
    excerpt = " ".join(text[start:end].split())
    return ("…" if start > 0 else "") + excerpt + ("…" if end < len(text) else "")


def parse_blanks(text: str) -> list[dict]:
    """The text's segments: plain text and blanks (`[réponse|variante|…]`), in order.

    Raises ValidationError (code "text") in French: no blank, an empty blank, a bracket
    opened and never closed, a bracket closed and never opened, a blank inside a blank."""
    segments: list[dict] = []
    plain: list[str] = []
    number = 0
    position = 0
    while position < len(text):
        char = text[position]
        if char == "]":
            raise ValidationError(
                _(
                    "Un crochet « ] » ferme un trou qui n'a pas été ouvert, près de "
                    "« %(near)s » : ajoutez « [ » devant la réponse ou retirez ce crochet."
                )
                % {"near": _near(text, position)},
                code="text",
            )
        if char != "[":
            plain.append(char)
            position += 1
            continue
        number += 1
        end = text.find("]", position + 1)
        if end == -1:
            raise ValidationError(
                _(
                    "Le crochet « [ » du trou n°%(number)d n'est jamais refermé, près de "
                    "« %(near)s » : ajoutez « ] » après la réponse."
                )
                % {"number": number, "near": _near(text, position)},
                code="text",
            )
        inner = text[position + 1 : end]
        if "[" in inner:
            raise ValidationError(
                _(
                    "Le trou n°%(number)d n'est pas refermé avant le crochet « [ » suivant, "
                    "près de « %(near)s » : fermez chaque trou par « ] »."
                )
                % {"number": number, "near": _near(text, position)},
                code="text",
            )
        answers: list[str] = []
        for answer in inner.split("|"):
            answer = " ".join(answer.split())
            if answer and normalize(answer) not in {normalize(a) for a in answers}:
                answers.append(answer)
        if not any(normalize(a) for a in answers):
            raise ValidationError(
                _(
                    "Le trou n°%(number)d est vide : écrivez la réponse attendue entre les "
                    "crochets, par exemple [ordinateurs]."
                )
                % {"number": number},
                code="text",
            )
        if any(len(a) > MAX_ANSWER for a in answers):
            raise ValidationError(
                _("Une réponse du trou n°%(number)d dépasse %(max)d caractères.")
                % {"number": number, "max": MAX_ANSWER},
                code="text",
            )
        if plain:
            segments.append({"text": "".join(plain)})
            plain = []
        segments.append({"key": str(number), "answers": answers})
        position = end + 1
    if plain:
        segments.append({"text": "".join(plain)})
    if number == 0:
        raise ValidationError(
            _(
                "Le texte n'a aucun trou : écrivez chaque réponse attendue entre crochets, par "
                "exemple « l'utilisation des [ordinateurs] »."
            ),
            code="text",
        )
    if number > MAX_BLANKS:
        raise ValidationError(
            _("Le texte a %(count)d trous : %(max)d au plus.")
            % {"count": number, "max": MAX_BLANKS},
            code="text",
        )
    return segments


def blanks_of(config: dict) -> list[dict]:
    return [segment for segment in config["segments"] if "key" in segment]


def bank_of(config: dict) -> list[str]:
    """The words shown in the bank (none if the bank is off)."""
    if not config.get("word_bank"):
        return []
    if config.get("bank"):
        return list(config["bank"])
    return sorted((blank["answers"][0] for blank in blanks_of(config)), key=normalize)


def rate_level(percent: int | None) -> str:
    if percent is None:
        return "none"
    return "high" if percent >= 70 else "mid" if percent >= 40 else "low"


class BlanksSettingsForm(forms.Form):
    text = forms.CharField(
        label=gettext_lazy("Texte à trous"),
        help_text=gettext_lazy(
            "Écrivez chaque trou entre crochets, la réponse attendue d'abord, puis les "
            "variantes acceptées séparées par « | » : « l'utilisation [confiante et critique|"
            "confiant et critique] d'une gamme… ». Majuscules, accents, ponctuation et espaces "
            "ne comptent pas."
        ),
        widget=forms.Textarea(attrs={"rows": 8}),
        max_length=MAX_TEXT,
    )
    word_bank = forms.BooleanField(
        label=gettext_lazy("Afficher une banque de mots"), required=False
    )
    bank = forms.CharField(
        label=gettext_lazy("Mots de la banque"),
        help_text=gettext_lazy(
            "Un mot ou groupe de mots par ligne, dans l'ordre affiché : des réponses attendues "
            "et, si vous voulez, des leurres. Vide : la réponse attendue de chaque trou. Un "
            "trou dont aucune réponse n'est dans la banque se complète librement."
        ),
        widget=forms.Textarea(attrs={"rows": 4}),
        required=False,
    )


class Blanks(RefusedAfterReveal, ActivityKind):
    name = "blanks"
    extra_fragments = frozenset({"waiting"})
    label = gettext_lazy("Texte à trous")
    description = gettext_lazy(
        "Un texte à compléter, avec ou sans banque de mots ; la réussite de chaque trou à "
        "l'écran, puis le texte complété."
    )

    # Settings ------------------------------------------------------------------------------
    def results_use_participants(self, *, config: dict) -> bool:
        return False  # the results read the answers only

    def config_form(self) -> type[forms.Form]:
        return BlanksSettingsForm

    def default_config(self) -> dict:
        return {"text": "", "segments": [], "word_bank": False, "bank": []}

    def config_initial(self, config: dict) -> dict:
        return {
            "text": config["text"],
            "word_bank": config["word_bank"],
            "bank": "\n".join(config["bank"]),
        }

    def config_from_form(self, data: dict, *, current: dict) -> dict:
        return {
            "text": data.get("text") or "",
            "word_bank": bool(data.get("word_bank")),
            "bank": (data.get("bank") or "").splitlines(),
        }

    def clean_config(self, config: dict) -> dict:
        config = super().clean_config(config)
        text = str(config.get("text") or "").strip()
        if len(text) > MAX_TEXT:
            raise ValidationError(
                _("Le texte dépasse %(max)d caractères.") % {"max": MAX_TEXT}, code="text"
            )
        segments = parse_blanks(text)
        bank: list[str] = []
        for word in config.get("bank") or []:
            word = " ".join(str(word).split())
            if not word:
                continue
            if normalize(word) in {normalize(w) for w in bank}:
                raise ValidationError(
                    _("« %(word)s » est deux fois dans la banque de mots.") % {"word": word},
                    code="bank",
                )
            if len(word) > MAX_ANSWER:
                raise ValidationError(
                    _("Un mot de la banque dépasse %(max)d caractères.") % {"max": MAX_ANSWER},
                    code="bank",
                )
            bank.append(word)
        if len(bank) > MAX_BANK:
            raise ValidationError(
                _("La banque a %(count)d mots : %(max)d au plus.")
                % {"count": len(bank), "max": MAX_BANK},
                code="bank",
            )
        word_bank = bool(config.get("word_bank"))
        answers = [a for s in segments if "key" in s for a in s["answers"]]
        if word_bank and bank and not any(matches(word, answers) for word in bank):
            raise ValidationError(
                _(
                    "Aucun mot de la banque n'est une réponse attendue : vérifiez-les, ou "
                    "laissez la banque vide pour proposer les réponses de chaque trou."
                ),
                code="bank",
            )
        return {"text": text, "segments": segments, "word_bank": word_bank, "bank": bank}

    # Answers -------------------------------------------------------------------------------
    def example_config(self) -> dict:
        return {"text": "La littératie [numérique] s'apprend.", "word_bank": False, "bank": []}

    def example_answer(self, *, config: dict) -> dict:
        return {"blanks": {"1": "numérique"}}

    def answer_from_form(self, form: FormData) -> dict:
        blanks = {}
        for field in form:
            key = field.removeprefix(FIELD_PREFIX)
            if field.startswith(FIELD_PREFIX) and key.isdigit() and len(key) <= 3:
                blanks[str(int(key))] = first(form, field)
        return {"blanks": blanks}

    def clean_answer(self, *, config: dict, answer: dict) -> dict:
        raw = answer.get("blanks")
        if isinstance(raw, list):
            raw = {str(number): value for number, value in enumerate(raw, start=1)}
        if not isinstance(raw, dict):
            raise ValidationError(_("Réponse mal formée : rechargez la page."), code="bad")
        keys = [blank["key"] for blank in blanks_of(config)]
        if any(str(v or "").strip() for k, v in raw.items() if str(k) not in keys):
            # A form from before the text was changed.
            raise ValidationError(
                _("Le texte a changé depuis l'affichage : rechargez la page."), code="bad"
            )
        cleaned = {}
        for key in keys:
            value = " ".join(str(raw.get(key) or "").split())
            if len(value) > MAX_ANSWER:
                raise ValidationError(
                    _(
                        "Le trou n°%(number)s est trop long : %(length)d caractères pour "
                        "%(max)d au plus."
                    )
                    % {"number": key, "length": len(value), "max": MAX_ANSWER},
                    code="too_long",
                )
            cleaned[key] = value
        if not any(cleaned.values()):
            raise ValidationError(_("Complétez au moins un trou avant d'envoyer."), code="empty")
        return {"blanks": cleaned}

    def summary(self, *, config: dict, answer: dict) -> str:
        given = answer.get("blanks") or {}
        return " · ".join(
            f"{blank['key']}. {given.get(blank['key']) or '—'}" for blank in blanks_of(config)
        )

    # The phone -----------------------------------------------------------------------------
    def phone_context(self, *, activity, run, participant) -> dict:
        bank = bank_of(activity.config)
        free = any(
            not any(matches(word, blank["answers"]) for word in bank)
            for blank in blanks_of(activity.config)
        )
        return {"blank_bank": bank, "blank_free": bool(bank) and free, "blank_max": MAX_ANSWER}

    # Results and correction ----------------------------------------------------------------
    def aggregate(self, *, config: dict, answers: list[dict], state: dict | None = None) -> dict:
        count = len(answers)
        stats = {}
        for blank in blanks_of(config):
            key = blank["key"]
            given = [str((a.get("blanks") or {}).get(key) or "") for a in answers]
            right = sum(1 for value in given if matches(value, blank["answers"]))
            percent = round(100 * right / count) if count else None
            stats[key] = {
                "key": key,
                "number": int(key),
                "expected": blank["answers"][0],
                "variants": blank["answers"][1:],
                "answered": sum(1 for value in given if value.strip()),
                "right": right,
                "percent": percent,
                "level": rate_level(percent),
            }
        rates = [s["percent"] for s in stats.values() if s["percent"] is not None]
        return {
            "count": count,
            "segments": [
                {"blank": stats[s["key"]]} if "key" in s else {"text": s["text"]}
                for s in config["segments"]
            ],
            "blanks": list(stats.values()),
            "average": round(sum(rates) / len(rates)) if rates else None,
            "bank": bank_of(config),
        }

    def grade(self, *, config: dict, answer: dict) -> dict | None:
        given = answer.get("blanks") or {}
        blanks = [
            {
                "number": int(blank["key"]),
                "given": str(given.get(blank["key"]) or ""),
                "expected": blank["answers"][0],
                "right": matches(str(given.get(blank["key"]) or ""), blank["answers"]),
            }
            for blank in blanks_of(config)
        ]
        score = sum(1 for blank in blanks if blank["right"])
        return {
            "blanks": blanks,
            "score": score,
            "total": len(blanks),
            "correct": score == len(blanks),
        }

    def export_cells(
        self, *, config: dict, answers: list[dict], answers_by_id: Mapping[int, dict]
    ) -> list[ExportCell]:
        graded = self.grade(config=config, answer=next(iter(answers), {}))
        return [
            ExportCell(
                label=_("Trou %(number)d") % {"number": blank["number"]},
                value=blank["given"],
                right=blank["right"],
                expected=blank["expected"],
            )
            for blank in graded["blanks"]
        ]


KIND = Blanks()
