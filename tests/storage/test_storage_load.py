"""Loading the same declaration twice writes no second copy of anything."""

from datetime import timedelta

from sqlalchemy import func, select

from core.regulation import CompetitionRule
from core.services.load_election import LoadStatus, load_election
from storage.db import create_engine
from storage.tables import metadata
from tests.builders import START, election, group, holder, name_key, regulation
from tests.fakes import FakeClock


async def row_counts(database_url: str) -> dict[str, int]:
    engine = create_engine(database_url)
    try:
        async with engine.connect() as connection:
            return {
                name: int(await connection.scalar(select(func.count()).select_from(table)) or 0)
                for name, table in metadata.tables.items()
            }
    finally:
        await engine.dispose()


async def test_loading_twice_duplicates_no_row(database_url, uow_factory):
    parallel = regulation(CompetitionRule.PARALLEL_CONTESTS)
    config = election(
        group("PLHIV", past_holders=(holder("A. Petrova", 2018, 2021), holder("B. Ivanov", 2021))),
        group("INTL", rules=parallel),
    )
    clock = FakeClock(START)
    first = await load_election(config, uow_factory(), clock, name_key)
    after_first = await row_counts(database_url)

    clock.advance(timedelta(days=15))
    second = await load_election(config, uow_factory(), clock, name_key)

    assert (first.status, second.status) == (LoadStatus.CREATED, LoadStatus.UNCHANGED)
    assert await row_counts(database_url) == after_first
    expected = {"cycles": 1, "groups": 2, "contests": 3, "past_terms": 3, "audit_log": 1}
    assert {name: after_first[name] for name in expected} == expected
