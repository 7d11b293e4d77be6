"""Databases for the process-level fault tests: the suite's fresh databases, without disk flushes.

A killed bot loses nothing the operating system or the database server already holds, so an
SQLite file in memory (/dev/shm) and PostgreSQL with synchronous_commit off behave under SIGKILL
of the bot as they do with every commit flushed, without a disk flush per turn slowing a few
hundred voters. (Only a crash of the machine or of the server would tell them apart.)
"""

from __future__ import annotations

import asyncio
import shutil
import tempfile
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from contextlib import contextmanager
from pathlib import Path

import pytest
from sqlalchemy.engine import make_url

from storage.testing import BACKENDS, fresh_database
from tests.faults.private_postgres import administer

MEMORY = Path("/dev/shm")


@pytest.fixture(params=BACKENDS)
def served_database_url(request: pytest.FixtureRequest) -> Iterator[str]:
    """A fresh database migrated to head, on SQLite (in memory when it can) and PostgreSQL."""
    with fresh_database(request, request.param) as url:
        if request.param != "sqlite":
            with unflushed(url):
                yield url
            return
        if not MEMORY.is_dir():
            yield url
            return
        folder = Path(tempfile.mkdtemp(prefix="saylau-faults-", dir=MEMORY))
        try:
            source = Path(str(make_url(url).database))
            for suffix in ("", "-wal"):
                if Path(f"{source}{suffix}").exists():
                    shutil.copyfile(f"{source}{suffix}", folder / f"saylau.db{suffix}")
            yield f"sqlite+aiosqlite:///{folder / 'saylau.db'}"
        finally:
            shutil.rmtree(folder, ignore_errors=True)


@pytest.fixture
def postgres_url(request: pytest.FixtureRequest) -> Iterator[str]:
    """A fresh PostgreSQL database migrated to head (skipped, or failed under CI, without it)."""
    with fresh_database(request, "postgres") as url, unflushed(url):
        yield url


@contextmanager
def unflushed(url: str) -> Iterator[None]:
    """PostgreSQL: commits answered before their flush, for new sessions, until the block ends."""
    name = make_url(url).database
    _alter(url, f'ALTER DATABASE "{name}" SET synchronous_commit = off')
    try:
        yield
    finally:
        _alter(url, f'ALTER DATABASE "{name}" RESET synchronous_commit')


def _alter(url: str, statement: str) -> None:
    with ThreadPoolExecutor(max_workers=1) as pool:  # away from the test's event loop
        pool.submit(asyncio.run, administer(url, statement)).result()
