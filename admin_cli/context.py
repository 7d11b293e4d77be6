"""What every `saylau` command needs first: the settings and, for most, the keys.

Problems end the command with a plain line on stderr naming where the bad value is, never with a
traceback, and never with a secret.
"""

from __future__ import annotations

from pathlib import Path
from typing import NoReturn

import typer

from app.election_file import ElectionFileError, load_election_file
from app.keys import Keys, MissingKeys, generate_missing_keys, keys_from
from app.settings import Settings, SettingsError, load_settings
from core.election import ElectionConfig
from core.privacy import BadKey


def fail(message: str, code: int = 1) -> NoReturn:
    """Print `message` as an error and end the command."""
    typer.secho(f"error: {message}", err=True, fg=typer.colors.RED)
    raise typer.Exit(code=code)


def election_or_exit(file: Path) -> ElectionConfig:
    """Read an election file, or list every problem (file, line, field) and end the command."""
    try:
        return load_election_file(file)
    except ElectionFileError as error:
        for problem in error.problems:
            typer.echo(str(problem), err=True)
        count = len(error.problems)
        fail(f"{count} problem{'s' if count != 1 else ''} found; nothing was loaded.")


def settings() -> Settings:
    """Read the settings, or end the command naming each bad value's file, line and field."""
    try:
        return load_settings()
    except SettingsError as error:
        for problem in error.problems:
            typer.secho(f"error: {problem}", err=True, fg=typer.colors.RED)
        raise typer.Exit(code=2) from None


def keys(current: Settings, generate: bool = True) -> Keys:
    """Build the keys; on a first local run, generate the missing ones into .env and say so."""
    if generate:
        made = generate_missing_keys(current)
        if made:
            typer.secho(
                f"Generated {' and '.join(made)} into .env. Back this file up: without these "
                "keys nobody registered can be recognised or messaged again.",
                err=True,
                fg=typer.colors.YELLOW,
            )
            current = settings()
    try:
        return keys_from(current)
    except (MissingKeys, BadKey) as error:
        fail(str(error), code=2)
