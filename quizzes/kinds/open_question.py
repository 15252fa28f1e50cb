"""Open question ("Qu'est-ce que l'illectronisme ?"), shown one of two ways:
- a word cloud: each participant gives up to a few short entries; entries that say the same
  thing once normalised (case, accents, punctuation, spaces, simple French plurals) make one
  group, shown with its most frequent spelling; the cloud is drawn by the server (a size per
  group, in a few steps, in a stable order), beside the ranked list screen readers get;
- a wall: one free text per participant, shown as cards (names when a pseudonym was given).

One answer per participant, `{"entries": ["…", …]}` (a wall's text is its one entry), so the
facilitator can switch the display without losing anything. Moderation: hiding an answer (the
pipeline's own) hides all of that participant's entries; in the cloud, the facilitator can
also hide one word — a group, whoever gave it — from the control view (`hide_word`, kept in
the run's state). With `hold`, every new or changed answer waits, hidden, for the facilitator
to approve it (`held_for_approval`).
"""

import unicodedata
from dataclasses import dataclass, field

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext

from quizzes.kinds.base import ActivityKind, FormData, first
from quizzes.kinds.stage_fit import text_pages

# On the stage: the cloud keeps the words given most (the others are counted, "+ N autres"),
# its ranking beside it the first ones; the wall's cards go in pages (three columns of 560 px).
STAGE_CLOUD_WORDS = 36
STAGE_RANKING = 10
WALL_CARD_WIDTH = 540
WALL_FONT = 33
WALL_ROOM = 3 * 560

CLOUD, WALL = "cloud", "wall"
DISPLAYS = {
    CLOUD: gettext_lazy("Nuage de mots (réponses courtes regroupées)"),
    WALL: gettext_lazy("Mur de réponses (texte libre, modéré)"),
}
DEFAULT_LENGTH = {CLOUD: 40, WALL: 280}
MIN_LENGTH, MAX_LENGTH = 10, 500
MAX_ENTRIES = 10
# Font sizes of the cloud, from the least to the most given answer.
CLOUD_STEPS = 6
# Beyond this, the least given answers stay in the list only: a cloud must stay readable.
CLOUD_WORDS = 60


def normalise(text: str) -> str:
    """The key entries are grouped by: lower case, no accents, no punctuation, single spaces,
    and a simple French plural (a trailing s or x dropped from words of more than 3 letters:
    "Exclusions" → "exclusion", "numériques" → "numerique", "bus" stays "bus")."""
    text = str(text).casefold().replace("œ", "oe").replace("æ", "ae")
    text = "".join(
        char for char in unicodedata.normalize("NFKD", text) if not unicodedata.combining(char)
    )
    text = "".join(char if char.isalnum() else " " for char in text)
    words = [word[:-1] if len(word) > 3 and word[-1] in "sx" else word for word in text.split()]
    return " ".join(words)


@dataclass
class Group:
    """Entries that say the same thing, once normalised."""

    key: str
    first_seen: int
    count: int = 0
    spellings: dict[str, int] = field(default_factory=dict)  # in the order first seen
    rank: int = 0
    size: int = 1
    tone: int = 0

    @property
    def text(self) -> str:
        """The most frequent spelling; the first seen on a tie (max keeps the first)."""
        return max(self.spellings, key=self.spellings.get)


def group_entries(entries: list[str]) -> list[Group]:
    """Groups in the order their first entry came."""
    groups: dict[str, Group] = {}
    for entry in entries:
        spelling = " ".join(str(entry).split())
        key = normalise(spelling)
        if not key:
            continue
        group = groups.setdefault(key, Group(key=key, first_seen=len(groups)))
        group.count += 1
        group.spellings[spelling] = group.spellings.get(spelling, 0) + 1
    return list(groups.values())


def rank_groups(groups: list[Group]) -> list[Group]:
    """Most given first; ties share a rank (1, 2, 2, 4) and keep their arrival order."""
    ordered = sorted(groups, key=lambda group: (-group.count, group.first_seen))
    for position, group in enumerate(ordered, start=1):
        previous = ordered[position - 2] if position > 1 else None
        group.rank = previous.rank if previous and previous.count == group.count else position
    return ordered


def cloud_of(ranked: list[Group]) -> list[Group]:
    """The cloud's words: the most given ones, each with a size from 1 to CLOUD_STEPS by its
    count, shown in the order they first came, so a new answer never reshuffles the cloud."""
    words = ranked[:CLOUD_WORDS]
    if not words:
        return []
    low, high = min(g.count for g in words), max(g.count for g in words)
    for group in words:
        if high == low:
            group.size = CLOUD_STEPS // 2
        else:
            group.size = 1 + round((CLOUD_STEPS - 1) * (group.count - low) / (high - low))
        group.tone = group.first_seen % 3
    return sorted(words, key=lambda group: group.first_seen)


