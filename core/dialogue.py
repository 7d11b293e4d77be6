"""What must survive between two messages of a conversation, and the messages waiting to go out.

The bot's conversations are written once, as framework-free step machines; their state is kept
here so that a restart resumes where the person was. Messages are written to an outbox in the same
transaction as the change that caused them and sent after the commit: "your vote is recorded" is
never said before it is true, and is still said if the bot dies in between.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from enum import StrEnum


@dataclass(frozen=True)
class ConversationState:
    """Where one person is in their conversation with the bot."""

    person: str  # pseudonym
    flow: str | None = None
    step: str | None = None
    data: bytes | None = None  # the flow's notes, sealed: drafts can hold personal details
    # The buttons on the last message, token -> action: a callback carrying any other token is
    # stale or forged, and changes nothing.
    buttons: dict[str, str] = field(default_factory=dict)
    language: str | None = None  # chosen with /language; overrides Telegram's
    version: int = 0  # optimistic lock between bot replicas


class Delivery(StrEnum):
    PENDING = "pending"
    SENT = "sent"
    BLOCKED = "blocked"  # the person blocked the bot: not retried
    FAILED = "failed"  # gave up after retries


@dataclass(frozen=True)
class OutgoingMessage:
    """A rendered message waiting in the outbox; chat and body are sealed with DATA_KEY."""

    id: str  # random, so that ids say nothing about order
    chat: bytes  # sealed chat id
    body: bytes  # sealed JSON: text, keyboard, message to edit
    created_at: datetime
    group_id: int | None = None  # for the per-group pacing of announcements
    status: Delivery = Delivery.PENDING
    attempts: int = 0
    not_before: datetime | None = None
