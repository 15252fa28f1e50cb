"""What every activity kind provides. A kind brings only what differs; the pipeline
(answer store, writer, pusher, snapshot) is shared and never touched by a new kind.

A kind is one module, `quizzes/kinds/<name>.py` (its `KIND`, registered in `__init__.py`), one
template, `quizzes/templates/quizzes/kinds/<name>.html`, and one stylesheet,
`static/css/kinds/<name>.css` (its own rules, `.stage` ones included; pages that show the kind
link it with `{% kind_styles %}`, from `quizzes/templatetags/kinds.py`). A kind that extends
another (the multiple choice extends the vote) gets that one's stylesheet too.

Each kind's fragments live in its template as named partials:
- `phone`       the phone's form (a `<form>` whose fields `answer_from_form` reads);
- `answer`      the participant's own answer, as acknowledged;
- `results`     the projector's live results;
- `correction`  what the phone shows after the reveal;
- `text`        the text version of the results (screen readers, the phone, exports).
Optional partials, listed in `extra_fragments` when a kind has them:
- `control`     the kind's own controls in the control view, in place of one button per
                action (e.g. the idea board's number of votes beside "Passer au vote");
- `moderation`  controls beside one answer in the control view's moderation list (move or
                merge an idea), posting to the response-action URL (see `response_actions`);
- `synthesis`   the results as the workshop synthesis and its Word report show them, from
                `synthesis_context` (default: `text`, from `results_context`);
- `live_control` controls in the control view that change with the answers, redrawn with
                them (the word cloud's words, each with its "hide" button);
- `waiting`     what the projector shows while the results are hidden, beside the count
                (the options, the text with its blanks: the deck's slide, before answers).

Authoring (the facilitator's settings form) — the whole contract is three methods:
- `config_form()` returns a Django form class with the kind's settings fields;
- `config_initial(config)` turns stored settings into that form's initial data;
- `config_from_form(cleaned_data, current=...)` turns the form's cleaned data back into
  settings, which `clean_config` then checks. A ValidationError raised by either whose `code`
  is the name of a form field is shown beside that field; any other beside the form.
The defaults edit the settings as JSON text, so a new kind can be authored before it has a
form of its own.

Exports (the raw answers as XLSX / CSV, `live/exports.py`): `export_cells` gives one
participant's answers as labelled cells, one per column (each blank, each item to classify…),
each with its correctness when the kind has a key. The default is the answer in one line.
`export_table` gives a sheet of its own to what a kind keeps beside the answers.
"""

import json
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any, ClassVar

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

FormData = dict[str, list[str]]


class JsonConfigForm(forms.Form):
    """The default settings form: the settings as JSON text."""

    config = forms.CharField(
        label=gettext_lazy("Réglages (JSON)"),
        help_text=gettext_lazy("Les réglages de l'activité au format JSON."),
        widget=forms.Textarea(attrs={"rows": 12, "spellcheck": "false"}),
        required=False,
    )


@dataclass(frozen=True)
class ExportCell:
    """One column of an activity in the exports, and its value for one participant."""

    label: str  # the column: "Réponse", "Trou 1", the item to classify, the card's question…
    value: str  # "" when nothing was given
    # For an item with a correct answer: whether it is right, and what was expected.
    right: bool | None = None
    expected: str = ""


