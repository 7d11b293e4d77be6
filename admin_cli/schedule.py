"""`saylau schedule show|extend|close`: the Secretariat's hand on the groups' calendars.

Times are typed and shown in the cycle's zone (Asia/Almaty by default). A change needs a
reason: the group's members are told it, and the audit log keeps it with who made it.
"""

from __future__ import annotations

import asyncio
from collections.abc import Awaitable, Callable, Coroutine
from datetime import datetime
from typing import Annotated, Any, TypeVar, cast
from zoneinfo import ZoneInfo

import typer
from rich.console import Console
from rich.table import Table

from admin_cli import context
from app.election_file_times import local_text
from app.wiring import database
from bot.assembly import BotParts
from bot.scheduling import composer_for
from bot.vault import Vault
from core.calendar import Stage
from core.errors import Refused
from core.model import Group
from core.ports_schedule import ScheduleUnitOfWork
from core.services.announcements import Composer
from core.services.clock import SystemClock
from core.services.context import current_cycle
from core.services.deadlines import close_stage_now, extend_deadline

schedule_app = typer.Typer(
    name="schedule", help="See and change the groups' calendars.", no_args_is_help=True
)
T = TypeVar("T")
Reason = Annotated[str, typer.Option("--reason", help="Why; the group's members will read it.")]


def _run(work: Coroutine[Any, Any, T]) -> T:
    """Run the work; a refusal ends the command with its reason, not a traceback."""
    try:
        return asyncio.run(work)
    except Refused as refusal:
        context.fail(f"refused: {refusal.reason}")


async def _groups(url: str) -> list[Group]:
    async with database(url) as factory, factory() as uow:
        cycle = await current_cycle(uow)
        return await uow.groups.for_cycle(cycle.code)


@schedule_app.command("show")
def show() -> None:
    """Show every group's calendar and the stage it is in, in TIMEZONE (as `extend` reads)."""
    settings = context.settings()
    groups = _run(_groups(settings.database_url))
    zone_name = settings.timezone
    zone = ZoneInfo(zone_name)
    table = Table(title=f"Calendars ({zone_name})")
    table.add_column("Group")
    table.add_column("Stage")
    for name, _ in groups[0].calendar.ordered_instants() if groups else []:
        table.add_column(name.replace("_", " "), no_wrap=True)
    for group in groups:
        stage = group.stage_recorded.value if group.stage_recorded else "—"
        instants = [local_text(at, zone) for _, at in group.calendar.ordered_instants()]
        table.add_row(group.code, stage, *instants)
    Console(width=200).print(table)


Change = Callable[[ScheduleUnitOfWork, Composer], Awaitable[Group]]


def _change(work_for: Change) -> None:
    settings = context.settings()
    keys = context.keys(settings, generate=False)

    async def apply() -> Group:
        async with database(settings.database_url) as factory:
            vault = Vault(keys.pseudonymizer, keys.sealer)
            parts = BotParts(factory, vault, SystemClock(), settings.timezone)
            uow = cast(ScheduleUnitOfWork, factory())
            return await work_for(uow, composer_for(parts))

    group = _run(apply())
    typer.echo(f"{group.code}: done; members and the group's chat will be told.")


@schedule_app.command("extend")
def extend(
    group: Annotated[str, typer.Argument(help="Group code, e.g. PLHIV.")],
    instant: Annotated[str, typer.Argument(help="e.g. registration_closes or voting_closes.")],
    to: Annotated[str, typer.Argument(help="New time, local: 2024-08-20T18:00.")],
    reason: Reason,
) -> None:
    """Move one deadline of a group later."""
    settings = context.settings()
    moment = datetime.fromisoformat(to)
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=ZoneInfo(settings.timezone))

    async def work(uow: ScheduleUnitOfWork, composer: Composer) -> Group:
        code, clock = group.upper(), SystemClock()
        return await extend_deadline(
            uow, composer, clock, group_code=code, instant=instant, to=moment, reason=reason
        )

    _change(work)


@schedule_app.command("close")
def close(
    group: Annotated[str, typer.Argument(help="Group code, e.g. PLHIV.")],
    stage: Annotated[str, typer.Argument(help="registration or voting.")],
    reason: Reason,
) -> None:
    """Close a group's registration or voting now."""
    try:
        which = Stage(stage)
    except ValueError:
        context.fail(f"unknown stage {stage!r}: registration or voting")

    async def work(uow: ScheduleUnitOfWork, composer: Composer) -> Group:
        code, clock = group.upper(), SystemClock()
        return await close_stage_now(
            uow, composer, clock, group_code=code, stage=which, reason=reason
        )

    _change(work)
