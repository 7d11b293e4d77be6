"""What the bot keeps between messages: conversation states, the outbox, handled updates.

Nothing here is readable without DATA_KEY: a conversation's notes and an outgoing message's
chat and body are sealed by the edge. Once a message has left the outbox its chat and body are
set to NULL, so the table does not become a record of who was told what.
"""

from __future__ import annotations

from sqlalchemy import (
    JSON,
    BigInteger,
    Column,
    ForeignKey,
    Index,
    Integer,
    LargeBinary,
    String,
    Table,
)

from core.dialogue import Delivery
from storage.tables.base import PSEUDONYM, enum_column, metadata, one_of
from storage.types import UTCDateTime

# No foreign key to people: a conversation starts before the person consents to being stored.
conversations = Table(
    "conversations",
    metadata,
    Column("person", PSEUDONYM, primary_key=True),
    Column("flow", String(32), nullable=True),
    Column("step", String(32), nullable=True),
    Column("data", LargeBinary, nullable=True),  # the flow's notes, sealed
    Column("buttons", JSON, nullable=False),  # token -> action of the last message's buttons
    Column("language", String(8), nullable=True),
    Column("version", Integer, nullable=False),
    Column("updated_at", UTCDateTime, nullable=False),
)

outbox = Table(
    "outbox",
    metadata,
    Column("id", String(32), primary_key=True),
    Column("chat", LargeBinary, nullable=True),  # sealed; NULL once sent, blocked or failed
    Column("body", LargeBinary, nullable=True),  # sealed; NULL likewise
    Column("group_id", ForeignKey("groups.id", ondelete="SET NULL"), nullable=True),
    enum_column("status"),
    Column("attempts", Integer, nullable=False),
    Column("not_before", UTCDateTime, nullable=True),
    Column("created_at", UTCDateTime, nullable=False),
    one_of("status", Delivery),
)
Index("ix_outbox_status_not_before", outbox.c.status, outbox.c.not_before)

handled_updates = Table(
    "handled_updates",
    metadata,
    Column("update_id", BigInteger, primary_key=True, autoincrement=False),
    Column("handled_at", UTCDateTime, nullable=False),
)
