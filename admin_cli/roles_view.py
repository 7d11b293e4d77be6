"""How role holders are laid out for the Secretariat: a Rich table, readable codes only."""

from __future__ import annotations

from collections.abc import Sequence

from rich.console import Console, RenderableType
from rich.table import Table

from admin_cli import store
from core.model import Role
from core.services.roles import RoleHolder

_PIPED_WIDTH = 120


def holders_table(holders: Sequence[RoleHolder], timezone: str) -> Table:
    """One row per grant, Secretariat first, then by group and role."""
    table = Table(caption=f"Times in {timezone}.")
    for header in ("Group", "Role", "Code", "Granted", "Pledge accepted", "Revoked"):
        table.add_column(header, no_wrap=True)
    ordered = sorted(holders, key=lambda h: (h.group_code or "", h.role.value, h.granted_at))
    for holder in ordered:
        pledge = store.local(holder.pledge_accepted_at, timezone)
        if holder.role is not Role.COMMISSION and holder.pledge_accepted_at is None:
            pledge = "not needed"
        table.add_row(
            holder.group_code or "Secretariat",
            holder.role.value,
            holder.code,
            store.local(holder.granted_at, timezone),
            pledge,
            store.local(holder.revoked_at, timezone),
        )
    return table


def print_table(table: RenderableType) -> None:
    """Print tables; piped or captured output gets a fixed width instead of 80 columns."""
    console = Console()
    if not console.is_terminal:
        console = Console(width=_PIPED_WIDTH)
    console.print(table)
