"""The commission's decision on one voter or one candidate, and what the flow tells them."""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import datetime
from typing import Any

from core.audit import AuditEvent
from core.errors import Refused
from core.model import CandidateStatus, Group, Voter, VoterStatus
from core.ports import Clock, UnitOfWork
from core.reasons import Reason
from core.services import reason_codes as codes
from core.services.context import (
    actor,
    candidate_code,
    commission_code,
    find_group,
    group_id,
    voter_code,
)
from core.services.review_access import decision_reason, refuse_unless_commission
from core.stages import can_decide_admissions


@dataclass(frozen=True)
class VoterDecision:
    """What to tell the voter (and, after a representative change, the former representative)."""

    group: str
    voter: str  # pseudonym, for the notification
    status: VoterStatus
    reason: str | None
    replaced: str | None = None  # the former representative's pseudonym, who lost the vote


@dataclass(frozen=True)
class CandidateDecision:
    group: str
    candidate: str  # pseudonym, for the notification
    status: CandidateStatus
    reason: str | None


async def _open_for_decision(
    uow: UnitOfWork, group_code: str, reviewer: str, cycle_code: str | None, now: datetime
) -> Group:
    group = await find_group(uow, group_code, cycle_code)
    await refuse_unless_commission(uow, group, reviewer)
    refusal = can_decide_admissions(group.calendar, now)
    if refusal is not None:
        raise Refused(refusal)
    return group


async def decide_voter(
    uow: UnitOfWork,
    clock: Clock,
    *,
    group_code: str,
    reviewer: str,
    voter: str,
    admit: bool,
    reason: str | None,
    cycle_code: str | None = None,
) -> VoterDecision:
    """Admit or refuse a pending voter; admitting a representative change replaces the old one."""
    now = clock.now()
    async with uow:
        group = await _open_for_decision(uow, group_code, reviewer, cycle_code, now)
        kept_reason = decision_reason(admit, reason)
        stored = await uow.voters.get(group_id(group), voter)
        if stored is None:
            raise Refused(Reason(codes.UNKNOWN_APPLICANT, {"group": group.code}))
        if stored.status is not VoterStatus.PENDING:
            raise Refused(Reason(codes.ALREADY_DECIDED, {"status": stored.status.value}))
        status = VoterStatus.ADMITTED if admit else VoterStatus.REFUSED
        decided = replace(stored, status=status, reason=kept_reason, decided_at=now)
        replaced = None
        if admit and stored.replacement_for is not None:
            replaced = await _release_organisation(uow, stored, now)
            decided = replace(decided, organisation_key=stored.replacement_for)
        await uow.voters.update(decided)
        payload: dict[str, Any] = {"voter": voter_code(voter), "status": status.value}
        if kept_reason is not None:
            payload["reason"] = kept_reason
        if replaced is not None:
            payload["replaced"] = voter_code(replaced.pseudonym)
        await _audit(uow, group, reviewer, f"voter.{status.value}", payload, now)
        await uow.commit()
    gone = replaced.pseudonym if replaced is not None else None
    return VoterDecision(group.code, voter, status, kept_reason, gone)


async def _release_organisation(uow: UnitOfWork, claimant: Voter, now: datetime) -> Voter | None:
    """Take the organisation from whoever holds it; a standing representative loses the vote."""
    holders = await uow.voters.for_group(claimant.group_id)
    holder = next((v for v in holders if v.organisation_key == claimant.replacement_for), None)
    if holder is None:
        return None
    losing = holder.status in {VoterStatus.REGISTERED, VoterStatus.PENDING, VoterStatus.ADMITTED}
    status = VoterStatus.REPLACED if losing else holder.status
    released = replace(holder, organisation_key=None, status=status, decided_at=now)
    await uow.voters.update(released)
    return released if losing else None


async def decide_candidate(
    uow: UnitOfWork,
    clock: Clock,
    *,
    group_code: str,
    reviewer: str,
    candidate: str,
    admit: bool,
    reason: str | None,
    cycle_code: str | None = None,
) -> CandidateDecision:
    """Admit a submitted candidate to the list, or refuse them with a reason."""
    now = clock.now()
    async with uow:
        group = await _open_for_decision(uow, group_code, reviewer, cycle_code, now)
        kept_reason = decision_reason(admit, reason)
        stored = await uow.candidates.get(group_id(group), candidate)
        if stored is None or stored.status is CandidateStatus.DRAFT:
            raise Refused(Reason(codes.UNKNOWN_APPLICANT, {"group": group.code}))
        if stored.status is not CandidateStatus.SUBMITTED:
            raise Refused(Reason(codes.ALREADY_DECIDED, {"status": stored.status.value}))
        status = CandidateStatus.ADMITTED if admit else CandidateStatus.REFUSED
        decided = replace(stored, status=status, reason=kept_reason, decided_at=now)
        await uow.candidates.update(decided)
        payload: dict[str, Any] = {"candidate": candidate_code(candidate), "status": status.value}
        if kept_reason is not None:
            payload["reason"] = kept_reason
        await _audit(uow, group, reviewer, f"candidate.{status.value}", payload, now)
        await uow.commit()
    return CandidateDecision(group.code, candidate, status, kept_reason)


async def _audit(
    uow: UnitOfWork,
    group: Group,
    reviewer: str,
    action: str,
    payload: dict[str, Any],
    now: datetime,
) -> None:
    who = actor("commission", commission_code(reviewer))
    await uow.audit.append(AuditEvent(action, who, group.code, payload), now)
