"""Publishing a confirmed result: to the group's community chat and to every member, each in
their language, through the outbox of the turn that confirmed it.

A first confirmation announces who was elected; a later one (after a withdrawal) announces
what changed, then the seats as they now stand.
"""

from __future__ import annotations

import uuid
from datetime import datetime
from typing import cast

from bot.flows.render import Renderer, encode
from bot.flows.results_text import Names, candidate_names, seats, who
from bot.flows.turn import Turn
from bot.flows.vocabulary import Say
from bot.flows.vote_text import plain
from bot.vault import Vault
from core.dialogue import OutgoingMessage
from core.model import Group
from core.ports_schedule import ScheduleUnitOfWork
from core.result_codec import result_from_json
from core.services.announcements import Announcement, Recipient, announce_to_group
from core.services.context import group_id
from core.services.results import Confirmation, SeatChange, seat_changes
from core.tally import GroupResult

FIRST, UPDATE = "results.published", "results.updated"


def changes_text(
    changes: tuple[SeatChange, ...], withdrawn: list[str], names: Names, language: str
) -> str:
    """Who withdrew, and each seat's holder before and after."""
    lines = [plain(language, "results.line.withdrew", who=who(names, c)) for c in withdrawn]
    nobody = plain(language, "results.line.nobody")
    for change in changes:
        before = who(names, change.before) if change.before else nobody
        after = who(names, change.after) if change.after else nobody
        key = f"results.line.change.{change.seat.value}"
        lines.append(plain(language, key, before=before, after=after))
    return "\n".join(lines)


class ResultsComposer:
    """Render one confirmed result for each recipient, in the recipient's language."""

    def __init__(
        self,
        renderer: Renderer,
        vault: Vault,
        result: GroupResult,
        names: Names,
        changes: tuple[SeatChange, ...] = (),
        withdrawn: list[str] | None = None,
    ) -> None:
        self.renderer = renderer
        self.vault = vault
        self.result = result
        self.names = names
        self.changes = changes
        self.withdrawn = withdrawn or []

    def compose(
        self, announcement: Announcement, recipient: Recipient, group_id: int, now: datetime
    ) -> list[OutgoingMessage]:
        """One message: the seats, and what changed when this is not the first version."""
        language = recipient.language
        params = {
            "group": announcement.group.get(language),
            "seats": seats(self.result, self.names, language),
        }
        if announcement.key == UPDATE:
            params["changes"] = changes_text(self.changes, self.withdrawn, self.names, language)
        body = self.renderer.body(Say(announcement.key, params), language, {})
        message_id = uuid.uuid4().hex
        return [
            OutgoingMessage(
                id=message_id,
                chat=recipient.chat,
                body=self.vault.seal_body(encode(body), message_id),
                created_at=now,
                group_id=group_id,
            )
        ]


async def publish(turn: Turn, group: Group, confirmation: Confirmation) -> int:
    """Announce the confirmed version to the group; return how many messages were written."""
    uow, vault, now = turn.uow, turn.vault, turn.now
    names = await candidate_names(uow, group, vault.sealer)
    versions = await uow.results.versions(group_id(group))
    earlier = [v for v in versions if v.confirmed_at and v.version < confirmation.version]
    changes: tuple[SeatChange, ...] = ()
    withdrawn: list[str] = []
    key = FIRST
    if earlier:
        before = result_from_json(earlier[-1].result)
        withdrawn = sorted(confirmation.result.withdrawn - before.withdrawn)
        changes = seat_changes(before, confirmation.result)
        key = UPDATE
    composer = ResultsComposer(turn.renderer, vault, confirmation.result, names, changes, withdrawn)
    announcement = Announcement(key, group.names)
    schedule_uow = cast(ScheduleUnitOfWork, uow)
    return len(await announce_to_group(schedule_uow, composer, group, announcement, now))
