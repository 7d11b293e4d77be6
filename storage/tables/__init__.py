"""Every table, on one MetaData (what Alembic compares the migrations with)."""

from storage.tables.base import metadata
from storage.tables.complaints import complaints
from storage.tables.counting import late_votes, receipts, results
from storage.tables.dialogue import conversations, handled_updates, outbox
from storage.tables.election import CALENDAR_FIELDS, contests, cycles, groups, past_terms
from storage.tables.invites import invites
from storage.tables.people import candidates, people, roles, voters
from storage.tables.schedule import (
    broadcast_messages,
    broadcasts,
    group_chats,
    leases,
    schedule_marks,
)
from storage.tables.voting import audit_log, ballots, sealed_ballots, vote_markers

__all__ = [
    "CALENDAR_FIELDS",
    "audit_log",
    "ballots",
    "broadcast_messages",
    "broadcasts",
    "candidates",
    "complaints",
    "contests",
    "conversations",
    "cycles",
    "group_chats",
    "groups",
    "handled_updates",
    "invites",
    "late_votes",
    "leases",
    "metadata",
    "outbox",
    "past_terms",
    "people",
    "receipts",
    "results",
    "roles",
    "schedule_marks",
    "sealed_ballots",
    "vote_markers",
    "voters",
]
