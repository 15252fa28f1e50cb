"""Co-writing project sheets in groups (workshops n°3 and n°4).

The kind gives the settings (how groups are formed, the priority axes, the winning ideas a
sheet may start from), the sheet's fields, the phone's choice of a group (a table number or an
axis, answered through the ordinary pipeline) and the fragments. The writing itself (groups,
members, fields with their versions, revisions, reactions) is stored and pushed by the live
app (`live/cowriting.py`, its own page and WebSocket); the kind reads it through the run it is
handed (`run.cowrite_sheets()`), as other kinds read answers with `run.answers()`.

Answer: `{"choice": n}`, the table number (1…groups) or the axis (1…len(axes)) a person picks;
none when groups are drawn at random. Run state: `{"phase": "choosing" | "writing" |
"restitution", "shown": index of the sheet on the projector, "closed_at": when the restitution
closed the writing}`; the action "form_groups" makes
the live app form the groups (live.sessions.perform_action).
"""

from dataclasses import dataclass

from django import forms
from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from quizzes.kinds.base import ActivityKind, FormData, first


@dataclass(frozen=True)
class SheetField:
    name: str
    label: str
    max_length: int
    hint: str = ""


# The project sheet's fields, in the order the phones and the projector show them. The roadmap
# maps them to a ProjectSheet (roadmap/cowriting.py).
SHEET_FIELDS = (
    SheetField("title", gettext_lazy("Intitulé du projet"), 200),
    SheetField("need", gettext_lazy("Besoin et diagnostic"), 4000),
    SheetField("objectives", gettext_lazy("Objectifs"), 4000),
    SheetField("publics", gettext_lazy("Public cible"), 2000),
    SheetField("lead", gettext_lazy("Structure porteuse"), 500),
    SheetField("partners", gettext_lazy("Structures partenaires"), 2000),
    SheetField("actions", gettext_lazy("Actions"), 4000),
    SheetField("calendar", gettext_lazy("Calendrier"), 2000),
    SheetField("cost", gettext_lazy("Estimation du coût"), 2000),
    SheetField("indicators", gettext_lazy("Indicateurs"), 2000),
)
FIELDS_BY_NAME = {field.name: field for field in SHEET_FIELDS}

TABLE, AXIS, RANDOM = "table", "axis", "random"
GROUPINGS = {
    TABLE: gettext_lazy("par numéro de table choisi sur le téléphone"),
    AXIS: gettext_lazy("par axe choisi sur le téléphone"),
    RANDOM: gettext_lazy("au hasard"),
}
CHOOSING, WRITING, RESTITUTION = "choosing", "writing", "restitution"
MAX_GROUPS = 30


class CowriteSettingsForm(forms.Form):
    grouping = forms.ChoiceField(
        label=gettext_lazy("Formation des groupes"),
        choices=list(GROUPINGS.items()),
        widget=forms.RadioSelect,
    )
    groups = forms.IntegerField(
        label=gettext_lazy("Nombre de groupes"),
        help_text=gettext_lazy("Par table ou au hasard ; par axe, un groupe par axe."),
        min_value=1,
        max_value=MAX_GROUPS,
        required=False,
    )
    axes = forms.CharField(
        label=gettext_lazy("Axes prioritaires"),
        help_text=gettext_lazy(
            "Un axe par ligne, et si vous voulez son idée de départ après deux-points : "
            "« Inclusion numérique : un guichet unique des aidants »."
        ),
        widget=forms.Textarea(attrs={"rows": 5}),
        required=False,
    )


