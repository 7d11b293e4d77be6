"""Complaints to a group's commission, answered at most once."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import Row, insert, select, update

from core.complaints import Complaint
from storage.repositories.base import SqlRepository
from storage.tables import complaints

_FIELDS = (
    "id",
    "group_id",
    "author",
    "text",
    "filed_at",
    "answer",
    "answered_at",
    "answered_by",
)


def _complaint(row: Row[Any]) -> Complaint:
    return Complaint(**{field: getattr(row, field) for field in _FIELDS})


class SqlComplaints(SqlRepository):
    async def add(self, complaint: Complaint) -> None:
        values = {field: getattr(complaint, field) for field in _FIELDS}
        await self._session.execute(insert(complaints).values(values))

    async def get(self, complaint_id: str) -> Complaint | None:
        statement = select(complaints).where(complaints.c.id == complaint_id)
        row = (await self._session.execute(statement)).first()
        return _complaint(row) if row else None

    async def answer(self, complaint_id: str, answer: bytes, at: datetime, by: str) -> bool:
        """Only the first of two concurrent answers finds the complaint still open."""
        statement = (
            update(complaints)
            .where(complaints.c.id == complaint_id, complaints.c.answered_at.is_(None))
            .values(answer=answer, answered_at=at, answered_by=by)
        )
        result = await self._session.execute(statement)
        return bool(result.rowcount)  # type: ignore[attr-defined]

    async def for_group(self, group_id: int) -> list[Complaint]:
        statement = (
            select(complaints)
            .where(complaints.c.group_id == group_id)
            .order_by(complaints.c.filed_at, complaints.c.id)
        )
        return [_complaint(row) for row in await self._session.execute(statement)]
