"""Schema migrations from Python: upgrade, downgrade and inspect, for a database URL.

No alembic.ini is needed: the configuration is built here, pointing at the migrations inside
this package. Alembic runs in a worker thread because its environment starts its own event loop,
which it could not do inside a caller's running loop (an async test, the bot).
"""

from __future__ import annotations

import asyncio
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import TypeVar

from alembic import command
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy.engine import Connection, make_url
from sqlalchemy.pool import NullPool

from storage.db import create_engine, is_sqlite

MIGRATIONS = Path(__file__).resolve().parent / "migrations"
T = TypeVar("T")


def alembic_config(url: str) -> Config:
    """Build the Alembic configuration for `url` without any file."""
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    config.attributes["database_url"] = url
    return config


def _in_thread(work: Callable[[], T]) -> T:
    with ThreadPoolExecutor(max_workers=1) as pool:
        return pool.submit(work).result()


def head() -> str:
    """Return the newest revision the code knows."""
    script = ScriptDirectory.from_config(alembic_config("sqlite://"))
    revision = script.get_current_head()
    if revision is None:
        raise RuntimeError("no migrations found")
    return revision


def upgrade(url: str, revision: str = "head") -> str | None:
    """Migrate the database up to `revision` and return the revision it is at."""
    _in_thread(lambda: command.upgrade(alembic_config(url), revision))
    return current(url)


def downgrade(url: str, revision: str) -> str | None:
    """Migrate the database down to `revision` ("base" empties it) and return where it is."""
    _in_thread(lambda: command.downgrade(alembic_config(url), revision))
    return current(url)


def current(url: str) -> str | None:
    """Return the database's revision, or None for a database never migrated."""
    database = make_url(url).database
    if is_sqlite(url) and database and not Path(database).expanduser().exists():
        return None  # asking must not create an empty SQLite file

    async def read() -> str | None:
        engine = create_engine(url, poolclass=NullPool)
        try:
            async with engine.connect() as connection:
                return await connection.run_sync(_revision_of)
        finally:
            await engine.dispose()

    return _in_thread(lambda: asyncio.run(read()))


def _revision_of(connection: Connection) -> str | None:
    return MigrationContext.configure(connection).get_current_revision()
