"""What every activity kind provides. A kind brings only what differs; the pipeline
(answer store, writer, pusher, snapshot) is shared and never touched by a new kind.

Each kind's fragments live in one template, `quizzes/kinds/<name>.html`, as named partials:
- `phone`       the phone's form (a `<form>` whose fields `answer_from_form` reads);
- `answer`      the participant's own answer, as acknowledged;
- `results`     the projector's live results;
- `correction`  what the phone shows after the reveal;
- `text`        the text version of the results (screen readers, the phone, exports).
"""

from typing import Any, ClassVar

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

FormData = dict[str, list[str]]


class ActivityKind:
    name: ClassVar[str]
    label: ClassVar[str]
    # Where a person posts several things (ideas), each answer is keyed by its own id.
    several_answers: ClassVar[bool] = False
    # Results stay hidden from the projector until the facilitator shows or reveals them.
    results_hidden_by_default: ClassVar[bool] = True
    # Has a correct answer to reveal and grade.
    graded: ClassVar[bool] = False

    @property
    def template(self) -> str:
        return f"quizzes/kinds/{self.name}.html"

    def fragment(self, part: str) -> str:
        return f"{self.template}#{part}"

    # Settings -------------------------------------------------------------------------
    def default_config(self) -> dict:
        return {}

    def clean_config(self, config: dict) -> dict:
        """Check and normalise the settings; raise ValidationError in French."""
        return {**self.default_config(), **(config or {})}

    # Answers --------------------------------------------------------------------------
    def answer_from_form(self, form: FormData) -> dict:
        """Turn the phone form's fields (POST or WebSocket, as lists) into an answer."""
        raise NotImplementedError

    def clean_answer(self, *, config: dict, answer: dict) -> dict:
        """Check and normalise an answer; raise ValidationError with a French message."""
        raise NotImplementedError

    def slot(self, *, client_id: str, answer: dict) -> str:
        return client_id if self.several_answers else ""

    # Results --------------------------------------------------------------------------
    def aggregate(
        self, *, config: dict, answers: list[dict], state: dict | None = None
    ) -> dict[str, Any]:
        """Results from the stored (visible) answers, as a template context."""
        return {"count": len(answers)}

    def results_context(self, *, activity, run, responses: list) -> dict[str, Any]:
        """What the `results` fragment shows; `responses` are the visible stored answers."""
        return self.aggregate(
            config=activity.config, answers=[r.data for r in responses], state=run.state
        )

    # Facilitator actions of the kind (e.g. the tour de table's "next card") -----------
    actions: ClassVar[dict[str, str]] = {}

    def available_actions(self, *, state: dict) -> dict[str, str]:
        """The actions that make sense now (e.g. "next card" once the round has started)."""
        return dict(self.actions)

    def perform(self, action: str, *, config: dict, state: dict, responses: list) -> dict:
        """Apply one of `actions`; returns the run's new state."""
        raise ValidationError(_("Action inconnue."), code="action")

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

    # What the roadmap can take from the results (roadmap/sources.py) -------------------
    def roadmap_sources(self, *, activity, run, responses: list) -> list[dict]:
        """Results a coordinator may turn into an axis or a draft sheet: a list of
        {"key": stable id, "text": str, "votes": int | None, "kind": a word such as "idée"}."""
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


def first(form: FormData, field: str, default: str = "") -> str:
    values = form.get(field) or []
    return values[0] if values else default
