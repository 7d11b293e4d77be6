"""`saylau verify FILE`: check a group's export offline, trusting nothing but the file."""

from __future__ import annotations

import json
from pathlib import Path

import typer

from admin_cli import context
from core.services.verify import verify_export


def verify(
    path: Path = typer.Argument(..., help="A group's export (JSON), from `saylau export`."),  # noqa: B008
) -> None:
    """Recount the ballots, walk the audit chain, and name anything that does not reconcile."""
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except OSError as error:
        context.fail(f"cannot read {path}: {error.strerror or error}")
    except json.JSONDecodeError as error:
        context.fail(f"{path} is not JSON (line {error.lineno}, column {error.colno})")
    if not isinstance(data, dict):
        context.fail(f"{path} is not a group's export")
    problems = verify_export(data)
    for problem in problems:
        typer.echo(f"{problem.code}: {problem.detail}")
    if problems:
        context.fail(f"{len(problems)} problem(s) found in {path}")
    typer.echo(f"{data.get('group')}: everything reconciles.")
