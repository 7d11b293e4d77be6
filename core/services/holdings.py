"""What a person already is in the groups of a cycle, for the cross-group and same-group rules.

Only what still stands counts: a revoked role, a refused or replaced registration, a draft, a
refused or withdrawn application do not make anyone a voter, a candidate or a member.
"""

from __future__ import annotations

from collections.abc import Sequence

from core.eligibility import Holding, role_conflict
from core.eligibility import Role as Part
from core.errors import Refused
from core.model import CandidateStatus, Group, Role, VoterStatus
from core.ports import UnitOfWork

STANDING_VOTERS = frozenset({VoterStatus.REGISTERED, VoterStatus.PENDING, VoterStatus.ADMITTED})
STANDING_CANDIDATES = frozenset({CandidateStatus.SUBMITTED, CandidateStatus.ADMITTED})
_PARTS: dict[Role, Part] = {
    Role.COMMITTEE: Part.COMMITTEE,
    Role.COMMISSION: Part.COMMISSION,
    Role.OBSERVER: Part.OBSERVER,
    Role.DELEGATE: Part.DELEGATE,
}


async def holdings(uow: UnitOfWork, person: str, groups: Sequence[Group]) -> list[Holding]:
    """Gather the roles, registrations and applications the person holds in these groups."""
    codes = {group.id: group.code for group in groups if group.id is not None}
    held: list[Holding] = []
    for grant in await uow.roles.for_person(person):
        part = _PARTS.get(grant.role)
        if part is not None and grant.revoked_at is None and grant.group_id in codes:
            held.append(Holding(codes[grant.group_id], part))
    for voter in await uow.voters.for_person(person):
        if voter.status in STANDING_VOTERS and voter.group_id in codes:
            held.append(Holding(codes[voter.group_id], Part.VOTER))
    for candidate in await uow.candidates.for_person(person):
        if candidate.status in STANDING_CANDIDATES and candidate.group_id in codes:
            held.append(Holding(codes[candidate.group_id], Part.CANDIDATE))
    return held


async def refuse_conflicts(
    uow: UnitOfWork, person: str, group: Group, wanted: Part, groups: Sequence[Group]
) -> None:
    """Refuse the part if the fixed rules or any group's cross-group policy forbid it.

    The part itself in this group is left out of what is held: asking again for what one has is
    answered by the use case (already registered, editing a submitted application).
    """
    target = Holding(group.code, wanted)
    held = [h for h in await holdings(uow, person, groups) if h != target]
    policies = {g.code: g.regulation.cross_group for g in groups}
    reason = role_conflict(held, target, policies)
    if reason is not None:
        raise Refused(reason)
