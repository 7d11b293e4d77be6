"""Helpers for the fault and secrecy tests: the engine on a real database, and table dumps.

`sql_stage` is tests/bot/talk.py's bench on SQLite or PostgreSQL instead of the fakes, so that
what people do in the bot ends up in real tables that a test can dump as an intruder would.
No tests here.
"""

from __future__ import annotations

from collections.abc import AsyncIterator, Callable
from contextlib import asynccontextmanager
from dataclasses import dataclass, field
from datetime import datetime
from itertools import count
from typing import Any, cast

from sqlalchemy.pool import NullPool

from bot.assembly import BotParts, assemble, courier
from bot.delivery import Courier
from bot.runtime import BotRuntime
from core.election import ElectionConfig
from core.ports_dialogue import DialogueUnitOfWork
from core.services.load_election import load_election
from storage.db import create_engine, is_sqlite
from storage.tables import metadata
from storage.testing import sql_uow_factory
from storage.uow import SqlUnitOfWork
from tests.bot.talk import VAULT, Bench, Person, Recorder
from tests.bot.test_flow_vote_support import RECEIPT
from tests.fakes import FakeClock

Row = tuple[Any, ...]


@dataclass
class SqlStage:
    """The bot's engine on a real database, with people who talk to it directly."""

    clock: FakeClock
    runtime: BotRuntime
    courier: Courier
    recorder: Recorder
    uow: Callable[[], SqlUnitOfWork]
    # Ten digits, as Telegram ids are now: in a dump they cannot turn up in hex by chance.
    _ids: count[int] = field(default_factory=lambda: count(7_300_000_001))

    def person(self, language: str | None = "en") -> Person:
        # Person only uses the recorder, runtime and courier, which a SqlStage has too.
        return Person(cast(Bench, self), next(self._ids), language)


@asynccontextmanager
async def sql_stage(url: str, election: ElectionConfig, now: datetime) -> AsyncIterator[SqlStage]:
    """Load `election` into the database at `url` and run the engine on it at `now`."""
    clock = FakeClock(now)
    async with sql_uow_factory(url) as factory:
        await load_election(election, factory(), clock, VAULT.name_key)
        dialogue = cast(Callable[[], DialogueUnitOfWork], factory)
        parts = BotParts(uow_factory=dialogue, vault=VAULT, clock=clock)
        recorder = Recorder()
        yield SqlStage(
            clock,
            assemble(parts, "https://t.me/saylau_bot"),
            courier(parts, recorder),
            recorder,
            factory,
        )


@dataclass(frozen=True)
class Dump:
    """Every table as `SELECT *` returns it: rows in the order the database keeps them."""

    columns: dict[str, list[str]]
    rows: dict[str, list[Row]]

    def column(self, table: str, name: str) -> list[Any]:
        index = self.columns[table].index(name)
        return [row[index] for row in self.rows[table]]


async def dump_tables(url: str) -> Dump:
    """Read every table with no ORDER BY, plus PostgreSQL's row versions and places."""
    engine = create_engine(url, poolclass=NullPool)
    extra = "" if is_sqlite(url) else "xmin::text AS xmin, ctid::text AS ctid, "
    columns: dict[str, list[str]] = {}
    rows: dict[str, list[Row]] = {}
    try:
        async with engine.connect() as connection:
            for table in metadata.sorted_tables:
                result = await connection.exec_driver_sql(f"SELECT {extra}* FROM {table.name}")
                columns[table.name] = list(result.keys())
                rows[table.name] = [tuple(row) for row in result]
    finally:
        await engine.dispose()
    return Dump(columns, rows)


async def count_rows(url: str, table: str) -> int:
    """Count a table's rows, from outside the bot."""
    engine = create_engine(url, poolclass=NullPool)
    try:
        async with engine.connect() as connection:
            result = await connection.exec_driver_sql(f"SELECT count(*) FROM {table}")
            return int(result.scalar_one())
    finally:
        await engine.dispose()


def ranks(values: list[Any]) -> list[float]:
    """Rank values (ties share their mean rank), comparing them as text when types differ."""
    keyed = sorted(range(len(values)), key=lambda i: _sortable(values[i]))
    result = [0.0] * len(values)
    start = 0
    while start < len(keyed):
        end = start
        while end + 1 < len(keyed) and _sortable(values[keyed[end + 1]]) == _sortable(
            values[keyed[start]]
        ):
            end += 1
        for position in range(start, end + 1):
            result[keyed[position]] = (start + end) / 2
        start = end + 1
    return result


def _sortable(value: Any) -> tuple[int, Any]:
    if value is None:
        return (0, "")
    if isinstance(value, int | float):
        return (1, value)
    if isinstance(value, bytes):
        return (2, value.hex())
    return (2, str(value))


def rank_correlation(first: list[Any], second: list[Any]) -> float:
    """Spearman's rho of two equally long lists; 0 when either is constant."""
    a, b = ranks(first), ranks(second)
    mean_a, mean_b = sum(a) / len(a), sum(b) / len(b)
    cov = sum((x - mean_a) * (y - mean_b) for x, y in zip(a, b, strict=True))
    var_a = sum((x - mean_a) ** 2 for x in a)
    var_b = sum((y - mean_b) ** 2 for y in b)
    if var_a == 0 or var_b == 0:
        return 0.0
    return float(cov / (var_a * var_b) ** 0.5)


def text_of(value: Any) -> str:
    """A stored value as an intruder greps it: bytes as hex, everything else as text."""
    if isinstance(value, bytes | memoryview):
        return bytes(value).hex()
    return str(value)


async def vote_for(person: Person, name: str) -> str:
    """Vote through the bot in English for candidate `name`; return the receipt it showed."""
    await person.send("/vote")
    await person.tap(f"☐ {name}")
    await person.tap("Check and send ▶")
    await person.tap("✅ Confirm and send")
    found = RECEIPT.findall(person.last().text)
    assert len(found) == 1, person.said()
    return str(found[0])
