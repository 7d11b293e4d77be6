"""Voter registrations and candidacies, one per person per group."""

from __future__ import annotations

from typing import Any

from sqlalchemy import Row, bindparam, insert, select, update

from core.model import Candidate, CandidateStatus, Voter, VoterStatus
from core.ports import AlreadyExists
from storage.repositories.base import SqlRepository, unique_or_raise
from storage.tables import candidates, voters

_VOTER_FIELDS = (
    "group_id",
    "pseudonym",
    "status",
    "registered_at",
    "region",
    "organisation",
    "organisation_key",
    "reason",
    "decided_at",
    "replacement_for",
)
_CANDIDATE_FIELDS = (
    "group_id",
    "pseudonym",
    "status",
    "created_at",
    "updated_at",
    "application",
    "application_order",
    "reason",
    "decided_at",
)


# Built once, with bind parameters: the statements every tap runs.
_VOTER = select(voters).where(
    voters.c.group_id == bindparam("group"), voters.c.pseudonym == bindparam("pseudonym")
)
_GROUP_CANDIDATES = (
    select(candidates)
    .where(candidates.c.group_id == bindparam("group"))
    .order_by(
        candidates.c.application_order.is_(None), candidates.c.application_order, candidates.c.id
    )
)


def _values(entity: Voter | Candidate, fields: tuple[str, ...]) -> dict[str, Any]:
    return {field: getattr(entity, field) for field in fields}


def _voter(row: Row[Any]) -> Voter:
    values = {field: getattr(row, field) for field in _VOTER_FIELDS}
    return Voter(**values | {"status": VoterStatus(row.status)})


def _candidate(row: Row[Any]) -> Candidate:
    values = {field: getattr(row, field) for field in _CANDIDATE_FIELDS}
    return Candidate(**values | {"status": CandidateStatus(row.status)})


class SqlVoters(SqlRepository):
    async def add(self, voter: Voter) -> None:
        duplicate = AlreadyExists("this voter or organisation is registered in the group already")
        async with unique_or_raise(self._session, duplicate):
            await self._session.execute(insert(voters).values(_values(voter, _VOTER_FIELDS)))

    async def get(self, group_id: int, pseudonym: str) -> Voter | None:
        found = await self._session.execute(_VOTER, {"group": group_id, "pseudonym": pseudonym})
        row = found.first()
        return _voter(row) if row else None

    async def update(self, voter: Voter) -> None:
        statement = update(voters).where(
            voters.c.group_id == voter.group_id, voters.c.pseudonym == voter.pseudonym
        )
        duplicate = AlreadyExists("this organisation is registered in the group already")
        async with unique_or_raise(self._session, duplicate):
            await self._session.execute(statement.values(_values(voter, _VOTER_FIELDS)))

    async def for_group(self, group_id: int) -> list[Voter]:
        statement = select(voters).where(voters.c.group_id == group_id).order_by(voters.c.id)
        return [_voter(row) for row in await self._session.execute(statement)]

    async def for_person(self, pseudonym: str) -> list[Voter]:
        statement = select(voters).where(voters.c.pseudonym == pseudonym).order_by(voters.c.id)
        return [_voter(row) for row in await self._session.execute(statement)]


class SqlCandidates(SqlRepository):
    async def add(self, candidate: Candidate) -> None:
        values = _values(candidate, _CANDIDATE_FIELDS)
        async with unique_or_raise(self._session, AlreadyExists("already applied in this group")):
            await self._session.execute(insert(candidates).values(values))

    async def get(self, group_id: int, pseudonym: str) -> Candidate | None:
        statement = select(candidates).where(
            candidates.c.group_id == group_id, candidates.c.pseudonym == pseudonym
        )
        row = (await self._session.execute(statement)).first()
        return _candidate(row) if row else None

    async def update(self, candidate: Candidate) -> None:
        statement = update(candidates).where(
            candidates.c.group_id == candidate.group_id,
            candidates.c.pseudonym == candidate.pseudonym,
        )
        duplicate = AlreadyExists("this application order is taken")
        async with unique_or_raise(self._session, duplicate):
            await self._session.execute(statement.values(_values(candidate, _CANDIDATE_FIELDS)))

    async def for_group(self, group_id: int) -> list[Candidate]:
        rows = await self._session.execute(_GROUP_CANDIDATES, {"group": group_id})
        return [_candidate(row) for row in rows]

    async def for_person(self, pseudonym: str) -> list[Candidate]:
        statement = select(candidates).where(candidates.c.pseudonym == pseudonym)
        statement = statement.order_by(candidates.c.id)
        return [_candidate(row) for row in await self._session.execute(statement)]
