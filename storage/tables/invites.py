"""Role invites: only the hash of each token is kept, never the token."""

from __future__ import annotations

from sqlalchemy import Column, ForeignKey, Table

from core.model import Role
from storage.tables.base import HASH, enum_column, metadata, one_of
from storage.types import UTCDateTime

invites = Table(
    "invites",
    metadata,
    Column("token_hash", HASH, primary_key=True),  # sha256 of the token; never the token
    Column("cycle_code", ForeignKey("cycles.code", ondelete="CASCADE"), nullable=False),
    enum_column("role"),
    # An unused invite to a group that a reload removes goes with it.
    Column("group_id", ForeignKey("groups.id", ondelete="CASCADE"), nullable=True),
    Column("created_at", UTCDateTime, nullable=False),
    Column("expires_at", UTCDateTime, nullable=False),
    Column("used_at", UTCDateTime, nullable=True),
    Column("used_by", ForeignKey("people.pseudonym"), nullable=True),
    one_of("role", Role),
)
