"""Checking that the ballot box adds up: as many ballots as voters marked as having voted.

A ballot without a marker was slipped in; a marker without a ballot lost a vote. Either way the
contest is named. The receipts (one per ballot on the bulletin board) are reconciled the same way.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from dataclasses import dataclass

from core.ports import UnitOfWork
from core.services.electorate import contest_id


@dataclass(frozen=True)
class ContestCheck:
    cycle: str
    group: str
    contest: str  # core.model.ContestKind value
    markers: int  # voters marked as having voted
    ballots: int
    what: str = "ballots"  # what was counted against the markers

    @property
    def matches(self) -> bool:
        return self.markers == self.ballots


Check = Callable[[UnitOfWork], Awaitable[list[ContestCheck]]]
Count = Callable[[UnitOfWork, int], Awaitable[int]]


async def _against_markers(uow: UnitOfWork, what: str, count: Count) -> list[ContestCheck]:
    """Compare the markers of every contest of every stored cycle with what `count` finds."""
    checks: list[ContestCheck] = []
    for cycle in await uow.cycles.all():
        for group in await uow.groups.for_cycle(cycle.code):
            if group.id is None:
                continue
            for contest in await uow.contests.for_group(group.id):
                number = contest_id(contest)
                markers = await uow.votes.count_markers(number)
                found = await count(uow, number)
                kind = contest.kind.value
                checks.append(ContestCheck(cycle.code, group.code, kind, markers, found, what))
    return checks


async def _receipts(uow: UnitOfWork, contest: int) -> int:
    return len(await uow.votes.receipts(contest))


async def _ballots(uow: UnitOfWork, contest: int) -> int:
    # Sealed in the box while the vote is open, in clear once the close has emptied it; counting
    # both also catches a ballot slipped into the other one. Markings are grouped by the
    # database, so the clear ones are counted without reading each.
    counted = sum((await uow.votes.markings(contest)).values())
    return counted + await uow.votes.count_sealed(contest)


async def reconcile_receipts(uow: UnitOfWork) -> list[ContestCheck]:
    """Compare markers and receipts: every ballot handed its voter exactly one receipt."""
    return await _against_markers(uow, "receipts", _receipts)


RECEIPT_CHECKS: list[Check] = [reconcile_receipts]


async def reconcile_ballots(uow: UnitOfWork) -> list[ContestCheck]:
    """Compare markers and ballots in every contest of every stored cycle."""
    return await _against_markers(uow, "ballots", _ballots)


async def reconcile(uow: UnitOfWork) -> list[ContestCheck]:
    """Run the ballot check and every receipt check in one read-only transaction."""
    async with uow:
        found = await reconcile_ballots(uow)
        for check in RECEIPT_CHECKS:
            found += await check(uow)
    return found
