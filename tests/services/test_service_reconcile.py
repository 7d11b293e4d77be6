"""The ballot box adds up: as many ballots and receipts as markers, while the vote is open and
after the close; a ballot slipped in beside the box does not."""

from __future__ import annotations

from core.model import Ballot, BallotStatus
from core.receipts import new_ballot_id
from core.services.reconcile import ContestCheck, reconcile
from tests.services.voting_support import (
    CYCLE,
    MakeUow,
    close,
    contest_ids,
    ids_by_name,
    populate,
    setup,
    single_group,
    vote,
    voters,
)


async def two_votes_of_three(make_uow: MakeUow) -> int:
    await setup(make_uow, single_group())
    electorate = voters(3)
    await populate(make_uow, "PLHIV", electorate, ["Aigul"])
    [contest] = await contest_ids(make_uow)
    ids = await ids_by_name(make_uow, electorate[0])
    for person in electorate[:2]:
        await vote(make_uow, person, {contest: [ids["Aigul"]]})
    return contest


def checks(ballots: int) -> list[ContestCheck]:
    return [
        ContestCheck(CYCLE, "PLHIV", "single", 2, ballots),
        ContestCheck(CYCLE, "PLHIV", "single", 2, 2, "receipts"),
    ]


async def test_the_box_adds_up_while_the_vote_is_open_and_after_the_close(any_uow_factory):
    await two_votes_of_three(any_uow_factory)
    during = await reconcile(any_uow_factory())
    await close(any_uow_factory)

    assert (during, await reconcile(any_uow_factory())) == (checks(2), checks(2))


async def test_a_ballot_written_in_clear_during_the_vote_is_a_mismatch(any_uow_factory):
    contest = await two_votes_of_three(any_uow_factory)
    async with any_uow_factory() as uow:
        slipped = Ballot(new_ballot_id(), contest, (), BallotStatus.COUNTED)
        await uow.votes.rewrite_ballots(contest, [slipped])
        await uow.commit()

    [found, _] = await reconcile(any_uow_factory())
    assert (found.ballots, found.matches) == (3, False)
