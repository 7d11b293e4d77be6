"""Linked community chats, marks of scheduled work done, and the scheduler's lease."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import Row, delete, insert, or_, select, update

from core.group_chats import GroupChat
from storage.repositories.base import SqlRepository, insert_once
from storage.tables import group_chats, leases, schedule_marks


def _chat(row: Row[Any]) -> GroupChat:
    return GroupChat(
        group_id=row.group_id,
        chat=row.chat,
        chat_key=row.chat_key,
        language=row.language,
        linked_at=row.linked_at,
        linked_by=row.linked_by,
    )


class SqlGroupChats(SqlRepository):
    async def get(self, group_id: int) -> GroupChat | None:
        statement = select(group_chats).where(group_chats.c.group_id == group_id)
        row = (await self._session.execute(statement)).first()
        return _chat(row) if row else None

    async def link(self, chat: GroupChat) -> GroupChat | None:
        """Replace the group's chat, if any, with this one; return the one replaced."""
        before = await self.get(chat.group_id)
        values = {
            "chat": chat.chat,
            "chat_key": chat.chat_key,
            "language": chat.language,
            "linked_at": chat.linked_at,
            "linked_by": chat.linked_by,
        }
        if before is None:
            await self._session.execute(
                insert(group_chats).values(group_id=chat.group_id, **values)
            )
        else:
            where = group_chats.c.group_id == chat.group_id
            await self._session.execute(update(group_chats).where(where).values(values))
        return before


class SqlScheduleMarks(SqlRepository):
    async def first_time(self, group_id: int, mark: str, at: datetime) -> bool:
        """Insert the mark; a writer that got there first (even concurrently) makes it False."""
        values = {"group_id": group_id, "mark": mark, "at": at}
        return await insert_once(self._session, schedule_marks, values)


class SqlLeases(SqlRepository):
    async def acquire(self, name: str, holder: str, now: datetime, until: datetime) -> bool:
        """Renew our lease or take an expired one; else insert it, unless another won the race."""
        free = or_(leases.c.holder == holder, leases.c.expires_at <= now)
        taken = update(leases).where(leases.c.name == name, free)
        result = await self._session.execute(taken.values(holder=holder, expires_at=until))
        if result.rowcount == 1:  # type: ignore[attr-defined]
            return True
        values = {"name": name, "holder": holder, "expires_at": until}
        return await insert_once(self._session, leases, values)

    async def release(self, name: str, holder: str) -> None:
        statement = delete(leases).where(leases.c.name == name, leases.c.holder == holder)
        await self._session.execute(statement)
