"""What most registration use cases start with: the cycle, the group, a consenting person.

A group code alone names a group in the current cycle: the latest one declared, by its start
(cycles are three years apart, so at most one runs at a time), unless the caller names another.
"""

from __future__ import annotations

from core.errors import Refused
from core.model import Cycle, Group, Person
from core.ports import UnitOfWork
from core.privacy import readable_code
from core.reasons import Reason
from core.services import reason_codes as codes


async def current_cycle(uow: UnitOfWork, cycle_code: str | None = None) -> Cycle:
    """Return the named cycle, or the latest by its start; refuse when there is none."""
    if cycle_code is not None:
        cycle = await uow.cycles.get(cycle_code)
    else:
        cycles = await uow.cycles.all()
        cycle = max(cycles, key=lambda c: c.starts_at) if cycles else None
    if cycle is None:
        raise Refused(Reason(codes.NO_CYCLE))
    return cycle


async def find_group(uow: UnitOfWork, group_code: str, cycle_code: str | None = None) -> Group:
    """Return a stored group of the current (or named) cycle; refuse an unknown code."""
    if cycle_code is None:
        cycle_code = (await current_cycle(uow)).code
    group = await uow.groups.get(cycle_code, group_code)
    if group is None or group.id is None:
        await current_cycle(uow, cycle_code)  # a named cycle that does not exist is said so
        raise Refused(Reason(codes.UNKNOWN_GROUP, {"group": group_code}))
    return group


def group_id(group: Group) -> int:
    """The stored group's id; a group without one was never stored."""
    if group.id is None:
        raise ValueError(f"group {group.code} has not been stored")
    return group.id


async def consenting_person(uow: UnitOfWork, pseudonym: str) -> Person:
    """Return the person if they have consented to their data being kept; refuse otherwise."""
    person = await uow.people.get(pseudonym)
    if person is None or person.consent_at is None:
        raise Refused(Reason(codes.NO_CONSENT))
    return person


def voter_code(pseudonym: str) -> str:
    return readable_code(pseudonym, "V")


def candidate_code(pseudonym: str) -> str:
    return readable_code(pseudonym, "C")


def commission_code(pseudonym: str) -> str:
    return readable_code(pseudonym, "M")


def person_code(pseudonym: str) -> str:
    return readable_code(pseudonym, "P")


def actor(role: str, code: str) -> str:
    """The audit actor, as 'voter:V-7KQ4-9XPD'; never a pseudonym or a Telegram id."""
    return f"{role}:{code}"
