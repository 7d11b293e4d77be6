"""People (pseudonyms with sealed contacts) and the roles they hold."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import Row, insert, select, update
from sqlalchemy.dialects import postgresql, sqlite

from core.errors import NotFound
from core.model import Person, Role, RoleGrant
from core.ports import AlreadyExists
from storage.repositories.base import SqlRepository, unique_or_raise
from storage.tables import people, roles


class SqlPeople(SqlRepository):
    async def get(self, pseudonym: str) -> Person | None:
        statement = select(people).where(people.c.pseudonym == pseudonym)
        row = (await self._session.execute(statement)).first()
        if row is None:
            return None
        return Person(row.pseudonym, row.language, row.contact, row.consent_at)

    async def save(self, person: Person) -> None:
        values = {
            "pseudonym": person.pseudonym,
            "language": person.language,
            "contact": person.contact,
            "consent_at": person.consent_at,
        }
        dialect = postgresql if self._session.get_bind().dialect.name == "postgresql" else sqlite
        statement = dialect.insert(people).values(values)
        changes = {key: statement.excluded[key] for key in values if key != "pseudonym"}
        upsert = statement.on_conflict_do_update(index_elements=["pseudonym"], set_=changes)
        await self._session.execute(upsert)


def _grant(row: Row[Any]) -> RoleGrant:
    return RoleGrant(
        pseudonym=row.pseudonym,
        role=Role(row.role),
        group_id=row.group_id,
        granted_at=row.granted_at,
        revoked_at=row.revoked_at,
        pledge_accepted_at=row.pledge_accepted_at,
    )


class SqlRoles(SqlRepository):
    async def grant(self, grant: RoleGrant) -> None:
        values = {
            "pseudonym": grant.pseudonym,
            "role": grant.role.value,
            "group_id": grant.group_id,
            "granted_at": grant.granted_at,
            "revoked_at": grant.revoked_at,
            "pledge_accepted_at": grant.pledge_accepted_at,
        }
        async with unique_or_raise(self._session, AlreadyExists(f"role {grant.role} is held")):
            await self._session.execute(insert(roles).values(values))

    async def revoke(self, pseudonym: str, role: Role, group_id: int | None, at: datetime) -> None:
        group = roles.c.group_id.is_(None) if group_id is None else roles.c.group_id == group_id
        statement = (
            update(roles)
            .where(roles.c.pseudonym == pseudonym, roles.c.role == role.value, group)
            .values(revoked_at=at)
        )
        result = await self._session.execute(statement)
        if result.rowcount == 0:  # type: ignore[attr-defined]
            raise NotFound(f"no {role} role to revoke")

    async def for_person(self, pseudonym: str) -> list[RoleGrant]:
        return await self._select(roles.c.pseudonym == pseudonym)

    async def for_group(self, group_id: int) -> list[RoleGrant]:
        return await self._select(roles.c.group_id == group_id)

    async def without_group(self) -> list[RoleGrant]:
        return await self._select(roles.c.group_id.is_(None))

    async def update(self, grant: RoleGrant) -> None:
        group_id = grant.group_id
        group = roles.c.group_id.is_(None) if group_id is None else roles.c.group_id == group_id
        statement = (
            update(roles)
            .where(roles.c.pseudonym == grant.pseudonym, roles.c.role == grant.role.value, group)
            .values(
                granted_at=grant.granted_at,
                revoked_at=grant.revoked_at,
                pledge_accepted_at=grant.pledge_accepted_at,
            )
        )
        result = await self._session.execute(statement)
        if result.rowcount == 0:  # type: ignore[attr-defined]
            raise NotFound(f"no {grant.role} role to update")

    async def _select(self, condition: Any) -> list[RoleGrant]:
        statement = select(roles).where(condition).order_by(roles.c.id)
        return [_grant(row) for row in await self._session.execute(statement)]
