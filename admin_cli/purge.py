"""`saylau purge --cycle C`: erase a finished cycle's contact data, after saying how much.

Needs DATA_KEY, to recognise which waiting messages go to the people whose contact is erased.
"""

from __future__ import annotations

from typing import Annotated

import typer

from admin_cli import context, store
from core.model import Cycle
from core.privacy import SealError
from core.services.purge import CycleNotEnded, PurgeCounts, preview_purge, purge_cycle


def purge(
    cycle: Annotated[str, typer.Option("--cycle", help="The code of the cycle that has ended.")],
    yes: Annotated[bool, typer.Option("--yes", help="Erase without asking.")] = False,
) -> None:
    """Erase an ended cycle's contacts, waiting messages, conversations, refused applications."""
    settings = store.migrated_settings()
    sealer = context.keys(settings, generate=False).sealer

    def open_chat(sealed: bytes) -> str | None:
        try:
            return sealer.open(sealed, "chat")
        except (SealError, ValueError):
            return None  # sealed under another key: it cannot be matched, so it is left alone

    def counted(erase: bool) -> PurgeCounts:
        use_case = purge_cycle if erase else preview_purge
        try:
            return store.run(
                settings,
                lambda factory: use_case(
                    factory(), store.CLOCK, cycle_code=cycle, open_chat=open_chat
                ),
            )
        except CycleNotEnded as running:
            context.fail(
                f"cycle {cycle} has not ended: it ends {_end(running.cycle)}; nothing was erased"
            )

    planned = counted(erase=False)
    if planned.nothing:
        typer.echo(f"Nothing left to erase for cycle {planned.cycle}.")
        return
    typer.echo(f"Cycle {planned.cycle} ended {_end(planned.ended)}. This would be erased:")
    typer.echo(_summary(planned))
    if not yes and not typer.confirm("Erase this for good?", default=False):
        context.fail("nothing was erased")
    done = counted(erase=True)
    typer.echo(f"Erased for cycle {done.cycle}:")
    typer.echo(_summary(done))


def _end(cycle: Cycle) -> str:
    return f"{store.local(cycle.ends_at, cycle.timezone)} ({cycle.timezone})"


def _summary(counts: PurgeCounts) -> str:
    return "\n".join(
        (
            f"  {counts.contacts} contact(s) of people who took part only in this cycle",
            f"  {counts.conversations} conversation state(s)",
            f"  {counts.messages} message(s) still waiting to be sent to them",
            f"  {counts.applications} application(s) of refused or withdrawn candidates",
        )
    )