class Cowrite(ActivityKind):
    name = "cowrite"
    label = gettext_lazy("Co-rédaction de fiches-projet")
    description = gettext_lazy(
        "Des groupes rédigent chacun une fiche-projet depuis leurs téléphones ; l'écran suit "
        "leur avancée puis présente chaque fiche, la salle réagit."
    )
    results_hidden_by_default = False
    shows_own_count = True
    extra_fragments = frozenset({"synthesis"})
    actions = {
        "form_groups": gettext_lazy("Former les groupes et ouvrir la rédaction"),
        "restitution": gettext_lazy("Passer à la restitution"),
        "previous_sheet": gettext_lazy("Fiche précédente"),
        "next_sheet": gettext_lazy("Fiche suivante"),
        "writing": gettext_lazy("Revenir à la rédaction"),
    }

    # Settings ----------------------------------------------------------------------------
    def config_form(self) -> type[forms.Form]:
        return CowriteSettingsForm

    def config_initial(self, config: dict) -> dict:
        lines = [
            f"{axis['title']} : {axis['idea']}" if axis.get("idea") else axis["title"]
            for axis in config["axes"]
        ]
        return {
            "grouping": config["grouping"],
            "groups": config["groups"],
            "axes": "\n".join(lines),
        }

    def config_from_form(self, data: dict, *, current: dict) -> dict:
        axes = []
        for line in (data.get("axes") or "").splitlines():
            title, _sep, idea = line.partition(":")
            if line.strip():
                axes.append({"title": title, "idea": idea})
        return {"grouping": data.get("grouping"), "groups": data.get("groups"), "axes": axes}

    def default_config(self) -> dict:
        return {"grouping": TABLE, "groups": 4, "axes": []}

    def clean_config(self, config: dict) -> dict:
        config = super().clean_config(config)
        grouping = config.get("grouping")
        if grouping not in GROUPINGS:
            raise ValidationError(
                _("Formation des groupes inconnue : « table », « axis » ou « random »."),
                code="grouping",
            )
        axes = []
        for item in config.get("axes") or []:
            item = item if isinstance(item, dict) else {"title": item}
            title = " ".join(str(item.get("title") or "").split())
            idea = " ".join(str(item.get("idea") or "").split())
            if not title:
                raise ValidationError(_("Chaque axe a un intitulé."), code="axes")
            if len(title) > 200 or len(idea) > 500:
                raise ValidationError(
                    _("Un axe a 200 caractères au plus, son idée de départ 500."), code="axes"
                )
            axes.append({"title": title, "idea": idea})
        if grouping == AXIS and not axes:
            raise ValidationError(
                _("Pour former les groupes par axe, donnez les axes."), code="axes"
            )
        try:
            groups = int(config.get("groups") or 0)
        except (TypeError, ValueError):
            raise ValidationError(_("Le nombre de groupes est un nombre."), code="groups") from None
        if grouping == AXIS:
            groups = len(axes)
        if not 1 <= groups <= MAX_GROUPS:
            raise ValidationError(_("De 1 à %(max)d groupes.") % {"max": MAX_GROUPS}, code="groups")
        return {"grouping": grouping, "groups": groups, "axes": axes}

    def example_config(self) -> dict:
        return {
            "grouping": TABLE,
            "groups": 2,
            "axes": [
                {"title": "Inclusion numérique", "idea": "Un guichet unique des aidants"},
                {"title": "Formation des aidants"},
            ],
        }

    def example_answer(self, *, config: dict) -> dict:
        return {"choice": 1}

    # The phone's choice of a group ---------------------------------------------------------
    def choices(self, config: dict) -> list[str]:
        """What a phone picks from: the tables, or the axes."""
        if config["grouping"] == AXIS:
            return [axis["title"] for axis in config["axes"]]
        if config["grouping"] == TABLE:
            return [_("Table %(number)d") % {"number": n} for n in range(1, config["groups"] + 1)]
        return []

    def answer_from_form(self, form: FormData) -> dict:
        value = first(form, "choice")
        try:
            return {"choice": int(value)}
        except ValueError:
            return {"choice": value}

    def clean_answer(self, *, config: dict, answer: dict) -> dict:
        choices = self.choices(config)
        if not choices:
            raise ValidationError(
                _("Les groupes sont tirés au sort : rien à choisir."), code="random"
            )
        choice = answer.get("choice")
        if not isinstance(choice, int) or not 1 <= choice <= len(choices):
            raise ValidationError(_("Choisissez votre table ou votre axe."), code="empty")
        return {"choice": choice}

    def summary(self, *, config: dict, answer: dict) -> str:
        choices = self.choices(config)
        choice = answer.get("choice")
        return choices[choice - 1] if isinstance(choice, int) and 0 < choice <= len(choices) else ""

    # Results: the choices, the groups' progress, the restitution ----------------------------
    def results_use_participants(self, *, config: dict) -> bool:
        return False

    def aggregate(self, *, config: dict, answers: list[dict], state: dict | None = None) -> dict:
        labels = self.choices(config)
        counts = [0] * len(labels)
        for answer in answers:
            choice = answer.get("choice")
            if isinstance(choice, int) and 0 < choice <= len(counts):
                counts[choice - 1] += 1
        return {
            "count": len(answers),
            "choices": [{"label": lab, "count": c} for lab, c in zip(labels, counts, strict=True)],
        }

    def results_context(self, *, activity, run, responses: list) -> dict:
        state = run.state if run is not None else {}
        results = self.aggregate(
            config=activity.config, answers=[r.data for r in responses], state=state
        )
        # The authoring preview hands a stand-in run with no sheets.
        sheets = run.cowrite_sheets() if hasattr(run, "cowrite_sheets") else []
        results["sheets"] = [self.sheet_view(sheet) for sheet in sheets]
        results["phase"] = state.get("phase", CHOOSING)
        results["grouping"] = GROUPINGS[activity.config["grouping"]]
        if sheets:
            shown = min(max(int(state.get("shown", 0)), 0), len(sheets) - 1)
            results["shown"] = results["sheets"][shown]
            results["shown_position"] = shown + 1
        return results

    def sheet_view(self, sheet: dict) -> dict:
        """A group's sheet (as `run.cowrite_sheets()` gives it) with its fields labelled and
        which are filled."""
        texts = sheet["fields"]
        fields = [
            {"name": f.name, "label": f.label, "text": texts.get(f.name, "")} for f in SHEET_FIELDS
        ]
        filled = sum(1 for f in fields if f["text"].strip())
        return {
            **sheet,
            "field_list": fields,
            "filled": filled,
            "percent": round(100 * filled / len(fields)),
        }

    def export_table(self, *, activity, run) -> tuple[str, list[list]] | None:
        """One row per group's sheet: the group, its axis, its members, each field's text."""
        sheets = run.cowrite_sheets() if run is not None else []
        if not sheets:
            return None
        header = [_("Groupe"), _("Axe"), _("Membres")] + [str(f.label) for f in SHEET_FIELDS]
        return _("Fiches co-rédigées"), [header] + [
            [sheet["label"], sheet["axis"] or None, ", ".join(sheet["members"]) or None]
            + [sheet["fields"].get(f.name) or None for f in SHEET_FIELDS]
            for sheet in sheets
        ]

    def answering(self, *, state: dict) -> bool:
        """Phones pick their table or axis until the groups are formed; then they write (on the
        co-writing page) and react (restitution)."""
        return state.get("phase", CHOOSING) == CHOOSING

    def phone_context(self, *, activity, run, participant) -> dict:
        choices = self.choices(activity.config)
        # Groups drawn at random: nothing to pick, so no "Envoyer" (it only got a refusal).
        context = {"kind_choices": choices, "nothing_to_send": not choices}
        state = run.state if run is not None else {}
        sheets = run.cowrite_sheets() if state.get("phase") == RESTITUTION and run else []
        if sheets:
            shown = min(max(int(state.get("shown", 0)), 0), len(sheets) - 1)
            context["shown_sheet"] = self.sheet_view(sheets[shown])
        return context

    def available_actions(self, *, state: dict) -> dict[str, str]:
        phase = state.get("phase", CHOOSING)
        if phase == CHOOSING:
            return {"form_groups": self.actions["form_groups"]}
        if phase == WRITING:
            return {"restitution": self.actions["restitution"]}
        return {k: v for k, v in self.actions.items() if k not in ("restitution", "form_groups")}

    def perform(self, action: str, *, config: dict, state: dict, responses: list) -> dict:
        shown = int(state.get("shown", 0))
        if action == "form_groups":
            return {**state, "phase": WRITING}
        if action == "restitution":  # the writing closes (live.cowriting.writing_open)
            return {**state, "phase": RESTITUTION, "shown": 0, "closed_at": _now()}
        if action == "writing":
            return {**state, "phase": WRITING}
        if action == "next_sheet":
            return {**state, "shown": shown + 1}
        if action == "previous_sheet":
            return {**state, "shown": max(shown - 1, 0)}
        return super().perform(action, config=config, state=state, responses=responses)

    def roadmap_sources(self, *, activity, run, responses: list) -> list[dict]:
        """The roadmap lands the groups' sheets whole (roadmap/cowriting.py), not one line."""
        return []


def _now() -> str:
    return timezone.now().isoformat()


KIND = Cowrite()
