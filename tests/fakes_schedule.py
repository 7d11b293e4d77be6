"""In-memory fakes of the ports in core.ports_schedule, wired into tests.fakes.FakeUnitOfWork.

Marks and leases arbitrate between schedulers, so like the handled updates they also look at
what is committed: a mark or a lease another unit of work committed meanwhile loses here.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field, replace
from datetime import datetime

from core.dialogue import Delivery, OutgoingMessage
from core.group_chats import GroupChat
from core.ports_schedule import Broadcast, BroadcastCounts
from tests.fakes_dialogue import DialogueState


@dataclass
class ScheduleState:
    chats: dict[int, GroupChat] = field(default_factory=dict)
    marks: set[tuple[int, str]] = field(default_factory=set)
    leases: dict[str, tuple[str, datetime]] = field(default_factory=dict)
    broadcasts: dict[str, Broadcast] = field(default_factory=dict)
    broadcast_messages: dict[str, list[str]] = field(default_factory=dict)


Committed = Callable[[], ScheduleState]


class _Fake:
    def __init__(self, state: ScheduleState, committed: Committed) -> None:
        self._state = state
        self._committed = committed


class FakeGroupChats(_Fake):
    async def get(self, group_id: int) -> GroupChat | None:
        return self._state.chats.get(group_id)

    async def link(self, chat: GroupChat) -> GroupChat | None:
        before = self._state.chats.get(chat.group_id)
        self._state.chats[chat.group_id] = chat
        return before


class FakeScheduleMarks(_Fake):
    async def first_time(self, group_id: int, mark: str, at: datetime) -> bool:
        key = (group_id, mark)
        if key in self._state.marks or key in self._committed().marks:
            return False
        self._state.marks.add(key)
        return True


class FakeLeases(_Fake):
    async def acquire(self, name: str, holder: str, now: datetime, until: datetime) -> bool:
        for seen in (self._state.leases, self._committed().leases):
            current = seen.get(name)
            if current is not None and current[0] != holder and current[1] > now:
                return False
        self._state.leases[name] = (holder, until)
        return True

    async def release(self, name: str, holder: str) -> None:
        if self._state.leases.get(name, ("", None))[0] == holder:
            del self._state.leases[name]


class FakeOutboxClaims:
    def __init__(self, dialogue: DialogueState) -> None:
        self._dialogue = dialogue

    async def claim(
        self, now: datetime, settled_before: datetime, limit: int, until: datetime
    ) -> Sequence[OutgoingMessage]:
        due = sorted(
            (
                m
                for m in self._dialogue.outbox.values()
                if m.status is Delivery.PENDING
                and (m.not_before is None or m.not_before <= now)
                and (m.group_id is not None or m.created_at <= settled_before)
            ),
            key=lambda m: (m.created_at, m.id),
        )[:limit]
        for message in due:
            self._dialogue.outbox[message.id] = replace(message, not_before=until)
        return due

    async def release(self, message_ids: Sequence[str]) -> None:
        for message_id in message_ids:
            message = self._dialogue.outbox.get(message_id)
            if message is not None and message.status is Delivery.PENDING:
                self._dialogue.outbox[message_id] = replace(message, not_before=None)


class FakeBroadcasts:
    def __init__(self, state: ScheduleState, dialogue: DialogueState) -> None:
        self._state = state
        self._dialogue = dialogue

    async def add(self, broadcast: Broadcast, message_ids: Sequence[str]) -> None:
        self._state.broadcasts[broadcast.id] = broadcast
        self._state.broadcast_messages[broadcast.id] = list(message_ids)

    async def unfinished(self) -> list[Broadcast]:
        found = [b for b in self._state.broadcasts.values() if b.finished_at is None]
        return sorted(found, key=lambda b: b.created_at)

    async def counts(self, broadcast_id: str) -> BroadcastCounts:
        statuses = [
            self._dialogue.outbox[m].status
            for m in self._state.broadcast_messages.get(broadcast_id, [])
            if m in self._dialogue.outbox
        ]
        return BroadcastCounts(**{s.value: statuses.count(s) for s in Delivery})

    async def update(self, broadcast: Broadcast) -> None:
        self._state.broadcasts[broadcast.id] = broadcast
