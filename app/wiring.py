"""Where the pieces meet: settings and keys in, a database and its units of work out."""

from __future__ import annotations

from collections.abc import AsyncIterator, Callable
from contextlib import asynccontextmanager

from storage.db import create_engine, session_factory
from storage.uow import SqlUnitOfWork


@asynccontextmanager
async def database(url: str) -> AsyncIterator[Callable[[], SqlUnitOfWork]]:
    """Open the database at `url`; yield a factory of units of work; close it afterwards."""
    engine = create_engine(url)
    sessions = session_factory(engine)
    try:
        yield lambda: SqlUnitOfWork(sessions)
    finally:
        await engine.dispose()
