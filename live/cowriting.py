"""Co-writing project sheets in groups: forming the groups, joining and moving, writing a field
with optimistic concurrency, the history of who wrote what, the room's reactions.

A field has a version, bumped at every write. A phone saves with the version it started from:
- the same version: stored;
- an older one, with only this person's own writes since (a save sent before the previous
  one's acknowledgement, or kept while offline): stored, it is the newer text;
- an older one where the other side only appended to what this phone started from: merged
  (this phone's text, then what the others added), stored, and sent back to the phone;
- otherwise: a conflict. Nothing is stored; the phone gets both texts and the current version
  and its writer resolves (sends the text they want, on that version).
A save never silently overwrites someone else's text.

Closing the activity (the régie's "Fermer") closes the writing, with a grace of a few seconds
for the text phones were sending at that moment; a later save is refused with a French message
and the phone keeps its text.

After each commit the group is told (`live.broadcast.cowrite_changed`): each of its phones
reads the field from the store; the projector redraws the groups' progress.
"""

import datetime as dt
import random
import uuid
from dataclasses import dataclass, field

from django.db import transaction
from django.db.models import Count
from django.utils import timezone
from django.utils.dateparse import parse_datetime
from django.utils.translation import gettext as _

from common.text import without_controls
from live.broadcast import answers_changed, cowrite_changed
from live.models import (
    ActivityRun,
    CowriteField,
    CowriteGroup,
    CowriteMember,
    CowriteReaction,
    CowriteRevision,
    Participant,
    Response,
)
from quizzes.kinds.cowrite import AXIS, FIELDS_BY_NAME, KIND, TABLE, WRITING

# Saves arriving this long after the writing was closed are still kept (they were typed before).
CLOSING_GRACE = dt.timedelta(seconds=10)


class CowriteError(ValueError):
    """A refusal to show the participant, in French."""


@dataclass
class WriteOutcome:
    ok: bool
    name: str
    text: str  # what is stored now (ok) or what the phone sent (refused, conflict)
    version: int
    merged: bool = False
    conflict: bool = False
    theirs: str = ""  # in a conflict: the stored text the writer did not see
    error: str = ""
    pseudonyms: list[str] = field(default_factory=list)  # who wrote what the writer missed


# Groups -----------------------------------------------------------------------------------
def groups_of(run: ActivityRun) -> list[CowriteGroup]:
    return list(CowriteGroup.objects.filter(run=run).order_by("number"))


def _member_counts(run: ActivityRun) -> dict[int, int]:
    rows = CowriteMember.objects.filter(run=run).values("group").annotate(n=Count("pk"))
    return {row["group"]: row["n"] for row in rows}


@transaction.atomic
def form_groups(
    *, run: ActivityRun, seed: int | None = None, only: Participant | None = None
) -> list[CowriteGroup]:
    """Make the run's groups (once) and place every participant present and not placed yet
    (or just `only`, a latecomer, present or not): by the table or axis they picked, else in
    the smallest group (drawn at random among equals). People already placed stay put."""
    config = run.activity.config
    groups = groups_of(run)
    if not groups:
        axes = config["axes"]
        labels = KIND.choices(config) or [
            _("Groupe %(number)d") % {"number": n} for n in range(1, config["groups"] + 1)
        ]
        for number, label in enumerate(labels, start=1):
            axis = axes[(number - 1) % len(axes)] if axes else {"title": "", "idea": ""}
            groups.append(
                CowriteGroup.objects.create(
                    run=run, number=number, label=label, axis=axis["title"], idea=axis["idea"]
                )
            )
            if axis["idea"]:
                _store(groups[-1], "title", axis["idea"][:200], participant=None, merged=False)
    placed = set(CowriteMember.objects.filter(run=run).values_list("participant_id", flat=True))
    if only is not None:
        waiting = [only] if only.pk not in placed else []
    else:
        waiting = list(
            Participant.objects.filter(session_id=run.session_id, left_at__isnull=True)
            .exclude(pk__in=placed)
            .order_by("pk")
        )
    picked = {}
    if config["grouping"] in (TABLE, AXIS):
        picked = {
            r.participant_id: r.data.get("choice")
            for r in Response.objects.filter(session_id=run.session_id, activity=run.activity)
        }
    draw = random.Random(seed)
    draw.shuffle(waiting)
    counts = _member_counts(run)
    by_number = {g.number: g for g in groups}
    for participant in waiting:
        group = by_number.get(picked.get(participant.pk))
        if group is None:
            smallest = min(counts.get(g.pk, 0) for g in groups)
            group = draw.choice([g for g in groups if counts.get(g.pk, 0) == smallest])
        CowriteMember.objects.create(run=run, group=group, participant=participant)
        counts[group.pk] = counts.get(group.pk, 0) + 1
    answers_changed(session_id=run.session_id, activity_id=run.activity_id)
    return groups


