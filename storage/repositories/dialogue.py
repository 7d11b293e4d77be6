"""Conversation states with optimistic versioning, the outbox, and the updates already handled."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import Row, bindparam, delete, insert, or_, select, update

from core.dialogue import ConversationState, Delivery, OutgoingMessage
from core.errors import NotFound
from core.ports_dialogue import StaleConversation
from storage.repositories.base import SqlRepository, insert_once
from storage.tables import (
    broadcast_messages,
    broadcasts,
    conversations,
    handled_updates,
    outbox,
)

# Built once, with bind parameters: the statements every tap runs.
_CONVERSATION = select(conversations).where(conversations.c.person == bindparam("person"))
_ADVANCE = update(conversations).where(
    conversations.c.person == bindparam("of_person"),
    conversations.c.version == bindparam("read_version"),
)
_OUTBOX_ADD = insert(outbox)
_OUTBOX_SETTLE = update(outbox).where(outbox.c.id == bindparam("message_id"))


def _state(row: Row[Any]) -> ConversationState:
    return ConversationState(
        person=row.person,
        flow=row.flow,
        step=row.step,
        data=row.data,
        buttons=dict(row.buttons),
        language=row.language,
        version=row.version,
    )


class SqlConversations(SqlRepository):
    async def get(self, person: str) -> ConversationState | None:
        row = (await self._session.execute(_CONVERSATION, {"person": person})).first()
        return _state(row) if row else None

    async def save(self, state: ConversationState) -> ConversationState:
        """Compare-and-set on the version read; a lost race raises StaleConversation."""
        values: dict[str, Any] = {
            "flow": state.flow,
            "step": state.step,
            "data": state.data,
            "buttons": dict(state.buttons),
            "language": state.language,
            "version": state.version + 1,
            "updated_at": datetime.now(UTC),
        }
        if state.version == 0:
            await self._start(state.person, values)
        else:
            await self._advance(state.person, state.version, values)
        return replace(state, version=state.version + 1)

    async def _start(self, person: str, values: dict[str, Any]) -> None:
        """Insert the first version; a replica that inserted first makes this one stale."""
        if not await insert_once(self._session, conversations, {"person": person, **values}):
            raise StaleConversation("the conversation was started concurrently")

    async def _advance(self, person: str, version: int, values: dict[str, Any]) -> None:
        """Update only the version that was read; a concurrent writer waits, then matches none."""
        where = {"of_person": person, "read_version": version}
        result = await self._session.execute(_ADVANCE, values | where)
        if result.rowcount == 0:  # type: ignore[attr-defined]
            raise StaleConversation("the conversation changed since it was read")


def outgoing_message(row: Row[Any]) -> OutgoingMessage:
    """Read an outbox row; a settled one has no chat or body left."""
    return OutgoingMessage(
        id=row.id,
        chat=row.chat or b"",
        body=row.body or b"",
        created_at=row.created_at,
        group_id=row.group_id,
        status=Delivery(row.status),
        attempts=row.attempts,
        not_before=row.not_before,
    )


class SqlOutbox(SqlRepository):
    async def add(self, message: OutgoingMessage) -> None:
        values = {
            "id": message.id,
            "chat": message.chat,
            "body": message.body,
            "group_id": message.group_id,
            "status": message.status.value,
            "attempts": message.attempts,
            "not_before": message.not_before,
            "created_at": message.created_at,
        }
        await self._session.execute(_OUTBOX_ADD, values)

    async def get(self, message_id: str) -> OutgoingMessage | None:
        row = (await self._session.execute(select(outbox).where(outbox.c.id == message_id))).first()
        return outgoing_message(row) if row else None

    async def pending(self, now: datetime, limit: int) -> Sequence[OutgoingMessage]:
        """Messages due, oldest first; on PostgreSQL rows another sender holds are skipped."""
        due = or_(outbox.c.not_before.is_(None), outbox.c.not_before <= now)
        statement = (
            select(outbox)
            .where(outbox.c.status == Delivery.PENDING.value, due)
            .order_by(outbox.c.created_at, outbox.c.id)
            .limit(limit)
            .with_for_update(skip_locked=True)  # SQLite ignores it; its writers take turns
        )
        return [outgoing_message(row) for row in await self._session.execute(statement)]

    async def settle(
        self, message_id: str, status: Delivery, attempts: int, not_before: datetime | None
    ) -> None:
        values: dict[str, Any] = {
            "status": status.value,
            "attempts": attempts,
            "not_before": not_before,
        }
        if status is not Delivery.PENDING:
            values |= {"chat": None, "body": None}
        result = await self._session.execute(_OUTBOX_SETTLE, values | {"message_id": message_id})
        if result.rowcount == 0:  # type: ignore[attr-defined]
            raise NotFound("no such message in the outbox")

    async def forget_settled_before(self, before: datetime) -> int:
        followed = (
            select(broadcast_messages.c.message_id)
            .join(broadcasts, broadcasts.c.id == broadcast_messages.c.broadcast_id)
            .where(broadcasts.c.finished_at.is_(None))
        )
        statement = delete(outbox).where(
            outbox.c.status != Delivery.PENDING.value,
            outbox.c.created_at < before,
            outbox.c.id.not_in(followed),
        )
        return int((await self._session.execute(statement)).rowcount)  # type: ignore[attr-defined]


class SqlHandledUpdates(SqlRepository):
    async def first_time(self, update_id: int) -> bool:
        """Insert the update id; a replica that got there first makes this one return False."""
        values = {"update_id": update_id, "handled_at": datetime.now(UTC)}
        return await insert_once(self._session, handled_updates, values)

    async def forget_before(self, before: datetime) -> int:
        statement = delete(handled_updates).where(handled_updates.c.handled_at < before)
        return int((await self._session.execute(statement)).rowcount)  # type: ignore[attr-defined]
