"""`saylau audit verify`: is the election log intact, and does every ballot box add up?

Exit 0 when both hold; exit 1 naming the first broken log entry, every contest whose count of
voters marked as having voted differs from its count of ballots, and every closed group whose
stored ballots, counted again, do not give the result recorded at the close.
"""

from __future__ import annotations

import typer

from admin_cli import store
from core.audit import AuditEntry, ChainBreak, first_break
from core.services.reconcile import ContestCheck, reconcile
from core.services.recount import Recount, recount_closed_groups

audit_app = typer.Typer(help="Check the election log and the ballot boxes.", no_args_is_help=True)


@audit_app.callback()
def audit() -> None:
    """Check the election log and the ballot boxes."""
    # A callback keeps `verify` a named sub-command while it is the only one.


@audit_app.command("verify")
def verify() -> None:
    """Recompute the log's hash chain and reconcile markers with ballots in every contest."""
    settings = store.migrated_settings()

    async def work(
        uow_factory: store.UowFactory,
    ) -> tuple[list[AuditEntry], list[ContestCheck], list[Recount]]:
        async with uow_factory() as uow:
            entries = await uow.audit.entries()
        checks = await reconcile(uow_factory())
        return entries, checks, await recount_closed_groups(uow_factory)

    entries, checks, recounts = store.run(settings, work)
    broken = first_break(entries)
    typer.echo(_chain_line(entries, broken), err=broken is not None)
    mismatches = [check for check in checks if not check.matches]
    for check in checks:
        typer.echo(_check_line(check), err=not check.matches)
    if not checks:
        typer.echo("No contest has been stored yet: nothing to reconcile.")
    for recount in recounts:
        typer.echo(_recount_line(recount), err=not recount.matches)
    if broken is not None or mismatches or not all(r.matches for r in recounts):
        raise typer.Exit(code=1)


def _chain_line(entries: list[AuditEntry], broken: ChainBreak | None) -> str:
    if broken is None:
        return f"Audit log: {len(entries)} entries, the hash chain is intact."
    entry = next((e for e in entries if e.seq == broken.seq), None)
    what = f" ({entry.event.action}, {entry.at.isoformat(timespec='seconds')})" if entry else ""
    return f"Audit log BROKEN at entry {broken.seq}{what}: {broken.why}."


def _recount_line(recount: Recount) -> str:
    verdict = "the result recorded at the close" if recount.matches else "ANOTHER result"
    return f"{recount.group}: its {recount.ballots} stored ballots, counted again, give {verdict}."


def _check_line(check: ContestCheck) -> str:
    where = f"{check.cycle} {check.group} {check.contest} contest"
    counts = f"{check.markers} voters marked as having voted, {check.ballots} {check.what}"
    verdict = "match" if check.matches else "MISMATCH"
    return f"{where}: {counts}: {verdict}."
