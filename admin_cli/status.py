"""`saylau status`: every group's stage, registrations, votes and turnout, as of now.

`--watch` redraws every few seconds until Ctrl+C; `--json` prints the same for scripts.
"""

from __future__ import annotations

import json
import time
from collections.abc import Callable
from typing import Annotated

import typer
from rich.console import Console

from admin_cli import store
from admin_cli.status_view import status_json, status_view
from app.settings import Settings
from core.services.monitoring import ElectionStatus, election_status

_PIPED_WIDTH = 120
# Bounds the --watch loop in tests; None runs until Ctrl+C.
WATCH_ROUNDS: int | None = None
sleep: Callable[[float], None] = time.sleep


def status(
    json_output: Annotated[bool, typer.Option("--json", help="Print JSON for scripts.")] = False,
    watch: Annotated[bool, typer.Option("--watch", help="Refresh until Ctrl+C.")] = False,
    every: Annotated[float, typer.Option("--every", min=1, help="Seconds between refreshes.")] = 30,
    cycle: Annotated[str | None, typer.Option(help="The cycle code (default: the latest).")] = None,
) -> None:
    """Show every group's stage, next deadline, registrations, ballots cast and turnout."""
    settings = store.migrated_settings()
    console = Console()
    if not console.is_terminal:
        console = Console(width=_PIPED_WIDTH)
    show = _printer(settings, cycle, console, json_output)
    if not watch:
        show()
        return
    rounds = 0
    try:
        while WATCH_ROUNDS is None or rounds < WATCH_ROUNDS:
            if console.is_terminal:
                console.clear()
            show()
            rounds += 1
            if WATCH_ROUNDS is None or rounds < WATCH_ROUNDS:
                sleep(every)
    except KeyboardInterrupt:
        typer.echo("Stopped watching.", err=True)


def _printer(
    settings: Settings, cycle: str | None, console: Console, json_output: bool
) -> Callable[[], None]:
    """Make the function that reads the figures once and prints them."""

    def show() -> None:
        figures = store.run(settings, lambda factory: _read(factory, cycle))
        if json_output:
            typer.echo(json.dumps(status_json(figures), ensure_ascii=False, indent=2))
        else:
            console.print(status_view(figures))

    return show


async def _read(uow_factory: store.UowFactory, cycle: str | None) -> ElectionStatus:
    return await election_status(uow_factory(), store.CLOCK, cycle_code=cycle)
