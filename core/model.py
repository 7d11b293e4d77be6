"""What Saylau keeps between messages: the stored form of cycles, groups, people and ballots.

Plain frozen values; `dataclasses.replace` makes a changed copy to hand back to a repository.
Nothing here holds a name, a Telegram id or a chat id in clear: people are pseudonyms, and what
must be kept about them arrives sealed (bytes) from the edge that holds the keys.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from enum import StrEnum

from core.calendar import GroupCalendar, Stage
from core.election import Seat
from core.regulation import Names, Regulation


class ContestKind(StrEnum):
    SINGLE = "single"  # one contest fills members, then alternates
    MEMBER = "member"  # parallel contests: the member seats ...
    ALTERNATE = "alternate"  # ... and the alternate seats


class Role(StrEnum):
    COMMITTEE = "committee"
    COMMISSION = "commission"
    OBSERVER = "observer"
    SECRETARIAT = "secretariat"  # the only role held without a group
    DELEGATE = "delegate"


class VoterStatus(StrEnum):
    REGISTERED = "registered"
    PENDING = "pending"  # waiting for the commission's check
    ADMITTED = "admitted"
    REFUSED = "refused"
    REPLACED = "replaced"  # an NGO's former representative: the organisation votes through another


class CandidateStatus(StrEnum):
    DRAFT = "draft"
    SUBMITTED = "submitted"
    ADMITTED = "admitted"
    REFUSED = "refused"
    WITHDRAWN = "withdrawn"


class BallotStatus(StrEnum):
    COUNTED = "counted"
    LATE = "late"  # reported in the protocol, never counted
    INVALID = "invalid"


@dataclass(frozen=True)
class Cycle:
    code: str
    names: Names
    year: int
    timezone: str
    starts_at: datetime
    ends_at: datetime
    digest: str  # ElectionConfig.digest() of the declaration last loaded
    loaded_at: datetime


@dataclass(frozen=True)
class Group:
    cycle_code: str
    code: str
    names: Names
    regulation: Regulation
    calendar: GroupCalendar
    # Fingerprint of the group's declaration as loaded; later deadline changes leave it alone,
    # so reloading the same file is still recognised as "unchanged".
    digest: str
    stage_recorded: Stage | None = None
    id: int | None = None  # given by the repository when the group is added


@dataclass(frozen=True)
class Contest:
    group_id: int
    kind: ContestKind
    seats: int
    choices: int  # how many candidates a voter may mark
    id: int | None = None


@dataclass(frozen=True)
class PastTerm:
    """One seat held in an earlier cycle, keyed by the holder's hashed normalised name."""

    group_id: int
    name_key: str
    cycle_year: int
    seat: Seat


@dataclass(frozen=True)
class Person:
    pseudonym: str  # 64-hex HMAC of the Telegram user id
    language: str = "ru"
    contact: bytes | None = None  # the chat id, sealed by the edge
    consent_at: datetime | None = None


@dataclass(frozen=True)
class RoleGrant:
    pseudonym: str
    role: Role
    group_id: int | None  # None only for the Secretariat
    granted_at: datetime
    revoked_at: datetime | None = None
    pledge_accepted_at: datetime | None = None


@dataclass(frozen=True)
class Voter:
    group_id: int
    pseudonym: str
    status: VoterStatus
    registered_at: datetime
    region: str | None = None
    organisation: bytes | None = None  # sealed organisation details
    organisation_key: str | None = None  # NGO unions: one vote per organisation
    reason: str | None = None
    decided_at: datetime | None = None
    # A representative change: the organisation_key this pending registration claims from the
    # organisation's current representative; the key moves over only when the commission admits.
    replacement_for: str | None = None


@dataclass(frozen=True)
class Candidate:
    group_id: int
    pseudonym: str
    status: CandidateStatus
    created_at: datetime
    updated_at: datetime
    application: bytes | None = None  # sealed; published only once admitted
    application_order: int | None = None  # given on submission, for the tie rule
    reason: str | None = None
    decided_at: datetime | None = None


@dataclass(frozen=True)
class Ballot:
    """A cast ballot: nothing in it says who cast it or when, unless the vote is open.

    Its receipt code is kept apart (core.receipts): a receipt proves a ballot was counted,
    never what it said.
    """

    id: str  # random (uuid4 hex), so that ids do not reveal the order of casting
    contest_id: int
    choices: tuple[str, ...]
    status: BallotStatus
    reason: str | None = None
    open_voter: str | None = None  # only for open-ballot groups: the voter's pseudonym
