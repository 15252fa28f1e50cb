"""A workshop being run: its session, the phones that joined, each activity's run, the answers.

The tables keep the names they had when these models lived in `workshops` and `quizzes`
(`db_table`): moving the models to this app moved no data.
"""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


def new_screen_token() -> str:
    import secrets

    return secrets.token_urlsafe(24)


class LiveSession(models.Model):
    """A workshop being run: a join code, a current step, a timer. Its state lives here,
    not in a process, so a reload, a reconnection or a restarted server finds it again."""

    workshop = models.ForeignKey(
        "workshops.Workshop",
        on_delete=models.CASCADE,
        related_name="sessions",
        verbose_name=_("atelier"),
    )
    code = models.CharField(_("code"), max_length=6)
    screen_token = models.CharField(
        _("lien secret de l'écran"), max_length=64, default=new_screen_token
    )
    started_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    started_at = models.DateTimeField(_("début"), auto_now_add=True)
    ended_at = models.DateTimeField(_("fin"), null=True, blank=True)
    current_step = models.ForeignKey(
        "workshops.Step", on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    show_join = models.BooleanField(_("afficher le code pour rejoindre"), default=True)
    # The join view on the whole projector (big QR code, address, code, arrivals), shown at
    # the start or whenever the facilitator asks; moving to a step closes it.
    join_full = models.BooleanField(_("page pour rejoindre en plein écran"), default=False)
    # Results too long for one projected screen are shown a page at a time (see
    # live.stage); the page is reset when the step changes.
    screen_page = models.PositiveSmallIntegerField(_("page à l'écran"), default=0)
    # Bumped at every change of the session's state: what phones show alike is computed once
    # per version and process (see live.stage).
    version = models.PositiveIntegerField(default=0)
    # How many phones have joined: the next one gets the number after it (live.sessions.join).
    arrivals = models.PositiveIntegerField(_("arrivées"), default=0, editable=False)
    # The timer: a duration; running when started_at is set; remaining kept while paused.
    timer_seconds = models.PositiveIntegerField(_("durée du minuteur"), default=0)
    timer_started_at = models.DateTimeField(null=True, blank=True)
    timer_remaining = models.FloatField(null=True, blank=True)

    class Meta:
        db_table = "workshops_livesession"
        ordering = ["-started_at"]
        constraints = [
            # A code identifies one open session; ended sessions free theirs.
            models.UniqueConstraint(
                fields=["code"],
                condition=models.Q(ended_at__isnull=True),
                name="session_code_unique_while_open",
            )
        ]
        verbose_name = _("session en direct")
        verbose_name_plural = _("sessions en direct")

    def __str__(self) -> str:
        return f"{self.workshop} — {self.code}"

    @property
    def is_open(self) -> bool:
        return self.ended_at is None


class Participant(models.Model):
    """Someone who joined a session from their phone: no account, bound to the browser session."""

    session = models.ForeignKey(LiveSession, on_delete=models.CASCADE, related_name="participants")
    number = models.PositiveIntegerField(_("numéro d'arrivée"), default=0)
    pseudonym = models.CharField(_("pseudonyme"), max_length=40, blank=True)
    structure = models.CharField(_("structure"), max_length=120, blank=True)
    joined_at = models.DateTimeField(_("arrivée"), auto_now_add=True)
    last_seen_at = models.DateTimeField(_("vu pour la dernière fois"), null=True, blank=True)
    left_at = models.DateTimeField(_("parti"), null=True, blank=True)

    class Meta:
        db_table = "workshops_participant"
        ordering = ["joined_at", "pk"]
        verbose_name = _("participant·e")
        verbose_name_plural = _("participant·es")

    def __str__(self) -> str:
        return self.display_name

    @property
    def display_name(self) -> str:
        return self.pseudonym or _("Participant·e %(number)s") % {"number": self.number}


class ActivityRun(models.Model):
    """An activity in one live session: open or closed, revealed or not, and the kind's own
    state (the order of the tour de table, the phase of an idea board…)."""

    session = models.ForeignKey(LiveSession, on_delete=models.CASCADE, related_name="runs")
    activity = models.ForeignKey("quizzes.Activity", on_delete=models.CASCADE, related_name="runs")
    is_open = models.BooleanField(_("réponses ouvertes"), default=False)
    show_results = models.BooleanField(_("résultats affichés"), default=False)
    is_revealed = models.BooleanField(_("correction dévoilée"), default=False)
    state = models.JSONField(_("état"), default=dict, blank=True)
    opened_at = models.DateTimeField(null=True, blank=True)
    closed_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        db_table = "quizzes_activityrun"
        constraints = [
            models.UniqueConstraint(fields=["session", "activity"], name="one_run_per_activity")
        ]
        verbose_name = _("déroulé d'activité")
        verbose_name_plural = _("déroulés d'activités")

    def __str__(self) -> str:
        return f"{self.activity} ({self.session_id})"

    def answers(self) -> models.QuerySet["Response"]:
        """The answers given to this activity in this session. Kinds that check an answer
        against the others (an idea board's votes) read them here, from the run they are
        handed: the kinds never import the answer store."""
        return Response.objects.filter(session_id=self.session_id, activity_id=self.activity_id)

    def cowrite_sheets(self) -> list[dict]:
        """The co-writing groups' sheets as plain data (see live.cowriting.sheets): the
        co-writing kind reads them here, from the run it is handed, as others read answers."""
        groups = list(CowriteGroup.objects.filter(run=self).order_by("number"))
        texts: dict[int, dict[str, str]] = {g.pk: {} for g in groups}
        for group_id, name, text in CowriteField.objects.filter(group__run=self).values_list(
            "group_id", "name", "text"
        ):
            texts[group_id][name] = text
        names: dict[int, list[str]] = {g.pk: [] for g in groups}
        for member in (
            CowriteMember.objects.filter(run=self)
            .select_related("participant")
            .order_by("participant__pk")
        ):
            names[member.group_id].append(member.participant.display_name)
        reactions = {
            g.pk: {"soutien": 0, "reserve": 0, "commentaire": 0, "comments": []} for g in groups
        }
        for group_id, kind, comment in CowriteReaction.objects.filter(group__run=self).values_list(
            "group_id", "kind", "comment"
        ):
            reactions[group_id][kind] += 1
            if comment:
                reactions[group_id]["comments"].append(comment)
        return [
            {
                "id": g.pk,
                "number": g.number,
                "label": g.label,
                "axis": g.axis,
                "idea": g.idea,
                "members": names[g.pk],
                "fields": texts[g.pk],
                "reactions": reactions[g.pk],
            }
            for g in groups
        ]


class Response(models.Model):
    """A participant's answer. It carries the id the phone made for it; for kinds with one
    answer per person, (participant, activity) is unique: sending it again updates it."""

    client_id = models.UUIDField(_("identifiant donné par le téléphone"), db_index=True)
    session = models.ForeignKey(LiveSession, on_delete=models.CASCADE, related_name="responses")
    activity = models.ForeignKey(
        "quizzes.Activity", on_delete=models.CASCADE, related_name="responses"
    )
    participant = models.ForeignKey(Participant, on_delete=models.CASCADE, related_name="responses")
    # "" for one-answer kinds; the answer's own id where a person posts several (ideas).
    slot = models.CharField(max_length=36, blank=True, default="")
    data = models.JSONField(_("réponse"))
    hidden = models.BooleanField(_("masquée à l'écran"), default=False)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        db_table = "quizzes_response"
        ordering = ["created_at", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["participant", "activity", "slot"], name="one_answer_per_slot"
            )
        ]
        indexes = [models.Index(fields=["session", "activity"], name="response_session_activity")]
        verbose_name = _("réponse")
        verbose_name_plural = _("réponses")

    def __str__(self) -> str:
        return f"{self.participant_id} → {self.activity_id}"


