"""Small ElectionConfig builders for tests, with a 2024-like calendar in UTC."""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime, timedelta

from core.calendar import GroupCalendar
from core.election import CycleInfo, ElectionConfig, GroupConfig, PastHolder, Seat, ServedTerm
from core.model import Person
from core.ports import UnitOfWork
from core.privacy import Pseudonymizer
from core.regulation import (
    Competition,
    CompetitionRule,
    Names,
    Regulation,
    Seats,
)
from core.services.load_election import load_election
from tests.fakes import FakeClock

START = datetime(2024, 8, 1, 4, 0, tzinfo=UTC)  # 09:00 in Almaty
REGISTRATION_OPENS = START + timedelta(days=10)

name_key = Pseudonymizer(b"k" * 32).name_key


def names(text: str) -> Names:
    return Names(ru=text, kk=text, en=text)


def calendar(start: datetime = START) -> GroupCalendar:
    """Six stages over a month, registration opening ten days after `start`."""
    day = timedelta(days=1)
    return GroupCalendar(
        preparation=start,
        announcement=start + 5 * day,
        registration_opens=start + 10 * day,
        registration_closes=start + 18 * day,
        candidate_list=start + 20 * day,
        voting_opens=start + 21 * day,
        voting_closes=start + 28 * day,
        results=start + 30 * day,
    )


def regulation(
    rule: CompetitionRule = CompetitionRule.SINGLE_CONTEST, members: int = 1, alternates: int = 1
) -> Regulation:
    seats = Seats(members=members, alternates=alternates)
    return Regulation(competition=Competition(rule=rule, seats=seats))


def holder(name: str, *years: int) -> PastHolder:
    return PastHolder(
        name=name, terms=tuple(ServedTerm(cycle_year=y, seat=Seat.MEMBER) for y in years)
    )


def group(
    code: str = "PLHIV",
    *,
    rules: Regulation | None = None,
    start: datetime = START,
    past_holders: tuple[PastHolder, ...] = (),
    title: str | None = None,
) -> GroupConfig:
    return GroupConfig(
        code=code,
        names=names(title or f"Group {code}"),
        regulation=rules or Regulation(),
        calendar=calendar(start),
        past_holders=past_holders,
    )


def election(*groups: GroupConfig, code: str = "ccm-2024", year: int = 2024) -> ElectionConfig:
    """A cycle around the given groups (one PLHIV group when none is given)."""
    cycle = CycleInfo(
        code=code,
        names=names(f"CCM elections {year}"),
        year=year,
        starts=START - timedelta(days=1),
        ends=START + timedelta(days=120),
    )
    return ElectionConfig(cycle=cycle, groups=groups or (group(),))


async def seed(make_uow: Callable[[], UnitOfWork], *pseudonyms: str) -> tuple[int, int]:
    """Load a one-group election, save these people, and return the group and contest ids."""
    clock = FakeClock(START)
    await load_election(election(), make_uow(), clock, name_key)
    async with make_uow() as uow:
        for pseudonym in pseudonyms:
            await uow.people.save(Person(pseudonym))
        stored = await uow.groups.get("ccm-2024", "PLHIV")
        assert stored is not None and stored.id is not None
        [contest] = await uow.contests.for_group(stored.id)
        await uow.commit()
    assert contest.id is not None
    return stored.id, contest.id


def pseudonym(n: int) -> str:
    """A pseudonym-shaped value (64 hex digits) that is easy to tell apart in a failure."""
    return f"{n:064x}"
