"""Alembic environment: async engines for both backends, batch mode so SQLite can alter tables."""

from __future__ import annotations

import asyncio
import os
from typing import Any

from alembic import context
from sqlalchemy.engine import Connection
from sqlalchemy.pool import NullPool

from storage.db import create_engine
from storage.tables import metadata

DEFAULT_URL = "sqlite+aiosqlite:///./saylau.db"


def _database_url() -> str:
    """Take the URL the Python API passed, else alembic.ini's, else DATABASE_URL."""
    config = context.config
    return str(
        config.attributes.get("database_url")
        or config.get_main_option("sqlalchemy.url")
        or os.environ.get("DATABASE_URL", DEFAULT_URL)
    )


def _configure(**options: Any) -> None:
    context.configure(target_metadata=metadata, render_as_batch=True, compare_type=True, **options)


def _run(connection: Connection) -> None:
    _configure(connection=connection)
    with context.begin_transaction():
        context.run_migrations()


async def _run_online() -> None:
    engine = create_engine(_database_url(), poolclass=NullPool)
    try:
        async with engine.connect() as connection:
            await connection.run_sync(_run)
    finally:
        await engine.dispose()


if context.is_offline_mode():
    _configure(url=_database_url(), literal_binds=True)
    with context.begin_transaction():
        context.run_migrations()
else:
    asyncio.run(_run_online())
