"""What every SQL repository shares: a session, and unique violations turned into domain errors."""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

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


class SqlRepository:
    def __init__(self, session: AsyncSession) -> None:
        self._session = session
