"""The live table: each group's stage (as the scheduler recorded it) and its counts, from the
database, refreshed every second while the simulated people act."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator, Callable
from contextlib import asynccontextmanager, suppress
from dataclasses import dataclass

from rich.console import Console
from rich.live import Live
from rich.table import Table

from core.model import CandidateStatus, VoterStatus
from core.services.context import current_cycle, group_id
from storage.uow import SqlUnitOfWork

REFRESH = 1.0  # seconds


@dataclass(frozen=True)
class Row:
    group: str
    stage: str
    registered: int
    admitted: int
    candidates: int
    ballots: int
    late: int
    result: str


async def read_rows(uow: SqlUnitOfWork) -> list[Row]:
    """Count, per group, what the table shows; numbers only, nobody's identity."""
    rows = []
    async with uow:
        cycle = await current_cycle(uow)
        for group in await uow.groups.for_cycle(cycle.code):
            gid = group_id(group)
            voters = await uow.voters.for_group(gid)
            candidates = await uow.candidates.for_group(gid)
            contests = [c.id for c in await uow.contests.for_group(gid) if c.id is not None]
            versions = await uow.results.versions(gid)
            result = "-"
            if versions:
                confirmed = versions[-1].confirmed_at is not None
                result = f"v{versions[-1].version} {'confirmed' if confirmed else 'counted'}"
            rows.append(
                Row(
                    group=group.code,
                    stage=group.stage_recorded.value if group.stage_recorded else "-",
                    registered=len(voters),
                    admitted=sum(v.status is VoterStatus.ADMITTED for v in voters),
                    candidates=sum(c.status is CandidateStatus.ADMITTED for c in candidates),
                    ballots=max([await uow.votes.count_markers(c) for c in contests] or [0]),
                    late=sum([await uow.votes.count_late(c) for c in contests]),
                    result=result,
                )
            )
    return rows


def table(rows: list[Row], title: str) -> Table:
    shown = Table(title=title, title_justify="left")
    for header in ("Group", "Stage", "Registered", "Admitted", "Candidates", "Ballots", "Late"):
        shown.add_column(header, justify="left" if header in {"Group", "Stage"} else "right")
    shown.add_column("Result")
    for row in rows:
        figures = (row.registered, row.admitted, row.candidates, row.ballots, row.late)
        shown.add_row(row.group, row.stage, *map(str, figures), row.result)
    return shown


@asynccontextmanager
async def live_progress(
    console: Console, uow_factory: Callable[[], SqlUnitOfWork], title: Callable[[], str]
) -> AsyncIterator[Live]:
    """Show the table, refreshed from the database, while the block runs."""
    with Live(console=console, auto_refresh=False) as live:

        async def refresh() -> None:
            while True:
                try:
                    live.update(table(await read_rows(uow_factory()), title()), refresh=True)
                except Exception as error:  # a busy database: show the last table a bit longer
                    console.log(f"progress not refreshed: {type(error).__name__}")
                await asyncio.sleep(REFRESH)

        task = asyncio.create_task(refresh())
        try:
            yield live
        finally:
            task.cancel()
            with suppress(asyncio.CancelledError):
                await task
            live.update(table(await read_rows(uow_factory()), title()), refresh=True)
