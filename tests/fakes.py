"""In-memory fakes of every port in core.ports, faithful enough to run the use cases on.

A FakeDatabase holds committed state; each FakeUnitOfWork works on a copy and publishes it on
commit, so a unit of work left without committing leaves no trace, as on a real database. The
same uniqueness rules raise the same domain errors (AlreadyExists, AlreadyVoted), and the audit
log is chained with core.audit exactly as storage does it. Unlike a database, two units of work
open at once do not see or block each other: the last to commit wins.
"""

from __future__ import annotations

import copy
import json
from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from datetime import UTC, datetime, timedelta
from types import TracebackType
from typing import Self

from core.audit import AuditEntry, AuditEvent, chain
from core.errors import NotFound
from core.model import (
    Ballot,
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
from core.ports import AlreadyExists
from tests.fakes_dialogue import DialogueState, FakeDialogue
from tests.fakes_schedule import (
    FakeBroadcasts,
    FakeGroupChats,
    FakeLeases,
    FakeOutboxClaims,
    FakeScheduleMarks,
    ScheduleState,
)
from tests.fakes_voting import FakeResults, FakeVotingRecords, VotingState


@dataclass
class FakeState:
    cycles: dict[str, Cycle] = field(default_factory=dict)
    groups: dict[int, Group] = field(default_factory=dict)
    contests: dict[int, Contest] = field(default_factory=dict)
    past_terms: list[PastTerm] = field(default_factory=list)
    people: dict[str, Person] = field(default_factory=dict)
    roles: list[RoleGrant] = field(default_factory=list)
    voters: dict[tuple[int, str], Voter] = field(default_factory=dict)
    candidates: dict[tuple[int, str], Candidate] = field(default_factory=dict)
    markers: set[tuple[int, str]] = field(default_factory=set)
    ballots: dict[str, Ballot] = field(default_factory=dict)
    audit: list[AuditEntry] = field(default_factory=list)
    dialogue: DialogueState = field(default_factory=DialogueState)
    schedule: ScheduleState = field(default_factory=ScheduleState)
    voting: VotingState = field(default_factory=VotingState)
    last_id: int = 0

    def next_id(self) -> int:
        """Hand out ids the way a database sequence does."""
        self.last_id += 1
        return self.last_id


class _Fake:
    def __init__(self, state: FakeState) -> None:
        self._state = state


class FakeCycles(_Fake):
    async def get(self, code: str) -> Cycle | None:
        return self._state.cycles.get(code)

    async def add(self, cycle: Cycle) -> None:
        if cycle.code in self._state.cycles:
            raise AlreadyExists(f"cycle {cycle.code} exists")
        self._state.cycles[cycle.code] = cycle

    async def update(self, cycle: Cycle) -> None:
        self._state.cycles[cycle.code] = cycle

    async def all(self) -> list[Cycle]:
        return sorted(self._state.cycles.values(), key=lambda c: c.starts_at)


class FakeGroups(_Fake):
    async def for_cycle(self, cycle_code: str) -> list[Group]:
        found = [g for g in self._state.groups.values() if g.cycle_code == cycle_code]
        return sorted(found, key=lambda g: g.code)

    async def get(self, cycle_code: str, code: str) -> Group | None:
        return next((g for g in await self.for_cycle(cycle_code) if g.code == code), None)

    async def add(self, group: Group) -> Group:
        if group.cycle_code not in self._state.cycles:
            raise LookupError(f"no cycle {group.cycle_code}")  # a foreign key would refuse it
        if await self.get(group.cycle_code, group.code):
            raise AlreadyExists(f"group {group.code} exists")
        stored = replace(group, id=self._state.next_id())
        self._state.groups[_known(stored.id)] = stored
        return stored

    async def update(self, group: Group) -> None:
        self._state.groups[_known(group.id)] = group

    async def remove(self, group_id: int) -> None:
        state = self._state
        if any(r.group_id == group_id for r in state.roles) or any(
            key[0] == group_id for key in (*state.voters, *state.candidates)
        ):
            raise LookupError("rows still refer to this group")  # ON DELETE RESTRICT
        if any(c.group_id == group_id for c in state.dialogue.complaints.values()):
            raise LookupError("complaints still refer to this group")  # ON DELETE RESTRICT
        state.groups.pop(group_id, None)
        state.contests = {k: c for k, c in state.contests.items() if c.group_id != group_id}
        state.past_terms = [t for t in state.past_terms if t.group_id != group_id]
        invites = state.dialogue.invites
        state.dialogue.invites = {k: i for k, i in invites.items() if i.group_id != group_id}


def _known(entity_id: int | None) -> int:
    if entity_id is None:
        raise ValueError("an entity without an id was never stored")
    return entity_id


class FakeContests(_Fake):
    async def for_group(self, group_id: int) -> list[Contest]:
        found = [c for c in self._state.contests.values() if c.group_id == group_id]
        return sorted(found, key=lambda c: _known(c.id))

    async def replace(self, group_id: int, contests: Sequence[Contest]) -> list[Contest]:
        if len({c.kind for c in contests}) < len(contests):
            raise AlreadyExists("one contest per kind")
        kept = {k: c for k, c in self._state.contests.items() if c.group_id != group_id}
        for contest in contests:
            contest_id = self._state.next_id()
            kept[contest_id] = replace(contest, group_id=group_id, id=contest_id)
        self._state.contests = kept
        return await self.for_group(group_id)


def _term_order(term: PastTerm) -> tuple[int, str, str]:
    return term.cycle_year, term.name_key, term.seat.value


class FakePastTerms(_Fake):
    async def for_group(self, group_id: int) -> list[PastTerm]:
        found = [t for t in self._state.past_terms if t.group_id == group_id]
        return sorted(found, key=_term_order)

    async def for_name_key(self, name_key: str) -> list[PastTerm]:
        found = [t for t in self._state.past_terms if t.name_key == name_key]
        return sorted(found, key=_term_order)

    async def replace(self, group_id: int, terms: Sequence[PastTerm]) -> None:
        if len(set(terms)) < len(terms):
            raise AlreadyExists("the same past term twice")
        others = [t for t in self._state.past_terms if t.group_id != group_id]
        self._state.past_terms = others + [replace(t, group_id=group_id) for t in terms]


class FakePeople(_Fake):
    async def get(self, pseudonym: str) -> Person | None:
        return self._state.people.get(pseudonym)

    async def save(self, person: Person) -> None:
        self._state.people[person.pseudonym] = person


class FakeRoles(_Fake):
    async def grant(self, grant: RoleGrant) -> None:
        if grant.pseudonym not in self._state.people:
            raise LookupError("no such person")
        if self._find(grant.pseudonym, grant.role, grant.group_id) is not None:
            raise AlreadyExists(f"role {grant.role} is held")
        self._state.roles.append(grant)

    async def revoke(self, pseudonym: str, role: Role, group_id: int | None, at: datetime) -> None:
        index = self._find(pseudonym, role, group_id)
        if index is None:
            raise NotFound(f"no {role} role to revoke")
        self._state.roles[index] = replace(self._state.roles[index], revoked_at=at)

    async def for_person(self, pseudonym: str) -> list[RoleGrant]:
        return [r for r in self._state.roles if r.pseudonym == pseudonym]

    async def for_group(self, group_id: int) -> list[RoleGrant]:
        return [r for r in self._state.roles if r.group_id == group_id]

    async def without_group(self) -> list[RoleGrant]:
        return [r for r in self._state.roles if r.group_id is None]

    async def update(self, grant: RoleGrant) -> None:
        index = self._find(grant.pseudonym, grant.role, grant.group_id)
        if index is None:
            raise NotFound(f"no {grant.role} role to update")
        self._state.roles[index] = grant

    def _find(self, pseudonym: str, role: Role, group_id: int | None) -> int | None:
        for index, held in enumerate(self._state.roles):
            if (held.pseudonym, held.role, held.group_id) == (pseudonym, role, group_id):
                return index
        return None


class FakeVoters(_Fake):
    async def add(self, voter: Voter) -> None:
        if voter.pseudonym not in self._state.people:
            raise LookupError("no such person")
        if (voter.group_id, voter.pseudonym) in self._state.voters:
            raise AlreadyExists("this voter is registered in the group already")
        self._refuse_taken_organisation(voter)
        self._state.voters[(voter.group_id, voter.pseudonym)] = voter

    async def get(self, group_id: int, pseudonym: str) -> Voter | None:
        return self._state.voters.get((group_id, pseudonym))

    async def update(self, voter: Voter) -> None:
        self._refuse_taken_organisation(voter)
        self._state.voters[(voter.group_id, voter.pseudonym)] = voter

    async def for_group(self, group_id: int) -> list[Voter]:
        return [v for (g, _), v in self._state.voters.items() if g == group_id]

    async def for_person(self, pseudonym: str) -> list[Voter]:
        return [v for (_, p), v in self._state.voters.items() if p == pseudonym]

    def _refuse_taken_organisation(self, voter: Voter) -> None:
        if voter.organisation_key is None:
            return
        for other in self._state.voters.values():
            same_place = (other.group_id, other.organisation_key) == (
                voter.group_id,
                voter.organisation_key,
            )
            if same_place and other.pseudonym != voter.pseudonym:
                raise AlreadyExists("this organisation is registered in the group already")


class FakeCandidates(_Fake):
    async def add(self, candidate: Candidate) -> None:
        if candidate.pseudonym not in self._state.people:
            raise LookupError("no such person")
        if (candidate.group_id, candidate.pseudonym) in self._state.candidates:
            raise AlreadyExists("already applied in this group")
        self._refuse_taken_order(candidate)
        self._state.candidates[(candidate.group_id, candidate.pseudonym)] = candidate

    async def get(self, group_id: int, pseudonym: str) -> Candidate | None:
        return self._state.candidates.get((group_id, pseudonym))

    async def update(self, candidate: Candidate) -> None:
        self._refuse_taken_order(candidate)
        self._state.candidates[(candidate.group_id, candidate.pseudonym)] = candidate

    async def for_group(self, group_id: int) -> list[Candidate]:
        found = [c for (g, _), c in self._state.candidates.items() if g == group_id]
        return sorted(found, key=lambda c: (c.application_order is None, c.application_order or 0))

    async def for_person(self, pseudonym: str) -> list[Candidate]:
        return [c for (_, p), c in self._state.candidates.items() if p == pseudonym]

    def _refuse_taken_order(self, candidate: Candidate) -> None:
        if candidate.application_order is None:
            return
        for other in self._state.candidates.values():
            if (
                other.group_id == candidate.group_id
                and other.application_order == candidate.application_order
                and other.pseudonym != candidate.pseudonym
            ):
                raise AlreadyExists("this application order is taken")


class FakeBallotBox(_Fake):
    async def voters(self, contest_id: int) -> list[str]:
        return sorted(voter for contest, voter in self._state.markers if contest == contest_id)


class FakeAuditLog(_Fake):
    async def append(self, event: AuditEvent, at: datetime) -> AuditEntry:
        payload = json.loads(json.dumps(event.payload, ensure_ascii=False))
        stored = AuditEvent(event.action, event.actor, event.group, payload)
        entry = chain(await self.last(), at.astimezone(UTC), stored)
        self._state.audit.append(entry)
        return entry

    async def last(self) -> AuditEntry | None:
        return self._state.audit[-1] if self._state.audit else None

    async def entries(self) -> list[AuditEntry]:
        return list(self._state.audit)


class FakeDatabase:
    """Committed state shared by the units of work made from it."""

    def __init__(self) -> None:
        self.state = FakeState()
        self.commits = 0


class FakeUnitOfWork:
    def __init__(self, database: FakeDatabase | None = None) -> None:
        self.database = database or FakeDatabase()
        self._working: FakeState | None = None

    async def __aenter__(self) -> Self:
        if self._working is not None:
            raise RuntimeError("this unit of work is already open")
        self._begin()
        return self

    def _begin(self) -> None:
        state = copy.deepcopy(self.database.state)
        self._working = state
        self.cycles = FakeCycles(state)
        self.groups = FakeGroups(state)
        self.contests = FakeContests(state)
        self.past_terms = FakePastTerms(state)
        self.people = FakePeople(state)
        self.roles = FakeRoles(state)
        self.voters = FakeVoters(state)
        self.candidates = FakeCandidates(state)
        self.ballots = FakeBallotBox(state)
        self.audit = FakeAuditLog(state)
        self.votes = FakeVotingRecords(state.voting, state.markers, state.ballots)
        self.results = FakeResults(state.voting)
        dialogue = FakeDialogue(state.dialogue, lambda: self.database.state.dialogue)
        self.conversations = dialogue.conversations
        self.outbox = dialogue.outbox
        self.updates = dialogue.updates
        self.invites = dialogue.invites
        self.complaints = dialogue.complaints
        committed_schedule = lambda: self.database.state.schedule  # noqa: E731
        self.group_chats = FakeGroupChats(state.schedule, committed_schedule)
        self.schedule_marks = FakeScheduleMarks(state.schedule, committed_schedule)
        self.leases = FakeLeases(state.schedule, committed_schedule)
        self.outbox_claims = FakeOutboxClaims(state.dialogue)
        self.broadcasts = FakeBroadcasts(state.schedule, state.dialogue)

    async def __aexit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self._working = None

    async def commit(self) -> None:
        if self._working is None:
            raise RuntimeError("use the unit of work inside `async with`")
        self.database.state = copy.deepcopy(self._working)
        self.database.commits += 1

    async def rollback(self) -> None:
        if self._working is None:
            raise RuntimeError("use the unit of work inside `async with`")
        self._begin()


class FakeClock:
    """A clock that stands still until a test moves it."""

    def __init__(self, now: datetime | None = None) -> None:
        self._now = now or datetime(2024, 8, 1, tzinfo=UTC)
        if self._now.tzinfo is None:
            raise ValueError("FakeClock needs an aware datetime")

    def now(self) -> datetime:
        return self._now

    def advance(self, by: timedelta | None = None, **parts: float) -> datetime:
        """Move the clock forward by a timedelta or by keywords (days=1, hours=2)."""
        step = by if by is not None else timedelta(**parts)
        if step < timedelta(0):
            raise ValueError("the clock only moves forward")
        self._now += step
        return self._now

    def set(self, now: datetime) -> None:
        self._now = now
