"""People and what they are in a group: roles, voter registrations, candidacies.

A person is only a pseudonym here; no name or Telegram id is ever stored. Sealed columns hold
AES-GCM ciphertext made by the edge, which keeps the key.
"""

from __future__ import annotations

from sqlalchemy import (
    Column,
    ForeignKey,
    Index,
    Integer,
    LargeBinary,
    String,
    Table,
    UniqueConstraint,
)

from core.model import CandidateStatus, Role, VoterStatus
from storage.tables.base import PSEUDONYM, enum_column, metadata, one_of
from storage.types import UTCDateTime

people = Table(
    "people",
    metadata,
    Column("pseudonym", PSEUDONYM, primary_key=True),
    Column("language", String(8), nullable=False),
    Column("contact", LargeBinary, nullable=True),  # the chat id, sealed
    Column("consent_at", UTCDateTime, nullable=True),
)

roles = Table(
    "roles",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("group_id", ForeignKey("groups.id", ondelete="RESTRICT"), nullable=True),
    Column("pseudonym", ForeignKey("people.pseudonym"), nullable=False),
    enum_column("role"),
    Column("granted_at", UTCDateTime, nullable=False),
    Column("revoked_at", UTCDateTime, nullable=True),
    Column("pledge_accepted_at", UTCDateTime, nullable=True),
    UniqueConstraint("group_id", "pseudonym", "role"),
    one_of("role", Role),
)
# NULLs are distinct in a unique constraint, so Secretariat roles (no group) need their own index.
Index(
    "uq_roles_pseudonym_role_without_group",
    roles.c.pseudonym,
    roles.c.role,
    unique=True,
    sqlite_where=roles.c.group_id.is_(None),
    postgresql_where=roles.c.group_id.is_(None),
)

voters = Table(
    "voters",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("group_id", ForeignKey("groups.id", ondelete="RESTRICT"), nullable=False),
    Column("pseudonym", ForeignKey("people.pseudonym"), nullable=False),
    Column("region", String(32), nullable=True),
    Column("organisation", LargeBinary, nullable=True),  # sealed organisation details
    # NGO unions: the organisation is the voter, so it may register only once per group.
    Column("organisation_key", String(64), nullable=True),
    enum_column("status"),
    # The commission's own words (core.services.review caps them at 500 characters).
    Column("reason", String(500), nullable=True),
    Column("registered_at", UTCDateTime, nullable=False),
    Column("decided_at", UTCDateTime, nullable=True),
    # A pending representative change: the organisation_key it claims (see core.model.Voter).
    Column("replacement_for", String(64), nullable=True),
    UniqueConstraint("group_id", "pseudonym"),
    UniqueConstraint("group_id", "organisation_key"),
    one_of("status", VoterStatus),
)

candidates = Table(
    "candidates",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("group_id", ForeignKey("groups.id", ondelete="RESTRICT"), nullable=False),
    Column("pseudonym", ForeignKey("people.pseudonym"), nullable=False),
    enum_column("status"),
    Column("application_order", Integer, nullable=True),
    Column("application", LargeBinary, nullable=True),  # sealed; published only when admitted
    Column("reason", String(500), nullable=True),
    Column("created_at", UTCDateTime, nullable=False),
    Column("updated_at", UTCDateTime, nullable=False),
    Column("decided_at", UTCDateTime, nullable=True),
    UniqueConstraint("group_id", "pseudonym"),
    UniqueConstraint("group_id", "application_order"),
    one_of("status", CandidateStatus),
)
