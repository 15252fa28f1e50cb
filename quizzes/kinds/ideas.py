"""Idea board (brainstorming): participants post short ideas under a few columns (the deck's
five enjeux), several each; then a dot-vote, a number of votes per participant set by the
facilitator; then the ranking. The facilitator moves, merges and hides ideas.

Answers are of two shapes, both in the one answer store:
- an idea, `{"column": key, "text": "…"}`, keyed by its own client id (a double submit of the
  same idea updates it, never duplicates it);
- a participant's votes, `{"votes": [idea ids]}`, one answer per participant (slot "votes")
  that they can change until the ranking. One vote per idea and per person.

What the facilitator does lives in the run's state, never in the participants' answers:
`phase` (post → vote → ranking), `votes` (the allowance), `moves` {idea id: column} and
`merged` {idea id: id of the idea it was merged into}. A merged idea's votes and authors count
for the idea it joined, and its text stays visible there, in the idea's history.
"""

from collections.abc import Mapping
from dataclasses import dataclass, field

from django import forms
from django.core.exceptions import ValidationError
from django.utils.text import slugify
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext

from quizzes.kinds.base import ActivityKind, ExportCell, FormData, first
from quizzes.kinds.stage_fit import fold, text_height

# On the stage: five columns of 300 px of cards at 24 to 30 px; below each title and its
# "+ N autres", about 450 px for its description (while ideas are posted) and its ideas (the
# newest shown, the others counted). The ranking's texts are 1100 px wide at 33 px in 700 px
# (the least voted counted, "+ N autres"; stage.js shrinks what the estimate leaves over).
COLUMN_WIDTH = 300
CARD_FONT = 27
DESCRIPTION_FONT = 24
COLUMN_ROOM = 450
RANKING_WIDTH = 1100
RANKING_FONT = 33
RANKING_ROOM = 700

VOTES_SLOT = "votes"
PHASES = ("post", "vote", "ranking")
PHASE_LABELS = {
    "post": gettext_lazy("Dépôt des idées"),
    "vote": gettext_lazy("Vote"),
    "ranking": gettext_lazy("Classement"),
}
OTHER_COLUMN = "autres"

# The five enjeux, word for word from the deck's slide "L'inclusion numérique, politique
# prioritaire".
DEFAULT_COLUMNS = [
    {
        "key": "economique",
        "title": "Un enjeu économique",
        "description": "pouvoir d'achat, employabilité et développement économique",
    },
    {
        "key": "cohesion",
        "title": "Un enjeu de cohésion",
        "description": (
            "cohésion sociale et territoriale, défense socle républicain et démocratique"
        ),
    },
    {
        "key": "politique",
        "title": "Un enjeu politique",
        "description": (
            "accès aux droits, à la vie civique, au lien social, à une information fiable"
        ),
    },
    {
        "key": "sante",
        "title": "Un enjeu de santé",
        "description": (
            "accès aux soins, prévention cyberharcèlement, isolement, addiction, "
            "mal-être au travail"
        ),
    },
    {
        "key": "ecologique",
        "title": "Un enjeu écologique",
        "description": (
            "consommer mieux, se déplacer moins, produire autrement, "
            "mettre en commun des ressources rares"
        ),
    },
]
MAX_COLUMNS = 8
MAX_VOTES = 20


@dataclass
class Idea:
    """One idea on the board, after the facilitator's moves and merges."""

    id: int
    text: str
    column: str
    column_title: str
    author: str
    created_at: object
    votes: int = 0
    rank: int = 0
    width: int = 0  # the ranking bar, in % of the most voted idea (an int: no decimal comma)
    authors: list[str] = field(default_factory=list)
    merged: list[dict] = field(default_factory=list)  # [{"id", "text", "author"}]


def _ids(mapping: dict) -> dict[int, object]:
    result = {}
    for key, value in (mapping or {}).items():
        try:
            result[int(key)] = value
        except (TypeError, ValueError):
            continue
    return result


