"""What a group's protocol says, as plain values: no formatting, no language, no storage.

Nothing here names a voter: people appear by readable code (V-, C-, M-, P-), candidates by name
only once admitted (their application is public from then on), and regional figures arrive
already suppressed (core.services.monitoring_regions).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from core.application import DocumentRef
from core.regulation import Names, Regulation
from core.services.monitoring_regions import RegionBreakdown


@dataclass(frozen=True)
class RoleHolder:
    role: str  # core.model.Role value
    code: str  # M-... for the commission, P-... for others: the code the audit log uses
    appointed_at: datetime
    pledge_at: datetime | None
    revoked_at: datetime | None


@dataclass(frozen=True)
class CandidateRow:
    code: str  # the public id, C-XXXX-XXXX
    name: str | None  # only for admitted candidates, whose application is public
    status: str  # core.model.CandidateStatus value
    application_order: int | None
    reason: str | None  # the commission's reason for a refusal
    decided_at: datetime | None


@dataclass(frozen=True)
class ApplicationRow:
    """An admitted candidate's application, for the annex."""

    code: str
    name: str
    statement: str
    report_back: str
    conflicts: str  # core.application.NO_CONFLICTS or the declaration
    accepted_duties: bool
    documents: tuple[DocumentRef, ...]


@dataclass(frozen=True)
class VoteRow:
    code: str
    name: str
    votes: int


@dataclass(frozen=True)
class ContestFigures:
    kind: str  # core.model.ContestKind value
    seats: int
    choices: int
    cast: int  # voters marked as having voted
    late: int  # attempts after the close: reported, never counted
    counted: int | None  # None until the vote is counted: a running tally is never shown
    blank: int | None
    invalid: tuple[tuple[str, int], ...]  # (BallotFlaw value, count)
    votes: tuple[VoteRow, ...]  # most votes first; empty until counted


@dataclass(frozen=True)
class SeatRow:
    seat: str  # core.election.Seat value
    position: int
    code: str | None  # None: vacant, or waiting for a repeat vote
    name: str | None
    votes: int | None
    repeat_vote: bool = False


@dataclass(frozen=True)
class Decision:
    version: int
    computed_at: datetime
    confirmed_at: datetime | None
    confirmed_by: str | None  # M-code
    seed: str  # the audit head hash lots were drawn from
    seats: tuple[SeatRow, ...]  # members first
    withdrawn: tuple[str, ...]  # public ids of the elected who withdrew after the vote
    lot_draws: int


@dataclass(frozen=True)
class ComplaintRow:
    number: int  # 1, 2, ... in filing order; authors are never named
    filed_at: datetime
    text: str
    answer: str | None
    answered_at: datetime | None
    answered_by: str | None  # M-code


@dataclass(frozen=True)
class ProcessStep:
    at: datetime
    key: str  # the sentence under [process] in reports/texts/<lang>.toml
    params: dict[str, Any]


@dataclass(frozen=True)
class Electorate:
    by_status: dict[str, int]  # VoterStatus value -> count
    admitted: int
    voted: int  # everyone marked as having voted in at least one contest
    organisations: int | None  # None when the group's voters declare no organisation
    regions: RegionBreakdown | None  # None when the group asks for no region

    @property
    def turnout(self) -> float | None:
        return self.voted / self.admitted if self.admitted else None


@dataclass(frozen=True)
class BallotRow:
    contest: str
    choices: tuple[str, ...]
    status: str
    reason: str | None
    voter: str | None  # open voting only: the voter's readable code


@dataclass(frozen=True)
class Annexes:
    voted: tuple[str, ...]  # V-codes of everyone who voted, sorted
    ballots: tuple[BallotRow, ...]  # empty until the count; sorted, so no order of casting
    applications: tuple[ApplicationRow, ...]


@dataclass(frozen=True)
class ProtocolData:
    cycle: str
    cycle_names: Names
    group: str
    names: Names
    timezone: str
    generated_at: datetime
    regulation: Regulation
    calendar: tuple[tuple[str, datetime], ...]
    process: tuple[ProcessStep, ...]
    electorate: Electorate
    registrations: tuple[tuple[date, int], ...]  # admitted voters by local day of registration
    candidates: tuple[CandidateRow, ...]
    contests: tuple[ContestFigures, ...]
    decision: Decision | None  # None before the count
    commission: tuple[RoleHolder, ...]
    observers: tuple[RoleHolder, ...]
    complaints: tuple[ComplaintRow, ...]
    annexes: Annexes

    @property
    def draft(self) -> bool:
        """A protocol is final only once the commission has confirmed the current result."""
        return self.decision is None or self.decision.confirmed_at is None
