"""What observers, the commission, the organising committee and the Secretariat see of a group.

Read-only, and without personal data: applicants appear by readable code, with the
commission's decisions and reasons; the group's audit entries come with the chain intact so
an observer can check them (core.services.audit verifies the whole log).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from core.audit import AuditEntry
from core.calendar import Stage
from core.errors import Refused
from core.model import Group, Role
from core.ports import Clock, UnitOfWork
from core.reasons import Reason
from core.regulation import Names
from core.services import reason_codes as codes
from core.services.context import candidate_code, current_cycle, find_group, group_id, voter_code
from core.services.review import count_by_status

WATCHING_ROLES = frozenset({Role.COMMITTEE, Role.COMMISSION, Role.OBSERVER})


@dataclass(frozen=True)
class Decision:
    kind: str  # "voter" or "candidate"
    code: str  # V-... or C-...; never a name
    status: str
    reason: str | None
    decided_at: datetime


@dataclass(frozen=True)
class GroupOverview:
    group: str
    names: Names
    stage: Stage | None  # None before preparation starts
    instants: tuple[tuple[str, datetime], ...]  # the calendar, in order, aware UTC
    voters_by_status: dict[str, int]
    candidates_by_status: dict[str, int]
    decisions: tuple[Decision, ...]  # oldest first
    audit: tuple[AuditEntry, ...]  # the group's entries since the cycle started


async def group_overview(
    uow: UnitOfWork,
    clock: Clock,
    *,
    group_code: str,
    viewer: str,
    cycle_code: str | None = None,
) -> GroupOverview:
    """Show a group's progress to someone who holds a role in it, or to the Secretariat."""
    now = clock.now()
    async with uow:
        group = await find_group(uow, group_code, cycle_code)
        await _refuse_without_role(uow, group, viewer)
        cycle = await current_cycle(uow, group.cycle_code)
        voters = await uow.voters.for_group(group_id(group))
        candidates = await uow.candidates.for_group(group_id(group))
        entries = await uow.audit.entries()
    decisions = [
        Decision("voter", voter_code(v.pseudonym), v.status.value, v.reason, v.decided_at)
        for v in voters
        if v.decided_at is not None
    ] + [
        Decision("candidate", candidate_code(c.pseudonym), c.status.value, c.reason, c.decided_at)
        for c in candidates
        if c.decided_at is not None
    ]
    return GroupOverview(
        group=group.code,
        names=group.names,
        stage=group.calendar.stage_at(now),
        instants=tuple(group.calendar.ordered_instants()),
        voters_by_status=count_by_status(v.status.value for v in voters),
        candidates_by_status=count_by_status(c.status.value for c in candidates),
        decisions=tuple(sorted(decisions, key=lambda d: (d.decided_at, d.kind, d.code))),
        audit=tuple(e for e in entries if e.event.group == group.code and e.at >= cycle.starts_at),
    )


async def _refuse_without_role(uow: UnitOfWork, group: Group, viewer: str) -> None:
    for grant in await uow.roles.for_person(viewer):
        if grant.revoked_at is not None:
            continue
        if grant.role is Role.SECRETARIAT:
            return
        if grant.role in WATCHING_ROLES and grant.group_id == group_id(group):
            return
    raise Refused(Reason(codes.NO_ACCESS, {"group": group.code}))
