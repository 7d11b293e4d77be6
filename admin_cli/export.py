"""`saylau export GROUP OUT`: write a counted group's election to a JSON file for the archive.

The file appears whole or not at all: it is written to a temporary file beside the target and
renamed over it, so an interrupted export never leaves half a document for `saylau verify`.
"""

from __future__ import annotations

import asyncio
import json
import os
import tempfile
from pathlib import Path
from typing import Any

import typer

from admin_cli import context
from app.wiring import database
from core.errors import Refused
from core.services.export import export_group
from storage.db import masked
from storage.migrate import current, head


def export(
    group: str = typer.Argument(..., help="The group's code, e.g. PLHIV."),
    out: Path = typer.Argument(..., help="Where to write the export (JSON)."),  # noqa: B008
) -> None:
    """Export a group's counted election: ballots, receipts, results and the audit log."""
    settings = context.settings()
    keys = context.keys(settings, generate=False)
    if current(settings.database_url) != head():
        context.fail(
            f"the database {masked(settings.database_url)} is not migrated: run `saylau db upgrade`"
        )

    async def gather() -> dict[str, Any]:
        async with database(settings.database_url) as uow_factory:
            return await export_group(uow_factory(), group_code=group, sealer=keys.sealer)

    try:
        data = asyncio.run(gather())
    except Refused as refusal:
        context.fail(f"cannot export {group}: {refusal.reason}")
    write_atomically(out, json.dumps(data, ensure_ascii=False, indent=2, sort_keys=True) + "\n")
    typer.echo(f"Exported {group} to {out}.")


def write_atomically(path: Path, text: str) -> None:
    """Write `text` to `path` through a temporary file renamed over it."""
    path.parent.mkdir(parents=True, exist_ok=True)
    handle, temporary = tempfile.mkstemp(prefix=f".{path.name}.", dir=path.parent)
    try:
        with os.fdopen(handle, "w", encoding="utf-8") as file:
            file.write(text)
            file.flush()
            os.fsync(file.fileno())
        os.replace(temporary, path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise
