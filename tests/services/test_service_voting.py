"""Ballot papers and casting: who may vote, receipts, revotes, late, blank and invalid ballots."""

from __future__ import annotations

import pytest

from core.model import BallotStatus, ContestKind, Role, VoterStatus
from core.receipts import RECEIPT_PATTERN
from core.regulation import CompetitionRule, Secrecy, VotingMode
from core.tally import BallotFlaw
from tests.builders import START, pseudonym
from tests.services.registration_support import refused
from tests.services.voting_support import (
    AFTER,
    ballots_in_box,
    close,
    contest_ids,
    grant,
    ids_by_name,
    paper,
    populate,
    setup,
    single_group,
    vote,
)

ANNA, BOTA = pseudonym(1), pseudonym(2)


async def stored(make_uow, contest: int):
    async with make_uow() as uow:
        return (
            await uow.votes.count_markers(contest),
            await ballots_in_box(uow, contest),
            await uow.votes.receipts(contest),
        )


async def test_the_paper_lists_admitted_candidates_alphabetically_with_their_statements(
    any_uow_factory,
):
    await setup(any_uow_factory, single_group(choices=2))
    await populate(any_uow_factory, "PLHIV", [ANNA], ["Zhanna", "Aigul", "Marat"])

    shown = await paper(any_uow_factory, ANNA)

    [contest] = shown.contests
    assert contest.kind is ContestKind.SINGLE and contest.choices == 2 and contest.seats == 2
    assert [c.name for c in contest.candidates] == ["Aigul", "Marat", "Zhanna"]
    assert contest.candidates[0].statement == "Aigul will speak for us"
    assert all(c.id.startswith("C-") and len(c.id) == 11 for c in contest.candidates)
    assert (shown.voted, shown.may_revote, shown.receipt, shown.open_vote) == (
        False,
        False,
        None,
        False,
    )


async def test_parallel_contests_offer_the_same_candidates_for_member_and_alternate(
    any_uow_factory,
):
    group = single_group(rule=CompetitionRule.PARALLEL_CONTESTS)
    await setup(any_uow_factory, group)
    await populate(any_uow_factory, "PLHIV", [ANNA], ["Aigul", "Marat"])

    shown = await paper(any_uow_factory, ANNA)

    assert [c.kind for c in shown.contests] == [ContestKind.MEMBER, ContestKind.ALTERNATE]
    assert shown.contests[0].candidates == shown.contests[1].candidates


async def test_only_admitted_voters_get_a_paper(any_uow_factory):
    await setup(any_uow_factory, single_group())
    await populate(any_uow_factory, "PLHIV", [ANNA], ["Aigul"], status=VoterStatus.PENDING)

    assert await refused(paper(any_uow_factory, ANNA)) == (
        "ballot.not_voter",
        {"group": "PLHIV", "status": "pending"},
    )
    assert await refused(paper(any_uow_factory, BOTA)) == (
        "ballot.not_voter",
        {"group": "PLHIV", "status": "none"},
    )


async def test_under_indirect_voting_only_delegates_vote(any_uow_factory):
    await setup(any_uow_factory, single_group(mode=VotingMode.INDIRECT))
    await populate(any_uow_factory, "PLHIV", [ANNA], ["Aigul"])
    await grant(any_uow_factory, BOTA, Role.DELEGATE, "PLHIV")

    assert await refused(paper(any_uow_factory, ANNA)) == (
        "ballot.not_delegate",
        {"group": "PLHIV"},
    )
    [contest] = await contest_ids(any_uow_factory)
    ids = await ids_by_name(any_uow_factory, BOTA)
    receipt = await vote(any_uow_factory, BOTA, {contest: [ids["Aigul"]]})
    assert receipt.contests[0].status is BallotStatus.COUNTED


