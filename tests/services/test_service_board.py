"""The bulletin board and the anonymised ballots, as voters and observers see them."""

from __future__ import annotations

from collections import Counter

from core.model import Role
from core.services.board import anonymised_ballots, bulletin_board
from core.services.results import confirm_results
from tests.builders import pseudonym
from tests.fakes import FakeClock
from tests.services.registration_support import refused
from tests.services.voting_support import (
    AFTER,
    COMMISSIONER,
    OBSERVER,
    close,
    contest_ids,
    counted_election,
    grant,
    ids_by_name,
    populate,
    setup,
    single_group,
    vote,
    voters,
)


async def board(make_uow):
    return await bulletin_board(make_uow(), group_code="PLHIV")


async def test_the_board_lists_receipts_at_once_and_totals_only_once_confirmed(any_uow_factory):
    await setup(any_uow_factory, single_group())
    electorate = voters(3)
    await populate(any_uow_factory, "PLHIV", electorate, ["Aigul", "Bolat"])
    await grant(any_uow_factory, COMMISSIONER, Role.COMMISSION, "PLHIV")
    [contest] = await contest_ids(any_uow_factory)
    ids = await ids_by_name(any_uow_factory, electorate[0])
    codes = [
        (await vote(any_uow_factory, person, {contest: [ids[name]]})).code
        for person, name in zip(electorate, ["Aigul", "Aigul", "Bolat"], strict=True)
    ]

    during = await board(any_uow_factory)
    await close(any_uow_factory)
    counted = await board(any_uow_factory)
    await confirm_results(
        any_uow_factory(), FakeClock(AFTER), group_code="PLHIV", member=COMMISSIONER
    )
    confirmed = await board(any_uow_factory)

    for shown in (during, counted, confirmed):
        assert shown.contests[0].receipts == tuple(sorted(codes))
    assert during.contests[0].totals is None and counted.contests[0].totals is None
    assert (during.confirmed_version, counted.confirmed_version) == (None, None)
    totals = confirmed.contests[0].totals
    assert totals is not None and confirmed.confirmed_version == 1
    assert (totals.counted, totals.blank, totals.invalid, totals.late) == (3, 0, (), 0)
    assert totals.votes == ((ids["Aigul"], 2), (ids["Bolat"], 1))
    assert confirmed.seats is not None and confirmed.seats["members"] == [ids["Aigul"]]


async def test_watchers_see_every_ballots_choices_after_the_close_and_nothing_else(
    any_uow_factory,
):
    ids = await counted_election(any_uow_factory)

    [contest] = await anonymised_ballots(any_uow_factory(), group_code="PLHIV", viewer=OBSERVER)

    assert Counter(b.choices for b in contest.ballots) == Counter(
        {
            (ids["Aigul"],): 3,
            (ids["Bolat"],): 3,  # two, and the revote that replaced a vote for Dana
            (): 1,
            (ids["Aigul"], ids["Dana"]): 1,
        }
    )
    assert {b.voter for b in contest.ballots} == {None}
    assert Counter(b.status for b in contest.ballots) == Counter({"counted": 7, "invalid": 1})


async def test_ballots_are_not_shown_to_voters_nor_before_the_close(any_uow_factory):
    await setup(any_uow_factory, single_group())
    await populate(any_uow_factory, "PLHIV", voters(1), ["Aigul"])
    await grant(any_uow_factory, OBSERVER, Role.OBSERVER, "PLHIV")

    def shown(viewer):
        return anonymised_ballots(any_uow_factory(), group_code="PLHIV", viewer=viewer)

    assert await refused(shown(OBSERVER)) == ("results.not_computed", {"group": "PLHIV"})
    await close(any_uow_factory)
    assert await refused(shown(voters(1)[0])) == ("results.no_access", {"group": "PLHIV"})
    assert await refused(shown(pseudonym(99))) == ("results.no_access", {"group": "PLHIV"})
    assert (await shown(OBSERVER))[0].ballots == ()
