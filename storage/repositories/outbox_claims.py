"""Claiming outbox messages for the paced sender, and following the committee's broadcasts."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime
from typing import Any

from sqlalchemy import Row, and_, func, insert, or_, select, update

from core.dialogue import Delivery, OutgoingMessage
from core.ports_schedule import Broadcast, BroadcastCounts
from storage.repositories.base import SqlRepository
from storage.repositories.dialogue import outgoing_message
from storage.tables import broadcast_messages, broadcasts, outbox

_BATCH = 500  # rows per INSERT: far below either backend's limit on bound parameters


class SqlOutboxClaims(SqlRepository):
    async def claim(
        self, now: datetime, settled_before: datetime, limit: int, until: datetime
    ) -> Sequence[OutgoingMessage]:
        """Take due rows, oldest first, and push their not_before to `until`."""
        due = or_(outbox.c.not_before.is_(None), outbox.c.not_before <= now)
        ours = or_(outbox.c.group_id.is_not(None), outbox.c.created_at <= settled_before)
        statement = (
            select(outbox)
            .where(outbox.c.status == Delivery.PENDING.value, due, ours)
            .order_by(outbox.c.created_at, outbox.c.id)
            .limit(limit)
            .with_for_update(skip_locked=True)
        )
        messages = [outgoing_message(row) for row in await self._session.execute(statement)]
        if messages:
            ids = [message.id for message in messages]
            hide = update(outbox).where(outbox.c.id.in_(ids)).values(not_before=until)
            await self._session.execute(hide)
        return messages

    async def release(self, message_ids: Sequence[str]) -> None:
        if not message_ids:
            return
        pending = and_(outbox.c.id.in_(message_ids), outbox.c.status == Delivery.PENDING.value)
        await self._session.execute(update(outbox).where(pending).values(not_before=None))


def _broadcast(row: Row[Any]) -> Broadcast:
    return Broadcast(
        id=row.id,
        group_id=row.group_id,
        author=row.author,
        total=row.total,
        created_at=row.created_at,
        reported=row.reported,
        finished_at=row.finished_at,
    )


class SqlBroadcasts(SqlRepository):
    async def add(self, broadcast: Broadcast, message_ids: Sequence[str]) -> None:
        values = {
            "id": broadcast.id,
            "group_id": broadcast.group_id,
            "author": broadcast.author,
            "total": broadcast.total,
            "reported": broadcast.reported,
            "created_at": broadcast.created_at,
            "finished_at": broadcast.finished_at,
        }
        await self._session.execute(insert(broadcasts).values(values))
        rows = [{"broadcast_id": broadcast.id, "message_id": m} for m in message_ids]
        for start in range(0, len(rows), _BATCH):
            await self._session.execute(insert(broadcast_messages), rows[start : start + _BATCH])

    async def unfinished(self) -> list[Broadcast]:
        statement = (
            select(broadcasts)
            .where(broadcasts.c.finished_at.is_(None))
            .order_by(broadcasts.c.created_at)
        )
        return [_broadcast(row) for row in await self._session.execute(statement)]

    async def counts(self, broadcast_id: str) -> BroadcastCounts:
        joined = broadcast_messages.join(outbox, outbox.c.id == broadcast_messages.c.message_id)
        statement = (
            select(outbox.c.status, func.count())
            .select_from(joined)
            .where(broadcast_messages.c.broadcast_id == broadcast_id)
            .group_by(outbox.c.status)
        )
        found = {status: count for status, count in await self._session.execute(statement)}
        return BroadcastCounts(**{status.value: found.get(status.value, 0) for status in Delivery})

    async def update(self, broadcast: Broadcast) -> None:
        values = {"reported": broadcast.reported, "finished_at": broadcast.finished_at}
        where = broadcasts.c.id == broadcast.id
        await self._session.execute(update(broadcasts).where(where).values(values))
