"""/status: where a person stands in the current cycle, in every group they take part in."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from core.model import CandidateStatus, Group, Role, RoleGrant, VoterStatus
from core.ports import Clock, UnitOfWork
from core.stages import utc


@dataclass(frozen=True)
class VoterStanding:
    group: str
    status: VoterStatus
    reason: str | None  # the commission's words, when it refused
    region: str | None
    representative_change: bool


@dataclass(frozen=True)
class CandidateStanding:
    group: str
    status: CandidateStatus
    reason: str | None
    application_order: int | None


@dataclass(frozen=True)
class HeldRole:
    role: Role
    group: str | None  # None for the Secretariat
    pledge_accepted: bool


@dataclass(frozen=True)
class Deadline:
    group: str
    instant: str  # a GroupCalendar field, e.g. "registration_closes"
    at: datetime  # aware UTC


@dataclass(frozen=True)
class PersonStatus:
    consented: bool
    language: str | None
    registrations: tuple[VoterStanding, ...] = ()
    applications: tuple[CandidateStanding, ...] = ()
    roles: tuple[HeldRole, ...] = ()
    deadlines: tuple[Deadline, ...] = ()  # the next instant of each group they take part in


async def person_status(uow: UnitOfWork, clock: Clock, *, person: str) -> PersonStatus:
    """Gather the person's registrations, applications, roles and next deadlines."""
    now = clock.now()
    async with uow:
        stored = await uow.people.get(person)
        if stored is None or stored.consent_at is None:
            return PersonStatus(consented=False, language=stored.language if stored else None)
        cycles = await uow.cycles.all()
        groups = await uow.groups.for_cycle(cycles[-1].code) if cycles else []
        by_id = {g.id: g for g in groups if g.id is not None}
        voters = [v for v in await uow.voters.for_person(person) if v.group_id in by_id]
        candidates = [c for c in await uow.candidates.for_person(person) if c.group_id in by_id]
        grants = [g for g in await uow.roles.for_person(person) if g.revoked_at is None]
    registrations = tuple(
        VoterStanding(
            by_id[v.group_id].code, v.status, v.reason, v.region, v.replacement_for is not None
        )
        for v in voters
    )
    applications = tuple(
        CandidateStanding(by_id[c.group_id].code, c.status, c.reason, c.application_order)
        for c in candidates
    )
    roles = tuple(
        HeldRole(g.role, by_id[g.group_id].code if g.group_id in by_id else None, _pledged(g))
        for g in grants
        if g.group_id is None or g.group_id in by_id
    )
    involved = {v.group_id for v in voters} | {c.group_id for c in candidates}
    involved |= {g.group_id for g in grants if g.group_id in by_id}
    ahead = (_next(by_id[i], now) for i in sorted(involved, key=lambda i: by_id[i].code))
    deadlines = tuple(deadline for deadline in ahead if deadline is not None)
    return PersonStatus(True, stored.language, registrations, applications, roles, deadlines)


def _pledged(grant: RoleGrant) -> bool:
    return grant.pledge_accepted_at is not None


def _next(group: Group, now: datetime) -> Deadline | None:
    """The group's first calendar instant still ahead, or None once results are out."""
    for name, instant in group.calendar.ordered_instants():
        if instant > utc(now):
            return Deadline(group.code, name, instant)
    return None
