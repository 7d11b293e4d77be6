"""Cycles, groups (with their calendars), contests and past terms."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace
from typing import Any

from sqlalchemy import Row, bindparam, delete, insert, select, update
from sqlalchemy.ext.asyncio import AsyncSession

from core.calendar import GroupCalendar, Stage
from core.election import Seat
from core.model import Contest, ContestKind, Cycle, Group, PastTerm
from core.regulation import Names, Regulation
from storage.repositories.base import SqlRepository
from storage.tables import CALENDAR_FIELDS, contests, cycles, groups, past_terms


def _cycle_values(cycle: Cycle) -> dict[str, Any]:
    return {
        "code": cycle.code,
        "names": cycle.names.model_dump(mode="json"),
        "year": cycle.year,
        "timezone": cycle.timezone,
        "starts_at": cycle.starts_at,
        "ends_at": cycle.ends_at,
        "digest": cycle.digest,
        "loaded_at": cycle.loaded_at,
    }


def _cycle(row: Row[Any]) -> Cycle:
    return Cycle(
        code=row.code,
        names=Names.model_validate(row.names),
        year=row.year,
        timezone=row.timezone,
        starts_at=row.starts_at,
        ends_at=row.ends_at,
        digest=row.digest,
        loaded_at=row.loaded_at,
    )


def _group_values(group: Group) -> dict[str, Any]:
    values: dict[str, Any] = {
        "code": group.code,
        "names": group.names.model_dump(mode="json"),
        "regulation": group.regulation.model_dump(mode="json"),
        "digest": group.digest,
        "stage_recorded": group.stage_recorded.value if group.stage_recorded else None,
    }
    for field in CALENDAR_FIELDS:
        values[f"{field}_at"] = getattr(group.calendar, field)
    return values


def _group(row: Row[Any]) -> Group:
    calendar = GroupCalendar(**{field: getattr(row, f"{field}_at") for field in CALENDAR_FIELDS})
    return Group(
        cycle_code=row.cycle_code,
        code=row.code,
        names=Names.model_validate(row.names),
        regulation=Regulation.model_validate(row.regulation),
        calendar=calendar,
        digest=row.digest,
        stage_recorded=Stage(row.stage_recorded) if row.stage_recorded else None,
        id=row.id,
    )


_GROUP_ROWS = select(groups, cycles.c.code.label("cycle_code")).join(cycles)
# Built once, with bind parameters: the statements every tap runs.
_GROUP = _GROUP_ROWS.where(cycles.c.code == bindparam("cycle"), groups.c.code == bindparam("code"))
_CYCLE = select(cycles).where(cycles.c.code == bindparam("code"))
_CONTESTS = (
    select(contests).where(contests.c.group_id == bindparam("group")).order_by(contests.c.id)
)


class SqlCycles(SqlRepository):
    async def get(self, code: str) -> Cycle | None:
        row = (await self._session.execute(_CYCLE, {"code": code})).first()
        return _cycle(row) if row else None

    async def add(self, cycle: Cycle) -> None:
        await self._session.execute(insert(cycles).values(_cycle_values(cycle)))

    async def update(self, cycle: Cycle) -> None:
        statement = update(cycles).where(cycles.c.code == cycle.code)
        await self._session.execute(statement.values(_cycle_values(cycle)))

    async def all(self) -> list[Cycle]:
        statement = select(cycles).order_by(cycles.c.starts_at, cycles.c.id)
        return [_cycle(row) for row in await self._session.execute(statement)]


class SqlGroups(SqlRepository):
    """Groups, each read once per transaction: a tap asks for its group more than once."""

    def __init__(self, session: AsyncSession) -> None:
        super().__init__(session)
        self._read: dict[tuple[str, str], Group | None] = {}

    async def for_cycle(self, cycle_code: str) -> list[Group]:
        statement = _GROUP_ROWS.where(cycles.c.code == cycle_code).order_by(groups.c.code)
        return [_group(row) for row in await self._session.execute(statement)]

    async def get(self, cycle_code: str, code: str) -> Group | None:
        key = (cycle_code, code)
        if key not in self._read:
            row = (await self._session.execute(_GROUP, {"cycle": cycle_code, "code": code})).first()
            self._read[key] = _group(row) if row else None
        return self._read[key]

    async def add(self, group: Group) -> Group:
        self._read.clear()
        cycle_id = select(cycles.c.id).where(cycles.c.code == group.cycle_code).scalar_subquery()
        statement = insert(groups).values(cycle_id=cycle_id, **_group_values(group))
        result = await self._session.execute(statement.returning(groups.c.id))
        return replace(group, id=result.scalar_one())

    async def update(self, group: Group) -> None:
        self._read.clear()
        statement = update(groups).where(groups.c.id == group.id).values(_group_values(group))
        await self._session.execute(statement)

    async def remove(self, group_id: int) -> None:
        self._read.clear()
        await self._session.execute(delete(groups).where(groups.c.id == group_id))


class SqlContests(SqlRepository):
    async def for_group(self, group_id: int) -> list[Contest]:
        return [
            Contest(row.group_id, ContestKind(row.kind), row.seats, row.choices, row.id)
            for row in await self._session.execute(_CONTESTS, {"group": group_id})
        ]

    async def replace(self, group_id: int, items: Sequence[Contest]) -> list[Contest]:
        await self._session.execute(delete(contests).where(contests.c.group_id == group_id))
        rows = [
            {"group_id": group_id, "kind": c.kind.value, "seats": c.seats, "choices": c.choices}
            for c in items
        ]
        if rows:
            await self._session.execute(insert(contests), rows)
        return await self.for_group(group_id)


class SqlPastTerms(SqlRepository):
    async def for_group(self, group_id: int) -> list[PastTerm]:
        return await self._select(past_terms.c.group_id == group_id)

    async def for_name_key(self, name_key: str) -> list[PastTerm]:
        return await self._select(past_terms.c.name_key == name_key)

    async def replace(self, group_id: int, terms: Sequence[PastTerm]) -> None:
        await self._session.execute(delete(past_terms).where(past_terms.c.group_id == group_id))
        rows = [
            {
                "group_id": group_id,
                "name_key": t.name_key,
                "cycle_year": t.cycle_year,
                "seat": t.seat,
            }
            for t in terms
        ]
        if rows:
            await self._session.execute(insert(past_terms), rows)

    async def _select(self, condition: Any) -> list[PastTerm]:
        order = (past_terms.c.cycle_year, past_terms.c.name_key, past_terms.c.seat)
        statement = select(past_terms).where(condition).order_by(*order)
        return [
            PastTerm(row.group_id, row.name_key, row.cycle_year, Seat(row.seat))
            for row in await self._session.execute(statement)
        ]
