"""Who voted in a contest, the reading of a counted ballot, and the append-only audit log."""

from __future__ import annotations

import json
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import Row, func, insert, select

from core.audit import AuditEntry, AuditEvent, chain
from core.model import Ballot, BallotStatus
from storage.repositories.base import SqlRepository
from storage.tables import audit_log, vote_markers

# Any fixed 64-bit number works; it only has to be the same for every appender.
AUDIT_LOCK_KEY = 0x5A41_594C_4155_0001


def ballot_from_row(row: Row[Any]) -> Ballot:
    """Read a ballot row (its id is random; nothing in it names a voter but in open votes)."""
    return Ballot(
        id=row.id,
        contest_id=row.contest_id,
        choices=tuple(row.choices),
        status=BallotStatus(row.status),
        reason=row.reason,
        open_voter=row.open_voter,
    )


class SqlBallotBox(SqlRepository):
    async def voters(self, contest_id: int) -> list[str]:
        statement = (
            select(vote_markers.c.pseudonym)
            .where(vote_markers.c.contest_id == contest_id)
            .order_by(vote_markers.c.pseudonym)
        )
        return list((await self._session.execute(statement)).scalars())


def storable(event: AuditEvent) -> AuditEvent:
    """Give the payload the shape it will have when read back, so its hash still matches."""
    payload = json.loads(json.dumps(event.payload, ensure_ascii=False))
    return AuditEvent(event.action, event.actor, event.group, payload)


def _entry(row: Row[Any]) -> AuditEntry:
    event = AuditEvent(row.action, row.actor, row.group_code, row.payload)
    return AuditEntry(row.seq, row.at, event, row.prev_hash, row.hash)


class SqlAuditLog(SqlRepository):
    async def append(self, event: AuditEvent, at: datetime) -> AuditEntry:
        await self._wait_for_other_appenders()
        entry = chain(await self.last(), at.astimezone(UTC), storable(event))
        values = {
            "seq": entry.seq,
            "at": entry.at,
            "actor": entry.event.actor,
            "group_code": entry.event.group,
            "action": entry.event.action,
            "payload": entry.event.payload,
            "prev_hash": entry.prev_hash,
            "hash": entry.hash,
        }
        await self._session.execute(insert(audit_log).values(values))
        return entry

    async def last(self) -> AuditEntry | None:
        statement = select(audit_log).order_by(audit_log.c.seq.desc()).limit(1)
        row = (await self._session.execute(statement)).first()
        return _entry(row) if row else None

    async def entries(self) -> list[AuditEntry]:
        statement = select(audit_log).order_by(audit_log.c.seq)
        return [_entry(row) for row in await self._session.execute(statement)]

    async def _wait_for_other_appenders(self) -> None:
        """Serialise appends until this transaction ends, so no two read the same head.

        On PostgreSQL a transaction-scoped advisory lock does it; SQLite transactions here
        start with BEGIN IMMEDIATE and so already hold the database's single write lock.
        """
        if self._session.get_bind().dialect.name == "postgresql":
            await self._session.execute(select(func.pg_advisory_xact_lock(AUDIT_LOCK_KEY)))
