"""Migrations: up, down and up again on both backends, and the result matches the tables."""

from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from sqlalchemy import inspect, text
from sqlalchemy.engine import Connection

from core.model import Cycle
from core.services.load_election import load_election
from storage.db import create_engine
from storage.migrate import current, downgrade, head, upgrade
from storage.tables import metadata
from storage.uow import open_database
from tests.builders import START, election, group, name_key, names
from tests.fakes import FakeClock


async def _run(url: str, work):
    engine = create_engine(url)
    try:
        async with engine.connect() as connection:
            return await connection.run_sync(work)
    finally:
        await engine.dispose()


def _tables(connection: Connection) -> set[str]:
    return set(inspect(connection).get_table_names()) - {"alembic_version"}


def _differences(connection: Connection) -> list:
    return compare_metadata(MigrationContext.configure(connection), metadata)


async def test_stairway_up_down_up(empty_database_url):
    assert current(empty_database_url) is None

    assert upgrade(empty_database_url) == head()
    assert await _run(empty_database_url, _tables) == set(metadata.tables)
    assert downgrade(empty_database_url, "base") is None
    assert await _run(empty_database_url, _tables) == set()
    assert upgrade(empty_database_url) == head()
    assert await _run(empty_database_url, _tables) == set(metadata.tables)


async def test_the_migrated_schema_is_the_one_the_code_uses(database_url):
    assert await _run(database_url, _differences) == []


async def test_instants_come_back_aware_utc(uow_factory):
    almaty = ZoneInfo("Asia/Almaty")
    starts = datetime(2024, 8, 11, 9, 30, 15, 123456, tzinfo=almaty)
    cycle = Cycle(
        code="ccm-2024",
        names=names("CCM"),
        year=2024,
        timezone="Asia/Almaty",
        starts_at=starts,
        ends_at=starts + timedelta(days=30),
        digest="0" * 64,
        loaded_at=starts,
    )
    async with uow_factory() as uow:
        await uow.cycles.add(cycle)
        await uow.commit()

    async with uow_factory() as uow:
        stored = await uow.cycles.get("ccm-2024")

    assert stored is not None
    assert stored.starts_at == starts
    assert stored.starts_at.utcoffset() == timedelta(0)
    assert stored.starts_at.hour == 4  # 09:30 in Almaty is 04:30 UTC


async def test_an_open_vote_with_ballots_in_clear_stops_the_upgrade_to_the_sealed_box(
    empty_database_url,
):
    """Clear ballots of a vote still open would be lost by the new close: refuse, and say why."""
    upgrade(empty_database_url)
    async with open_database(empty_database_url) as make_uow:
        await load_election(election(group("SW")), make_uow(), FakeClock(START), name_key)
    downgrade(empty_database_url, "0005")

    def cast_in_clear(connection: Connection) -> None:
        contest = connection.execute(text("SELECT min(id) FROM contests")).scalar_one()
        row = {"c": contest, "id": "a" * 32}
        connection.execute(
            text(
                "INSERT INTO ballots (id, contest_id, choices, status, receipt) "
                "VALUES (:id, :c, '[]', 'counted', :id)"
            ),
            row,
        )
        connection.commit()

    await _run(empty_database_url, cast_in_clear)

    with pytest.raises(RuntimeError, match="1 ballots belong to votes that are not closed"):
        upgrade(empty_database_url)
    assert current(empty_database_url) == "0005"
