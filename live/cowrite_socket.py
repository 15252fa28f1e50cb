"""The WebSocket of a co-writing group's sheet (/ws/atelier/<session>/fiche/<group>/).

JSON both ways, read by static/js/cowrite.js (a textarea being typed in must never be replaced
by a push, so the page applies the texts itself rather than swapping HTML):
- from the phone: {"type": "save", "name", "text", "version", "seq"}, {"type": "typing",
  "name"}, {"type": "ping"};
- to the phone: "snapshot" (every field, at each (re)connection), "field" (a field stored by
  anyone, read from the store after the commit), "saved" / "conflict" / "refused" (the answer
  to its own save, with its "seq"), "presence" (« Awa écrit dans « Objectifs » »).
"""

import asyncio
import json

from channels.db import database_sync_to_async
from django.utils.translation import gettext as _

from live import cowriting, sessions
from live.broadcast import cowrite_group, cowrite_presence
from live.consumers import FORBIDDEN, LiveConsumer, _cookie, read_message
from live.models import CowriteField, CowriteMember, Participant
from live.writer import get_writer
from quizzes.kinds.cowrite import FIELDS_BY_NAME

# A write's stamp -> the reading of its field after it committed (that version or a newer
# one), shared by the group's phones in this process: one read per write, not one per phone.
_reads: dict[str, asyncio.Task] = {}
READS_KEPT = 2000


def read_field(group_id: int, name: str) -> dict | None:
    field = CowriteField.objects.filter(group_id=group_id, name=name).first()
    if field is None:
        return None
    last = field.revisions.filter(version=field.version).first()
    return {
        "type": "field",
        "name": field.name,
        "text": field.text,
        "version": field.version,
        "by": last.pseudonym if last else "",
        "author": last.participant_id if last else None,
    }


def shared_read(stamp: str, group_id: int, name: str) -> asyncio.Task:
    task = _reads.get(stamp)
    if task is None:
        if len(_reads) >= READS_KEPT:
            _reads.clear()
        task = _reads[stamp] = asyncio.ensure_future(
            database_sync_to_async(read_field)(group_id, name)
        )
    return task


class CowriteConsumer(LiveConsumer):
    """A member's phone on their group's sheet: snapshot, pushes of the others' writes,
    presence, and its own saves (live.cowriting.write_field)."""

    async def connect(self) -> None:
        kwargs = self.scope["url_route"]["kwargs"]
        self.session_id = int(kwargs["session_id"])
        self.group_id = int(kwargs["group_id"])
        self.participant: Participant | None = None
        self.pushes: set[asyncio.Future] = set()
        await super().connect()

    def authorize(self) -> int | None:
        cookie = _cookie(self.scope, sessions.PARTICIPANT_COOKIE)
        participant_id = sessions.read_participants(cookie).get(self.session_id)
        member = (
            CowriteMember.objects.filter(
                participant_id=participant_id,
                group_id=self.group_id,
                group__run__session_id=self.session_id,
            )
            .select_related("participant", "group")
            .first()
        )
        if member is None:
            return FORBIDDEN
        self.participant, self.group = member.participant, member.group
        return None

    def groups_to_join(self) -> list[str]:
        return [cowrite_group(self.group_id)]

    # Presence: a phone on its sheet is in the room, as on the workshop's page.
    async def on_connected(self) -> None:
        get_writer().mark_seen(self.participant.pk)

    def render_snapshot(self) -> str:
        fields = {
            f.name: {"text": f.text, "version": f.version}
            for f in CowriteField.objects.filter(group_id=self.group_id)
        }
        return json.dumps({"type": "snapshot", "fields": fields})

    def fields_message(self, fields: list[dict]) -> str:
        if not fields:
            return ""
        mine = self.participant.pk
        return json.dumps(
            {
                "type": "fields",
                "fields": [
                    {**{k: v for k, v in f.items() if k != "author"}, "mine": f["author"] == mine}
                    for f in fields
                ],
            }
        )

    # Channel-layer messages ---------------------------------------------------------------
    async def cowrite_changed(self, event: dict) -> None:
        read = shared_read(str(event.get("stamp", "")), self.group_id, str(event["name"]))
        push = asyncio.ensure_future(self.push(read))
        self.pushes.add(push)
        push.add_done_callback(self.pushes.discard)

    async def disconnect(self, code: int) -> None:
        await super().disconnect(code)
        for push in list(getattr(self, "pushes", ())):
            push.cancel()
        if getattr(self, "participant", None):
            await database_sync_to_async(sessions.mark_left)(
                participant_id=self.participant.pk, session_id=self.session_id
            )

    async def push(self, read: asyncio.Task) -> None:
        stored = await asyncio.shield(read)  # shared: one phone leaving cancels only its own
        if stored is not None:
            await self.send(text_data=self.fields_message([stored]))

    async def cowrite_presence(self, event: dict) -> None:
        if event.get("participant") != self.participant.pk:
            await self.send(text_data=json.dumps({"type": "presence", **event["presence"]}))

    # The phone's messages -----------------------------------------------------------------
    async def receive(self, text_data: str | None = None, bytes_data: bytes | None = None):
        try:
            message = read_message(text_data)
            kind = message.get("type")
            if kind == "ping":
                get_writer().mark_seen(self.participant.pk)
                return
            name = str(message.get("name", ""))
            spec = FIELDS_BY_NAME.get(name)
            if spec is None:
                raise ValueError("no such field")
            if kind == "typing":
                await self.announce_typing(spec)
                return
            if kind != "save":
                raise ValueError("unknown message")
            text = message.get("text", "")
            version = int(message.get("version", 0))
            if not isinstance(text, str) or version < 0:
                raise ValueError("bad save")
        except (ValueError, TypeError):
            await self.send(
                text_data=json.dumps(
                    {"type": "refused", "error": _("Message mal formé : rechargez la page.")}
                )
            )
            return
        outcome = await database_sync_to_async(self.save)(name, text, version)
        reply = {
            "type": "conflict" if outcome.conflict else ("saved" if outcome.ok else "refused"),
            "seq": message.get("seq"),
            "name": name,
            "version": outcome.version,
            "merged": outcome.merged,
            "error": outcome.error,
        }
        if outcome.merged:
            reply["text"] = outcome.text
        if outcome.conflict:
            reply.update(theirs=outcome.theirs, mine=outcome.text)
        await self.send(text_data=json.dumps(reply))

    def save(self, name: str, text: str, version: int) -> cowriting.WriteOutcome:
        return cowriting.write_field(
            group=self.group,
            participant=self.participant,
            name=name,
            text=text,
            base_version=version,
        )

    async def announce_typing(self, spec) -> None:
        who = self.participant.display_name
        await cowrite_presence(
            group_id=self.group_id,
            message={
                "participant": self.participant.pk,
                "presence": {
                    "name": spec.name,
                    "who": who,
                    "text": _("%(who)s écrit dans « %(field)s »")
                    % {"who": who, "field": spec.label},
                },
            },
        )
