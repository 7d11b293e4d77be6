"""The Mandate Commission's work: the queue of applicants, and a decision on each.

Decisions are taken from the opening of registration until the candidate list is published
(core.stages). Each one is audited with the commission's reason: that is their assessment of
eligibility, not personal data, and observers must be able to see it.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime

from core.application import Application, application_purpose, from_json
from core.model import Candidate, CandidateStatus, Voter, VoterStatus
from core.ports import Clock, UnitOfWork
from core.privacy import Sealer
from core.services.context import candidate_code, find_group, group_id, voter_code
from core.services.review_access import refuse_unless_commission
from core.services.review_decisions import decide_candidate, decide_voter

__all__ = [
    "PendingVoter",
    "ReviewQueue",
    "SubmittedCandidate",
    "decide_candidate",
    "decide_voter",
    "review_queue",
]


@dataclass(frozen=True)
class PendingVoter:
    pseudonym: str  # to pass back to decide_voter; never shown
    code: str  # what the commission sees, like V-7KQ4-9XPD
    registered_at: datetime
    region: str | None
    organisation: bytes | None  # sealed by the edge, which opens it for the commission
    representative_change: bool


@dataclass(frozen=True)
class SubmittedCandidate:
    pseudonym: str
    code: str
    application_order: int | None
    submitted_at: datetime
    application: Application | None  # opened when review_queue is given the sealer


@dataclass(frozen=True)
class ReviewQueue:
    group: str
    voters: tuple[PendingVoter, ...]
    candidates: tuple[SubmittedCandidate, ...]
    voters_by_status: dict[str, int]
    candidates_by_status: dict[str, int]


async def review_queue(
    uow: UnitOfWork,
    clock: Clock,
    *,
    group_code: str,
    reviewer: str,
    sealer: Sealer | None = None,
    cycle_code: str | None = None,
) -> ReviewQueue:
    """List the voters waiting for a check and the submitted candidates, oldest first."""
    async with uow:
        group = await find_group(uow, group_code, cycle_code)
        await refuse_unless_commission(uow, group, reviewer)
        voters = await uow.voters.for_group(group_id(group))
        candidates = await uow.candidates.for_group(group_id(group))
    waiting = sorted((v for v in voters if v.status is VoterStatus.PENDING), key=_registered)
    submitted = [c for c in candidates if c.status is CandidateStatus.SUBMITTED]
    return ReviewQueue(
        group=group.code,
        voters=tuple(_pending(v) for v in waiting),
        candidates=tuple(_submitted(c, sealer) for c in submitted),
        voters_by_status=count_by_status(v.status.value for v in voters),
        candidates_by_status=count_by_status(c.status.value for c in candidates),
    )


def count_by_status(statuses: Iterable[str]) -> dict[str, int]:
    """Count statuses, listing only those that occur."""
    return dict(sorted(Counter(statuses).items()))


def _registered(voter: Voter) -> datetime:
    return voter.registered_at


def _pending(voter: Voter) -> PendingVoter:
    return PendingVoter(
        pseudonym=voter.pseudonym,
        code=voter_code(voter.pseudonym),
        registered_at=voter.registered_at,
        region=voter.region,
        organisation=voter.organisation,
        representative_change=voter.replacement_for is not None,
    )


def _submitted(candidate: Candidate, sealer: Sealer | None) -> SubmittedCandidate:
    application = None
    if sealer is not None and candidate.application is not None:
        purpose = application_purpose(candidate.pseudonym)
        application = from_json(sealer.open(candidate.application, purpose)).application
    return SubmittedCandidate(
        pseudonym=candidate.pseudonym,
        code=candidate_code(candidate.pseudonym),
        application_order=candidate.application_order,
        submitted_at=candidate.updated_at,
        application=application,
    )