def merged_map(state: dict) -> dict[int, int]:
    return {pk: int(into) for pk, into in _ids(state.get("merged", {})).items()}


def resolve(pk: int, merged: dict[int, int]) -> int:
    """The idea `pk` now counts for: itself, or the one it was merged into (transitively)."""
    seen = set()
    while pk in merged and pk not in seen:
        seen.add(pk)
        pk = merged[pk]
    return pk


def is_idea(response) -> bool:
    return VOTES_SLOT not in (response.data or {})


def build_board(*, config: dict, state: dict, responses: list) -> dict:
    """Ideas (visible, after moves and merges) and their votes, from the stored answers.

    Returns {"ideas": {id: Idea} for ideas still on the board, "voters": participants who
    voted, "votes_cast": votes counted}. A vote for a merged idea counts for the idea it
    joined, once per person; votes for hidden ideas don't count.
    """
    merged = merged_map(state)
    moves = _ids(state.get("moves", {}))
    titles = {column["key"]: column["title"] for column in config["columns"]}
    posted = {r.pk: r for r in responses if is_idea(r)}
    ideas: dict[int, Idea] = {}
    for pk, response in posted.items():
        if resolve(pk, merged) != pk:
            continue
        column = str(moves.get(pk) or response.data.get("column", ""))
        if column not in titles:
            column = OTHER_COLUMN
        author = response.participant.display_name
        ideas[pk] = Idea(
            id=pk,
            text=response.data.get("text", ""),
            column=column,
            column_title=titles.get(column) or _("Autres idées"),
            author=author,
            created_at=response.created_at,
            authors=[author],
        )
    for pk, response in sorted(posted.items()):
        root = resolve(pk, merged)
        if root != pk and root in ideas:
            author = response.participant.display_name
            ideas[root].merged.append(
                {"id": pk, "text": response.data.get("text", ""), "author": author}
            )
            if author not in ideas[root].authors:
                ideas[root].authors.append(author)
    voters = 0
    votes_cast = 0
    for response in responses:
        if is_idea(response):
            continue
        chosen = {resolve(int(pk), merged) for pk in response.data.get("votes", [])}
        chosen &= ideas.keys()
        if chosen:
            voters += 1
        for pk in chosen:
            ideas[pk].votes += 1
            votes_cast += 1
    return {"ideas": ideas, "voters": voters, "votes_cast": votes_cast}


def ranking(ideas: list[Idea]) -> list[Idea]:
    """Most votes first; ties share a rank (1, 2, 2, 4), then the earlier idea first."""
    ordered = sorted(ideas, key=lambda idea: (-idea.votes, idea.created_at, idea.id))
    top = ordered[0].votes if ordered else 0
    for position, idea in enumerate(ordered, start=1):
        previous = ordered[position - 2] if position > 1 else None
        idea.rank = previous.rank if previous and previous.votes == idea.votes else position
        idea.width = round(100 * idea.votes / top) if top else 0
    return ordered


def columns_of(*, config: dict, ideas: list[Idea]) -> list[dict]:
    """The configured columns with their ideas (in posting order), then "Autres idées" for
    ideas whose column no longer exists, if any."""
    columns = [dict(column, ideas=[]) for column in config["columns"]]
    by_key = {column["key"]: column for column in columns}
    other = {
        "key": OTHER_COLUMN,
        "title": _("Autres idées"),
        "description": "",
        "ideas": [],
    }
    for idea in sorted(ideas, key=lambda idea: (idea.created_at, idea.id)):
        by_key.get(idea.column, other)["ideas"].append(idea)
    return columns + ([other] if other["ideas"] else [])


def column_title(config: dict, key: str) -> str:
    for column in config["columns"]:
        if column["key"] == key:
            return column["title"]
    return _("Autres idées")


