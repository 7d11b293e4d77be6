"""Who may apply as a candidate in a group, and may still change their application.

Checked when the person starts the form, again on every save and at submission, since roles,
registrations and the past terms may change in between.
"""

from __future__ import annotations

from datetime import datetime

from core.election import ServedTerm
from core.eligibility import Role as Part
from core.eligibility import term_limit_bar
from core.errors import Refused
from core.model import Candidate, CandidateStatus, Group
from core.ports import UnitOfWork
from core.reasons import Reason
from core.services import reason_codes as codes
from core.services.context import current_cycle
from core.services.holdings import refuse_conflicts
from core.stages import can_apply_as_candidate

DECIDED = frozenset({CandidateStatus.ADMITTED, CandidateStatus.REFUSED})


def refuse_outside_registration(group: Group, now: datetime) -> None:
    """Applications are made and changed only while registration is open."""
    refusal = can_apply_as_candidate(group.calendar, now)
    if refusal is not None:
        raise Refused(refusal)


def refuse_if_decided(group: Group, candidate: Candidate | None) -> None:
    """Once the commission has decided, the application is what it decided on."""
    if candidate is not None and candidate.status in DECIDED:
        params = {"group": group.code, "status": candidate.status.value}
        raise Refused(Reason(codes.CANDIDACY_DECIDED, params))


async def refuse_term_limited(uow: UnitOfWork, group: Group, name_key: str) -> None:
    """Refuse a person who served the maximum of consecutive terms before this cycle.

    Seats in any group count: the CCM rule limits terms in the CCM, whichever community elected
    the person; the applying group's regulation says how many and whether alternates count.
    """
    cycle = await current_cycle(uow, group.cycle_code)
    served = [
        ServedTerm(cycle_year=term.cycle_year, seat=term.seat)
        for term in await uow.past_terms.for_name_key(name_key)
    ]
    reason = term_limit_bar(served, group.regulation.term_limit, cycle.year)
    if reason is not None:
        raise Refused(reason)


async def refuse_ineligible(
    uow: UnitOfWork, group: Group, person: str, name_key: str | None
) -> None:
    """Apply the term limit (when the name is known) and the same- and cross-group rules."""
    if name_key is not None:
        await refuse_term_limited(uow, group, name_key)
    groups = await uow.groups.for_cycle(group.cycle_code)
    await refuse_conflicts(uow, person, group, Part.CANDIDATE, groups)
