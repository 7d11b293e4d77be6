"""`saylau election ...`: the Secretariat's commands for the election file."""

from __future__ import annotations

from pathlib import Path
from zoneinfo import ZoneInfo

import typer
from rich.console import Console
from rich.table import Table

from admin_cli import context
from app.election_file_times import local_text
from core.election import ElectionConfig, GroupConfig

election_app = typer.Typer(
    name="election",
    help="Check the election file the Secretariat writes.",
    no_args_is_help=True,
)

_VOTERS = {"individual": "people", "organization": "organizations"}
_PIPED_WIDTH = 120
_RULES = {"single_contest": "one contest", "parallel_contests": "two contests"}


@election_app.callback()
def election() -> None:
    """Check the election file the Secretariat writes."""
    # A callback keeps `validate` a named sub-command even while it is the only one.


@election_app.command("validate")
def validate(
    file: Path = typer.Argument(..., help="The election file (YAML) to check."),  # noqa: B008
) -> None:
    """Check an election file; list every problem with its line, or summarise the election."""
    config = context.election_or_exit(file)
    console = Console()
    if not console.is_terminal:
        # Piped or captured output has no width of its own; Rich would squeeze it into 80 columns.
        console = Console(width=_PIPED_WIDTH)
    console.print(summary_table(config))


def summary_table(config: ElectionConfig) -> Table:
    """Lay the election out as the Secretariat checks it: one row per group, local times."""
    cycle = config.cycle
    zone = ZoneInfo(cycle.timezone)
    table = Table(
        title=f"{cycle.code}: {cycle.names.en}",
        caption=(
            f"{len(config.groups)} groups; {local_text(cycle.starts, zone)} to "
            f"{local_text(cycle.ends, zone)}; times in {cycle.timezone}; "
            f"digest {config.digest()[:12]}"
        ),
    )
    for header in ("Group", "Voters", "Ballot", "Competition", "Seats"):
        table.add_column(header)
    table.add_column("Registration closes", no_wrap=True)
    table.add_column("Voting closes", no_wrap=True)
    for group in config.groups:
        table.add_row(*_row(group, zone))
    return table


def _row(group: GroupConfig, zone: ZoneInfo) -> tuple[str, ...]:
    regulation = group.regulation
    seats = regulation.competition.seats
    return (
        group.code,
        _VOTERS[regulation.voter_kind.value],
        f"{regulation.secrecy.value}, {regulation.mode.value}",
        _RULES[regulation.competition.rule.value],
        f"{seats.members} + {seats.alternates}",
        local_text(group.calendar.registration_closes, zone),
        local_text(group.calendar.voting_closes, zone),
    )
