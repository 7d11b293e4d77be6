"""In-memory fakes of the ports in core.ports_dialogue, wired into tests.fakes.FakeUnitOfWork.

Like the other fakes they work on the unit of work's private copy of the state; the two that
arbitrate between bot replicas (conversation versions and handled updates) also look at what
is committed, so a save or an update that another unit of work committed meanwhile loses here
as it would on a database (though without a database's waiting on uncommitted rows).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field, replace
from datetime import UTC, datetime

from core.complaints import Complaint
from core.dialogue import ConversationState, Delivery, OutgoingMessage
from core.errors import NotFound
from core.invites import Invite
from core.ports import AlreadyExists
from core.ports_dialogue import StaleConversation


@dataclass
class DialogueState:
    conversations: dict[str, ConversationState] = field(default_factory=dict)
    outbox: dict[str, OutgoingMessage] = field(default_factory=dict)
    handled: dict[int, datetime] = field(default_factory=dict)  # update id -> when
    invites: dict[str, Invite] = field(default_factory=dict)
    complaints: dict[str, Complaint] = field(default_factory=dict)


Committed = Callable[[], DialogueState]


class _Fake:
    def __init__(self, state: DialogueState, committed: Committed) -> None:
        self._state = state
        self._committed = committed


def _version(state: DialogueState, person: str) -> int:
    stored = state.conversations.get(person)
    return stored.version if stored else 0


class FakeConversations(_Fake):
    async def get(self, person: str) -> ConversationState | None:
        return self._state.conversations.get(person)

    async def save(self, state: ConversationState) -> ConversationState:
        if _version(self._state, state.person) != state.version:
            raise StaleConversation("the conversation changed since it was read")
        if _version(self._committed(), state.person) > state.version:
            raise StaleConversation("another unit of work committed a newer version")
        saved = replace(state, buttons=dict(state.buttons), version=state.version + 1)
        self._state.conversations[state.person] = saved
        return saved


class FakeOutbox(_Fake):
    async def add(self, message: OutgoingMessage) -> None:
        if message.id in self._state.outbox:
            raise AlreadyExists("message id reused")
        self._state.outbox[message.id] = message

    async def get(self, message_id: str) -> OutgoingMessage | None:
        return self._state.outbox.get(message_id)

    async def pending(self, now: datetime, limit: int) -> Sequence[OutgoingMessage]:
        due = [
            m
            for m in self._state.outbox.values()
            if m.status is Delivery.PENDING and (m.not_before is None or m.not_before <= now)
        ]
        return sorted(due, key=lambda m: (m.created_at, m.id))[:limit]

    async def settle(
        self, message_id: str, status: Delivery, attempts: int, not_before: datetime | None
    ) -> None:
        message = self._state.outbox.get(message_id)
        if message is None:
            raise NotFound("no such message in the outbox")
        settled = replace(message, status=status, attempts=attempts, not_before=not_before)
        if status is not Delivery.PENDING:
            settled = replace(settled, chat=b"", body=b"")
        self._state.outbox[message_id] = settled

    async def forget_settled_before(self, before: datetime) -> int:
        # Broadcasts live in the schedule fakes; none is followed that long in these tests.
        old = [
            m.id
            for m in self._state.outbox.values()
            if m.status is not Delivery.PENDING and m.created_at < before
        ]
        for message_id in old:
            del self._state.outbox[message_id]
        return len(old)


class FakeHandledUpdates(_Fake):
    async def first_time(self, update_id: int) -> bool:
        if update_id in self._state.handled or update_id in self._committed().handled:
            return False
        self._state.handled[update_id] = datetime.now(UTC)
        return True

    async def forget_before(self, before: datetime) -> int:
        old = [update for update, at in self._state.handled.items() if at < before]
        for update in old:
            del self._state.handled[update]
        return len(old)


class FakeInvites(_Fake):
    async def add(self, invite: Invite) -> None:
        if invite.token_hash in self._state.invites:
            raise AlreadyExists("invite exists")
        self._state.invites[invite.token_hash] = invite

    async def get(self, token_hash: str) -> Invite | None:
        return self._state.invites.get(token_hash)

    async def mark_used(self, token_hash: str, person: str, at: datetime) -> bool:
        invite = self._state.invites.get(token_hash)
        if invite is None or invite.used_at is not None:
            return False
        self._state.invites[token_hash] = replace(invite, used_at=at, used_by=person)
        return True


class FakeComplaints(_Fake):
    async def add(self, complaint: Complaint) -> None:
        if complaint.id in self._state.complaints:
            raise AlreadyExists("complaint id reused")
        self._state.complaints[complaint.id] = complaint

    async def get(self, complaint_id: str) -> Complaint | None:
        return self._state.complaints.get(complaint_id)

    async def answer(self, complaint_id: str, answer: bytes, at: datetime, by: str) -> bool:
        complaint = self._state.complaints.get(complaint_id)
        if complaint is None or complaint.answered:
            return False
        answered = replace(complaint, answer=answer, answered_at=at, answered_by=by)
        self._state.complaints[complaint_id] = answered
        return True

    async def for_group(self, group_id: int) -> list[Complaint]:
        found = [c for c in self._state.complaints.values() if c.group_id == group_id]
        return sorted(found, key=lambda c: (c.filed_at, c.id))


class FakeDialogue:
    """The dialogue repositories of one fake unit of work."""

    def __init__(self, state: DialogueState, committed: Committed) -> None:
        self.conversations = FakeConversations(state, committed)
        self.outbox = FakeOutbox(state, committed)
        self.updates = FakeHandledUpdates(state, committed)
        self.invites = FakeInvites(state, committed)
        self.complaints = FakeComplaints(state, committed)
