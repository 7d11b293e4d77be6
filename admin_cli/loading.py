"""`saylau election load FILE`: store the declared cycle; loading it again changes nothing."""

from __future__ import annotations

import asyncio
from pathlib import Path

import typer

from admin_cli import context
from app.wiring import database
from core.errors import ConflictingChange
from core.services.clock import SystemClock
from core.services.load_election import LoadOutcome, LoadStatus, load_election
from storage.db import masked
from storage.migrate import current, head


def load(
    file: Path = typer.Argument(..., help="The election file (YAML) to store."),  # noqa: B008
) -> None:
    """Validate an election file and store it; nothing is written if anything is wrong."""
    config = context.election_or_exit(file)
    settings = context.settings()
    keys = context.keys(settings)
    if current(settings.database_url) != head():
        context.fail(
            f"the database {masked(settings.database_url)} is not migrated: run `saylau db upgrade`"
        )

    async def store() -> LoadOutcome:
        async with database(settings.database_url) as uow_factory:
            return await load_election(
                config, uow_factory(), SystemClock(), keys.pseudonymizer.name_key
            )

    try:
        outcome = asyncio.run(store())
    except ConflictingChange as error:
        context.fail(f"{error}; nothing was loaded.")
    typer.echo(describe(outcome))


def describe(outcome: LoadOutcome) -> str:
    """Say in one line what a load did."""
    if outcome.status is LoadStatus.UNCHANGED:
        return f"Cycle {outcome.cycle} is already loaded exactly as declared: nothing changed."
    if outcome.status is LoadStatus.CREATED:
        groups = ", ".join(outcome.added)
        return f"Cycle {outcome.cycle} loaded with {len(outcome.added)} groups: {groups}."
    parts = [
        f"{label} {', '.join(codes)}"
        for label, codes in (
            ("added", outcome.added),
            ("changed", outcome.changed),
            ("removed", outcome.removed),
        )
        if codes
    ]
    return f"Cycle {outcome.cycle} updated: {'; '.join(parts)}."
