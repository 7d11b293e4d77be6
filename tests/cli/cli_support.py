"""Running the Secretariat's commands against a database where the scripted election was played.

The `played` fixture lives in tests/cli/conftest.py.
"""

from __future__ import annotations

import asyncio
import re
from collections.abc import Awaitable, Callable
from datetime import datetime
from typing import TypeVar

import pytest
from sqlalchemy import text
from sqlalchemy.pool import NullPool
from typer.testing import CliRunner

from admin_cli import store
from admin_cli.main import app
from storage.db import create_engine
from storage.testing import sql_uow_factory
from storage.uow import SqlUnitOfWork
from tests.cli.election_script import DATA_KEY, PSEUDONYM_KEY, Cast
from tests.fakes import FakeClock

T = TypeVar("T")

# For tests of the command line itself (arguments, output loops): the data paths run on both.
sqlite_only = pytest.mark.parametrize("database_url", ["sqlite"], indirect=True)


def on_database(url: str, work: Callable[[Callable[[], SqlUnitOfWork]], Awaitable[T]]) -> T:
    """Run `work` on the test database, outside the command under test."""

    async def go() -> T:
        async with sql_uow_factory(url) as factory:
            return await work(factory)

    return asyncio.run(go())


def sql(url: str, statement: str) -> list[tuple]:
    """Run one SQL statement on the test database, as someone with direct access would."""

    async def go() -> list[tuple]:
        engine = create_engine(url, poolclass=NullPool)
        try:
            async with engine.begin() as connection:
                result = await connection.execute(text(statement))
                return [tuple(row) for row in result] if result.returns_rows else []
        finally:
            await engine.dispose()

    return asyncio.run(go())


def at(monkeypatch: pytest.MonkeyPatch, moment: datetime) -> None:
    """Make the commands believe it is `moment`."""
    monkeypatch.setattr(store, "CLOCK", FakeClock(moment))


def run(*args: str, input: str | None = None) -> tuple[int, str, str]:
    result = CliRunner().invoke(app, list(args), input=input)
    return result.exit_code, result.stdout, result.stderr


TELEGRAM_ID = re.compile(r"(?<![0-9A-Za-z])70001[0-9]{2}(?![0-9A-Za-z])")


def assert_private(text: str, cast: Cast) -> None:
    """Fail if the text holds a full pseudonym, a chat id, a Telegram id or a key."""
    for pseudonym, chat in cast.chats.items():
        assert pseudonym not in text
        assert pseudonym[:16] not in text
        assert str(chat) not in text
    # The script's Telegram ids are 7_000_1xx; a hash may hold those digits inside it.
    assert not TELEGRAM_ID.search(text)
    assert PSEUDONYM_KEY not in text and DATA_KEY not in text
    assert "Traceback" not in text
