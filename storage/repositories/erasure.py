"""Deleting what a purge erases: waiting outbox messages and conversation states."""

from __future__ import annotations

from collections.abc import Sequence

from sqlalchemy import delete, select

from core.dialogue import Delivery
from storage.repositories.base import SqlRepository
from storage.tables import conversations, outbox


class SqlErasure(SqlRepository):
    async def waiting_messages(self) -> list[tuple[str, bytes]]:
        statement = (
            select(outbox.c.id, outbox.c.chat)
            .where(outbox.c.status == Delivery.PENDING.value, outbox.c.chat.is_not(None))
            .order_by(outbox.c.created_at, outbox.c.id)
        )
        return [(row.id, row.chat) for row in await self._session.execute(statement)]

    async def drop_messages(self, message_ids: Sequence[str]) -> int:
        if not message_ids:
            return 0
        statement = delete(outbox).where(outbox.c.id.in_(list(message_ids)))
        result = await self._session.execute(statement)
        return int(result.rowcount)  # type: ignore[attr-defined]

    async def drop_conversation(self, person: str) -> bool:
        statement = delete(conversations).where(conversations.c.person == person)
        result = await self._session.execute(statement)
        return bool(result.rowcount)  # type: ignore[attr-defined]
