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


async def reconcile_receipts(uow: UnitOfWork) -> list[ContestCheck]:
    """Compare markers and receipts: every ballot handed its voter exactly one receipt."""
    checks: list[ContestCheck] = []
    for cycle in await uow.cycles.all():
        for group in await uow.groups.for_cycle(cycle.code):
            if group.id is None:
                continue
            for contest in await uow.contests.for_group(group.id):
                number = contest_id(contest)
                markers = len(await uow.ballots.voters(number))
                receipts = len(await uow.votes.receipts(number))
                kind = contest.kind.value
                checks.append(
                    ContestCheck(cycle.code, group.code, kind, markers, receipts, "receipts")
                )
    return checks


RECEIPT_CHECKS: list[Check] = [reconcile_receipts]


async def reconcile_ballots(uow: UnitOfWork) -> list[ContestCheck]:
    """Compare markers and ballots in every contest of every stored cycle."""
    checks: list[ContestCheck] = []
    for cycle in await uow.cycles.all():
        for group in await uow.groups.for_cycle(cycle.code):
            if group.id is None:
                continue
            for contest in await uow.contests.for_group(group.id):
                number = contest_id(contest)
                markers = len(await uow.ballots.voters(number))
                # While the vote is open its ballots wait sealed in the box; the close empties it.
                sealed = await uow.votes.sealed_ballots(number)
                ballots = len(await uow.ballots.ballots(number)) + len(sealed)
                kind = contest.kind.value
                checks.append(ContestCheck(cycle.code, group.code, kind, markers, ballots))
    return checks


async def reconcile(uow: UnitOfWork) -> list[ContestCheck]:
    """Run the ballot check and every receipt check in one read-only transaction."""
    async with uow:
        found = await reconcile_ballots(uow)
        for check in RECEIPT_CHECKS:
            found += await check(uow)
    return found