async def test_no_paper_before_voting_opens_or_after_it_closes(any_uow_factory):
    await setup(any_uow_factory, single_group())
    await populate(any_uow_factory, "PLHIV", [ANNA], ["Aigul"])

    assert (await refused(paper(any_uow_factory, ANNA, at=START)))[0] == "voting.not_open"
    code, params = await refused(paper(any_uow_factory, ANNA, at=AFTER))
    assert code == "voting.closed" and params["closed_at"] < AFTER


async def test_a_cast_gives_a_readable_receipt_and_the_paper_shows_it_again(any_uow_factory):
    await setup(any_uow_factory, single_group())
    await populate(any_uow_factory, "PLHIV", [ANNA], ["Aigul", "Marat"])
    [contest] = await contest_ids(any_uow_factory)
    ids = await ids_by_name(any_uow_factory, ANNA)

    receipt = await vote(any_uow_factory, ANNA, {contest: [ids["Marat"]]})

    assert RECEIPT_PATTERN.match(receipt.code)
    assert receipt.contests[0].status is BallotStatus.COUNTED and not receipt.contests[0].blank
    again = await paper(any_uow_factory, ANNA)
    assert (again.voted, again.may_revote, again.receipt) == (True, False, receipt.code)
    markers, ballots, receipts = await stored(any_uow_factory, contest)
    assert (markers, [b.choices for b in ballots], receipts) == (
        1,
        [(ids["Marat"],)],
        [receipt.code],
    )
    assert ballots[0].open_voter is None


async def test_without_revote_a_second_ballot_is_refused_with_the_first_receipt(any_uow_factory):
    await setup(any_uow_factory, single_group())
    await populate(any_uow_factory, "PLHIV", [ANNA], ["Aigul", "Marat"])
    [contest] = await contest_ids(any_uow_factory)
    ids = await ids_by_name(any_uow_factory, ANNA)
    first = await vote(any_uow_factory, ANNA, {contest: [ids["Marat"]]})

    second = vote(any_uow_factory, ANNA, {contest: [ids["Aigul"]]})

    assert await refused(second) == (
        "ballot.already_voted",
        {"group": "PLHIV", "receipt": first.code},
    )
    markers, ballots, receipts = await stored(any_uow_factory, contest)
    assert (markers, [b.choices for b in ballots], receipts) == (1, [(ids["Marat"],)], [first.code])


async def test_a_revote_keeps_only_the_last_ballot_and_receipt(any_uow_factory):
    await setup(any_uow_factory, single_group(revote=True))
    await populate(any_uow_factory, "PLHIV", [ANNA, BOTA], ["Aigul", "Marat"])
    [contest] = await contest_ids(any_uow_factory)
    ids = await ids_by_name(any_uow_factory, ANNA)
    other = await vote(any_uow_factory, BOTA, {contest: [ids["Aigul"]]})
    first = await vote(any_uow_factory, ANNA, {contest: [ids["Marat"]]})
    assert (await paper(any_uow_factory, ANNA)).may_revote

    last = await vote(any_uow_factory, ANNA, {contest: [ids["Aigul"]]})

    assert last.replaced_earlier and not first.replaced_earlier and last.code != first.code
    markers, ballots, receipts = await stored(any_uow_factory, contest)
    assert markers == 2
    assert sorted(b.choices for b in ballots) == [(ids["Aigul"],), (ids["Aigul"],)]
    assert receipts == sorted([other.code, last.code])
    assert (await paper(any_uow_factory, ANNA)).receipt == last.code


async def test_a_late_cast_is_refused_kept_nowhere_and_counted_once(any_uow_factory):
    await setup(any_uow_factory, single_group())
    await populate(any_uow_factory, "PLHIV", [ANNA], ["Aigul"])
    [contest] = await contest_ids(any_uow_factory)
    ids = await ids_by_name(any_uow_factory, ANNA)

    for _ in range(2):
        code, _params = await refused(
            vote(any_uow_factory, ANNA, {contest: [ids["Aigul"]]}, at=AFTER)
        )
        assert code == "voting.closed"

    async with any_uow_factory() as uow:
        assert await uow.votes.count_late(contest) == 1
    assert await stored(any_uow_factory, contest) == (0, [], [])


