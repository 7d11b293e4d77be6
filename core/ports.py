"""What the use cases need from the outside world, as Protocols the storage and the fakes satisfy.

A unit of work is one transaction: `async with uow:` opens it, `await uow.commit()` keeps what
was written, and leaving the block without committing rolls everything back.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime
from types import TracebackType
from typing import Protocol, Self

from core.audit import AuditEntry, AuditEvent
from core.errors import ElectionError
from core.model import (
    Candidate,
    Contest,
    Cycle,
    Group,
    PastTerm,
    Person,
    Role,
    RoleGrant,
    Voter,
)
from core.ports_voting import ResultsRepository, VotingRecords


class AlreadyExists(ElectionError):
    """A second copy of something that must be unique (a voter in a group, a role, ...)."""


class AlreadyVoted(AlreadyExists):
    """The voter has already cast a ballot in this contest; nothing of the second one was kept."""


class Clock(Protocol):
    def now(self) -> datetime:
        """Return the current instant, timezone-aware."""
        ...


class CycleRepository(Protocol):
    async def get(self, code: str) -> Cycle | None: ...
    async def add(self, cycle: Cycle) -> None: ...
    async def update(self, cycle: Cycle) -> None: ...
    async def all(self) -> list[Cycle]:
        """Return every stored cycle, earliest start first."""
        ...


class GroupRepository(Protocol):
    async def for_cycle(self, cycle_code: str) -> list[Group]: ...
    async def get(self, cycle_code: str, code: str) -> Group | None: ...
    async def add(self, group: Group) -> Group:
        """Store a new group and return it with its id."""
        ...

    async def update(self, group: Group) -> None: ...
    async def remove(self, group_id: int) -> None:
        """Delete a group with its contests and past terms."""
        ...


class ContestRepository(Protocol):
    async def for_group(self, group_id: int) -> list[Contest]: ...
    async def replace(self, group_id: int, contests: Sequence[Contest]) -> list[Contest]:
        """Make these the group's only contests and return them with their ids."""
        ...


class PastTermRepository(Protocol):
    async def for_group(self, group_id: int) -> list[PastTerm]: ...
    async def for_name_key(self, name_key: str) -> list[PastTerm]: ...
    async def replace(self, group_id: int, terms: Sequence[PastTerm]) -> None: ...


class PersonRepository(Protocol):
    async def get(self, pseudonym: str) -> Person | None: ...
    async def save(self, person: Person) -> None:
        """Add the person or overwrite what is stored under the same pseudonym."""
        ...


class RoleRepository(Protocol):
    async def grant(self, grant: RoleGrant) -> None:
        """Record a role; raise AlreadyExists if the person holds it already."""
        ...

    async def revoke(self, pseudonym: str, role: Role, group_id: int | None, at: datetime) -> None:
        """Mark a role as revoked; NotFound if the person never held it."""
        ...

    async def for_person(self, pseudonym: str) -> list[RoleGrant]: ...
    async def for_group(self, group_id: int) -> list[RoleGrant]: ...
    async def without_group(self) -> list[RoleGrant]:
        """Return the roles held without a group: the Secretariat."""
        ...

    async def update(self, grant: RoleGrant) -> None:
        """Overwrite the dates of the person's grant of that role there; NotFound if none."""
        ...


class VoterRepository(Protocol):
    async def add(self, voter: Voter) -> None:
        """Register a voter; AlreadyExists for the same person or organisation twice."""
        ...

    async def get(self, group_id: int, pseudonym: str) -> Voter | None: ...
    async def update(self, voter: Voter) -> None: ...
    async def for_group(self, group_id: int) -> list[Voter]: ...
    async def for_person(self, pseudonym: str) -> list[Voter]:
        """Return the person's registrations in every group, in registration order."""
        ...


class CandidateRepository(Protocol):
    async def add(self, candidate: Candidate) -> None:
        """Start an application; AlreadyExists if the person applied in this group already."""
        ...

    async def get(self, group_id: int, pseudonym: str) -> Candidate | None: ...
    async def update(self, candidate: Candidate) -> None: ...
    async def for_group(self, group_id: int) -> list[Candidate]: ...
    async def for_person(self, pseudonym: str) -> list[Candidate]:
        """Return the person's applications in every group, oldest first."""
        ...


class BallotBox(Protocol):
    async def voters(self, contest_id: int) -> list[str]:
        """Return the pseudonyms holding a marker in the contest (who voted there), sorted."""
        ...


class AuditLog(Protocol):
    async def append(self, event: AuditEvent, at: datetime) -> AuditEntry:
        """Chain the event after the last entry, inside the current transaction."""
        ...

    async def last(self) -> AuditEntry | None: ...
    async def entries(self) -> list[AuditEntry]:
        """Return the whole log in order."""
        ...


class UnitOfWork(Protocol):
    @property
    def cycles(self) -> CycleRepository: ...
    @property
    def groups(self) -> GroupRepository: ...
    @property
    def contests(self) -> ContestRepository: ...
    @property
    def past_terms(self) -> PastTermRepository: ...
    @property
    def people(self) -> PersonRepository: ...
    @property
    def roles(self) -> RoleRepository: ...
    @property
    def voters(self) -> VoterRepository: ...
    @property
    def candidates(self) -> CandidateRepository: ...
    @property
    def ballots(self) -> BallotBox: ...
    @property
    def audit(self) -> AuditLog: ...
    @property
    def votes(self) -> VotingRecords: ...
    @property
    def results(self) -> ResultsRepository: ...

    async def __aenter__(self) -> Self: ...
    async def __aexit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None: ...
    async def commit(self) -> None: ...
    async def rollback(self) -> None: ...