def entries_of(answer: dict) -> list[str]:
    entries = (answer or {}).get("entries") or []
    return [str(entry) for entry in entries] if isinstance(entries, list) else [str(entries)]


class OpenSettingsForm(forms.Form):
    display = forms.ChoiceField(
        label=gettext_lazy("Affichage à l'écran"),
        choices=list(DISPLAYS.items()),
        widget=forms.RadioSelect,
        initial=CLOUD,
    )
    max_entries = forms.IntegerField(
        label=gettext_lazy("Réponses par participant·e (nuage de mots)"),
        help_text=gettext_lazy("De 1 à 10. Sur un mur, chacun·e écrit un seul texte."),
        min_value=1,
        max_value=MAX_ENTRIES,
        initial=3,
    )
    max_length = forms.IntegerField(
        label=gettext_lazy("Longueur d'une réponse (caractères au plus)"),
        help_text=gettext_lazy(
            "De 10 à 500. Vide : 40 pour un nuage de mots, 280 pour un mur de réponses."
        ),
        min_value=MIN_LENGTH,
        max_value=MAX_LENGTH,
        required=False,
    )
    hold = forms.BooleanField(
        label=gettext_lazy("Valider chaque réponse avant qu'elle s'affiche à l'écran"),
        required=False,
    )


