"""The Secretariat's view of a running cycle: every group's stage, registrations, votes, turnout.

Counts only, never a person: the ballot box is asked who voted, and that is reduced to numbers
before it leaves this module. Regional figures are suppressed (core.disclosure) because in a
small region a count of people who inject drugs or sell sex can point at someone.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from core.calendar import Stage
from core.model import CandidateStatus, Group, VoterStatus
from core.ports import Clock, UnitOfWork
from core.regulation import Declaration, Names
from core.services.context import current_cycle, group_id
from core.services.electorate import contest_id
from core.services.monitoring_regions import RegionBreakdown, region_breakdown
from core.stages import utc

VOTER_COLUMNS = (
    VoterStatus.REGISTERED,
    VoterStatus.PENDING,
    VoterStatus.ADMITTED,
    VoterStatus.REFUSED,
)
CANDIDATE_COLUMNS = tuple(CandidateStatus)


@dataclass(frozen=True)
class ContestTally:
    kind: str  # core.model.ContestKind value
    cast: int  # "has voted" markers in this contest


@dataclass(frozen=True)
class GroupStatus:
    code: str
    names: Names
    stage: Stage | None  # None before preparation
    next_deadline: tuple[str, datetime] | None  # calendar field and aware UTC instant
    voters: dict[str, int]  # VoterStatus value -> count, every column of VOTER_COLUMNS
    candidates: dict[str, int]  # CandidateStatus value -> count, every status
    contests: tuple[ContestTally, ...]
    voted: int  # admitted or not, everyone who voted in at least one contest
    turnout: float | None  # voted / admitted voters; None while nobody is admitted
    regions: RegionBreakdown | None  # None when the group does not ask for a region


@dataclass(frozen=True)
class ElectionStatus:
    cycle: str
    names: Names
    timezone: str
    at: datetime
    groups: tuple[GroupStatus, ...]


async def election_status(
    uow: UnitOfWork, clock: Clock, *, cycle_code: str | None = None
) -> ElectionStatus:
    """Gather every group's progress in the current (or named) cycle, as of now."""
    now = utc(clock.now())
    async with uow:
        cycle = await current_cycle(uow, cycle_code)
        groups = [
            await _group_status(uow, group, now) for group in await uow.groups.for_cycle(cycle.code)
        ]
    return ElectionStatus(cycle.code, cycle.names, cycle.timezone, now, tuple(groups))


async def _group_status(uow: UnitOfWork, group: Group, now: datetime) -> GroupStatus:
    voters = await uow.voters.for_group(group_id(group))
    candidates = await uow.candidates.for_group(group_id(group))
    contests = await uow.contests.for_group(group_id(group))
    markers = {contest_id(c): await uow.ballots.voters(contest_id(c)) for c in contests}
    voted = set().union(*markers.values()) if markers else set()
    admitted = sum(1 for v in voters if v.status is VoterStatus.ADMITTED)
    rules = group.regulation
    regions = None
    if Declaration.REGION in rules.declarations:
        regions = region_breakdown(voters, voted, rules.regions, rules.region_threshold)
    return GroupStatus(
        code=group.code,
        names=group.names,
        stage=group.calendar.stage_at(now),
        next_deadline=next_deadline(group, now),
        voters={s.value: sum(1 for v in voters if v.status is s) for s in VOTER_COLUMNS},
        candidates={
            s.value: sum(1 for c in candidates if c.status is s) for s in CANDIDATE_COLUMNS
        },
        contests=tuple(ContestTally(c.kind.value, len(markers[contest_id(c)])) for c in contests),
        voted=len(voted),
        turnout=len(voted) / admitted if admitted else None,
        regions=regions,
    )


def next_deadline(group: Group, now: datetime) -> tuple[str, datetime] | None:
    """The group's first calendar instant still ahead, or None once results are due."""
    return next(((n, at) for n, at in group.calendar.ordered_instants() if at > now), None)
