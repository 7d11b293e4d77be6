"""The rehearsal itself: the emulator, the bot with the real scheduler, and everyone acting.

The compressed election is loaded, the bot is started against the emulator (python-telegram-bot
or aiogram, as in production), and every group's story runs at once under the live table. When
the last group's results are settled, the bot stops and the records are exported and checked.
"""

from __future__ import annotations

import asyncio
from dataclasses import dataclass
from datetime import timedelta
from pathlib import Path

from rich.console import Console

from admin_cli.demo.calendar_view import calendar_table
from admin_cli.demo.casting import Cast
from admin_cli.demo.conclusion import conclude
from admin_cli.demo.cycle import attempt, run_group
from admin_cli.demo.progress import live_progress
from admin_cli.demo.theatre import Theatre
from admin_cli.demo.timeline import compress
from admin_cli.demo.watch import watching
from app.keys import Keys
from app.wiring import database
from bot.assembly import BotParts
from bot.launch import Connection, Framework, running
from bot.vault import Vault
from core.election import ElectionConfig
from core.services.clock import SystemClock
from core.services.load_election import load_election
from sandbox.testing import running_emulator

BASE_SPAN = timedelta(minutes=4)  # the file's announcement-to-results span, at --speed 1
LEAD = timedelta(seconds=10)  # preparation left for the appointments


@dataclass(frozen=True)
class Rehearsal:
    config: ElectionConfig
    cast: Cast
    framework: Framework
    database_url: str
    keys: Keys
    speed: float
    out: Path


async def rehearse(rehearsal: Rehearsal, console: Console) -> int:
    """Run the whole simulated cycle, then write and check the records; return the exit code."""
    clock = SystemClock()
    span, lead = BASE_SPAN / rehearsal.speed, max(LEAD / rehearsal.speed, timedelta(seconds=4))
    started = clock.now()
    config = compress(rehearsal.config, started, span, lead)
    console.print(calendar_table(config))
    keys = rehearsal.keys
    vault = Vault(keys.pseudonymizer, keys.sealer)
    async with running_emulator() as emulator, database(rehearsal.database_url) as uow_factory:
        await load_election(config, uow_factory(), clock, keys.pseudonymizer.name_key)
        parts = BotParts(uow_factory, vault, clock, timezone=config.cycle.timezone)
        connection = Connection(token=emulator.token, api_base_url=emulator.url, poll_timeout=1)
        theatre = Theatre(emulator, uow_factory, vault, clock, config)
        crossings = dict([rehearsal.cast.crossing] if rehearsal.cast.crossing else [])
        title = f"{config.cycle.names.en}: rehearsal with {rehearsal.framework.value}"
        with watching() as trouble:
            async with (
                running(rehearsal.framework, connection, parts),
                live_progress(console, uow_factory, lambda: title) as live,
            ):
                theatre.story.echo = live.console.print
                stories = [
                    attempt(theatre, run_group(theatre, plan, crossings.get(plan.code)))
                    for plan in rehearsal.cast.groups
                ]
                await asyncio.gather(*stories)
        theatre.story.problems += [f"the bot logged an error: {line}" for line in trouble.seen]
        lasted = clock.now() - started
        console.print(f"The simulated cycle took {lasted.total_seconds():.0f} s of wall time.")
        return await conclude(theatre, rehearsal.database_url, rehearsal.out, console)
