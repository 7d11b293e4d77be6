"""Ports the scheduler, announcements and paced delivery need beyond the conversation ports.

Marks make every scheduled use case idempotent: a stage transition or a reminder is written under
a mark that can be taken once, so a second scheduler, a restart or a re-planned job finds it taken
and does nothing. Leases elect the one replica that runs the scheduler and the paced sender.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Protocol

from core.dialogue import OutgoingMessage
from core.group_chats import GroupChatRepository
from core.ports_dialogue import DialogueUnitOfWork


class ScheduleMarks(Protocol):
    async def first_time(self, group_id: int, mark: str, at: datetime) -> bool:
        """Take the mark (e.g. 'stage:voting'); False if it had been taken before."""
        ...


class Leases(Protocol):
    async def acquire(self, name: str, holder: str, now: datetime, until: datetime) -> bool:
        """Hold or renew the lease until `until`; False while someone else holds it unexpired."""
        ...

    async def release(self, name: str, holder: str) -> None:
        """Give the lease up if `holder` has it."""
        ...


class OutboxClaims(Protocol):
    async def claim(
        self, now: datetime, settled_before: datetime, limit: int, until: datetime
    ) -> Sequence[OutgoingMessage]:
        """Take due messages for sending and hide them from other senders until `until`.

        Announcements (with a group) are due at once; a conversation's replies only once they are
        older than `settled_before`, since the turn that wrote them sends them itself.
        """
        ...

    async def release(self, message_ids: Sequence[str]) -> None:
        """Make claimed but unsent messages due again at once."""
        ...


@dataclass(frozen=True)
class Broadcast:
    """An announcement the Organizing Committee sent; followed until every copy is settled."""

    id: str
    group_id: int
    author: str  # pseudonym: progress and the summary go back to them
    total: int
    created_at: datetime
    reported: int = 0  # how many were settled at the last progress report
    finished_at: datetime | None = None


@dataclass(frozen=True)
class BroadcastCounts:
    pending: int = 0
    sent: int = 0
    blocked: int = 0
    failed: int = 0

    @property
    def settled(self) -> int:
        return self.sent + self.blocked + self.failed


class Broadcasts(Protocol):
    async def add(self, broadcast: Broadcast, message_ids: Sequence[str]) -> None: ...
    async def unfinished(self) -> list[Broadcast]: ...
    async def counts(self, broadcast_id: str) -> BroadcastCounts: ...
    async def update(self, broadcast: Broadcast) -> None: ...


class ScheduleUnitOfWork(DialogueUnitOfWork, Protocol):
    @property
    def group_chats(self) -> GroupChatRepository: ...
    @property
    def schedule_marks(self) -> ScheduleMarks: ...
    @property
    def leases(self) -> Leases: ...
    @property
    def outbox_claims(self) -> OutboxClaims: ...
    @property
    def broadcasts(self) -> Broadcasts: ...