class ActivityKind:
    name: ClassVar[str]
    label: ClassVar[str]
    # One sentence for the facilitator choosing a kind.
    description: ClassVar[str] = ""
    # Where a person posts several things (ideas), each answer is keyed by its own id.
    several_answers: ClassVar[bool] = False
    # Its phone view depends on who is looking (one's own ideas on the board), beyond their
    # own answer: each phone gets a render of its own instead of the shared one (live.phones).
    # Otherwise the `phone` fragment may read only `participant.display_name` and
    # `participant.structure` of the participant.
    personal_phone: ClassVar[bool] = False
    # The projector shows each answer under its author's name (the tour de table's card): the
    # phone says under which name, and where to change it.
    shows_names: ClassVar[bool] = False
    # Results stay hidden from the projector until the facilitator shows or reveals them.
    results_hidden_by_default: ClassVar[bool] = True
    # Has a correct answer to reveal and grade.
    graded: ClassVar[bool] = False
    # Its results say what they count themselves (the idea board: ideas and voters, not
    # "answers", which mix both): the projector shows no answer count of its own above them.
    shows_own_count: ClassVar[bool] = False
    # Optional partials this kind's template has (see the module's docstring).
    extra_fragments: ClassVar[frozenset[str]] = frozenset()

    @property
    def template(self) -> str:
        return f"quizzes/kinds/{self.name}.html"

    def fragment(self, part: str) -> str:
        return f"{self.template}#{part}"

    @property
    def stylesheets(self) -> list[str]:
        """Its stylesheet's static path, after those of the kinds it extends (whose templates
        it may include)."""
        names = [cls.__dict__["name"] for cls in type(self).__mro__ if "name" in cls.__dict__]
        return [f"css/kinds/{name}.css" for name in reversed(names)]

    def optional_fragment(self, part: str) -> str | None:
        """The named optional partial if this kind has it (`control`, `moderation`…)."""
        return self.fragment(part) if part in self.extra_fragments else None

    # Settings -------------------------------------------------------------------------
    def default_config(self) -> dict:
        return {}

    def clean_config(self, config: dict) -> dict:
        """Check and normalise the settings; raise ValidationError in French."""
        return {**self.default_config(), **(config or {})}

    def with_items(self, *, config: dict, items: list[dict]) -> dict | None:
        """This kind's config with `items` (each {"key", "label"}) as its items, for items
        carried over from an earlier workshop; None when the kind takes no such items."""
        return None

    @property
    def takes_items(self) -> bool:
        """Whether this kind can start from carried items (it gives its own `with_items`)."""
        return type(self).with_items is not ActivityKind.with_items

    # A small valid example, for the test every kind goes through (tests/quizzes/
    # test_every_kind.py: answer → results → text → synthesis → export) ------------------
    def example_config(self) -> dict:
        """Settings to try the kind with (as `clean_config` takes them)."""
        return self.default_config()

    def example_answer(self, *, config: dict) -> dict:
        """A valid answer to `config` (cleaned `example_config`), as `clean_answer` takes it."""
        raise NotImplementedError(f"{type(self).__name__} gives no example answer.")

    # Authoring: the settings form (see the module's docstring) ---------------------------
    def config_form(self) -> type[forms.Form]:
        return JsonConfigForm

    def config_initial(self, config: dict) -> dict:
        return {"config": json.dumps(config, ensure_ascii=False, indent=2)}

    def config_from_form(self, data: dict, *, current: dict) -> dict:
        text = (data.get("config") or "").strip()
        if not text:
            return self.default_config()
        try:
            config = json.loads(text)
        except ValueError as error:
            raise ValidationError(
                _("Réglages illisibles (JSON attendu) : %(error)s") % {"error": error},
                code="config",
            ) from None
        if not isinstance(config, dict):
            raise ValidationError(_("Les réglages sont un objet JSON { … }."), code="config")
        return config

    # Answers --------------------------------------------------------------------------
    def answer_from_form(self, form: FormData) -> dict:
        """Turn the phone form's fields (POST or WebSocket, as lists) into an answer."""
        raise NotImplementedError

    def clean_answer(self, *, config: dict, answer: dict) -> dict:
        """Check and normalise an answer; raise ValidationError with a French message."""
        raise NotImplementedError

    def slot(self, *, client_id: str, answer: dict) -> str:
        return client_id if self.several_answers else ""

    def check_in_run(self, *, run, participant_id: int, slot: str, answer: dict) -> dict:
        """Checks that need the live run, after `clean_answer`: its state (a phase, an
        allowance set by the facilitator) or the other stored answers. Runs inside the
        writer's transaction; raise ValidationError in French."""
        return answer

    def phones_show_answers(self, *, state: dict) -> bool:
        """Whether the phones list others' answers now (the idea board's vote): moderating an
        answer then refreshes the phones too, not only the screens. Kept False when it needn't
        be: a phone refreshed while its participant is typing loses what was not sent yet."""
        return False

    def held_for_approval(self, *, config: dict) -> bool:
        """Whether a new or changed answer waits, hidden from the screens, until the
        facilitator shows it (the open question's "valider chaque réponse")."""
        return False

    def answering(self, *, state: dict) -> bool:
        """Whether the phone shows its form now. A kind with phases may stop taking answers
        while the run stays open (the idea board's ranking)."""
        return True

    # The phone ------------------------------------------------------------------------
    def phone_context(self, *, activity, run, participant) -> dict[str, Any]:
        """Extra context for the `phone` fragment (e.g. the ideas to vote for). `run` and
        `participant` are None in the authoring preview. `nothing_to_send`: the fragment is
        shown without its form and its "Envoyer" button (co-writing groups drawn at random)."""
        return {}

    # Results --------------------------------------------------------------------------
    # Its results count how many gave each answer and read nothing else of them (a vote, a
    # classification): a `tallied` kind gives `aggregate_tally` (and `results_from_tally` when
    # its results add to it), and its `aggregate` and `results_context` are those, each answer
    # counted once. The projector then reads a GROUP BY count of the stored answers, one row
    # per distinct answer, instead of every answer (`live.visible_tally`).
    tallied: ClassVar[bool] = False

    def aggregate(
        self, *, config: dict, answers: list[dict], state: dict | None = None
    ) -> dict[str, Any]:
        """Results from the stored (visible) answers, as a template context."""
        if self.tallied:
            return self.aggregate_tally(config=config, tally=ones(answers), state=state)
        return {"count": len(answers)}

    def aggregate_tally(
        self, *, config: dict, tally: list[tuple[dict, int]], state: dict | None = None
    ) -> dict[str, Any]:
        """`aggregate` from (an answer's data, how many gave exactly that answer) pairs; the
        same answer may come in several pairs. Only for `tallied` kinds."""
        raise NotImplementedError(f"{type(self).__name__} does not count from a tally.")

    def results_from_tally(self, *, activity, run, tally: list[tuple[dict, int]]) -> dict:
        """`results_context` of a `tallied` kind, from the tally of the visible answers."""
        return self.aggregate_tally(config=activity.config, tally=tally, state=run.state)

    def results_use_participants(self, *, config: dict) -> bool:
        """Whether `results_context` reads more of an answer than its `data`, `pk`,
        `participant_id` and `slot` (names on a wall, the tour de table's cards). When not,
        the projector's renders read just those (`live.visible_answers`): with a thousand
        answers, each render takes half the time."""
        return not self.tallied

    def results_context(self, *, activity, run, responses: list) -> dict[str, Any]:
        """What the `results` fragment shows; `responses` are the visible stored answers."""
        answers = [r.data for r in responses]
        if self.tallied:
            return self.results_from_tally(activity=activity, run=run, tally=ones(answers))
        return self.aggregate(config=activity.config, answers=answers, state=run.state)

    def synthesis_context(self, *, activity, run, responses: list) -> dict[str, Any]:
        """What the workshop synthesis shows (`synthesis` fragment, else `text`): by default the
        projector's results. A kind whose screen shows one answer at a time (the tour de
        table's current card) gives the whole of them here."""
        return self.results_context(activity=activity, run=run, responses=responses)

    def screen_pages(self, *, results: dict[str, Any]) -> list[dict[str, Any]]:
        """The results as the projector's stage shows them when they are too long for it:
        one dict per page, read by the `results` fragment as `screen` (the part of a list
        on that page, or what fits and how many are left out). [] when everything fits.
        See `quizzes/kinds/stage_fit.py`."""
        return []

    # Facilitator actions of the kind (e.g. the tour de table's "next card") -----------
    actions: ClassVar[dict[str, str]] = {}

    def available_actions(self, *, state: dict) -> dict[str, str]:
        """The actions that make sense now (e.g. "next card" once the round has started)."""
        return dict(self.actions)

    def perform(self, action: str, *, config: dict, state: dict, responses: list) -> dict:
        """Apply one of `actions`; returns the run's new state."""
        raise ValidationError(_("Action inconnue."), code="action")

    def perform_with_input(
        self, action: str, *, config: dict, state: dict, responses: list, form: FormData
    ) -> dict:
        """What the pipeline calls for one of `actions`: `form` is what the control view
        posted with it (e.g. the number of votes). Kinds whose actions take no input only
        override `perform`."""
        return self.perform(action, config=config, state=state, responses=responses)

    # Facilitator actions on one answer (move or merge an idea…), beside "hide" ----------
    response_actions: ClassVar[dict[str, str]] = {}

    def perform_on_response(
        self, action: str, *, config: dict, state: dict, response, responses: list, form: FormData
    ) -> dict:
        """Apply one of `response_actions` to `response`; returns the run's new state.
        `responses` are the visible answers of the run."""
        raise ValidationError(_("Action inconnue."), code="action")

    def moderation_context(self, *, activity, run, responses: list) -> dict[str, Any]:
        """Extra context for the `moderation` fragment, computed once for the whole list."""
        return {}

    def timer_after(self, action: str, *, config: dict) -> int | None:
        """Seconds to restart the session's timer with after an action, if any."""
        return None

    def summary(self, *, config: dict, answer: dict) -> str:
        """The answer in one line of plain text (moderation list, exports)."""
        parts = []
        for value in answer.values():
            if isinstance(value, list):
                parts.append(", ".join(str(v) for v in value))
            elif isinstance(value, str) and value:
                parts.append(value)
        return " · ".join(parts)

    def export_cells(
        self, *, config: dict, answers: list[dict], answers_by_id: Mapping[int, dict]
    ) -> list[ExportCell]:
        """One participant's answers to the activity (one, or several where a person posts
        several things) as the exports' cells: the same labels in the same order whatever the
        answers, none included (the exports read the columns from `answers=[]`). Graded items
        say whether they are right, from `grade`. `answers_by_id` holds every stored answer of
        the activity in the session, for what an answer points to (the ideas a vote chose)."""
        summary = " · ".join(self.summary(config=config, answer=answer) for answer in answers)
        return [ExportCell(label=_("Réponse"), value=summary)]

    def export_table(self, *, activity, run) -> tuple[str, list[list]] | None:
        """A sheet of its own in the XLSX export for what the kind keeps beside the answers
        (the co-written sheets, from the run it is handed): a short title (20 characters at
        most) and the rows, header first. None for most kinds."""
        return None

    # What the roadmap can take from the results (roadmap/sources.py) -------------------
    def roadmap_sources(self, *, activity, run, responses: list) -> list[dict]:
        """Results a coordinator may turn into an axis or a draft sheet: a list of
        {"key": stable id, "text": str, "votes": int | None, "kind": a word such as "idée",
        and optionally "description": str}."""
        return []

    def grade(self, *, config: dict, answer: dict) -> dict | None:
        """The correction of one answer, when the kind has a key."""
        return None

    # Helpers for kinds ------------------------------------------------------------------
    @staticmethod
    def text_value(
        answer: dict, field: str, *, label: str, max_length: int, required: bool = True
    ) -> str:
        value = answer.get(field)
        value = " ".join(str(value or "").split())  # collapse spaces and line breaks
        if required and not value:
            raise ValidationError(
                _("« %(label)s » est vide : écrivez quelques mots.") % {"label": label},
                code="empty",
            )
        if len(value) > max_length:
            raise ValidationError(
                _("« %(label)s » est trop long : %(length)d caractères pour %(max)d au plus.")
                % {"label": label, "length": len(value), "max": max_length},
                code="too_long",
            )
        return value


def ones(answers: list[dict]) -> list[tuple[dict, int]]:
    """Answers as a tally: each counted once (several pairs may hold the same answer)."""
    return [(answer, 1) for answer in answers]


def first(form: FormData, field: str, default: str = "") -> str:
    values = form.get(field) or []
    return values[0] if values else default
