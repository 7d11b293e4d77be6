"""The vote on real databases: racing casts, and nothing left to link a ballot to a voter."""

from __future__ import annotations

import asyncio
import json
from typing import Any

import pytest
from sqlalchemy import inspect, select
from sqlalchemy.engine import Connection
from sqlalchemy.exc import OperationalError

from core.errors import Refused
from core.services.export import export_group
from core.services.verify import verify_export
from core.services.voting import Receipt
from core.tally import ContestKind
from storage.db import create_engine
from storage.tables import ballots, receipts, vote_markers
from storage.testing import fresh_database, sql_uow_factory
from tests.services.voting_support import (
    ballots_in_box,
    close,
    contest_ids,
    ids_by_name,
    populate,
    sealer,
    setup,
    single_group,
    vote,
    voters,
)


async def rows(url: str, *columns: Any) -> list[tuple[Any, ...]]:
    engine = create_engine(url)
    try:
        async with engine.connect() as connection:
            return [tuple(row) for row in await connection.execute(select(*columns))]
    finally:
        await engine.dispose()


def _shape(connection: Connection) -> dict[str, Any]:
    inspector = inspect(connection)
    return {
        table: (
            {column["name"] for column in inspector.get_columns(table)},
            {fk["referred_table"] for fk in inspector.get_foreign_keys(table)},
        )
        for table in ("ballots", "receipts", "vote_markers", "late_votes", "results")
    }


async def test_after_the_close_nothing_links_a_ballot_or_receipt_to_a_voter(
    database_url, uow_factory
):
    await setup(uow_factory, single_group(revote=True))
    electorate = voters(3)
    await populate(uow_factory, "PLHIV", electorate, ["Aigul", "Bolat"])
    [contest] = await contest_ids(uow_factory)
    ids = await ids_by_name(uow_factory, electorate[0])
    for person in [*electorate, electorate[0]]:  # the first voter votes twice
        await vote(uow_factory, person, {contest: [ids["Aigul"]]})
    references = vote_markers.c.ballot_ref, vote_markers.c.receipt_ref
    assert all(ref is not None for row in await rows(database_url, *references) for ref in row)
    cast_ids = set(await rows(database_url, ballots.c.id))

    await close(uow_factory)

    assert await rows(database_url, *references) == [(None, None)] * 3
    # The ballots were rewritten under fresh ids: none is the one a marker pointed to.
    assert cast_ids.isdisjoint(await rows(database_url, ballots.c.id))
    assert await rows(database_url, ballots.c.open_voter) == [(None,)] * 3
    assert len(await rows(database_url, receipts.c.code)) == 3
    engine = create_engine(database_url)
    try:
        async with engine.connect() as connection:
            shape = await connection.run_sync(_shape)
    finally:
        await engine.dispose()
    assert shape["receipts"] == ({"contest_id", "code"}, {"contests"})
    assert shape["late_votes"] == ({"contest_id", "pseudonym"}, {"contests", "people"})
    assert shape["vote_markers"][0] == {"contest_id", "pseudonym", "ballot_ref", "receipt_ref"}
    assert shape["ballots"][1] == {"contests"}  # the only voter column is open_voter, NULL here
    assert "pseudonym" not in shape["ballots"][0]


async def test_sqlite_keeps_no_hidden_insertion_order_for_receipts_or_late_votes(request):
    with fresh_database(request, "sqlite") as url:
        engine = create_engine(url)
        try:
            async with engine.connect() as connection:
                for table in ("receipts", "late_votes"):
                    with pytest.raises(OperationalError, match="rowid"):
                        await connection.exec_driver_sql(f"SELECT rowid FROM {table}")
        finally:
            await engine.dispose()


class _Racer:
    """A unit of work whose first call of one voting-records method waits for the other racer."""

    def __init__(self, uow: Any, barrier: asyncio.Barrier, method: str) -> None:
        self._uow, self._barrier, self._method = uow, barrier, method
        self._waited = False

    def __getattr__(self, name: str) -> Any:
        return getattr(self._uow, name)

    async def __aenter__(self) -> _Racer:
        await self._uow.__aenter__()
        return self

    async def __aexit__(self, *exc: Any) -> None:
        await self._uow.__aexit__(*exc)

    @property
    def votes(self) -> Any:
        racer, records = self, self._uow.votes

        class Records:
            def __getattr__(self, name: str) -> Any:
                call = getattr(records, name)
                if name != racer._method or racer._waited:
                    return call

                async def after_the_other(*args: Any, **kwargs: Any) -> Any:
                    racer._waited = True
                    await racer._barrier.wait()
                    return await call(*args, **kwargs)

                return after_the_other

        return Records()