class IdeasSettingsForm(forms.Form):
    columns = forms.CharField(
        label=gettext_lazy("Colonnes"),
        help_text=gettext_lazy(
            "Une colonne par ligne : son titre, puis, après « : », une précision facultative. "
            "Renommer une colonne garde ses idées."
        ),
        widget=forms.Textarea(attrs={"rows": 6}),
    )
    max_length = forms.IntegerField(
        label=gettext_lazy("Longueur d'une idée (caractères au plus)"),
        min_value=20,
        max_value=500,
        initial=200,
    )
    max_ideas = forms.IntegerField(
        label=gettext_lazy("Idées par participant·e (au plus)"),
        min_value=1,
        max_value=50,
        initial=10,
    )
    votes = forms.IntegerField(
        label=gettext_lazy("Votes par participant·e"),
        help_text=gettext_lazy("Modifiable au moment de passer au vote."),
        min_value=1,
        max_value=MAX_VOTES,
        initial=3,
    )


class IdeaBoard(ActivityKind):
    name = "ideas"
    label = gettext_lazy("Mur d'idées (brainstorming et vote)")
    description = gettext_lazy(
        "Des idées courtes sous quelques colonnes (les enjeux), puis un vote par points "
        "et le classement."
    )
    several_answers = True
    personal_phone = True  # one's own ideas and votes
    results_hidden_by_default = False
    shows_own_count = True
    extra_fragments = frozenset({"control", "moderation", "synthesis"})

    # Settings -------------------------------------------------------------------------
    def default_config(self) -> dict:
        return {
            "columns": [dict(column) for column in DEFAULT_COLUMNS],
            "max_length": 200,
            "max_ideas": 10,
            "votes": 3,
        }

    def clean_config(self, config: dict) -> dict:
        config = super().clean_config(config)
        columns = []
        for column in config.get("columns") or []:
            title = " ".join(str(column.get("title", "")).split())
            if not title:
                continue
            if len(title) > 80:
                raise ValidationError(
                    _("Le titre d'une colonne fait 80 caractères au plus."), code="columns"
                )
            description = " ".join(str(column.get("description", "")).split())
            if len(description) > 200:
                raise ValidationError(
                    _("La précision d'une colonne fait 200 caractères au plus."), code="columns"
                )
            key = str(column.get("key") or slugify(title))[:40] or f"colonne-{len(columns) + 1}"
            columns.append({"key": key, "title": title, "description": description})
        if not columns:
            raise ValidationError(_("Un mur d'idées a au moins une colonne."), code="columns")
        if len(columns) > MAX_COLUMNS:
            raise ValidationError(
                _("Un mur d'idées a au plus %(max)d colonnes.") % {"max": MAX_COLUMNS},
                code="columns",
            )
        if len({c["title"].lower() for c in columns}) != len(columns):
            raise ValidationError(_("Deux colonnes ont le même titre."), code="columns")
        if len({c["key"] for c in columns}) != len(columns) or OTHER_COLUMN in {
            c["key"] for c in columns
        }:
            raise ValidationError(_("Deux colonnes ont le même identifiant."), code="columns")
        numbers = {}
        for name, low, high, message in (
            ("max_length", 20, 500, _("La longueur d'une idée va de 20 à 500 caractères.")),
            ("max_ideas", 1, 50, _("Le nombre d'idées par participant·e va de 1 à 50.")),
            ("votes", 1, MAX_VOTES, _("Le nombre de votes par participant·e va de 1 à 20.")),
        ):
            try:
                numbers[name] = int(config.get(name))
            except (TypeError, ValueError):
                raise ValidationError(message, code=name) from None
            if not low <= numbers[name] <= high:
                raise ValidationError(message, code=name)
        return {"columns": columns, **numbers}

    def config_form(self) -> type[forms.Form]:
        return IdeasSettingsForm

    def config_initial(self, config: dict) -> dict:
        lines = [
            f"{c['title']} : {c['description']}" if c.get("description") else c["title"]
            for c in config["columns"]
        ]
        return {
            "columns": "\n".join(lines),
            "max_length": config["max_length"],
            "max_ideas": config["max_ideas"],
            "votes": config["votes"],
        }

    def config_from_form(self, data: dict, *, current: dict) -> dict:
        # A column keeps its key (and so its ideas) when its title is kept or only renamed
        # in place: by title first, then by position.
        previous = list((current or {}).get("columns", []))
        known = {c["title"].lower(): c["key"] for c in previous}
        lines = [line for line in (data.get("columns") or "").splitlines() if line.strip()]
        titles = {" ".join(line.partition(":")[0].split()).lower() for line in lines}
        columns, used = [], set()
        for position, line in enumerate(lines):
            title, _sep, description = line.partition(":")
            title = " ".join(title.split())
            key = known.get(title.lower())
            renamed = position < len(previous) and previous[position]["title"].lower() not in titles
            if key is None and renamed:
                key = previous[position]["key"]
            if key is None or key in used:
                key = slugify(title)[:40] or f"colonne-{position + 1}"
                while key in used:
                    key = f"{key}-{position + 1}"
            used.add(key)
            columns.append({"key": key, "title": title, "description": description.strip()})
        return {
            "columns": columns,
            "max_length": data.get("max_length"),
            "max_ideas": data.get("max_ideas"),
            "votes": data.get("votes"),
        }

    # Answers --------------------------------------------------------------------------
    def example_answer(self, *, config: dict) -> dict:
        return {"column": config["columns"][0]["key"], "text": "Un bus numérique"}

    def answer_from_form(self, form: FormData) -> dict:
        if first(form, "what") == "votes":
            votes = []
            for value in form.get("vote", []):
                try:
                    votes.append(int(value))
                except (TypeError, ValueError):
                    votes.append(value)  # refused, with its message, by clean_answer
            return {"votes": votes}
        return {"column": first(form, "column"), "text": first(form, "text")}

    def slot(self, *, client_id: str, answer: dict) -> str:
        return VOTES_SLOT if "votes" in answer else client_id

    def clean_answer(self, *, config: dict, answer: dict) -> dict:
        if "votes" in answer:
            raw = answer.get("votes")
            if not isinstance(raw, list):
                raw = [raw]
            try:
                votes = sorted({int(pk) for pk in raw})
            except (TypeError, ValueError):
                raise ValidationError(
                    _("Vote non reconnu : rechargez la page."), code="bad"
                ) from None
            if not votes:
                raise ValidationError(
                    _("Cochez au moins une idée avant d'envoyer votre vote."), code="empty"
                )
            return {"votes": votes}
        keys = [column["key"] for column in config["columns"]]
        column = str(answer.get("column") or "")
        if column not in keys:
            if len(keys) == 1:
                column = keys[0]
            else:
                raise ValidationError(
                    _("Choisissez la colonne de votre idée (l'enjeu)."), code="column"
                )
        text = self.text_value(
            answer, "text", label=_("Votre idée"), max_length=config["max_length"]
        )
        return {"column": column, "text": text}

    def check_in_run(self, *, run, participant_id: int, slot: str, answer: dict) -> dict:
        state = run.state or {}
        phase = state.get("phase", "post")
        config = run.activity.config
        answers = run.answers()
        if "votes" not in answer:
            if phase != "post":
                raise ValidationError(
                    _("Le dépôt des idées est terminé : place au vote."), code="phase"
                )
            mine = (
                answers.filter(participant_id=participant_id)
                .exclude(slot__in=[VOTES_SLOT, slot])
                .count()
            )
            if mine >= config["max_ideas"]:
                raise ValidationError(
                    ngettext(
                        "Vous avez déjà proposé %(max)d idée : c'est le maximum.",
                        "Vous avez déjà proposé %(max)d idées : c'est le maximum.",
                        config["max_ideas"],
                    )
                    % {"max": config["max_ideas"]},
                    code="too_many",
                )
            return answer
        if phase == "post":
            raise ValidationError(
                _("Le vote n'est pas encore ouvert : l'animation l'annoncera."), code="phase"
            )
        if phase == "ranking":
            raise ValidationError(
                _("Le vote est terminé : votre vote précédent est conservé."), code="phase"
            )
        merged = merged_map(state)
        chosen = sorted({resolve(pk, merged) for pk in answer["votes"]})
        visible = set(
            answers.filter(pk__in=chosen, hidden=False)
            .exclude(slot=VOTES_SLOT)
            .values_list("pk", flat=True)
        )
        if set(chosen) - visible:
            raise ValidationError(
                _("Une des idées choisies n'est plus au tableau : décochez-la."), code="gone"
            )
        allowance = self.allowance(config=config, state=state)
        if len(chosen) > allowance:
            extra = len(chosen) - allowance
            raise ValidationError(
                ngettext(
                    "Vous avez %(allowance)d vote et vous avez choisi %(count)d idées : ",
                    "Vous avez %(allowance)d votes et vous avez choisi %(count)d idées : ",
                    allowance,
                )
                % {"allowance": allowance, "count": len(chosen)}
                + ngettext("retirez-en %(extra)d.", "retirez-en %(extra)d.", extra)
                % {"extra": extra},
                code="too_many",
            )
        return {"votes": chosen}

    @staticmethod
    def allowance(*, config: dict, state: dict) -> int:
        try:
            return int(state.get("votes") or config["votes"])
        except (TypeError, ValueError):
            return config["votes"]

    def answering(self, *, state: dict) -> bool:
        return state.get("phase", "post") != "ranking"

    def phones_show_answers(self, *, state: dict) -> bool:
        # While ideas are posted, phones show only their own: moderating others' ideas must
        # not refresh a phone whose participant is typing.
        return state.get("phase", "post") != "post"

    def summary(self, *, config: dict, answer: dict) -> str:
        if "votes" in answer:
            return ngettext(
                "Vote pour l'idée n° %(ids)s",
                "Votes pour les idées n° %(ids)s",
                len(answer["votes"]),
            ) % {"ids": ", ".join(str(pk) for pk in answer["votes"])}
        return f"{answer.get('text', '')} ({column_title(config, answer.get('column', ''))})"

    def export_cells(
        self, *, config: dict, answers: list[dict], answers_by_id: Mapping[int, dict]
    ) -> list[ExportCell]:
        ideas = [answer for answer in answers if "votes" not in answer]
        voted = [pk for answer in answers for pk in answer.get("votes", [])]
        # A vote names the idea it chose, by its text (its id means nothing in a spreadsheet).
        texts = [
            (answers_by_id.get(pk) or {}).get("text") or _("idée n° %(id)s") % {"id": pk}
            for pk in voted
        ]
        return [
            ExportCell(
                label=_("Idées proposées"),
                value=" · ".join(self.summary(config=config, answer=idea) for idea in ideas),
            ),
            ExportCell(label=_("Votes"), value=" · ".join(texts)),
        ]

    # The phone ------------------------------------------------------------------------
    def phone_context(self, *, activity, run, participant) -> dict:
        config = activity.config
        state = (run.state if run else None) or {}
        context = {
            "phase": state.get("phase", "post"),
            "allowance": self.allowance(config=config, state=state),
            "own_ideas": [],
            "own_votes": [],
            # The column of one's last idea stays chosen: ideas often come in a row.
            "last_column": "",
            "vote_columns": [],
        }
        if run is None or participant is None:
            return context
        responses = list(run.answers().filter(hidden=False).select_related("participant"))
        board = build_board(config=config, state=state, responses=responses)
        merged = merged_map(state)
        for response in responses:
            if response.participant_id != participant.pk:
                continue
            if is_idea(response):
                context["last_column"] = response.data.get("column", "")
                root = resolve(response.pk, merged)
                idea = board["ideas"].get(root)
                context["own_ideas"].append(
                    {
                        "text": response.data.get("text", ""),
                        "column_title": idea.column_title if idea else _("Autres idées"),
                        "merged_into": idea.text if idea and root != response.pk else "",
                    }
                )
            else:
                context["own_votes"] = sorted(
                    {resolve(int(pk), merged) for pk in response.data.get("votes", [])}
                    & board["ideas"].keys()
                )
        if context["phase"] != "post":
            ideas = list(board["ideas"].values())
            context["vote_columns"] = [
                column for column in columns_of(config=config, ideas=ideas) if column["ideas"]
            ]
            if context["phase"] == "ranking":
                context["ranking"] = ranking(ideas)
        return context

    # Results --------------------------------------------------------------------------
    def results_context(self, *, activity, run, responses: list) -> dict:
        config = activity.config
        state = (run.state if run else None) or {}
        board = build_board(config=config, state=state, responses=responses)
        ideas = list(board["ideas"].values())
        phase = state.get("phase", "post")
        return {
            "phase": phase,
            "phase_label": PHASE_LABELS.get(phase, ""),
            "count": len(ideas),
            "columns": columns_of(config=config, ideas=ideas),
            "ranking": ranking(ideas),
            "voters": board["voters"],
            "votes_cast": board["votes_cast"],
            "allowance": self.allowance(config=config, state=state),
        }

    # Facilitator actions --------------------------------------------------------------
    actions = {
        "vote": gettext_lazy("Passer au vote"),
        "post": gettext_lazy("Revenir au dépôt des idées"),
        "ranking": gettext_lazy("Afficher le classement"),
    }

    def available_actions(self, *, state: dict) -> dict[str, str]:
        phase = state.get("phase", "post")
        names = {"post": ["vote"], "vote": ["ranking", "post"], "ranking": ["vote"]}[
            phase if phase in PHASES else "post"
        ]
        return {name: self.actions[name] for name in names}

    def perform(self, action: str, *, config: dict, state: dict, responses: list) -> dict:
        return self.perform_with_input(
            action, config=config, state=state, responses=responses, form={}
        )

    def perform_with_input(
        self, action: str, *, config: dict, state: dict, responses: list, form: FormData
    ) -> dict:
        if action not in self.actions:
            return super().perform(action, config=config, state=state, responses=responses)
        state = dict(state or {})
        if action == "vote":
            raw = first(form, "votes", "")
            if raw:
                try:
                    votes = int(raw)
                except ValueError:
                    votes = 0
                if not 1 <= votes <= MAX_VOTES:
                    raise ValidationError(
                        _("Le nombre de votes par participant·e va de 1 à %(max)d.")
                        % {"max": MAX_VOTES},
                        code="votes",
                    )
                state["votes"] = votes
        state["phase"] = action
        return state

    response_actions = {
        "move": gettext_lazy("Déplacer"),
        "merge": gettext_lazy("Fusionner"),
        "unmerge": gettext_lazy("Séparer"),
    }

    def perform_on_response(
        self, action: str, *, config: dict, state: dict, response, responses: list, form: FormData
    ) -> dict:
        if not is_idea(response):
            raise ValidationError(_("Seule une idée se déplace ou se fusionne."), code="action")
        state = dict(state or {})
        merged = merged_map(state)
        pk = response.pk
        if action == "move":
            column = first(form, "column")
            if column not in {c["key"] for c in config["columns"]}:
                raise ValidationError(_("Choisissez une colonne."), code="column")
            state["moves"] = {**state.get("moves", {}), str(resolve(pk, merged)): column}
            return state
        if action == "merge":
            try:
                target = resolve(int(first(form, "into")), merged)
            except ValueError:
                raise ValidationError(
                    _("Choisissez l'idée avec laquelle fusionner."), code="into"
                ) from None
            ideas = {r.pk for r in responses if is_idea(r)}
            if target not in ideas:
                raise ValidationError(
                    _("Cette idée n'est plus au tableau : choisissez-en une autre."), code="into"
                )
            if resolve(pk, merged) == target:
                raise ValidationError(
                    _("Une idée ne peut pas être fusionnée avec elle-même."), code="into"
                )
            # What was merged into this idea follows it (through `resolve`); separating it
            # later brings them back along with it.
            merged[pk] = target
            state["merged"] = {str(k): v for k, v in merged.items()}
            return state
        if action == "unmerge":
            if pk not in merged:
                raise ValidationError(_("Cette idée n'a pas été fusionnée."), code="action")
            del merged[pk]
            state["merged"] = {str(k): v for k, v in merged.items()}
            return state
        raise ValidationError(_("Action inconnue."), code="action")

    def with_items(self, *, config: dict, items: list[dict]) -> dict | None:
        """The carried items as the board's columns: the ideas of the next workshop are posted
        under the enjeux (or ideas) kept from the last one. A long label is shortened in the
        column's title and given whole as its description."""
        columns = []
        for index, item in enumerate(items, start=1):
            label = " ".join(item["label"].split())
            short = label if len(label) <= 80 else label[:79].rstrip() + "…"
            columns.append(
                {
                    "key": f"{index}-{slugify(item['key'])}"[:40],
                    "title": short,
                    "description": "" if short == label else label[:200],
                }
            )
        return {**config, "columns": columns}

    def roadmap_sources(self, *, activity, run, responses: list) -> list[dict]:
        """Every idea still on the board, most voted first (merged ideas count as one)."""
        board = build_board(config=activity.config, state=run.state or {}, responses=responses)
        sources = []
        for idea in ranking(list(board["ideas"].values())):
            details = [_("Enjeu : %(column)s") % {"column": idea.column_title}]
            details += [
                _("Regroupée avec : « %(text)s »") % {"text": m["text"]} for m in idea.merged
            ]
            sources.append(
                {
                    "key": f"idea-{idea.id}",
                    "text": idea.text,
                    "votes": idea.votes,
                    "kind": _("idée"),
                    "description": "\n".join(details),
                }
            )
        return sources

    def screen_pages(self, *, results: dict) -> list[dict]:
        def text_of(idea: Idea) -> str:
            return " ".join([idea.text, *(item["text"] for item in idea.merged)])

        if results["phase"] == "ranking":
            shown, more = fold(
                results["ranking"],
                height=lambda idea: (
                    text_height(text_of(idea), width=RANKING_WIDTH, font=RANKING_FONT) + 36
                ),
                room=RANKING_ROOM,
            )
            # The most voted idea always shows, however long it is (stage.js shrinks it).
            shown = shown or results["ranking"][:1]
            more = len(results["ranking"]) - len(shown)
            return [{"ranking": shown, "more": more}] if more else []
        columns = []
        for column in results["columns"]:
            # The description shows while ideas are posted (hidden by the stage's CSS after).
            described = results["phase"] == "post" and column["description"]
            header = (
                text_height(column["description"], width=COLUMN_WIDTH, font=DESCRIPTION_FONT)
                if described
                else 0
            )
            newest, more = fold(
                column["ideas"][::-1],
                height=lambda idea: (
                    text_height(text_of(idea), width=COLUMN_WIDTH, font=CARD_FONT) + 24
                ),
                room=COLUMN_ROOM - header,
            )
            # The stage's copy of the column: the ideas it shows, and how many it has in all.
            columns.append(
                {**column, "ideas": newest[::-1], "more": more, "total": len(column["ideas"])}
            )
        return [{"columns": columns}] if any(column["more"] for column in columns) else []

    def moderation_context(self, *, activity, run, responses: list) -> dict:
        config = activity.config
        state = (run.state if run else None) or {}
        board = build_board(config=config, state=state, responses=responses)
        merged = merged_map(state)
        ideas = sorted(board["ideas"].values(), key=lambda idea: (idea.created_at, idea.id))
        posted = [r for r in responses if "votes" not in r.data]
        return {
            "columns": config["columns"],
            "ideas": ideas,
            "roots": {pk: resolve(pk, merged) for pk in merged},
            "board": board["ideas"],
            # Ideas are named by their place on the board (n° 1, 2… in the order they were
            # posted), not by a database id; a hidden idea is off the board and unnumbered.
            "numbers": {
                r.pk: n for n, r in enumerate(sorted(posted, key=lambda r: (r.created_at, r.pk)), 1)
            },
        }


KIND = IdeaBoard()
