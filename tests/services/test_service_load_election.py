"""Loading the Secretariat's declaration: created, unchanged, updated, refused; on every backend."""

from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

import pytest

from core.audit import AuditEntry, first_break
from core.election import ElectionConfig, Seat
from core.errors import ConflictingChange
from core.model import Contest, ContestKind, Cycle, Group, PastTerm, Person, Role, RoleGrant
from core.ports import UnitOfWork
from core.regulation import CompetitionRule
from core.services.load_election import LoadStatus, load_election
from tests.builders import REGISTRATION_OPENS, START, election, group, holder, name_key, regulation
from tests.fakes import FakeClock

MakeUow = Callable[[], UnitOfWork]
BEFORE_REGISTRATION = START + timedelta(days=2)


async def load(make_uow: MakeUow, config: ElectionConfig, now: datetime = BEFORE_REGISTRATION):
    return await load_election(config, make_uow(), FakeClock(now), name_key)


@dataclass(frozen=True)
class Snapshot:
    """Everything a reader of the stored election could notice."""

    cycle: Cycle | None
    groups: list[Group]
    contests: dict[str, list[Contest]]
    terms: dict[str, list[PastTerm]]
    audit: list[AuditEntry]


async def snapshot(make_uow: MakeUow, cycle: str = "ccm-2024") -> Snapshot:
    async with make_uow() as uow:
        groups = await uow.groups.for_cycle(cycle)
        return Snapshot(
            cycle=await uow.cycles.get(cycle),
            groups=groups,
            contests={g.code: await uow.contests.for_group(g.id or 0) for g in groups},
            terms={g.code: await uow.past_terms.for_group(g.id or 0) for g in groups},
            audit=await uow.audit.entries(),
        )


async def test_first_load_stores_groups_contests_terms_and_one_audit_entry(any_uow_factory):
    parallel = regulation(CompetitionRule.PARALLEL_CONTESTS, members=2, alternates=2)
    config = election(
        group("PLHIV", past_holders=(holder("Айгуль Сейткали", 2018, 2021),)),
        group("INTL", rules=parallel),
    )

    outcome = await load(any_uow_factory, config)

    assert outcome.status is LoadStatus.CREATED
    assert outcome.added == ("PLHIV", "INTL")
    state = await snapshot(any_uow_factory)
    assert [g.code for g in state.groups] == ["INTL", "PLHIV"]
    plhiv = state.groups[1]
    assert plhiv.calendar == config.group("PLHIV").calendar
    assert plhiv.regulation == config.group("PLHIV").regulation
    assert [(c.kind, c.seats) for c in state.contests["PLHIV"]] == [(ContestKind.SINGLE, 2)]
    assert [(c.kind, c.seats) for c in state.contests["INTL"]] == [
        (ContestKind.MEMBER, 2),
        (ContestKind.ALTERNATE, 2),
    ]
    terms = state.terms["PLHIV"]
    assert [(t.cycle_year, t.seat) for t in terms] == [(2018, Seat.MEMBER), (2021, Seat.MEMBER)]
    assert {t.name_key for t in terms} == {name_key("айгуль  сейткали")}
    assert "Айгуль" not in repr(state)
    [entry] = state.audit
    assert entry.event.action == "election.loaded"
    assert entry.event.payload["digest"] == config.digest()
    assert first_break(state.audit) is None


async def test_loading_the_same_declaration_again_changes_nothing(any_uow_factory):
    config = election(group("PLHIV"), group("SW"))
    await load(any_uow_factory, config)
    before = await snapshot(any_uow_factory)

    outcome = await load(any_uow_factory, config, now=REGISTRATION_OPENS + timedelta(days=1))

    assert outcome.status is LoadStatus.UNCHANGED
    assert await snapshot(any_uow_factory) == before


async def test_a_changed_declaration_rewrites_waiting_groups_and_adds_new_ones(any_uow_factory):
    await load(any_uow_factory, election(group("PLHIV"), group("SW")))
    parallel = regulation(CompetitionRule.PARALLEL_CONTESTS, alternates=0)
    changed = election(group("PLHIV"), group("SW", rules=parallel), group("TB"))

    outcome = await load(any_uow_factory, changed)

    assert outcome.status is LoadStatus.UPDATED
    assert (outcome.changed, outcome.added, outcome.removed) == (("SW",), ("TB",), ())
    state = await snapshot(any_uow_factory)
    assert [c.kind for c in state.contests["SW"]] == [ContestKind.MEMBER]
    assert [g.code for g in state.groups] == ["PLHIV", "SW", "TB"]
    assert state.cycle is not None
    assert state.cycle.digest == changed.digest()
    updated = state.audit[-1]
    assert updated.event.action == "election.updated"
    assert updated.event.payload["groups"] == ["SW", "TB"]
    assert first_break(state.audit) is None


async def test_a_group_whose_registration_opened_cannot_change_and_nothing_is_written(
    any_uow_factory,
):
    late_start = START + timedelta(days=30)
    await load(any_uow_factory, election(group("PLHIV"), group("SW", start=late_start)))
    before = await snapshot(any_uow_factory)
    changed = election(
        group("PLHIV", title="renamed"), group("SW", start=late_start, title="renamed"), group("TB")
    )

    with pytest.raises(ConflictingChange, match="PLHIV"):
        await load(any_uow_factory, changed, now=REGISTRATION_OPENS)

    assert await snapshot(any_uow_factory) == before


async def test_removing_a_group_is_refused_once_its_registration_opened(any_uow_factory):
    await load(any_uow_factory, election(group("PLHIV"), group("SW")))

    with pytest.raises(ConflictingChange, match="SW"):
        await load(any_uow_factory, election(group("PLHIV")), now=REGISTRATION_OPENS)

    outcome = await load(any_uow_factory, election(group("PLHIV")))
    assert outcome.removed == ("SW",)
    assert [g.code for g in (await snapshot(any_uow_factory)).groups] == ["PLHIV"]


async def test_a_group_with_appointed_people_is_not_removed(any_uow_factory):
    await load(any_uow_factory, election(group("PLHIV"), group("SW")))
    async with any_uow_factory() as uow:
        sw = await uow.groups.get("ccm-2024", "SW")
        await uow.people.save(Person("a" * 64))
        at = datetime(2024, 8, 2, tzinfo=UTC)
        await uow.roles.grant(RoleGrant("a" * 64, Role.COMMITTEE, sw.id if sw else None, at))
        await uow.commit()

    with pytest.raises(ConflictingChange, match="SW"):
        await load(any_uow_factory, election(group("PLHIV")))


async def test_the_cycle_year_cannot_move_under_a_running_group(any_uow_factory):
    await load(any_uow_factory, election(group("PLHIV")))

    with pytest.raises(ConflictingChange, match="PLHIV"):
        await load(any_uow_factory, election(group("PLHIV"), year=2025), now=REGISTRATION_OPENS)
