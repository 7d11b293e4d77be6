"""`saylau demo`: the offline walkthrough on an embedded SQLite database, no token, no server.

Today it shows the foundation end to end: the 2024 election file is validated, a fresh database is
migrated, the election is loaded (twice: the second load must change nothing), the audit chain is
verified, and each group's calendar is printed in the cycle's time zone. The simulated election
over the Telegram emulator grows on top of this.
"""

from __future__ import annotations

import asyncio
import shutil
from datetime import datetime
from pathlib import Path
from zoneinfo import ZoneInfo

import typer
from rich.console import Console
from rich.table import Table

from admin_cli import context
from admin_cli.loading import describe
from app.election_file_times import local_text
from app.wiring import database
from core.election import ElectionConfig
from core.services.audit import verify_audit
from core.services.clock import SystemClock
from core.services.load_election import LoadOutcome, LoadStatus, load_election
from storage.migrate import upgrade

EXAMPLE = Path("examples/election-2024.yaml")


def demo(
    out: Path = typer.Option(Path("demo-out"), help="Folder for the demo's database and files."),  # noqa: B008
    election: Path = typer.Option(EXAMPLE, help="The election file to rehearse."),  # noqa: B008
) -> None:
    """Rehearse an election offline on a fresh embedded database."""
    console = Console()
    config = context.election_or_exit(election)
    console.print(f"[green]✓[/] {election} is valid: {len(config.groups)} groups")

    keys = context.keys(context.settings())
    if out.exists():
        shutil.rmtree(out)
    out.mkdir(parents=True)
    url = f"sqlite+aiosqlite:///{out / 'saylau-demo.db'}"
    console.print(f"[green]✓[/] database migrated to revision {upgrade(url)} in {out}/")

    async def rehearse() -> tuple[LoadOutcome, LoadOutcome, bool]:
        async with database(url) as uow_factory:
            clock, name_key = SystemClock(), keys.pseudonymizer.name_key
            first = await load_election(config, uow_factory(), clock, name_key)
            second = await load_election(config, uow_factory(), clock, name_key)
            intact = await verify_audit(uow_factory()) is None
        return first, second, intact

    first, second, intact = asyncio.run(rehearse())
    console.print(f"[green]✓[/] first load: {describe(first)}")
    console.print(f"[green]✓[/] second load: {describe(second)}")
    if second.status is not LoadStatus.UNCHANGED or not intact:
        context.fail("the election did not reconcile: a second load changed something.")
    console.print("[green]✓[/] the audit chain verifies from its first entry to its last")
    console.print(calendar_table(config))


def calendar_table(config: ElectionConfig) -> Table:
    """Each group's key instants, in the cycle's time zone."""
    zone = ZoneInfo(config.cycle.timezone)
    table = Table(title=f"{config.cycle.names.en} — times in {zone.key}")
    for column in ("group", "registration", "candidate list", "voting", "results"):
        table.add_column(column)
    for group in config.groups:
        calendar = group.calendar

        def span(opens: datetime, closes: datetime) -> str:
            return f"{local_text(opens, zone)} → {local_text(closes, zone)}"

        table.add_row(
            f"{group.code} {group.names.en}",
            span(calendar.registration_opens, calendar.registration_closes),
            local_text(calendar.candidate_list, zone),
            span(calendar.voting_opens, calendar.voting_closes),
            local_text(calendar.results, zone),
        )
    return table
