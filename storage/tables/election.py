"""The declared election: cycles, groups with their calendars, contests and past seat holders."""

from __future__ import annotations

from sqlalchemy import JSON, Column, ForeignKey, Integer, String, Table, UniqueConstraint

from core.calendar import Stage
from core.election import Seat
from core.model import ContestKind
from storage.tables.base import HASH, enum_column, metadata, one_of
from storage.types import UTCDateTime

# The eight instants of core.calendar.GroupCalendar, one column each, named after its fields.
CALENDAR_FIELDS = (
    "preparation",
    "announcement",
    "registration_opens",
    "registration_closes",
    "candidate_list",
    "voting_opens",
    "voting_closes",
    "results",
)

cycles = Table(
    "cycles",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("code", String(40), nullable=False, unique=True),
    Column("names", JSON, nullable=False),
    Column("year", Integer, nullable=False),
    Column("timezone", String(64), nullable=False),
    Column("starts_at", UTCDateTime, nullable=False),
    Column("ends_at", UTCDateTime, nullable=False),
    Column("digest", HASH, nullable=False),
    Column("loaded_at", UTCDateTime, nullable=False),
)

groups = Table(
    "groups",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("cycle_id", ForeignKey("cycles.id", ondelete="CASCADE"), nullable=False),
    Column("code", String(16), nullable=False),
    Column("names", JSON, nullable=False),
    Column("regulation", JSON, nullable=False),
    Column("digest", HASH, nullable=False),
    *(Column(f"{field}_at", UTCDateTime, nullable=False) for field in CALENDAR_FIELDS),
    enum_column("stage_recorded", nullable=True),
    UniqueConstraint("cycle_id", "code"),
    one_of("stage_recorded", Stage),
)

contests = Table(
    "contests",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("group_id", ForeignKey("groups.id", ondelete="CASCADE"), nullable=False),
    enum_column("kind"),
    Column("seats", Integer, nullable=False),
    Column("choices", Integer, nullable=False),
    UniqueConstraint("group_id", "kind"),
    one_of("kind", ContestKind),
)

past_terms = Table(
    "past_terms",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("group_id", ForeignKey("groups.id", ondelete="CASCADE"), nullable=False),
    # A keyed hash of the normalised name, never the name itself.
    Column("name_key", HASH, nullable=False, index=True),
    Column("cycle_year", Integer, nullable=False),
    enum_column("seat"),
    UniqueConstraint("group_id", "name_key", "cycle_year", "seat"),
    one_of("seat", Seat),
)
