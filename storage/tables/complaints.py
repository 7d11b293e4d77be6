"""Complaints to a group's Mandate Commission, and their answers, both sealed by the edge."""

from __future__ import annotations

from sqlalchemy import Column, ForeignKey, LargeBinary, String, Table

from storage.tables.base import metadata
from storage.types import UTCDateTime

complaints = Table(
    "complaints",
    metadata,
    Column("id", String(32), primary_key=True),
    # Complaints belong in the group's archive: a group that has any cannot be removed.
    Column("group_id", ForeignKey("groups.id", ondelete="RESTRICT"), nullable=False, index=True),
    Column("author", ForeignKey("people.pseudonym"), nullable=False),
    Column("text", LargeBinary, nullable=False),  # sealed
    Column("filed_at", UTCDateTime, nullable=False),
    Column("answer", LargeBinary, nullable=True),  # sealed
    Column("answered_at", UTCDateTime, nullable=True),
    Column("answered_by", ForeignKey("people.pseudonym"), nullable=True),
)