async def test_a_stranger_trying_late_is_not_counted_as_a_late_voter(any_uow_factory):
    await setup(any_uow_factory, single_group())
    await populate(any_uow_factory, "PLHIV", [ANNA], ["Aigul"])
    [contest] = await contest_ids(any_uow_factory)

    assert (await refused(vote(any_uow_factory, BOTA, {contest: []}, at=AFTER)))[0] == (
        "ballot.not_voter"
    )
    async with any_uow_factory() as uow:
        assert await uow.votes.count_late(contest) == 0


@pytest.mark.parametrize(
    ("marked", "flaw"),
    [
        (["Aigul", "Marat"], BallotFlaw.TOO_MANY_CHOICES),
        (["Aigul", "Aigul"], BallotFlaw.REPEATED_CHOICE),
        (["C-0000-0000"], BallotFlaw.UNKNOWN_CANDIDATE),
    ],
)
async def test_a_flawed_ballot_is_kept_as_invalid_and_the_receipt_says_why(
    any_uow_factory, marked, flaw
):
    await setup(any_uow_factory, single_group())
    await populate(any_uow_factory, "PLHIV", [ANNA], ["Aigul", "Marat"])
    [contest] = await contest_ids(any_uow_factory)
    ids = await ids_by_name(any_uow_factory, ANNA)

    receipt = await vote(any_uow_factory, ANNA, {contest: [ids.get(m, m) for m in marked]})

    [part] = receipt.contests
    assert (part.status, part.reason) == (BallotStatus.INVALID, flaw.value)
    markers, ballots, receipts = await stored(any_uow_factory, contest)
    assert (markers, len(ballots), receipts) == (1, 1, [receipt.code])
    await close(any_uow_factory)
    async with any_uow_factory() as uow:
        counted = await uow.votes.ballots(contest)
    assert [(b.status, b.reason) for b in counted] == [(BallotStatus.INVALID, flaw.value)]


async def test_a_contest_left_out_is_a_blank_ballot(any_uow_factory):
    await setup(any_uow_factory, single_group(rule=CompetitionRule.PARALLEL_CONTESTS))
    await populate(any_uow_factory, "PLHIV", [ANNA], ["Aigul"])
    member, alternate = await contest_ids(any_uow_factory)
    ids = await ids_by_name(any_uow_factory, ANNA)

    receipt = await vote(any_uow_factory, ANNA, {member: [ids["Aigul"]]})

    assert [(p.contest_id, p.status, p.blank) for p in receipt.contests] == [
        (member, BallotStatus.COUNTED, False),
        (alternate, BallotStatus.COUNTED, True),
    ]
    for contest in (member, alternate):
        markers, ballots, receipts = await stored(any_uow_factory, contest)
        assert (markers, len(ballots), receipts) == (1, 1, [receipt.code])


async def test_a_choice_for_another_groups_contest_is_refused(any_uow_factory):
    await setup(any_uow_factory, single_group(), single_group("MSM"))
    await populate(any_uow_factory, "PLHIV", [ANNA], ["Aigul"])
    [foreign] = await contest_ids(any_uow_factory, "MSM")

    assert await refused(vote(any_uow_factory, ANNA, {foreign: []})) == (
        "ballot.unknown_contest",
        {"group": "PLHIV", "contest": foreign},
    )


async def test_an_open_vote_records_who_cast_the_ballot(any_uow_factory):
    await setup(any_uow_factory, single_group(secrecy=Secrecy.OPEN))
    await populate(any_uow_factory, "PLHIV", [ANNA], ["Aigul"])
    [contest] = await contest_ids(any_uow_factory)
    ids = await ids_by_name(any_uow_factory, ANNA)
    assert (await paper(any_uow_factory, ANNA)).open_vote

    await vote(any_uow_factory, ANNA, {contest: [ids["Aigul"]]})

    _, [ballot], _ = await stored(any_uow_factory, contest)
    assert ballot.open_voter == ANNA
