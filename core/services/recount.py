"""Counting a closed group's stored ballots again, to check the result the close recorded.

The close counted the ballots it had just opened; afterwards the `ballots` table is what the
protocol, the board and the export show. Counting that table again with the candidates standing
at the close and the close's seed must give result version 1 exactly: a ballot edited, added or
removed after the close shows up here. The count runs over distinct markings, which the
database groups, so a million ballots take about as long as a few thousand.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from core.errors import Refused
from core.ports import UnitOfWork
from core.reasons import Reason
from core.result_codec import result_to_json
from core.services import voting_codes as codes
from core.services.context import find_group, group_id
from core.services.electorate import contest_id, group_contests, tally_kind
from core.tally import ContestInput, ContestKind, Standing, TallyRules, tally_group


@dataclass(frozen=True)
class Recount:
    group: str
    ballots: int
    matches: bool  # the recount equals result version 1
    recounted: dict[str, Any]  # core.result_codec's JSON form


async def recount_group(
    uow: UnitOfWork, *, group_code: str, cycle_code: str | None = None
) -> Recount:
    """Count the closed group's stored ballots again and compare with what the close recorded."""
    async with uow:
        group = await find_group(uow, group_code, cycle_code)
        versions = await uow.results.versions(group_id(group))
        closes = [
            entry
            for entry in await uow.audit.entries()
            if entry.event.action == "voting.closed" and entry.event.group == group.code
        ]
        if not versions or not closes:
            raise Refused(Reason(codes.NOT_COMPUTED, {"group": group.code}))
        standing = tuple(
            Standing(c, int(order)) for c, order in closes[-1].event.payload["candidates"]
        )
        inputs: dict[ContestKind, ContestInput] = {}
        for contest in await group_contests(uow, group):
            markings = await uow.votes.markings(contest_id(contest))
            inputs[tally_kind(contest)] = ContestInput(standing, markings)
    first = versions[0]
    rules = TallyRules.from_regulation(group.regulation)
    recounted = result_to_json(tally_group(rules, inputs, first.seed))
    ballots = sum(sum(contest.counts.values()) for contest in inputs.values())
    return Recount(group.code, ballots, recounted == first.result, recounted)


async def recount_closed_groups(make_uow: Callable[[], UnitOfWork]) -> list[Recount]:
    """Recount every group, of every stored cycle, whose vote has been closed and counted."""
    closed: list[tuple[str, str]] = []
    async with make_uow() as uow:
        for cycle in await uow.cycles.all():
            for group in await uow.groups.for_cycle(cycle.code):
                if await uow.results.versions(group_id(group)):
                    closed.append((cycle.code, group.code))
    return [
        await recount_group(make_uow(), group_code=group, cycle_code=cycle)
        for cycle, group in closed
    ]
