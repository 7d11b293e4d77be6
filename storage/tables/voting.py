"""Ballots and the record of who has voted, kept apart so that neither reveals the other.

`vote_markers` says that a voter voted in a contest; its primary key is what enforces one
ballot per voter per contest. While the vote is open, `sealed_ballots` is the box: each ballot
sealed and padded under a random id (core.ballot_box), because on PostgreSQL rows sit on disk in
the order they were written, next to markers written in the same order. The close writes
`ballots`: the choices under fresh random ids, shuffled, with no voter, no timestamp and no
sequence number, so the order or time of casting cannot link the two. The one exception is open
voting, where the regulation makes the vote public: `open_voter` then holds the voter's pseudonym
(and stays NULL for every secret ballot).

On SQLite both tables are WITHOUT ROWID: a hidden rowid counts up in insertion order, and two
rowid-ordered tables written in the same transactions would pair each marker with its ballot.
"""

from __future__ import annotations

from sqlalchemy import JSON, Column, ForeignKey, Integer, LargeBinary, String, Table

from core.model import BallotStatus
from storage.tables.base import HASH, PSEUDONYM, enum_column, metadata, one_of
from storage.types import UTCDateTime

vote_markers = Table(
    "vote_markers",
    metadata,
    Column("contest_id", ForeignKey("contests.id", ondelete="RESTRICT"), primary_key=True),
    Column("pseudonym", ForeignKey("people.pseudonym"), primary_key=True),
    # Until the close: the current ballot id and receipt code, sealed to (voter, contest), so a
    # revote can replace them. The close sets both to NULL (migration 0004).
    Column("ballot_ref", LargeBinary, nullable=True),
    Column("receipt_ref", LargeBinary, nullable=True),
    sqlite_with_rowid=False,
)

sealed_ballots = Table(
    "sealed_ballots",
    metadata,
    Column("id", String(32), primary_key=True),
    Column(
        "contest_id", ForeignKey("contests.id", ondelete="RESTRICT"), nullable=False, index=True
    ),
    Column("body", LargeBinary, nullable=False),
    sqlite_with_rowid=False,
)

ballots = Table(
    "ballots",
    metadata,
    Column("id", String(32), primary_key=True),
    Column(
        "contest_id", ForeignKey("contests.id", ondelete="RESTRICT"), nullable=False, index=True
    ),
    Column("choices", JSON, nullable=False),
    enum_column("status"),
    Column("reason", String(64), nullable=True),
    Column("open_voter", PSEUDONYM, nullable=True),
    one_of("status", BallotStatus),
    sqlite_with_rowid=False,
)

audit_log = Table(
    "audit_log",
    metadata,
    Column("seq", Integer, primary_key=True, autoincrement=False),
    Column("at", UTCDateTime, nullable=False),
    Column("actor", String(80), nullable=False),
    Column("group_code", String(16), nullable=True),
    Column("action", String(64), nullable=False),
    Column("payload", JSON, nullable=False),
    # Two appends that read the same head would write the same prev_hash: the second one fails.
    Column("prev_hash", HASH, nullable=False, unique=True),
    Column("hash", HASH, nullable=False, unique=True),
)