class OpenQuestion(ActivityKind):
    name = "open_question"
    label = gettext_lazy("Question ouverte (nuage de mots ou mur)")
    description = gettext_lazy(
        "Des réponses courtes regroupées en nuage de mots, ou des textes libres sur un mur modéré."
    )

    # Settings -------------------------------------------------------------------------
    def default_config(self) -> dict:
        return {
            "display": CLOUD,
            "max_entries": 3,
            "max_length": DEFAULT_LENGTH[CLOUD],
            "hold": False,
        }

    def clean_config(self, config: dict) -> dict:
        config = config or {}
        display = config.get("display") or CLOUD
        if display not in DISPLAYS:
            raise ValidationError(
                _("Choisissez l'affichage : nuage de mots ou mur de réponses."), code="display"
            )
        numbers = {}
        for name, low, high, default, message in (
            (
                "max_entries",
                1,
                MAX_ENTRIES,
                3,
                _("Le nombre de réponses par participant·e va de 1 à 10."),
            ),
            (
                "max_length",
                MIN_LENGTH,
                MAX_LENGTH,
                DEFAULT_LENGTH[display],
                _("La longueur d'une réponse va de 10 à 500 caractères."),
            ),
        ):
            value = config.get(name)
            if value in (None, ""):
                value = default
            try:
                numbers[name] = int(value)
            except (TypeError, ValueError):
                raise ValidationError(message, code=name) from None
            if not low <= numbers[name] <= high:
                raise ValidationError(message, code=name)
        return {"display": display, **numbers, "hold": bool(config.get("hold"))}

    def config_form(self) -> type[forms.Form]:
        return OpenSettingsForm

    def config_initial(self, config: dict) -> dict:
        config = {**self.default_config(), **(config or {})}
        return {
            "display": config["display"],
            "max_entries": config["max_entries"],
            "max_length": config["max_length"],
            "hold": config["hold"],
        }

    def config_from_form(self, data: dict, *, current: dict) -> dict:
        return {
            "display": data.get("display"),
            "max_entries": data.get("max_entries"),
            "max_length": data.get("max_length"),
            "hold": bool(data.get("hold")),
        }

    def results_use_participants(self, *, config: dict) -> bool:
        return config["display"] == WALL  # the wall's cards carry names

    def held_for_approval(self, *, config: dict) -> bool:
        return bool(config.get("hold"))

    # Answers --------------------------------------------------------------------------
    def example_answer(self, *, config: dict) -> dict:
        return {"entries": ["Exclusion"]}

    def answer_from_form(self, form: FormData) -> dict:
        return {"entries": list(form.get("entry", []))}

    def clean_answer(self, *, config: dict, answer: dict) -> dict:
        raw = (answer or {}).get("entries")
        if isinstance(raw, str):
            raw = [raw]
        if not isinstance(raw, list):
            raise ValidationError(_("Réponse non reconnue : rechargez la page."), code="bad")
        wall = config["display"] == WALL
        # Blank fields are left out; the others keep the number of their field.
        given = [(n, " ".join(str(e).split())) for n, e in enumerate(raw, start=1)]
        given = [(n, entry) for n, entry in given if entry]
        if not given:
            raise ValidationError(
                _("Votre réponse est vide : écrivez quelques mots.")
                if wall
                else _("Écrivez au moins une réponse avant d'envoyer."),
                code="empty",
            )
        limit = 1 if wall else config["max_entries"]
        if len(given) > limit:
            raise ValidationError(
                ngettext(
                    "Une seule réponse est possible : vous en avez écrit %(count)d.",
                    "%(max)d réponses au plus : vous en avez écrit %(count)d.",
                    limit,
                )
                % {"max": limit, "count": len(given)},
                code="too_many",
            )
        seen: dict[str, int] = {}
        for number, entry in given:
            if len(entry) > config["max_length"]:
                message = (
                    _("Votre réponse est trop longue : %(length)d caractères pour %(max)d au plus.")
                    if wall
                    else _(
                        "La réponse %(number)d est trop longue : %(length)d caractères "
                        "pour %(max)d au plus."
                    )
                )
                raise ValidationError(
                    message % {"number": number, "length": len(entry), "max": config["max_length"]},
                    code="too_long",
                )
            key = normalise(entry)
            if not key:
                raise ValidationError(
                    _("La réponse %(number)d ne contient ni lettre ni chiffre.")
                    % {"number": number},
                    code="empty",
                )
            if key in seen:
                raise ValidationError(
                    _(
                        "Les réponses %(first)d et %(second)d disent la même chose "
                        "(« %(text)s ») : changez-en une."
                    )
                    % {"first": seen[key], "second": number, "text": entry},
                    code="duplicate",
                )
            seen[key] = number
        return {"entries": [entry for _number, entry in given]}

    def summary(self, *, config: dict, answer: dict) -> str:
        return " · ".join(entries_of(answer))

    # The phone ------------------------------------------------------------------------
    def phone_context(self, *, activity, run, participant) -> dict:
        return {"entry_numbers": range(1, activity.config["max_entries"] + 1)}

    # Hiding one word of the cloud, from the control view -------------------------------
    actions = {
        "hide_word": gettext_lazy("Masquer ce mot"),
        "show_word": gettext_lazy("Réafficher ce mot"),
    }
    extra_fragments = frozenset({"live_control"})

    def available_actions(self, *, state: dict) -> dict:
        return {}  # offered beside each word (`live_control`), not as buttons of their own

    def perform_with_input(
        self, action: str, *, config: dict, state: dict, responses: list, form: FormData
    ) -> dict:
        if action not in self.actions:
            return super().perform(action, config=config, state=state, responses=responses)
        # The group's key as the control view gave it (normalising it again could change it).
        word = first(form, "word").strip()
        if not word or len(word) > MAX_LENGTH:
            raise ValidationError(_("Mot introuvable : rechargez la régie."), code="word")
        hidden = [key for key in (state or {}).get("hidden_words", []) if key != word]
        if action == "hide_word":
            hidden.append(word)
        return {**(state or {}), "hidden_words": hidden}

    # Results --------------------------------------------------------------------------
    def aggregate(self, *, config: dict, answers: list[dict], state: dict | None = None) -> dict:
        entries = [entry for answer in answers for entry in entries_of(answer)]
        groups = group_entries(entries)
        hidden_words = set((state or {}).get("hidden_words") or [])
        ranked = rank_groups([group for group in groups if group.key not in hidden_words])
        return {
            "hidden_groups": [group for group in groups if group.key in hidden_words],
            "display": config["display"],
            "count": len(answers),
            "entry_count": len(entries),
            "ranking": ranked,
            "cloud": cloud_of(ranked),
            # The wall: newest first (answers come in the order they were first sent).
            "cards": [
                {"text": " · ".join(entries_of(answer)), "author": ""}
                for answer in reversed(answers)
            ],
        }

    def results_context(self, *, activity, run, responses: list) -> dict:
        results = self.aggregate(
            config=activity.config,
            answers=[r.data for r in responses],
            state=run.state if run is not None else None,
        )
        if activity.config["display"] == WALL:
            # A name on the wall only when the participant gave one (a pseudonym).
            results["cards"] = [
                {"text": " · ".join(entries_of(r.data)), "author": r.participant.pseudonym}
                for r in reversed(responses)
            ]
        return results

    def screen_pages(self, *, results: dict) -> list[dict]:
        if results["display"] == WALL:
            return text_pages(
                results["cards"],
                text_of=lambda card: card["text"] + " " + card["author"],
                width=WALL_CARD_WIDTH,
                font=WALL_FONT,
                room=WALL_ROOM,
            )
        ranking = results["ranking"]
        if len(ranking) <= STAGE_RANKING:
            return []
        kept = {group.key for group in ranking[:STAGE_CLOUD_WORDS]}
        return [
            {
                "cloud": [group for group in results["cloud"] if group.key in kept],
                "ranking": ranking[:STAGE_RANKING],
                "more": len(ranking) - STAGE_RANKING,
            }
        ]


KIND = OpenQuestion()
