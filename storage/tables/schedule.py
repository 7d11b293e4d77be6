"""What the scheduler keeps: linked community chats, marks of work done, leases, broadcasts.

A community chat is stored sealed, with a keyed hash to recognise it; broadcasts keep only
counts and the outbox ids of their copies, which say nothing once the copies are sent.
"""

from __future__ import annotations

from sqlalchemy import (
    Column,
    ForeignKey,
    Integer,
    LargeBinary,
    PrimaryKeyConstraint,
    String,
    Table,
)

from storage.tables.base import HASH, PSEUDONYM, metadata
from storage.types import UTCDateTime

group_chats = Table(
    "group_chats",
    metadata,
    Column("group_id", ForeignKey("groups.id", ondelete="CASCADE"), primary_key=True),
    Column("chat", LargeBinary, nullable=False),  # sealed chat id
    Column("chat_key", HASH, nullable=False, index=True),
    Column("language", String(8), nullable=False),
    Column("linked_at", UTCDateTime, nullable=False),
    Column("linked_by", String(40), nullable=False),
)

schedule_marks = Table(
    "schedule_marks",
    metadata,
    Column("group_id", ForeignKey("groups.id", ondelete="CASCADE"), nullable=False),
    Column("mark", String(120), nullable=False),
    Column("at", UTCDateTime, nullable=False),
    PrimaryKeyConstraint("group_id", "mark"),
)

leases = Table(
    "leases",
    metadata,
    Column("name", String(40), primary_key=True),
    Column("holder", String(64), nullable=False),
    Column("expires_at", UTCDateTime, nullable=False),
)

broadcasts = Table(
    "broadcasts",
    metadata,
    Column("id", String(32), primary_key=True),
    Column("group_id", ForeignKey("groups.id", ondelete="CASCADE"), nullable=False),
    Column("author", PSEUDONYM, nullable=False),
    Column("total", Integer, nullable=False),
    Column("reported", Integer, nullable=False),
    Column("created_at", UTCDateTime, nullable=False),
    Column("finished_at", UTCDateTime, nullable=True),
)

broadcast_messages = Table(
    "broadcast_messages",
    metadata,
    Column("broadcast_id", ForeignKey("broadcasts.id", ondelete="CASCADE"), nullable=False),
    Column("message_id", ForeignKey("outbox.id", ondelete="CASCADE"), nullable=False),
    PrimaryKeyConstraint("broadcast_id", "message_id"),
)
