"""Who votes in a group, who stands, and the group's contests as the tally names them.

Under direct voting the electors are the group's admitted voters; under indirect voting, its
delegates (a role). Every admitted candidate stands in every contest of the group: under
parallel contests a candidate may be elected member, or else alternate.
"""

from __future__ import annotations

from core.errors import Refused
from core.model import Candidate, CandidateStatus, Contest, Group, Role, VoterStatus
from core.ports import UnitOfWork
from core.reasons import Reason
from core.regulation import VotingMode
from core.services import voting_codes as codes
from core.services.context import candidate_code, group_id
from core.services.roles import active_grant
from core.tally import ContestKind, Standing

# An admitted candidate always has a place in the order; this only keeps the type honest.
_UNORDERED = 10**9


async def refuse_unless_elector(uow: UnitOfWork, group: Group, person: str) -> None:
    """Refuse anyone who may not vote in the group under its voting mode."""
    if group.regulation.mode is VotingMode.INDIRECT:
        if await active_grant(uow, person, Role.DELEGATE, group) is None:
            raise Refused(Reason(codes.NOT_DELEGATE, {"group": group.code}))
        return
    voter = await uow.voters.get(group_id(group), person)
    if voter is None or voter.status is not VoterStatus.ADMITTED:
        status = voter.status.value if voter is not None else "none"
        raise Refused(Reason(codes.NOT_VOTER, {"group": group.code, "status": status}))


async def electors(uow: UnitOfWork, group: Group) -> list[str]:
    """The pseudonyms who may vote in the group, as `refuse_unless_elector` lets them."""
    if group.regulation.mode is VotingMode.INDIRECT:
        grants = await uow.roles.for_group(group_id(group))
        return [g.pseudonym for g in grants if g.role is Role.DELEGATE and g.revoked_at is None]
    voters = await uow.voters.for_group(group_id(group))
    return [v.pseudonym for v in voters if v.status is VoterStatus.ADMITTED]


def public_id(candidate: Candidate) -> str:
    """The candidate's id on ballots and results: their readable code, e.g. C-7KQ4-9XPD."""
    return candidate_code(candidate.pseudonym)


async def standing_candidates(uow: UnitOfWork, group: Group) -> list[Candidate]:
    """Return the group's admitted candidates in application order."""
    candidates = await uow.candidates.for_group(group_id(group))
    admitted = [c for c in candidates if c.status is CandidateStatus.ADMITTED]
    if len({public_id(c) for c in admitted}) != len(admitted):
        raise ValueError(f"two candidates of {group.code} share a public id")
    return sorted(admitted, key=order_of)


def order_of(candidate: Candidate) -> int:
    return candidate.application_order or _UNORDERED


def standings(candidates: list[Candidate]) -> tuple[Standing, ...]:
    """The candidates as the tally knows them: public id and application order."""
    return tuple(Standing(public_id(c), order_of(c)) for c in candidates)


def tally_kind(contest: Contest) -> ContestKind:
    return ContestKind(contest.kind.value)


async def group_contests(uow: UnitOfWork, group: Group) -> list[Contest]:
    """Return the group's contests in the order the tally fills them (member before alternate)."""
    contests = await uow.contests.for_group(group_id(group))
    rank = {ContestKind.SINGLE: 0, ContestKind.MEMBER: 1, ContestKind.ALTERNATE: 2}
    return sorted(contests, key=lambda c: rank[tally_kind(c)])


def contest_id(contest: Contest) -> int:
    if contest.id is None:
        raise ValueError("a contest without an id was never stored")
    return contest.id
