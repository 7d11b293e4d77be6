"""After a cycle has ended, erase the contact data it no longer needs.

Erased: the sealed chat id of everyone who took part only in this cycle's groups (someone still
active in a cycle that has not ended keeps theirs, as does a standing Secretariat member), the
messages still waiting for them in the outbox, their conversation states, and the sealed
applications of refused and withdrawn candidates. Kept: everything an election is verified
from: voters, ballots, markers, receipts, results and the audit log. Running it again erases
nothing more and writes nothing.

Raises CycleNotEnded before the cycle's end (a Secretariat matter, never a bot message), and
passes through Refused(cycle.none) from core.services.context, also for an unknown cycle code.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, replace
from datetime import datetime

from core.audit import AuditEvent
from core.errors import ElectionError
from core.model import Candidate, CandidateStatus, Cycle, Role
from core.ports import Clock
from core.ports_erasure import ErasureUnitOfWork
from core.services.context import current_cycle, group_id
from core.stages import utc

ERASED_APPLICATIONS = frozenset({CandidateStatus.REFUSED, CandidateStatus.WITHDRAWN})

# Opens a sealed chat id into something comparable; None when it does not open under the key.
ChatOpener = Callable[[bytes], str | None]


class CycleNotEnded(ElectionError):
    """The cycle is still running: its contact data may yet be needed."""

    def __init__(self, cycle: Cycle) -> None:
        super().__init__(f"cycle {cycle.code} ends at {cycle.ends_at.isoformat()}")
        self.cycle = cycle


@dataclass(frozen=True)
class PurgeCounts:
    ended: Cycle
    contacts: int
    conversations: int
    messages: int
    applications: int

    @property
    def cycle(self) -> str:
        return self.ended.code

    @property
    def nothing(self) -> bool:
        return not (self.contacts or self.conversations or self.messages or self.applications)


@dataclass(frozen=True)
class _Plan:
    people: tuple[str, ...]  # whose contact is erased
    conversations: tuple[str, ...]
    messages: tuple[str, ...]
    applications: tuple[Candidate, ...]


async def preview_purge(
    uow: ErasureUnitOfWork, clock: Clock, *, cycle_code: str, open_chat: ChatOpener
) -> PurgeCounts:
    """Count what a purge of the cycle would erase now, erasing nothing."""
    async with uow:
        cycle = await _ended_cycle(uow, clock, cycle_code)
        return _counts(cycle, await _plan(uow, cycle, clock.now(), open_chat))


async def purge_cycle(
    uow: ErasureUnitOfWork, clock: Clock, *, cycle_code: str, open_chat: ChatOpener
) -> PurgeCounts:
    """Erase the ended cycle's contact data and audit how much was erased."""
    now = clock.now()
    async with uow:
        cycle = await _ended_cycle(uow, clock, cycle_code)
        plan = await _plan(uow, cycle, now, open_chat)
        counts = _counts(cycle, plan)
        if counts.nothing:
            return counts
        for pseudonym in plan.people:
            person = await uow.people.get(pseudonym)
            if person is not None:
                await uow.people.save(replace(person, contact=None))
        for pseudonym in plan.conversations:
            await uow.erasure.drop_conversation(pseudonym)
        await uow.erasure.drop_messages(plan.messages)
        for candidate in plan.applications:
            await uow.candidates.update(replace(candidate, application=None))
        payload = {
            "cycle": cycle.code,
            "contacts": counts.contacts,
            "conversations": counts.conversations,
            "messages": counts.messages,
            "applications": counts.applications,
        }
        await uow.audit.append(AuditEvent("cycle.purged", payload=payload), now)
        await uow.commit()
    return counts


async def _ended_cycle(uow: ErasureUnitOfWork, clock: Clock, cycle_code: str) -> Cycle:
    cycle = await current_cycle(uow, cycle_code)
    if utc(clock.now()) < cycle.ends_at:
        raise CycleNotEnded(cycle)
    return cycle


async def _plan(
    uow: ErasureUnitOfWork, cycle: Cycle, now: datetime, open_chat: ChatOpener
) -> _Plan:
    """Find what the purge erases, reading everything inside the caller's transaction."""
    groups = [group_id(g) for g in await uow.groups.for_cycle(cycle.code)]
    taking_part: set[str] = set()
    applications: list[Candidate] = []
    for group in groups:
        taking_part |= {v.pseudonym for v in await uow.voters.for_group(group)}
        taking_part |= {g.pseudonym for g in await uow.roles.for_group(group)}
        candidates = await uow.candidates.for_group(group)
        taking_part |= {c.pseudonym for c in candidates}
        applications += [c for c in candidates if c.status in ERASED_APPLICATIONS and c.application]
    active = await _groups_still_running(uow, cycle, now)
    leaving = [p for p in sorted(taking_part) if not await _active_elsewhere(uow, p, active)]
    contacts: dict[str, str | None] = {}
    for pseudonym in leaving:
        person = await uow.people.get(pseudonym)
        if person is not None and person.contact:
            contacts[pseudonym] = open_chat(person.contact)
    chats = {chat for chat in contacts.values() if chat is not None}
    waiting = await uow.erasure.waiting_messages()
    messages = tuple(mid for mid, sealed in waiting if open_chat(sealed) in chats)
    conversations = tuple([p for p in leaving if await uow.conversations.get(p) is not None])
    return _Plan(tuple(contacts), conversations, messages, tuple(applications))


async def _groups_still_running(uow: ErasureUnitOfWork, purged: Cycle, now: datetime) -> set[int]:
    """Ids of the groups of every other cycle that has not ended yet."""
    running: set[int] = set()
    for cycle in await uow.cycles.all():
        if cycle.code != purged.code and cycle.ends_at > utc(now):
            running |= {group_id(g) for g in await uow.groups.for_cycle(cycle.code)}
    return running


async def _active_elsewhere(uow: ErasureUnitOfWork, person: str, running: set[int]) -> bool:
    """Tell whether the person takes part in a running cycle or serves the Secretariat."""
    grants = [g for g in await uow.roles.for_person(person) if g.revoked_at is None]
    if any(g.role is Role.SECRETARIAT or g.group_id in running for g in grants):
        return True
    parts: Iterable[int] = [v.group_id for v in await uow.voters.for_person(person)]
    parts = [*parts, *(c.group_id for c in await uow.candidates.for_person(person))]
    return any(part in running for part in parts)


def _counts(cycle: Cycle, plan: _Plan) -> PurgeCounts:
    return PurgeCounts(
        ended=cycle,
        contacts=len(plan.people),
        conversations=len(plan.conversations),
        messages=len(plan.messages),
        applications=len(plan.applications),
    )
