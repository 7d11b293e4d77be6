"""What every SQL repository shares: a session, and unique violations turned into domain errors."""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from functools import cache
from typing import Any

from sqlalchemy import Executable, Table
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.exc import IntegrityError
from sqlalchemy.ext.asyncio import AsyncSession

from core.ports import AlreadyExists

UNIQUE_VIOLATION = "23505"  # PostgreSQL's SQLSTATE


def is_unique_violation(error: IntegrityError) -> bool:
    """Tell a duplicate apart from other integrity errors (a missing parent row, say)."""
    if getattr(error.orig, "sqlstate", None) == UNIQUE_VIOLATION:
        return True
    return "UNIQUE constraint failed" in str(error.orig)


@asynccontextmanager
async def unique_or_raise(session: AsyncSession, duplicate: AlreadyExists) -> AsyncIterator[None]:
    """Run writes in a savepoint; a duplicate undoes them all and raises `duplicate`.

    The savepoint keeps the caller's transaction usable afterwards (PostgreSQL would otherwise
    refuse every later statement), and the error is raised without the driver's message, which
    quotes the conflicting key values.
    """
    try:
        async with session.begin_nested():
            yield
    except IntegrityError as error:
        if not is_unique_violation(error):
            raise
        raise duplicate from None


async def insert_once(session: AsyncSession, table: Table, values: dict[str, Any]) -> bool:
    """Insert the row unless one with the same key exists; True if it was inserted.

    One statement where a savepoint around a plain insert takes three, on the paths every tap
    takes (an update handled once, a vote marked once). A concurrent insert of the same key
    waits for the other transaction, as a unique violation would, and then inserts nothing.
    """
    statement = _insert_once(session.get_bind().dialect.name, table)
    result = await session.execute(statement, values)
    return bool(result.rowcount)  # type: ignore[attr-defined]


@cache
def _insert_once(dialect: str, table: Table) -> Executable:
    # Built once: making a statement costs more CPU than PostgreSQL takes to run it.
    module = postgresql if dialect == "postgresql" else sqlite
    return module.insert(table).on_conflict_do_nothing()


class SqlRepository:
    def __init__(self, session: AsyncSession) -> None:
        self._session = session
