"""A closed group's stored ballots counted again: the same result, unless someone edited them."""

from __future__ import annotations

import dataclasses

import pytest

from core.errors import Refused
from core.services.recount import recount_group
from tests.builders import pseudonym
from tests.services.voting_support import (
    close,
    contest_ids,
    ids_by_name,
    populate,
    setup,
    single_group,
    vote,
)

VOTERS = [pseudonym(n) for n in range(1, 8)]


async def voted_and_closed(make_uow) -> int:
    """Seven voters: four for Aigul, two for Marat, one blank; then the close."""
    await setup(make_uow, single_group())
    await populate(make_uow, "PLHIV", VOTERS, ["Aigul", "Marat"])
    [contest] = await contest_ids(make_uow)
    ids = await ids_by_name(make_uow, VOTERS[0])
    for voter, name in zip(VOTERS, ["Aigul"] * 4 + ["Marat"] * 2 + [None], strict=True):
        await vote(make_uow, voter, {contest: [ids[name]] if name else []})
    await close(make_uow)
    return contest


async def test_the_stored_ballots_counted_again_give_the_recorded_result(any_uow_factory):
    await voted_and_closed(any_uow_factory)

    recount = await recount_group(any_uow_factory(), group_code="PLHIV")

    assert (recount.matches, recount.ballots) == (True, 7)


async def test_a_ballot_edited_after_the_close_is_found(any_uow_factory):
    contest = await voted_and_closed(any_uow_factory)
    async with any_uow_factory() as uow:
        ballots = await uow.votes.ballots(contest)
        marat = next(b.choices for b in ballots if b.choices and b.choices != ballots[0].choices)
        forged = [dataclasses.replace(b, choices=marat) if not b.choices else b for b in ballots]
        await uow.votes.rewrite_ballots(contest, forged)  # the blank ballot now votes Marat
        await uow.commit()

    recount = await recount_group(any_uow_factory(), group_code="PLHIV")

    assert (recount.matches, recount.ballots) == (False, 7)


async def test_a_group_not_yet_counted_cannot_be_recounted(any_uow_factory):
    await setup(any_uow_factory, single_group())

    with pytest.raises(Refused) as refused:
        await recount_group(any_uow_factory(), group_code="PLHIV")

    assert refused.value.reason.code == "results.not_computed"
