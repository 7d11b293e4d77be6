"""Vote markers with sealed references, the sealed box, ballots, receipts, late attempts, and
result versions."""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Sequence
from datetime import datetime
from typing import Any

from sqlalchemy import Row, Text, bindparam, cast, delete, func, insert, select, update

from core.ballot_box import SealedBallot
from core.model import Ballot
from core.ports import AlreadyExists, AlreadyVoted
from core.ports_voting import StoredResult, VoteMarker
from storage.repositories.base import SqlRepository, insert_once, unique_or_raise
from storage.repositories.voting import ballot_from_row as _ballot
from storage.tables import (
    ballots,
    contests,
    late_votes,
    receipts,
    results,
    sealed_ballots,
    vote_markers,
)

# Built once, with bind parameters: the statements every ballot runs.
_MARKER = select(vote_markers).where(
    vote_markers.c.contest_id == bindparam("contest"),
    vote_markers.c.pseudonym == bindparam("voter"),
)
_MARKER_FOR_UPDATE = _MARKER.with_for_update()
_UPDATE_MARKER = update(vote_markers).where(
    vote_markers.c.contest_id == bindparam("contest"),
    vote_markers.c.pseudonym == bindparam("voter"),
)
_ADD_SEALED = insert(sealed_ballots)
_HOLD = {
    exclusive: select(contests.c.id)
    .where(contests.c.id.in_(bindparam("ids", expanding=True)))
    .order_by(contests.c.id)
    .with_for_update(read=not exclusive)
    for exclusive in (False, True)
}
_VERSIONS = (
    select(results).where(results.c.group_id == bindparam("group")).order_by(results.c.version)
)


def _ballot_values(ballot: Ballot) -> dict[str, Any]:
    return {
        "id": ballot.id,
        "contest_id": ballot.contest_id,
        "choices": list(ballot.choices),
        "status": ballot.status.value,
        "reason": ballot.reason,
        "open_voter": ballot.open_voter,
    }


def _marker(row: Row[Any]) -> VoteMarker:
    return VoteMarker(row.contest_id, row.pseudonym, row.ballot_ref, row.receipt_ref)


