"""Throwaway databases for benchmarks: created empty, migrated to head, removed afterwards.

A PostgreSQL URL names the server (an admin connection, TEST_DATABASE_URL by default, as for the
tests); each benchmark creates its own uniquely named database on it, so that helpers sharing
the machine never meet. A SQLite URL names a file, created fresh (a suffix keeps two runs apart).
"""

from __future__ import annotations

import os
import secrets
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from pathlib import Path

import asyncpg
from sqlalchemy.engine import make_url

from storage.db import is_sqlite
from storage.migrate import upgrade

DEFAULT_SERVER = "postgresql+asyncpg://postgres@127.0.0.1:5432/postgres"


def server_url() -> str:
    return os.environ.get("TEST_DATABASE_URL", DEFAULT_SERVER)


def asyncpg_dsn(url: str) -> str:
    """The same PostgreSQL URL as asyncpg itself wants it (no SQLAlchemy driver suffix)."""
    return make_url(url).set(drivername="postgresql").render_as_string(hide_password=False)


@asynccontextmanager
async def scratch_database(base_url: str, label: str) -> AsyncIterator[str]:
    """Yield the URL of a new database migrated to head; drop it (or its file) afterwards."""
    if is_sqlite(base_url):
        path = _sqlite_path(base_url, label)
        _remove_sqlite(path)
        url = f"sqlite+aiosqlite:///{path}"
        try:
            upgrade(url)
            yield url
        finally:
            _remove_sqlite(path)
        return
    name = f"saylau_bench_{label}_{secrets.token_hex(4)}"
    admin = await asyncpg.connect(asyncpg_dsn(base_url))
    try:
        await admin.execute(f'CREATE DATABASE "{name}"')
        url = make_url(base_url).set(database=name).render_as_string(hide_password=False)
        try:
            upgrade(url)
            yield url
        finally:
            await admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
    finally:
        await admin.close()


def _sqlite_path(base_url: str, label: str) -> Path:
    path = Path(make_url(base_url).database or "bench.db").expanduser().resolve()
    return path.with_name(f"{path.stem}-{label}{path.suffix or '.db'}")


def _remove_sqlite(path: Path) -> None:
    for leftover in (path, path.with_name(path.name + "-wal"), path.with_name(path.name + "-shm")):
        leftover.unlink(missing_ok=True)
