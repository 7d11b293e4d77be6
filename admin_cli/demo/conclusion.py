"""After the vote: the Secretariat's status table, the files in `--out`, and the reckoning.

Every group is exported and its bulletin board written; each export is read back and put
through `saylau verify`'s checks and against what the simulated people saw; the audit chain is
walked; the protocols and archives are written where the reports package exists. The exit code
is 0 only if all of it reconciles.
"""

from __future__ import annotations

from collections import Counter
from pathlib import Path

from rich.console import Console
from rich.table import Table

from admin_cli.demo.outputs import export_to, reports_installed, write_reports
from admin_cli.demo.reconcile import against_the_story, verified
from admin_cli.demo.theatre import Theatre
from admin_cli.status_view import status_view
from core.errors import Refused
from core.services.audit import verify_audit
from core.services.monitoring import election_status


async def conclude(theatre: Theatre, database_url: str, out: Path, console: Console) -> int:
    """Write and check everything; print the summary; return the exit code."""
    story = theatre.story
    console.print(status_view(await election_status(theatre.uow_factory(), theatre.clock)))
    problems = list(story.problems)
    exports = []
    for group in theatre.config.groups:
        try:
            exports.append(
                await export_to(theatre.uow_factory, group.code, theatre.vault.sealer, out)
            )
        except Refused as refusal:
            problems.append(f"{group.code}: nothing to export ({refusal.reason.code})")
    for path in exports:
        problems += verified(path) + against_the_story(path, story)
    broken = await verify_audit(theatre.uow_factory())
    if broken is not None:
        problems.append(f"the audit chain is broken: {broken}")
    if reports_installed():
        bot = (theatre.emulator.url, theatre.emulator.token)
        problems += await write_reports(database_url, out, bot)
    else:
        story.skipped.append("protocols (PDF, DOCX) and archives: `reports` is not installed yet")
    _summary(theatre, console, len(exports), out)
    for line in story.skipped:
        console.print(f"[yellow]skipped[/]: {line}")
    for line in problems:
        console.print(f"[red]✗[/] {line}")
    if problems:
        console.print(f"[red]{len(problems)} thing(s) did not reconcile.[/]")
        return 1
    console.print(f"[green]✓[/] everything reconciles: {len(exports)} exports verified, in {out}/")
    return 0


def _summary(theatre: Theatre, console: Console, exported: int, out: Path) -> None:
    """What people did, group by group, from the demo's own tally."""
    counts: dict[str, Counter[str]] = {}
    for key, n in theatre.story.counts.items():
        group, _, what = key.partition(":")
        counts.setdefault(group, Counter())[what] = n
    table = Table(title="What the simulated people did", title_justify="left")
    table.add_column("Group")
    table.add_column("Events")
    for config in theatre.config.groups:
        done = counts.get(config.code, Counter())
        table.add_row(config.code, ", ".join(f"{what} {n}" for what, n in sorted(done.items())))
    console.print(table)
    for line in theatre.story.lines:
        console.print(f"• {line}")
    console.print(f"{exported} exports and bulletin boards written to {out}/")