async def _race(request, revote: bool, method: str, voted_before: bool):
    """Two casts of one voter at once on PostgreSQL; return their outcomes and the stored rows."""
    with fresh_database(request, "postgres") as url:
        async with sql_uow_factory(url) as make_uow:
            await setup(make_uow, single_group(revote=revote))
            [person] = voters(1)
            await populate(make_uow, "PLHIV", [person], ["Aigul", "Bolat"])
            [contest] = await contest_ids(make_uow)
            ids = await ids_by_name(make_uow, person)
            if voted_before:
                await vote(make_uow, person, {contest: []})
            barrier = asyncio.Barrier(2)

            async def cast(name: str) -> Receipt | str:
                try:
                    racer = _Racer(make_uow(), barrier, method)
                    return await vote(lambda: racer, person, {contest: [ids[name]]})
                except Refused as refusal:
                    return refusal.reason.code

            outcomes = await asyncio.wait_for(asyncio.gather(cast("Aigul"), cast("Bolat")), 30)
            async with make_uow() as uow:
                stored = (
                    await uow.votes.count_markers(contest),
                    [b.choices for b in await ballots_in_box(uow, contest)],
                    await uow.votes.receipts(contest),
                )
        return outcomes, stored, ids


@pytest.mark.postgres
async def test_two_first_casts_at_once_keep_one_ballot_and_refuse_the_other(request):
    outcomes, (markers, kept, codes), _ = await _race(request, False, "mark", False)

    receipts = [o for o in outcomes if isinstance(o, Receipt)]
    assert len(receipts) == 1 and [o for o in outcomes if isinstance(o, str)] == [
        "ballot.already_voted"
    ]
    assert (markers, len(kept), codes) == (1, 1, [receipts[0].code])


@pytest.mark.postgres
async def test_two_first_casts_at_once_with_revote_keep_only_the_later_one(request):
    outcomes, (markers, kept, codes), _ = await _race(request, True, "mark", False)

    assert all(isinstance(o, Receipt) for o in outcomes)
    later = next(o for o in outcomes if isinstance(o, Receipt) and o.replaced_earlier)
    assert (markers, len(kept), codes) == (1, 1, [later.code])


@pytest.mark.postgres
async def test_two_revotes_at_once_keep_one_ballot_and_one_receipt(request):
    outcomes, (markers, kept, codes), ids = await _race(request, True, "marker", True)

    assert all(isinstance(o, Receipt) and o.replaced_earlier for o in outcomes)
    assert markers == 1 and len(kept) == 1 and len(codes) == 1
    assert codes[0] in {o.code for o in outcomes if isinstance(o, Receipt)}
    assert kept[0] in {(ids["Aigul"],), (ids["Bolat"],)}


@pytest.mark.postgres
async def test_a_cast_in_flight_at_the_close_is_counted_or_late_never_lost(request):
    with fresh_database(request, "postgres") as url:
        async with sql_uow_factory(url) as make_uow:
            await setup(make_uow, single_group())
            [person] = voters(1)
            await populate(make_uow, "PLHIV", [person], ["Aigul"])
            [contest] = await contest_ids(make_uow)
            ids = await ids_by_name(make_uow, person)
            barrier = asyncio.Barrier(2)
            casting = _Racer(make_uow(), barrier, "mark")  # waits holding its contests shared
            closing = _Racer(make_uow(), barrier, "hold_contests")

            receipt, closed = await asyncio.wait_for(
                asyncio.gather(
                    vote(lambda: casting, person, {contest: [ids["Aigul"]]}),
                    close(lambda: closing),
                ),
                30,
            )
            data = await export_group(make_uow(), group_code="PLHIV", sealer=sealer)

    assert receipt.code in data["contests"][0]["receipts"]
    assert closed.result.contest(ContestKind.SINGLE).valid == 1
    assert verify_export(json.loads(json.dumps(data))) == []