class CarriedItem(models.Model):
    """A result of an earlier workshop (an idea and its votes, a word of the cloud, an answer
    to the retrospective) that the facilitator carries over to a later workshop: projected by
    its "report" step, and the starting items of its activities. The text and the count are
    kept as they were chosen, so the later workshop shows what was decided even if the earlier
    session's answers are moderated afterwards."""

    workshop = models.ForeignKey(
        "workshops.Workshop",
        on_delete=models.CASCADE,
        related_name="carried_items",
        verbose_name=_("atelier qui reprend"),
    )
    run = models.ForeignKey(
        ActivityRun,
        on_delete=models.CASCADE,
        related_name="carried_items",
        verbose_name=_("activité d'origine"),
    )
    key = models.CharField(_("identifiant dans l'activité d'origine"), max_length=80)
    label = models.CharField(_("intitulé"), max_length=500)
    count = models.PositiveIntegerField(_("votes ou occurrences"), null=True, blank=True)
    # What the count counts: votes (ideas, a vote's options) or occurrences (a cloud's words).
    unit = models.CharField(_("unité"), max_length=12, default="votes")
    order = models.PositiveIntegerField(_("ordre"), default=0)

    class Meta:
        ordering = ["workshop", "order", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["workshop", "run", "key"], name="carried_once")
        ]
        verbose_name = _("élément reporté")
        verbose_name_plural = _("éléments reportés")

    def __str__(self) -> str:
        return self.label

    @property
    def count_text(self) -> str:
        return count_text(self.count, self.unit)


