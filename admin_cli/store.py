"""Opening the configured database for a Secretariat command, and saying plainly what went wrong.

Refusals from the use cases become one line in English on stderr (exit 1); an unmigrated or
unreachable database is named with its password masked; nothing prints a traceback.
"""

from __future__ import annotations

import asyncio
from collections.abc import Awaitable, Callable
from datetime import datetime
from typing import TypeVar
from zoneinfo import ZoneInfo

from sqlalchemy.exc import DBAPIError

from admin_cli import context
from app.election_file_times import local_text
from app.settings import Settings
from app.wiring import database
from core.errors import Refused
from core.ports import Clock
from core.reasons import Reason
from core.services.clock import SystemClock
from storage.db import masked
from storage.migrate import current, head
from storage.uow import SqlUnitOfWork

T = TypeVar("T")
UowFactory = Callable[[], SqlUnitOfWork]

# What "now" is for every command; tests put a fixed clock here.
CLOCK: Clock = SystemClock()

_EXPLAIN: dict[str, Callable[[dict[str, object]], str]] = {
    "cycle.none": lambda p: "no such election cycle is stored (see `saylau election show`)",
    "group.unknown": lambda p: f"there is no group {p.get('group')} in this cycle",
    "role.not_held": lambda p: f"nobody holds the role {p.get('role')} there now",
}


def migrated_settings() -> Settings:
    """Read the settings and make sure the database is reachable and migrated."""
    settings = context.settings()
    try:
        revision = current(settings.database_url)
    except (DBAPIError, OSError) as error:
        problem = type(error).__name__
        context.fail(f"the database {masked(settings.database_url)} cannot be used ({problem})")
    if revision != head():
        context.fail(
            f"the database {masked(settings.database_url)} is not migrated: run `saylau db upgrade`"
        )
    return settings


def run(settings: Settings, work: Callable[[UowFactory], Awaitable[T]]) -> T:
    """Run `work` on the configured database; a refusal ends the command in plain words."""

    async def on_database() -> T:
        async with database(settings.database_url) as uow_factory:
            return await work(uow_factory)

    try:
        return asyncio.run(on_database())
    except Refused as refusal:
        context.fail(explain(refusal.reason))


def explain(reason: Reason) -> str:
    """Put a refusal into one English sentence for the Secretariat."""
    known = _EXPLAIN.get(reason.code)
    return known(reason.params) if known else str(reason)


def local(moment: datetime | None, timezone: str) -> str:
    """Show an instant in the cycle's time zone, or a dash."""
    return "-" if moment is None else local_text(moment, ZoneInfo(timezone))
