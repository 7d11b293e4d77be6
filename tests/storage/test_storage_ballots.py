"""One ballot per voter per contest, enforced by the database, and ballots that name nobody."""

import asyncio
import uuid
from typing import Any

import pytest
from sqlalchemy import DateTime, func, inspect, select
from sqlalchemy.engine import Connection
from sqlalchemy.exc import OperationalError

from core.audit import AuditEvent
from core.ballot_box import seal_ballot
from core.model import Ballot, BallotStatus
from core.ports import AlreadyVoted
from core.ports_voting import VoteMarker
from storage.db import create_engine
from storage.tables import ballots, sealed_ballots, vote_markers
from storage.testing import fresh_database
from tests.builders import START, pseudonym, seed
from tests.services.voting_support import ballots_in_box, sealer

VOTER = pseudonym(1)


def ballot(contest_id: int, *choices: str) -> Ballot:
    return Ballot(
        id=uuid.uuid4().hex,
        contest_id=contest_id,
        choices=choices,
        status=BallotStatus.COUNTED,
    )


async def count_rows(database_url: str) -> tuple[int, int, int]:
    """How many vote markers, sealed ballots and clear ballots the database holds."""
    engine = create_engine(database_url)
    try:
        async with engine.connect() as connection:
            found = [
                await connection.scalar(select(func.count()).select_from(table))
                for table in (vote_markers, sealed_ballots, ballots)
            ]
    finally:
        await engine.dispose()
    markers, sealed, clear = (int(n or 0) for n in found)
    return markers, sealed, clear


async def test_a_second_marker_is_refused_and_leaves_nothing_behind(database_url, uow_factory):
    _, contest = await seed(uow_factory, VOTER)
    first = ballot(contest, pseudonym(2))
    async with uow_factory() as uow:
        await uow.votes.mark(VoteMarker(contest, VOTER))
        await uow.votes.add_sealed_ballot(seal_ballot(sealer, first))
        await uow.commit()

    async with uow_factory() as uow:
        with pytest.raises(AlreadyVoted):
            await uow.votes.mark(VoteMarker(contest, VOTER))
        # The refusal must not poison the transaction: the caller can still record it.
        await uow.audit.append(AuditEvent("ballot.refused"), START)
        await uow.commit()

    assert await count_rows(database_url) == (1, 1, 0)
    async with uow_factory() as uow:
        assert await ballots_in_box(uow, contest) == [first]
        assert await uow.ballots.voters(contest) == [VOTER]
        assert [e.event.action for e in await uow.audit.entries()][-1] == "ballot.refused"


async def test_two_concurrent_casts_keep_exactly_one_ballot(database_url, uow_factory):
    _, contest = await seed(uow_factory, VOTER)
    # PostgreSQL lets both transactions be open at once, so the second insert waits on the
    # first one's marker; SQLite serialises writers from BEGIN, so there they take turns.
    both_open = asyncio.Barrier(2 if database_url.startswith("postgresql") else 1)

    async def cast(choice: str) -> str:
        async with uow_factory() as uow:
            await uow.votes.marker(contest, VOTER)  # both transactions are really open
            await both_open.wait()
            try:
                # As the cast writes them: the marker first, so a refusal comes before the box.
                await uow.votes.mark(VoteMarker(contest, VOTER))
                await uow.votes.add_sealed_ballot(seal_ballot(sealer, ballot(contest, choice)))
                await uow.commit()
            except AlreadyVoted:
                return "refused"
            return "kept"

    outcomes = await asyncio.wait_for(asyncio.gather(cast("a"), cast("b")), timeout=30)

    assert sorted(outcomes) == ["kept", "refused"]
    assert await count_rows(database_url) == (1, 1, 0)


def _columns(table: str) -> Any:
    def read(connection: Connection) -> tuple[Any, Any, Any]:
        inspector = inspect(connection)
        return (
            inspector.get_columns(table),
            inspector.get_foreign_keys(table),
            inspector.get_pk_constraint(table),
        )

    return read


BALLOT_COLUMNS = {
    "ballots": {"id", "contest_id", "choices", "status", "reason", "open_voter"},
    "sealed_ballots": {"id", "contest_id", "body"},
}


@pytest.mark.parametrize("table", sorted(BALLOT_COLUMNS))
async def test_a_ballot_row_cannot_be_linked_to_a_voter_or_a_moment(database_url, table):
    engine = create_engine(database_url)
    try:
        async with engine.connect() as connection:
            columns, foreign_keys, primary_key = await connection.run_sync(_columns(table))
    finally:
        await engine.dispose()

    names = {column["name"] for column in columns}
    assert names == BALLOT_COLUMNS[table]
    assert not [c for c in columns if isinstance(c["type"], DateTime)]
    assert {fk["referred_table"] for fk in foreign_keys} == {"contests"}
    assert primary_key["constrained_columns"] == ["id"]
    [id_column] = [c for c in columns if c["name"] == "id"]
    assert id_column["type"].python_type is str


async def test_sqlite_keeps_no_hidden_insertion_order_for_ballots_or_markers(request):
    with fresh_database(request, "sqlite") as url:
        engine = create_engine(url)
        try:
            async with engine.connect() as connection:
                for table in ("ballots", "sealed_ballots", "vote_markers"):
                    with pytest.raises(OperationalError, match="rowid"):
                        await connection.exec_driver_sql(f"SELECT rowid FROM {table}")
        finally:
            await engine.dispose()
