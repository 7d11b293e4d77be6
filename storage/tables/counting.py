"""Receipts, late attempts and results: what the vote leaves besides markers and ballots.

`receipts` lists a contest's receipt codes with nothing else: no ballot, no voter, no time, so
the published list proves a ballot was counted and never says what it said. `late_votes` keeps
that an elector tried after the close, once per contest, for the protocol's "not counted: late";
the late ballot's choices are never kept. `results` holds each version of a group's result.
Like ballots and markers, receipts and late attempts are WITHOUT ROWID on SQLite, so no hidden
rowid records the order in which they were written.
"""

from __future__ import annotations

from sqlalchemy import JSON, Column, ForeignKey, Integer, String, Table

from storage.tables.base import HASH, metadata
from storage.types import UTCDateTime

receipts = Table(
    "receipts",
    metadata,
    Column("contest_id", ForeignKey("contests.id", ondelete="RESTRICT"), primary_key=True),
    Column("code", String(16), primary_key=True),
    sqlite_with_rowid=False,
)

late_votes = Table(
    "late_votes",
    metadata,
    Column("contest_id", ForeignKey("contests.id", ondelete="RESTRICT"), primary_key=True),
    Column("pseudonym", ForeignKey("people.pseudonym"), primary_key=True),
    sqlite_with_rowid=False,
)

results = Table(
    "results",
    metadata,
    Column("group_id", ForeignKey("groups.id", ondelete="RESTRICT"), primary_key=True),
    Column("version", Integer, primary_key=True, autoincrement=False),
    Column("result", JSON, nullable=False),
    Column("seed", HASH, nullable=False),
    Column("computed_at", UTCDateTime, nullable=False),
    Column("confirmed_at", UTCDateTime, nullable=True),
    Column("confirmed_by", String(16), nullable=True),  # a commission member's readable code
)
