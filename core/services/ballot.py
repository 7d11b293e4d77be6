"""The ballot paper an elector sees while voting is open: contests, candidates, their statements.

Candidates appear under their public id (a readable code that fits in a button's callback
data), with the name and statement from their application, alphabetically so that no one is
favoured by the order of applying. The paper also says whether the elector voted already, and
shows their receipt again.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from core.application import application_purpose, from_json
from core.errors import Refused
from core.model import Candidate, ContestKind
from core.ports import Clock, UnitOfWork
from core.privacy import Sealer
from core.receipts import receipt_purpose
from core.regulation import Names, Secrecy
from core.services.context import find_group
from core.services.electorate import (
    contest_id,
    group_contests,
    public_id,
    refuse_unless_elector,
    standing_candidates,
)
from core.stages import can_vote, utc


@dataclass(frozen=True)
class CandidateEntry:
    id: str  # the public id, C-XXXX-XXXX
    name: str
    statement: str


@dataclass(frozen=True)
class ContestPaper:
    contest_id: int
    kind: ContestKind
    seats: int
    choices: int  # how many candidates may be marked
    candidates: tuple[CandidateEntry, ...]


@dataclass(frozen=True)
class BallotPaper:
    group: str
    names: Names
    contests: tuple[ContestPaper, ...]  # one, or member then alternate
    closes_at: datetime
    open_vote: bool  # the regulation makes the vote public: the ballot will name the voter
    voted: bool
    may_revote: bool  # voting again replaces the earlier ballot
    receipt: str | None  # the receipt of the ballot already cast, if any


async def ballot_paper(
    uow: UnitOfWork,
    clock: Clock,
    *,
    group_code: str,
    person: str,
    sealer: Sealer,
    cycle_code: str | None = None,
) -> BallotPaper:
    """Give an elector the group's ballot paper while voting is open."""
    now = clock.now()
    async with uow:
        group = await find_group(uow, group_code, cycle_code)
        refusal = can_vote(group.calendar, now)
        if refusal is not None:
            raise Refused(refusal)
        await refuse_unless_elector(uow, group, person)
        entries = tuple(
            sorted(
                (entry(c, sealer) for c in await standing_candidates(uow, group)),
                key=lambda e: (e.name.casefold(), e.id),
            )
        )
        contests = await group_contests(uow, group)
        papers = tuple(
            ContestPaper(contest_id(c), c.kind, c.seats, c.choices, entries) for c in contests
        )
        markers = [await uow.votes.marker(paper.contest_id, person) for paper in papers]
    voted = any(marker is not None for marker in markers)
    receipt = None
    for marker in markers:
        if marker is not None and marker.receipt_ref is not None:
            receipt = sealer.open(marker.receipt_ref, receipt_purpose(person, marker.contest_id))
    return BallotPaper(
        group=group.code,
        names=group.names,
        contests=papers,
        closes_at=utc(group.calendar.voting_closes),
        open_vote=group.regulation.secrecy is Secrecy.OPEN,
        voted=voted,
        may_revote=voted and group.regulation.revote,
        receipt=receipt,
    )


def entry(candidate: Candidate, sealer: Sealer) -> CandidateEntry:
    """Open the candidate's application for the name and statement the community reads."""
    code = public_id(candidate)
    if candidate.application is None:
        return CandidateEntry(code, code, "")
    purpose = application_purpose(candidate.pseudonym)
    form = from_json(sealer.open(candidate.application, purpose)).application
    return CandidateEntry(code, form.name, form.statement)
