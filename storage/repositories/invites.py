"""Role invites, found by the hash of their token and redeemed at most once."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import Row, insert, select, update

from core.invites import Invite
from core.model import Role
from storage.repositories.base import SqlRepository
from storage.tables import invites


def _invite(row: Row[Any]) -> Invite:
    return Invite(
        token_hash=row.token_hash,
        cycle_code=row.cycle_code,
        role=Role(row.role),
        group_id=row.group_id,
        created_at=row.created_at,
        expires_at=row.expires_at,
        used_at=row.used_at,
        used_by=row.used_by,
    )


class SqlInvites(SqlRepository):
    async def add(self, invite: Invite) -> None:
        values = {
            "token_hash": invite.token_hash,
            "cycle_code": invite.cycle_code,
            "role": invite.role.value,
            "group_id": invite.group_id,
            "created_at": invite.created_at,
            "expires_at": invite.expires_at,
            "used_at": invite.used_at,
            "used_by": invite.used_by,
        }
        await self._session.execute(insert(invites).values(values))

    async def get(self, token_hash: str) -> Invite | None:
        statement = select(invites).where(invites.c.token_hash == token_hash)
        row = (await self._session.execute(statement)).first()
        return _invite(row) if row else None

    async def mark_used(self, token_hash: str, person: str, at: datetime) -> bool:
        """Only the first of two concurrent redemptions finds the row still unused."""
        statement = (
            update(invites)
            .where(invites.c.token_hash == token_hash, invites.c.used_at.is_(None))
            .values(used_at=at, used_by=person)
        )
        result = await self._session.execute(statement)
        return bool(result.rowcount)  # type: ignore[attr-defined]
