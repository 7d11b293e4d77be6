"""Pytest fixtures for tests that need a real database, on SQLite and on PostgreSQL.

Register with `pytest_plugins = ["storage.testing"]` in the root conftest. Every test starts on
an empty database migrated to head. SQLite: a copy of a file migrated once per session.
PostgreSQL: one database migrated once per session (per xdist worker), emptied with DELETE before
each test, which takes milliseconds where CREATE DATABASE ... TEMPLATE took 300 ms; so tests must
not change its schema (migration tests use `empty_database_url`). PostgreSQL is reached through
TEST_DATABASE_URL (an admin connection); when it is unreachable its tests are skipped, unless
CI=true, where they fail.
"""

from __future__ import annotations

import asyncio
import os
import secrets
import shutil
from collections.abc import AsyncIterator, Callable, Coroutine, Iterator
from concurrent.futures import ThreadPoolExecutor
from contextlib import contextmanager
from pathlib import Path
from typing import Any, TypeVar

import pytest
from sqlalchemy.engine import make_url
from sqlalchemy.pool import NullPool

from storage.db import create_engine, masked
from storage.migrate import upgrade
from storage.tables import metadata
from storage.uow import SqlUnitOfWork, open_database

DEFAULT_ADMIN_URL = "postgresql+asyncpg://postgres@127.0.0.1:5432/postgres"
BACKENDS = ("sqlite", pytest.param("postgres", marks=pytest.mark.postgres))
T = TypeVar("T")


def admin_url() -> str:
    return os.environ.get("TEST_DATABASE_URL", DEFAULT_ADMIN_URL)


def _run(work: Callable[[], Coroutine[Any, Any, T]]) -> T:
    """Run a coroutine to completion away from the test's event loop."""
    with ThreadPoolExecutor(max_workers=1) as pool:
        return pool.submit(lambda: asyncio.run(work())).result()


def _admin(*statements: str) -> None:
    async def execute() -> None:
        engine = create_engine(admin_url(), poolclass=NullPool, isolation_level="AUTOCOMMIT")
        try:
            async with engine.connect() as connection:
                for statement in statements:
                    await connection.exec_driver_sql(statement)
        finally:
            await engine.dispose()

    _run(execute)


def _database(name: str) -> str:
    return make_url(admin_url()).set(database=name).render_as_string(hide_password=False)


@pytest.fixture(scope="session")
def postgres_database() -> Iterator[str]:
    """Create one migrated database for the session; skip if PostgreSQL is away."""
    try:
        _run(lambda: asyncio.wait_for(_ping(), timeout=5))
    except Exception as error:
        reason = f"PostgreSQL is unreachable at {masked(admin_url())} ({type(error).__name__})"
        if os.environ.get("CI") == "true":
            pytest.fail(f"{reason}; CI=true requires it")
        pytest.skip(reason)
    name = f"saylau_test_{secrets.token_hex(6)}"
    _admin(f'CREATE DATABASE "{name}"')
    try:
        upgrade(_database(name))
        yield _database(name)
    finally:
        _admin(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


async def _ping() -> None:
    engine = create_engine(admin_url(), poolclass=NullPool)
    try:
        async with engine.connect() as connection:
            await connection.exec_driver_sql("SELECT 1")
    finally:
        await engine.dispose()


@pytest.fixture(scope="session")
def sqlite_template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Migrate one SQLite file for the session, to be copied by each test."""
    path = tmp_path_factory.mktemp("saylau-template") / "template.db"
    upgrade(f"sqlite+aiosqlite:///{path}")
    return path


@contextmanager
def fresh_database(request: pytest.FixtureRequest, backend: str) -> Iterator[str]:
    """Give the URL of a new database migrated to head, and drop it afterwards."""
    if backend == "sqlite":
        template: Path = request.getfixturevalue("sqlite_template")
        folder: Path = request.getfixturevalue("tmp_path")
        shutil.copyfile(template, folder / "saylau.db")
        wal = template.with_name(template.name + "-wal")  # normally checkpointed away on close
        if wal.exists():
            shutil.copyfile(wal, folder / "saylau.db-wal")
        yield f"sqlite+aiosqlite:///{folder / 'saylau.db'}"
        return
    url: str = request.getfixturevalue("postgres_database")
    _run(lambda: _empty_tables(url))
    yield url


async def _empty_tables(url: str) -> None:
    """Delete every row, children first, leaving the schema as migrated."""
    engine = create_engine(url, poolclass=NullPool)
    try:
        async with engine.begin() as connection:
            for table in reversed(metadata.sorted_tables):
                await connection.execute(table.delete())
    finally:
        await engine.dispose()


@contextmanager
def empty_database(request: pytest.FixtureRequest, backend: str) -> Iterator[str]:
    """Give the URL of a new database with no schema at all, for migration tests."""
    if backend == "sqlite":
        folder: Path = request.getfixturevalue("tmp_path")
        yield f"sqlite+aiosqlite:///{folder / 'empty' / 'saylau.db'}"
        return
    request.getfixturevalue("postgres_database")  # skips or fails when PostgreSQL is away
    name = f"saylau_test_{secrets.token_hex(6)}"
    _admin(f'CREATE DATABASE "{name}"')
    try:
        yield _database(name)
    finally:
        _admin(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


sql_uow_factory = open_database  # the name tests have always used


@pytest.fixture(params=BACKENDS)
def database_url(request: pytest.FixtureRequest) -> Iterator[str]:
    """A fresh database migrated to head, once on SQLite and once on PostgreSQL."""
    with fresh_database(request, request.param) as url:
        yield url


@pytest.fixture(params=BACKENDS)
def empty_database_url(request: pytest.FixtureRequest) -> Iterator[str]:
    """A fresh database without any schema, once on SQLite and once on PostgreSQL."""
    with empty_database(request, request.param) as url:
        yield url


@pytest.fixture
async def uow_factory(database_url: str) -> AsyncIterator[Callable[[], SqlUnitOfWork]]:
    """Make SQL units of work on the test's fresh database."""
    async with sql_uow_factory(database_url) as factory:
        yield factory
