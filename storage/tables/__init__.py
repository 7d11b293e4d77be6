"""Every table, on one MetaData (what Alembic compares the migrations with)."""

from storage.tables.base import metadata
from storage.tables.complaints import complaints
from storage.tables.dialogue import conversations, handled_updates, outbox
from storage.tables.election import CALENDAR_FIELDS, contests, cycles, groups, past_terms
from storage.tables.invites import invites
from storage.tables.people import candidates, people, roles, voters
from storage.tables.voting import audit_log, ballots, vote_markers

__all__ = [
    "CALENDAR_FIELDS",
    "audit_log",
    "ballots",
    "candidates",
    "complaints",
    "contests",
    "conversations",
    "cycles",
    "groups",
    "handled_updates",
    "invites",
    "metadata",
    "outbox",
    "past_terms",
    "people",
    "roles",
    "vote_markers",
    "voters",
]