def group_of(*, run: ActivityRun, participant: Participant) -> CowriteGroup | None:
    member = (
        CowriteMember.objects.filter(run=run, participant=participant)
        .select_related("group")
        .first()
    )
    return member.group if member else None


@transaction.atomic
def place(*, run: ActivityRun, participant: Participant, group: CowriteGroup | None = None):
    """Put a participant in `group` (joining or moving), or, without one, where they picked or
    in the smallest group (a latecomer). Returns their group."""
    if group is None:
        current = group_of(run=run, participant=participant)
        if current is not None:
            return current
        if not groups_of(run):
            return None  # the facilitator has not formed the groups yet
        form_groups(run=run, only=participant)
        return group_of(run=run, participant=participant)
    if group.run_id != run.pk:
        raise CowriteError(_("Ce groupe n'existe pas dans cette activité."))
    CowriteMember.objects.update_or_create(
        run=run, participant=participant, defaults={"group": group}
    )
    answers_changed(session_id=run.session_id, activity_id=run.activity_id)
    return group


def members(group: CowriteGroup) -> list[Participant]:
    return [
        m.participant
        for m in CowriteMember.objects.filter(group=group)
        .select_related("participant")
        .order_by("participant__pk")
    ]


# Writing ----------------------------------------------------------------------------------
def writing_open(run: ActivityRun) -> bool:
    """Open while the run is open and in its writing phase; closing the answers or moving to
    the restitution closes it, after a grace for the texts phones were sending then."""
    phase = run.state.get("phase")
    if run.is_open and phase == WRITING:
        return True
    closed = run.closed_at if not run.is_open else parse_datetime(run.state.get("closed_at", ""))
    return closed is not None and timezone.now() - closed <= CLOSING_GRACE


def fields_of(group: CowriteGroup) -> dict[str, CowriteField]:
    return {f.name: f for f in CowriteField.objects.filter(group=group)}


def _store(group, name, text, *, participant, merged, field=None) -> CowriteField:
    if field is None:
        field, _created = CowriteField.objects.get_or_create(group=group, name=name)
    field.version += 1
    field.text = text
    field.save(update_fields=["text", "version", "updated_at"])
    CowriteRevision.objects.create(
        field=field,
        version=field.version,
        text=text,
        participant=participant,
        pseudonym=participant.display_name if participant else "",
        merged=merged,
    )
    return field


def _merge(*, base: str, theirs: str, mine: str) -> str | None:
    """The two texts as one when one side only appended to `base`; None otherwise."""
    if theirs.startswith(base):
        added = theirs[len(base) :]
        if mine.startswith(base):  # both appended: theirs first, then mine
            mine_added = mine[len(base) :]
            if not mine_added:
                return theirs
            joint = "" if not added or added[-1].isspace() or mine_added[0].isspace() else "\n"
            return theirs + joint + mine_added
        return mine + added  # I edited, they appended: their addition after my text
    if mine.startswith(base):  # they edited, I appended
        return theirs + mine[len(base) :]
    return None


