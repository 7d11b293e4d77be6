"""An elected candidate withdraws after the count: each withdrawal rule, as a new version."""

from __future__ import annotations

from core.election import Seat
from core.model import Role
from core.regulation import CompetitionRule, WithdrawalRule
from core.services.results import SeatChange, confirm_results, withdraw_elected
from core.tally import RepeatCause
from tests.builders import pseudonym
from tests.fakes import FakeClock
from tests.services.registration_support import refused
from tests.services.voting_support import (
    AFTER,
    CYCLE,
    close,
    contest_ids,
    grant,
    ids_by_name,
    populate,
    setup,
    single_group,
    vote,
    voters,
)

MEMBER = pseudonym(7)


async def counted(make_uow, votes: dict[str, int], alternate_votes: dict[str, int] | None = None):
    """Cast one single-choice ballot per vote given, close, and return the ids by name."""
    electorate = voters(sum(votes.values()))
    await populate(make_uow, "PLHIV", electorate, list(votes))
    await grant(make_uow, MEMBER, Role.COMMISSION, "PLHIV")
    contests = await contest_ids(make_uow)
    ids = await ids_by_name(make_uow, electorate[0])
    member_marks = [name for name, n in votes.items() for _ in range(n)]
    alternate_marks = [name for name, n in (alternate_votes or {}).items() for _ in range(n)]
    for index, person in enumerate(electorate):
        choices = {contests[0]: [ids[member_marks[index]]]}
        if len(contests) > 1 and index < len(alternate_marks):
            choices[contests[1]] = [ids[alternate_marks[index]]]
        await vote(make_uow, person, choices)
    await close(make_uow)
    return ids


def withdraw(make_uow, candidate: str, actor: str = MEMBER):
    return withdraw_elected(
        make_uow(), FakeClock(AFTER), group_code="PLHIV", candidate=candidate, actor=actor
    )


async def versions(make_uow):
    async with make_uow() as uow:
        group = await uow.groups.get(CYCLE, "PLHIV")
        return await uow.results.versions(group.id)


async def test_next_by_votes_in_one_contest_moves_everyone_after_the_member_up(any_uow_factory):
    await setup(any_uow_factory, single_group())
    ids = await counted(any_uow_factory, {"Aigul": 3, "Bolat": 2, "Dana": 1})

    withdrawal = await withdraw(any_uow_factory, ids["Aigul"])

    assert withdrawal.version == 2
    assert withdrawal.changes == (
        SeatChange(Seat.MEMBER, 1, ids["Aigul"], ids["Bolat"]),
        SeatChange(Seat.ALTERNATE, 1, ids["Bolat"], ids["Dana"]),
    )
    assert withdrawal.repeat_votes == ()
    first, second = await versions(any_uow_factory)
    assert (first.version, second.version, second.confirmed_at) == (1, 2, None)
    assert second.seed == first.seed
    async with any_uow_factory() as uow:
        last = (await uow.audit.entries())[-1]
    assert last.event.action == "results.withdrawal"
    assert last.event.payload["members"] == [ids["Bolat"]]
    assert last.event.payload["rule"] == "next_by_votes"


async def test_repeat_vote_holds_the_withdrawn_members_seat(any_uow_factory):
    await setup(any_uow_factory, single_group(withdrawal_rule=WithdrawalRule.REPEAT_VOTE))
    ids = await counted(any_uow_factory, {"Aigul": 3, "Bolat": 2, "Dana": 1})

    withdrawal = await withdraw(any_uow_factory, ids["Aigul"])

    assert withdrawal.changes == (SeatChange(Seat.MEMBER, 1, ids["Aigul"], None),)
    [repeat] = withdrawal.repeat_votes
    assert repeat.cause is RepeatCause.WITHDRAWAL
    assert ids["Dana"] in repeat.candidates and ids["Bolat"] not in repeat.candidates
    assert withdrawal.result.holders(Seat.ALTERNATE) == (ids["Bolat"],)


async def test_in_parallel_contests_the_member_contest_fills_a_members_seat(any_uow_factory):
    group = single_group(rule=CompetitionRule.PARALLEL_CONTESTS)
    await setup(any_uow_factory, group)
    ids = await counted(
        any_uow_factory, {"Aigul": 3, "Bolat": 2, "Dana": 1}, {"Dana": 4, "Bolat": 2}
    )
    before = (await versions(any_uow_factory))[0]
    assert before.result["withdrawn"] == []

    withdrawal = await withdraw(any_uow_factory, ids["Aigul"])

    assert withdrawal.result.holders(Seat.MEMBER) == (ids["Bolat"],)
    assert withdrawal.result.holders(Seat.ALTERNATE) == (ids["Dana"],)  # keeps their seat
    assert withdrawal.changes == (SeatChange(Seat.MEMBER, 1, ids["Aigul"], ids["Bolat"]),)


async def test_a_withdrawal_needs_the_commission_a_count_and_a_standing_candidate(
    any_uow_factory,
):
    await setup(any_uow_factory, single_group())
    await grant(any_uow_factory, pseudonym(8), Role.COMMISSION, "PLHIV")
    assert await refused(withdraw(any_uow_factory, "C-0000-0000", actor=pseudonym(8))) == (
        "results.not_computed",
        {"group": "PLHIV"},
    )
    ids = await counted(any_uow_factory, {"Aigul": 2, "Bolat": 1})

    assert (await refused(withdraw(any_uow_factory, ids["Aigul"], actor=pseudonym(9))))[0] == (
        "review.not_commission"
    )
    assert (await refused(withdraw(any_uow_factory, "C-0000-0000")))[0] == (
        "withdrawal.not_standing"
    )
    await withdraw(any_uow_factory, ids["Aigul"])
    assert (await refused(withdraw(any_uow_factory, ids["Aigul"])))[0] == (
        "withdrawal.already_withdrawn"
    )
    assert [v.version for v in await versions(any_uow_factory)] == [1, 2]


async def test_the_new_version_is_confirmed_on_its_own(any_uow_factory):
    await setup(any_uow_factory, single_group())
    ids = await counted(any_uow_factory, {"Aigul": 2, "Bolat": 1})
    clock = FakeClock(AFTER)
    await confirm_results(any_uow_factory(), clock, group_code="PLHIV", member=MEMBER)
    await withdraw(any_uow_factory, ids["Aigul"])

    confirmed = await confirm_results(any_uow_factory(), clock, group_code="PLHIV", member=MEMBER)

    assert confirmed.version == 2
    assert confirmed.result.holders(Seat.MEMBER) == (ids["Bolat"],)
    assert [v.confirmed_at is not None for v in await versions(any_uow_factory)] == [True, True]
