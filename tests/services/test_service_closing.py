"""Closing and counting: known-answer elections, an idempotent close, the seed, confirmation."""

from __future__ import annotations

from datetime import timedelta

from core.election import Seat
from core.model import BallotStatus, Role
from core.regulation import CompetitionRule
from core.result_codec import result_from_json
from core.services.results import confirm_results
from core.tally import BallotFlaw, ContestKind
from tests.builders import pseudonym
from tests.fakes import FakeClock
from tests.services.registration_support import refused
from tests.services.voting_support import (
    AFTER,
    CLOSES,
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

PARALLEL = CompetitionRule.PARALLEL_CONTESTS
MEMBER = pseudonym(7)


def script(*blocks: tuple[int, list[str]]) -> list[list[str]]:
    """Expand (how many voters, what they mark) into one marking per voter."""
    return [list(marked) for count, marked in blocks for _ in range(count)]


async def actions(make_uow) -> list[str]:
    async with make_uow() as uow:
        return [entry.event.action for entry in await uow.audit.entries()]


async def test_fifty_voters_in_a_single_contest_give_the_known_result(any_uow_factory):
    await setup(any_uow_factory, single_group())
    electorate = voters(50)
    await populate(any_uow_factory, "PLHIV", electorate, ["Aigul", "Bolat", "Dana", "Erlan"])
    [contest] = await contest_ids(any_uow_factory)
    ids = await ids_by_name(any_uow_factory, electorate[0])
    marks = script(
        (18, ["Aigul"]),
        (14, ["Bolat"]),
        (9, ["Dana"]),
        (4, ["Erlan"]),
        (3, []),
        (1, ["Aigul", "Bolat"]),  # one choice allowed
        (1, ["C-0000-0000"]),  # nobody stands under this id
    )
    for person, marked in zip(electorate, marks, strict=True):
        await vote(any_uow_factory, person, {contest: [ids.get(m, m) for m in marked]})

    closing = await close(any_uow_factory)

    result = closing.result
    assert closing.closed_now and closing.version == 1
    assert result.holders(Seat.MEMBER) == (ids["Aigul"],)
    assert result.holders(Seat.ALTERNATE) == (ids["Bolat"],)
    counted = result.contest(ContestKind.SINGLE)
    assert counted.votes == {ids["Aigul"]: 18, ids["Bolat"]: 14, ids["Dana"]: 9, ids["Erlan"]: 4}
    assert (counted.valid, counted.blank) == (45, 3)
    assert {(i.flaw, i.count) for i in counted.invalid} == {
        (BallotFlaw.TOO_MANY_CHOICES, 1),
        (BallotFlaw.UNKNOWN_CANDIDATE, 1),
    }
    assert result.vacancies(Seat.MEMBER) == result.vacancies(Seat.ALTERNATE) == 0


async def test_fifty_voters_in_parallel_contests_give_the_known_result(any_uow_factory):
    group = single_group(rule=PARALLEL, members=2, alternates=2, choices=2)
    await setup(any_uow_factory, group)
    electorate = voters(50)
    await populate(
        any_uow_factory, "PLHIV", electorate, ["Pavel", "Qanat", "Rauan", "Saule", "Timur"]
    )
    member, alternate = await contest_ids(any_uow_factory)
    ids = await ids_by_name(any_uow_factory, electorate[0])
    member_marks = script(
        (20, ["Pavel", "Qanat"]),
        (10, ["Pavel", "Rauan"]),
        (5, ["Qanat", "Rauan"]),
        (5, ["Rauan", "Saule"]),
        (5, ["Saule"]),
        (3, []),
        (2, ["Pavel", "Qanat", "Rauan"]),  # two choices allowed
    )
    alternate_marks = script((40, ["Pavel", "Rauan"]), (10, []))
    for person, for_member, for_alternate in zip(
        electorate, member_marks, alternate_marks, strict=True
    ):
        choices = {
            member: [ids[m] for m in for_member],
            alternate: [ids[m] for m in for_alternate],
        }
        await vote(any_uow_factory, person, choices)

    result = (await close(any_uow_factory)).result

    assert result.holders(Seat.MEMBER) == (ids["Pavel"], ids["Qanat"])
    # Pavel is a member already; nobody else without a seat had an alternate vote but Rauan.
    assert result.holders(Seat.ALTERNATE) == (ids["Rauan"],)
    assert (result.vacancies(Seat.MEMBER), result.vacancies(Seat.ALTERNATE)) == (0, 1)
    members = result.contest(ContestKind.MEMBER)
    assert members.votes == {
        ids["Pavel"]: 30,
        ids["Qanat"]: 25,
        ids["Rauan"]: 20,
        ids["Saule"]: 10,
        ids["Timur"]: 0,
    }
    assert (members.valid, members.blank, members.invalid_total) == (45, 3, 2)
    alternates = result.contest(ContestKind.ALTERNATE)
    assert (alternates.votes[ids["Rauan"]], alternates.valid, alternates.blank) == (40, 40, 10)


async def test_voting_cannot_be_closed_before_its_closing_instant(any_uow_factory):
    await setup(any_uow_factory, single_group())

    code, params = await refused(close(any_uow_factory, at=CLOSES - timedelta(seconds=1)))

    assert (code, params["closes_at"]) == ("results.voting_not_closed", CLOSES)
    assert "voting.closed" not in await actions(any_uow_factory)


async def test_closing_twice_changes_nothing_the_second_time(any_uow_factory):
    await setup(any_uow_factory, single_group())
    electorate = voters(3)
    await populate(any_uow_factory, "PLHIV", electorate, ["Aigul"])
    [contest] = await contest_ids(any_uow_factory)
    ids = await ids_by_name(any_uow_factory, electorate[0])
    for person in electorate:
        await vote(any_uow_factory, person, {contest: [ids["Aigul"]]})
    first = await close(any_uow_factory)
    log = await actions(any_uow_factory)
    async with any_uow_factory() as uow:
        ballots = sorted((b.id, b.choices) for b in await uow.votes.ballots(contest))

    second = await close(any_uow_factory, at=AFTER + timedelta(days=1))

    assert (second.closed_now, second.version, second.result) == (False, 1, first.result)
    assert await actions(any_uow_factory) == log
    assert log[-2:] == ["voting.closed", "results.computed"]
    async with any_uow_factory() as uow:
        assert sorted((b.id, b.choices) for b in await uow.votes.ballots(contest)) == ballots
        assert len(await uow.results.versions(await _group_id(uow))) == 1


async def _group_id(uow) -> int:
    group = await uow.groups.get(CYCLE, "PLHIV")
    return group.id


async def test_lots_are_drawn_from_the_audit_head_the_close_chained_to(any_uow_factory):
    await setup(any_uow_factory, single_group())
    electorate = voters(2)
    await populate(any_uow_factory, "PLHIV", electorate, ["Aigul", "Bolat", "Dana"])
    [contest] = await contest_ids(any_uow_factory)
    ids = await ids_by_name(any_uow_factory, electorate[0])
    await vote(any_uow_factory, electorate[0], {contest: [ids["Aigul"]]})
    await vote(any_uow_factory, electorate[1], {contest: [ids["Bolat"]]})

    result = (await close(any_uow_factory)).result

    async with any_uow_factory() as uow:
        closed = next(e for e in await uow.audit.entries() if e.event.action == "voting.closed")
        [stored] = await uow.results.versions(await _group_id(uow))
    assert stored.seed == closed.prev_hash
    assert result.seed == closed.prev_hash.encode().hex()
    assert result_from_json(stored.result) == result
    # Aigul and Bolat tie at one vote across the member/alternate boundary: a lot decides.
    [draw] = result.lot_draws
    assert set(draw.order) == {ids["Aigul"], ids["Bolat"]}


async def test_a_ballot_arriving_after_the_close_is_late(any_uow_factory):
    await setup(any_uow_factory, single_group())
    electorate = voters(1)
    await populate(any_uow_factory, "PLHIV", electorate, ["Aigul"])
    [contest] = await contest_ids(any_uow_factory)
    await close(any_uow_factory)

    assert (await refused(vote(any_uow_factory, electorate[0], {contest: []}, at=AFTER)))[0] == (
        "voting.closed"
    )
    async with any_uow_factory() as uow:
        assert (await uow.votes.count_late(contest), await uow.votes.ballots(contest)) == (1, [])


async def test_the_close_forgets_which_ballot_and_receipt_belong_to_whom(any_uow_factory):
    await setup(any_uow_factory, single_group(revote=True))
    electorate = voters(2)
    await populate(any_uow_factory, "PLHIV", electorate, ["Aigul"])
    [contest] = await contest_ids(any_uow_factory)
    for person in electorate:
        await vote(any_uow_factory, person, {contest: []})
    async with any_uow_factory() as uow:
        before = await uow.votes.marker(contest, electorate[0])
    assert before is not None and before.ballot_ref and before.receipt_ref

    await close(any_uow_factory)

    async with any_uow_factory() as uow:
        for person in electorate:
            marker = await uow.votes.marker(contest, person)
            assert marker is not None and (marker.ballot_ref, marker.receipt_ref) == (None, None)
        assert {b.status for b in await uow.votes.ballots(contest)} == {BallotStatus.COUNTED}


async def test_only_a_pledged_commission_member_confirms_and_only_after_the_close(
    any_uow_factory,
):
    await setup(any_uow_factory, single_group())
    await populate(any_uow_factory, "PLHIV", voters(1), ["Aigul"])
    await grant(any_uow_factory, MEMBER, Role.COMMISSION, "PLHIV")
    await grant(any_uow_factory, pseudonym(8), Role.COMMISSION, "PLHIV", pledged=False)
    await grant(any_uow_factory, pseudonym(9), Role.OBSERVER, "PLHIV")

    def confirm(person, at=AFTER):
        return confirm_results(any_uow_factory(), FakeClock(at), group_code="PLHIV", member=person)

    assert (await refused(confirm(MEMBER, at=CLOSES - timedelta(minutes=1))))[0] == (
        "results.voting_not_closed"
    )
    assert await refused(confirm(MEMBER)) == ("results.not_computed", {"group": "PLHIV"})
    await close(any_uow_factory)
    assert (await refused(confirm(pseudonym(9))))[0] == "review.not_commission"
    assert (await refused(confirm(pseudonym(8))))[0] == "review.pledge_required"

    confirmed = await confirm(MEMBER)

    assert confirmed.version == 1
    async with any_uow_factory() as uow:
        [stored] = await uow.results.versions(await _group_id(uow))
    assert stored.confirmed_at == AFTER and stored.confirmed_by.startswith("M-")
    assert (await actions(any_uow_factory))[-1] == "results.confirmed"
    assert await refused(confirm(MEMBER)) == (
        "results.already_confirmed",
        {"group": "PLHIV", "version": 1},
    )


async def test_a_cast_that_started_before_the_instant_but_lands_after_the_count_is_late(
    any_uow_factory,
):
    await setup(any_uow_factory, single_group())
    electorate = voters(1)
    await populate(any_uow_factory, "PLHIV", electorate, ["Aigul"])
    [contest] = await contest_ids(any_uow_factory)
    await close(any_uow_factory)

    slow = vote(any_uow_factory, electorate[0], {contest: []}, at=CLOSES - timedelta(seconds=1))

    assert await refused(slow) == ("voting.closed", {"closed_at": CLOSES})
    async with any_uow_factory() as uow:
        assert (await uow.votes.count_late(contest), await uow.votes.ballots(contest)) == (1, [])
