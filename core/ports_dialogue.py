"""Ports the conversations need: their state, the outbox, the updates already handled, and the
invites and complaints that arrive through the bot."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime
from typing import Protocol

from core.complaints import Complaint
from core.dialogue import ConversationState, Delivery, OutgoingMessage
from core.errors import ElectionError
from core.invites import Invite
from core.ports import UnitOfWork


class StaleConversation(ElectionError):
    """Another replica changed this conversation since it was read; the turn must be redone."""


class ConversationRepository(Protocol):
    async def get(self, person: str) -> ConversationState | None: ...
    async def save(self, state: ConversationState) -> ConversationState:
        """Store the state if nobody changed it since it was read (same version); bump version.

        Raise StaleConversation otherwise.
        """
        ...


class Outbox(Protocol):
    async def add(self, message: OutgoingMessage) -> None: ...
    async def get(self, message_id: str) -> OutgoingMessage | None:
        """Return the message; once it left the outbox, its chat and body are empty."""
        ...

    async def pending(self, now: datetime, limit: int) -> Sequence[OutgoingMessage]:
        """Messages due for sending (not_before passed), oldest first."""
        ...

    async def settle(
        self, message_id: str, status: Delivery, attempts: int, not_before: datetime | None
    ) -> None:
        """Record the outcome of a send; a message that left the outbox keeps no chat or text.

        NotFound if there is no such message.
        """
        ...

    async def forget_settled_before(self, before: datetime) -> int:
        """Delete messages written before `before` that have left the outbox, except those of a
        broadcast still being followed; return how many."""
        ...


class HandledUpdates(Protocol):
    async def first_time(self, update_id: int) -> bool:
        """Record the update as handled; False if it had been handled before."""
        ...

    async def forget_before(self, before: datetime) -> int:
        """Forget the updates handled before `before`; return how many."""
        ...


class InviteRepository(Protocol):
    async def add(self, invite: Invite) -> None: ...
    async def get(self, token_hash: str) -> Invite | None: ...
    async def mark_used(self, token_hash: str, person: str, at: datetime) -> bool:
        """Record the redemption unless the invite was used already; True if this one won."""
        ...


class ComplaintRepository(Protocol):
    async def add(self, complaint: Complaint) -> None: ...
    async def get(self, complaint_id: str) -> Complaint | None: ...
    async def answer(self, complaint_id: str, answer: bytes, at: datetime, by: str) -> bool:
        """Record the answer unless one was recorded already; True if this one won."""
        ...

    async def for_group(self, group_id: int) -> list[Complaint]:
        """Return the group's complaints, oldest first."""
        ...


class InvitesUnitOfWork(UnitOfWork, Protocol):
    @property
    def invites(self) -> InviteRepository: ...


class ComplaintsUnitOfWork(UnitOfWork, Protocol):
    @property
    def complaints(self) -> ComplaintRepository: ...


class DialogueUnitOfWork(InvitesUnitOfWork, ComplaintsUnitOfWork, Protocol):
    @property
    def conversations(self) -> ConversationRepository: ...
    @property
    def outbox(self) -> Outbox: ...
    @property
    def updates(self) -> HandledUpdates: ...