def count_text(count: int | None, unit: str) -> str:
    """ "2 voix", "3 fois": what a carried item's count says, in words ("" without a count)."""
    from django.utils.translation import ngettext

    if count is None:
        return ""
    if unit == "occurrences":
        return ngettext("%(count)d fois", "%(count)d fois", count) % {"count": count}
    return ngettext("%(count)d voix", "%(count)d voix", count) % {"count": count}


# Co-writing project sheets in groups (live.cowriting) -----------------------------------
class CowriteGroup(models.Model):
    """A group writing one draft project sheet during a co-writing activity (a table, an
    axis, or drawn at random). Its fields are `CowriteField`s; its members `CowriteMember`s."""

    run = models.ForeignKey(ActivityRun, on_delete=models.CASCADE, related_name="cowrite_groups")
    number = models.PositiveSmallIntegerField(_("numéro"))
    label = models.CharField(_("nom du groupe"), max_length=120)
    axis = models.CharField(_("axe"), max_length=200, blank=True)
    # The winning idea the sheet starts from, if any (its text, kept as the trace).
    idea = models.CharField(_("idée de départ"), max_length=500, blank=True)

    class Meta:
        ordering = ["run", "number"]
        constraints = [
            models.UniqueConstraint(fields=["run", "number"], name="cowrite_group_number_unique")
        ]
        verbose_name = _("groupe de co-rédaction")
        verbose_name_plural = _("groupes de co-rédaction")

    def __str__(self) -> str:
        return self.label


class CowriteMember(models.Model):
    """A participant in a group; one group per person and activity (moving replaces it)."""

    run = models.ForeignKey(ActivityRun, on_delete=models.CASCADE, related_name="+")
    group = models.ForeignKey(CowriteGroup, on_delete=models.CASCADE, related_name="members")
    participant = models.ForeignKey(Participant, on_delete=models.CASCADE, related_name="+")
    joined_at = models.DateTimeField(auto_now=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["run", "participant"], name="cowrite_one_group_per_person"
            )
        ]
        verbose_name = _("membre d'un groupe")
        verbose_name_plural = _("membres des groupes")

    def __str__(self) -> str:
        return f"{self.participant_id} → {self.group_id}"


class CowriteField(models.Model):
    """One field of a group's sheet, with a version bumped at every write: a save made on an
    older version never silently overwrites (see live.cowriting.write_field)."""

    group = models.ForeignKey(CowriteGroup, on_delete=models.CASCADE, related_name="fields")
    name = models.CharField(max_length=20)
    text = models.TextField(blank=True)
    version = models.PositiveIntegerField(default=0)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["group", "name"], name="cowrite_field_unique")
        ]
        verbose_name = _("champ d'une fiche co-rédigée")
        verbose_name_plural = _("champs des fiches co-rédigées")

    def __str__(self) -> str:
        return f"{self.group_id} · {self.name} v{self.version}"


class CowriteRevision(models.Model):
    """A field as one person left it: who wrote what (pseudonym kept as it was then)."""

    field = models.ForeignKey(CowriteField, on_delete=models.CASCADE, related_name="revisions")
    version = models.PositiveIntegerField()
    text = models.TextField(blank=True)
    participant = models.ForeignKey(
        Participant, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    pseudonym = models.CharField(_("pseudonyme"), max_length=40, blank=True)
    merged = models.BooleanField(_("fusion automatique"), default=False)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["field", "version"]
        constraints = [
            models.UniqueConstraint(fields=["field", "version"], name="cowrite_revision_unique")
        ]
        verbose_name = _("version d'un champ")
        verbose_name_plural = _("versions des champs")

    def __str__(self) -> str:
        return f"{self.field_id} v{self.version} ({self.pseudonym})"


class CowriteReaction(models.Model):
    """The room's reaction to a group's sheet at the restitution: one per person and sheet."""

    class Kind(models.TextChoices):
        SUPPORT = "soutien", _("Je soutiens")
        RESERVATION = "reserve", _("J'ai une réserve")
        COMMENT = "commentaire", _("Commentaire")

    group = models.ForeignKey(CowriteGroup, on_delete=models.CASCADE, related_name="reactions")
    participant = models.ForeignKey(Participant, on_delete=models.CASCADE, related_name="+")
    kind = models.CharField(_("réaction"), max_length=12, choices=Kind)
    comment = models.CharField(_("commentaire"), max_length=500, blank=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["group", "participant"], name="cowrite_one_reaction_per_person"
            )
        ]
        verbose_name = _("réaction à une fiche")
        verbose_name_plural = _("réactions aux fiches")

    def __str__(self) -> str:
        return f"{self.group_id} · {self.kind}"