def write_field(
    *,
    group: CowriteGroup,
    participant: Participant,
    name: str,
    text: str,
    base_version: int,
) -> WriteOutcome:
    """Store what a member typed in a field (see the module's docstring)."""
    spec = FIELDS_BY_NAME.get(name)
    text = without_controls(str(text or "")).replace("\r\n", "\n")
    refused = WriteOutcome(ok=False, name=name, text=text, version=base_version)
    if spec is None:
        refused.error = _("Ce champ n'existe pas dans la fiche : rechargez la page.")
        return refused
    if len(text) > spec.max_length:
        refused.error = _(
            "« %(label)s » est trop long : %(length)d caractères pour %(max)d au plus. "
            "Votre texte est gardé : raccourcissez-le puis il sera enregistré."
        ) % {"label": spec.label, "length": len(text), "max": spec.max_length}
        return refused
    with transaction.atomic():
        run = ActivityRun.objects.select_for_update().get(pk=group.run_id)
        if not writing_open(run):
            refused.error = _(
                "La rédaction est close : votre dernier texte n'a pas été reçu à temps. "
                "Il reste affiché ici ; copiez-le pour le donner à l'animation."
            )
            return refused
        if not CowriteMember.objects.filter(group=group, participant=participant).exists():
            refused.error = _("Vous n'êtes plus dans ce groupe : rechargez la page.")
            return refused
        field, _created = CowriteField.objects.select_for_update().get_or_create(
            group=group, name=name
        )
        outcome = WriteOutcome(ok=True, name=name, text=text, version=field.version)
        if base_version > field.version:  # a version never given out: trust nothing of it
            return WriteOutcome(
                ok=False,
                name=name,
                text=text,
                version=field.version,
                conflict=True,
                theirs=field.text,
                error=_("Ce champ a changé : gardez l'un des deux textes, puis enregistrez."),
            )
        if field.version != base_version:
            since = list(
                CowriteRevision.objects.filter(field=field, version__gt=base_version).order_by(
                    "version"
                )
            )
            others = [r for r in since if r.participant_id != participant.pk]
            if others:
                base = (
                    CowriteRevision.objects.filter(field=field, version=base_version)
                    .values_list("text", flat=True)
                    .first()
                    or ""
                )
                merged = _merge(base=base, theirs=field.text, mine=text)
                outcome.pseudonyms = sorted({r.pseudonym or _("l'animation") for r in others})
                if merged is None or len(merged) > spec.max_length:
                    # Both texts back to the writer, to choose or join: never an overwrite.
                    return WriteOutcome(
                        ok=False,
                        name=name,
                        text=text,
                        version=field.version,
                        conflict=True,
                        theirs=field.text,
                        pseudonyms=outcome.pseudonyms,
                        error=_(
                            "%(who)s a modifié ce champ en même temps que vous. Gardez l'un "
                            "des deux textes, ou réunissez-les, puis enregistrez."
                        )
                        % {"who": ", ".join(outcome.pseudonyms)}
                        if merged is None
                        else _("Vos deux textes réunis dépassent %(max)d caractères : choisissez.")
                        % {"max": spec.max_length},
                    )
                outcome.text, outcome.merged = merged, True
        if outcome.text == field.text and field.version:
            return outcome  # nothing new (a resend): no revision
        was_filled = bool(field.text.strip())
        field = _store(
            group, name, outcome.text, participant=participant, merged=outcome.merged, field=field
        )
        outcome.version = field.version
        cowrite_changed(group_id=group.pk, name=name, stamp=uuid.uuid4().hex)
        if shown_on_projector(run, name=name, was_filled=was_filled, text=outcome.text):
            answers_changed(session_id=run.session_id, activity_id=run.activity_id)
    return outcome


def shown_on_projector(run: ActivityRun, *, name: str, was_filled: bool, text: str) -> bool:
    """Whether a write changes what the projector shows: while groups write, which fields are
    filled and the titles (not every keystroke of every phone); the whole sheet afterwards."""
    if run.state.get("phase") != WRITING:
        return True
    return name == "title" or was_filled != bool(text.strip())


def history(group: CowriteGroup) -> list[CowriteRevision]:
    """Who wrote what, field by field, oldest first."""
    return list(
        CowriteRevision.objects.filter(field__group=group)
        .select_related("field")
        .order_by("created_at", "pk")
    )


def contributors(group: CowriteGroup) -> list[str]:
    """The pseudonyms of those who wrote in the sheet, in the order they first wrote."""
    names = []
    for revision in history(group):
        if revision.pseudonym and revision.pseudonym not in names:
            names.append(revision.pseudonym)
    return names


# The restitution: the room's reactions ----------------------------------------------------
def react(*, group: CowriteGroup, participant: Participant, kind: str, comment: str = ""):
    comment = " ".join(without_controls(str(comment or "")).split())
    if kind not in CowriteReaction.Kind.values:
        raise CowriteError(_("Réaction inconnue : rechargez la page."))
    if kind == CowriteReaction.Kind.COMMENT and not comment:
        raise CowriteError(_("Écrivez votre commentaire avant de l'envoyer."))
    if len(comment) > 500:
        raise CowriteError(
            _("Le commentaire est trop long : %(length)d caractères pour 500 au plus.")
            % {"length": len(comment)}
        )
    with transaction.atomic():
        reaction, _created = CowriteReaction.objects.update_or_create(
            group=group, participant=participant, defaults={"kind": kind, "comment": comment}
        )
        answers_changed(session_id=participant.session_id, activity_id=group.run.activity_id)
    return reaction


def sheets(run: ActivityRun) -> list[dict]:
    return run.cowrite_sheets()
