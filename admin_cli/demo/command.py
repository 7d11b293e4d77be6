"""`saylau demo`: a whole election cycle, simulated offline, no token and no server needed.

The Telegram emulator and the bot (python-telegram-bot, or aiogram) run in this process on the
embedded SQLite database in `--out` (or on DATABASE_URL when it is set in the environment); the
election file is loaded with its calendar compressed into minutes, and simulated people take part
through their phones. The run ends with the Secretariat's status table, the files in `--out` and
`saylau verify` on every export; the exit code says whether everything reconciles.
"""

from __future__ import annotations

import asyncio
import os
import shutil
from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console

from admin_cli import context
from admin_cli.demo.casting import cast
from admin_cli.demo.choosing import choose_groups
from admin_cli.demo.simulation import Rehearsal, rehearse
from app.wiring import database
from bot.launch import Framework
from core.errors import Refused
from core.services.context import current_cycle
from storage.db import masked
from storage.migrate import current, head, upgrade

EXAMPLE = Path("examples/election-2024.yaml")
PIPED_WIDTH = 120


def demo(
    out: Annotated[Path, typer.Option(help="Folder for the demo's database and files.")] = Path(
        "demo-out"
    ),
    election: Annotated[Path, typer.Option(help="The election file to rehearse.")] = EXAMPLE,
    framework: Annotated[Framework, typer.Option(help="The bot's framework.")] = Framework.PTB,
    voters: Annotated[int, typer.Option(min=0, max=2000, help="Voters per group.")] = 20,
    groups: Annotated[
        int | None, typer.Option(min=1, max=60, help="Groups (default: all in the file).")
    ] = None,
    seed: Annotated[int, typer.Option(help="Same seed, same people and choices.")] = 2024,
    speed: Annotated[
        float, typer.Option(min=0.1, max=20, help="Faster calendar (2: half the time).")
    ] = 1.0,
) -> None:
    """Rehearse a whole election offline: the bot, the emulator, and simulated people."""
    console = Console()
    if not console.is_terminal:
        console = Console(width=PIPED_WIDTH)  # logs and CI: wide enough for the tables
    config = context.election_or_exit(election)
    keys = context.keys(context.settings())
    if out.exists():
        shutil.rmtree(out)
    out.mkdir(parents=True)
    url = os.environ.get("DATABASE_URL") or f"sqlite+aiosqlite:///{out / 'saylau-demo.db'}"
    _refuse_a_used_database(url)
    upgrade(url)
    chosen = choose_groups(config, groups)
    console.print(
        f"[green]✓[/] {election}: {len(chosen.groups)} groups, {voters} voters each, "
        f"seed {seed}, {framework.value}, database {masked(url)}"
    )
    rehearsal = Rehearsal(
        chosen, cast(chosen.groups, voters, seed), framework, url, keys, speed, out
    )
    raise typer.Exit(code=asyncio.run(rehearse(rehearsal, console)))


def _refuse_a_used_database(url: str) -> None:
    """A DATABASE_URL that already holds an election is somebody's: the demo leaves it alone."""
    try:
        revision = current(url)  # None: a new, empty database
    except Exception as error:  # unreachable server, bad credentials: said without the URL's secret
        context.fail(f"cannot open {masked(url)}: {type(error).__name__}")
    if revision is None:
        return

    async def cycle_code() -> str | None:
        async with database(url) as uow_factory, uow_factory() as uow:
            try:
                return (await current_cycle(uow)).code
            except Refused:
                return None

    found = asyncio.run(cycle_code()) if revision == head() else "of an earlier schema"
    if found is not None:
        context.fail(
            f"{masked(url)} already holds the cycle {found}; the demo needs an empty database "
            "(unset DATABASE_URL to use the embedded SQLite in --out)"
        )