class SqlVotingRecords(SqlRepository):
    async def mark(self, marker: VoteMarker) -> None:
        values = {
            "contest_id": marker.contest_id,
            "pseudonym": marker.voter,
            "ballot_ref": marker.ballot_ref,
            "receipt_ref": marker.receipt_ref,
        }
        # The primary key is the one-ballot-per-voter rule: a concurrent second cast waits on
        # the first one's row, then fails here before writing anything.
        if not await insert_once(self._session, vote_markers, values):
            raise AlreadyVoted("already voted in this contest")

    async def marker(
        self, contest_id: int, voter: str, *, for_update: bool = False
    ) -> VoteMarker | None:
        statement = _MARKER_FOR_UPDATE if for_update else _MARKER
        row = (
            await self._session.execute(statement, {"contest": contest_id, "voter": voter})
        ).first()
        return _marker(row) if row else None

    async def update_marker(self, marker: VoteMarker) -> None:
        values = {"ballot_ref": marker.ballot_ref, "receipt_ref": marker.receipt_ref}
        where = {"contest": marker.contest_id, "voter": marker.voter}
        await self._session.execute(_UPDATE_MARKER, values | where)

    async def count_markers(self, contest_id: int) -> int:
        return await self._count(vote_markers, contest_id)

    async def forget_references(self, contest_id: int) -> int:
        statement = (
            update(vote_markers)
            .where(vote_markers.c.contest_id == contest_id)
            .values(ballot_ref=None, receipt_ref=None)
        )
        await self._session.execute(statement)
        return await self.count_markers(contest_id)

    async def add_sealed_ballot(self, sealed: SealedBallot) -> None:
        values = {"id": sealed.id, "contest_id": sealed.contest_id, "body": sealed.body}
        await self._session.execute(_ADD_SEALED, values)

    async def remove_sealed_ballot(self, ballot_id: str) -> None:
        await self._session.execute(delete(sealed_ballots).where(sealed_ballots.c.id == ballot_id))

    async def sealed_ballots(self, contest_id: int) -> list[SealedBallot]:
        statement = select(sealed_ballots).where(sealed_ballots.c.contest_id == contest_id)
        rows = await self._session.execute(statement.order_by(sealed_ballots.c.id))
        return [SealedBallot(row.id, row.contest_id, row.body) for row in rows]

    async def count_sealed(self, contest_id: int) -> int:
        return await self._count(sealed_ballots, contest_id)

    async def empty_box(self, contest_id: int) -> None:
        statement = delete(sealed_ballots).where(sealed_ballots.c.contest_id == contest_id)
        await self._session.execute(statement)

    async def ballots(self, contest_id: int) -> list[Ballot]:
        # Ordered by the random id: the order says nothing about the order of casting.
        statement = select(ballots).where(ballots.c.contest_id == contest_id).order_by(ballots.c.id)
        return [_ballot(row) for row in await self._session.execute(statement)]

    async def markings(self, contest_id: int) -> Counter[tuple[str, ...]]:
        # Grouped by the database: a few distinct markings come back, not a million rows.
        # Equal lists are almost always equal text; the sum below covers the rest.
        marking = cast(ballots.c.choices, Text)
        statement = (
            select(marking, func.count())
            .where(ballots.c.contest_id == contest_id)
            .group_by(marking)
        )
        found: Counter[tuple[str, ...]] = Counter()
        for text, number in await self._session.execute(statement):
            found[tuple(json.loads(text))] += int(number)
        return found

    async def rewrite_ballots(self, contest_id: int, written: Sequence[Ballot]) -> None:
        await self._session.execute(delete(ballots).where(ballots.c.contest_id == contest_id))
        if written:  # a multi-row insert writes its rows in the order given
            await self._session.execute(insert(ballots), [_ballot_values(b) for b in written])

    async def add_receipt(self, contest_id: int, code: str) -> None:
        values = {"contest_id": contest_id, "code": code}
        if not await insert_once(self._session, receipts, values):
            raise AlreadyExists("receipt code drawn twice")

    async def remove_receipt(self, contest_id: int, code: str) -> None:
        statement = delete(receipts).where(
            receipts.c.contest_id == contest_id, receipts.c.code == code
        )
        await self._session.execute(statement)

    async def receipts(self, contest_id: int) -> list[str]:
        statement = (
            select(receipts.c.code)
            .where(receipts.c.contest_id == contest_id)
            .order_by(receipts.c.code)
        )
        return list((await self._session.execute(statement)).scalars())

    async def rewrite_receipts(self, contest_id: int, codes: Sequence[str]) -> None:
        await self._session.execute(delete(receipts).where(receipts.c.contest_id == contest_id))
        if codes:
            rows = [{"contest_id": contest_id, "code": code} for code in codes]
            await self._session.execute(insert(receipts), rows)

    async def mark_late(self, contest_id: int, voter: str) -> bool:
        values = {"contest_id": contest_id, "pseudonym": voter}
        return await insert_once(self._session, late_votes, values)

    async def count_late(self, contest_id: int) -> int:
        return await self._count(late_votes, contest_id)

    async def hold_contests(self, contest_ids: Sequence[int], *, exclusive: bool) -> None:
        # Row locks on PostgreSQL; SQLite transactions already hold the single write lock.
        await self._session.execute(_HOLD[exclusive], {"ids": list(contest_ids)})

    async def _count(self, table: Any, contest_id: int) -> int:
        statement = select(func.count()).select_from(table).where(table.c.contest_id == contest_id)
        return int((await self._session.execute(statement)).scalar_one())


def _result(row: Row[Any]) -> StoredResult:
    return StoredResult(
        group_id=row.group_id,
        version=row.version,
        result=row.result,
        seed=row.seed,
        computed_at=row.computed_at,
        confirmed_at=row.confirmed_at,
        confirmed_by=row.confirmed_by,
    )


class SqlResults(SqlRepository):
    async def add(self, result: StoredResult) -> None:
        values = {
            "group_id": result.group_id,
            "version": result.version,
            "result": result.result,
            "seed": result.seed,
            "computed_at": result.computed_at,
            "confirmed_at": result.confirmed_at,
            "confirmed_by": result.confirmed_by,
        }
        async with unique_or_raise(self._session, AlreadyExists("this result version exists")):
            await self._session.execute(insert(results).values(values))

    async def versions(self, group_id: int) -> list[StoredResult]:
        rows = await self._session.execute(_VERSIONS, {"group": group_id})
        return [_result(row) for row in rows]

    async def confirm(self, group_id: int, version: int, at: datetime, by: str) -> None:
        statement = (
            update(results)
            .where(results.c.group_id == group_id, results.c.version == version)
            .values(confirmed_at=at, confirmed_by=by)
        )
        await self._session.execute(statement)
