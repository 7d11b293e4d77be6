"""Who may stand and who may hold which role: the term limit and the cross-group rules.

Guards return a Reason (or None). A Reason may name another group's code: it is meant for the
person themselves, who knows where they hold a role, and must not be shown to anyone else.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from enum import StrEnum

from core.election import Seat, ServedTerm
from core.errors import NotFound
from core.reasons import Reason
from core.regulation import CrossGroupPolicy, Permission, TermLimit

DEFAULT_CYCLE_YEARS = 3


def term_limit_bar(
    terms: Iterable[ServedTerm],
    limit: TermLimit,
    cycle_year: int,
    cycle_years: int = DEFAULT_CYCLE_YEARS,
) -> Reason | None:
    """Refuse a candidate who served the maximum of consecutive terms right before this cycle.

    The bar covers both seats: such a person cannot stand at all, not even as alternate.
    Cycle k before this one is the window of years [cycle_year - k*period, that + period), so
    a by-election held mid-cycle still counts for the cycle it fell in. The chain is counted
    backwards from the cycle just before this one and stops at the first cycle without a
    counting term. An alternate term that does not count (`alternate_counts` false) is treated
    like a cycle out of office: it breaks the chain, because the person held no member seat then.
    """
    if cycle_years < 1:
        raise ValueError("cycles must be at least one year apart")
    counting = {
        term.cycle_year for term in terms if term.seat is Seat.MEMBER or limit.alternate_counts
    }
    consecutive = 0
    while consecutive < limit.max_consecutive_terms:
        start = cycle_year - (consecutive + 1) * cycle_years
        if not any(start <= year < start + cycle_years for year in counting):
            return None
        consecutive += 1
    return Reason(
        "candidate.term_limit",
        {"terms": consecutive, "last_cycle_year": cycle_year - cycle_years},
    )


class Role(StrEnum):
    VOTER = "voter"
    CANDIDATE = "candidate"
    COMMISSION = "commission"  # Mandate Commission member
    COMMITTEE = "committee"  # Organizing Committee member
    OBSERVER = "observer"
    DELEGATE = "delegate"  # votes for the community under indirect voting


@dataclass(frozen=True)
class Holding:
    group: str
    role: Role


# A delegate casts a vote, so the "votes elsewhere" rules treat delegates as voters.
VOTING = frozenset({Role.VOTER, Role.DELEGATE})
# Roles that can never be combined within one group, in both directions.
CONFLICTS: tuple[tuple[Role, Role, str], ...] = (
    (Role.COMMITTEE, Role.CANDIDATE, "eligibility.committee_member_cannot_stand"),
    (Role.COMMISSION, Role.CANDIDATE, "eligibility.commission_member_cannot_stand"),
)
# Cross-group questions: (role held elsewhere, role wanted, policy field, reason code).
CROSS_GROUP: tuple[tuple[frozenset[Role], frozenset[Role], str, str], ...] = (
    (VOTING, VOTING, "voter_in_several_groups", "cross_group.votes_elsewhere"),
    (
        frozenset({Role.COMMISSION}),
        VOTING,
        "commission_member_votes_elsewhere",
        "cross_group.commission_member_elsewhere",
    ),
    (
        VOTING,
        frozenset({Role.COMMISSION}),
        "commission_member_votes_elsewhere",
        "cross_group.votes_elsewhere",
    ),
    (
        frozenset({Role.CANDIDATE}),
        VOTING,
        "candidate_votes_elsewhere",
        "cross_group.candidate_elsewhere",
    ),
    (
        VOTING,
        frozenset({Role.CANDIDATE}),
        "candidate_votes_elsewhere",
        "cross_group.votes_elsewhere",
    ),
    (
        frozenset({Role.COMMISSION}),
        frozenset({Role.COMMISSION}),
        "commission_member_serves_several_groups",
        "cross_group.commission_member_elsewhere",
    ),
)


def role_conflict(
    held: Sequence[Holding], wanted: Holding, policies: Mapping[str, CrossGroupPolicy]
) -> Reason | None:
    """Refuse a role the person may not take on top of the roles they already hold.

    Within one group the bars are fixed by the CCM rules and not configurable. Across groups
    the groups' CrossGroupPolicy decides; when the two groups involved disagree the stricter
    one applies: if either group forbids the combination it is refused, since allowing it
    would break the rule of the group that forbids it.
    """
    roles_here = {h.role for h in held if h.group == wanted.group}
    reason = _same_group_conflict(roles_here, wanted.role)
    if reason is not None:
        return reason
    for holding in held:
        if holding.group != wanted.group:
            reason = _cross_group_conflict(holding, wanted, policies)
            if reason is not None:
                return reason
    return None


def _same_group_conflict(roles_here: set[Role], wanted: Role) -> Reason | None:
    if wanted in roles_here:
        return Reason("eligibility.already_holds", {"role": wanted.value})
    # An observer watches the whole election, so they take no part in it in any other role.
    observing_clash = (wanted is Role.OBSERVER and roles_here) or Role.OBSERVER in roles_here
    if observing_clash:
        other = sorted((roles_here | {wanted}) - {Role.OBSERVER})[0]
        return Reason("eligibility.observer_holds_no_other_role", {"role": other.value})
    for first, second, code in CONFLICTS:
        if (wanted is first and second in roles_here) or (wanted is second and first in roles_here):
            return Reason(code)
    return None


def _cross_group_conflict(
    holding: Holding, wanted: Holding, policies: Mapping[str, CrossGroupPolicy]
) -> Reason | None:
    for held_roles, wanted_roles, question, code in CROSS_GROUP:
        if holding.role not in held_roles or wanted.role not in wanted_roles:
            continue
        if _forbidden(question, (holding.group, wanted.group), policies):
            return Reason(code, {"group": holding.group, "role": holding.role.value})
    return None


def _forbidden(
    question: str, groups: Iterable[str], policies: Mapping[str, CrossGroupPolicy]
) -> bool:
    """True when any group involved forbids it: the stricter policy wins."""
    for group in groups:
        if group not in policies:
            raise NotFound(f"no cross-group policy for group {group}")
        if getattr(policies[group], question) is Permission.FORBIDDEN:
            return True
    return False
