"""The tally by example: who becomes member, alternate, vacant seat or repeat vote, and why."""

import hashlib
import hmac
from typing import Any

import pytest

from core.election import Seat
from core.regulation import CompetitionRule, TieRule, WithdrawalRule
from core.tally import (
    BallotFlaw,
    ContestInput,
    ContestKind,
    GroupResult,
    RepeatCause,
    SeatPlace,
    Standing,
    TallyRules,
    contest_from_ballots,
    tally_group,
)

SINGLE = CompetitionRule.SINGLE_CONTEST
PARALLEL = CompetitionRule.PARALLEL_CONTESTS


def rules(
    rule: CompetitionRule = SINGLE,
    members: int = 1,
    alternates: int = 1,
    choices: int = 1,
    tie: TieRule = TieRule.LOT,
    withdrawal: WithdrawalRule = WithdrawalRule.NEXT_BY_VOTES,
) -> TallyRules:
    return TallyRules(rule, members, alternates, choices, tie, withdrawal)


def contest(votes: dict[str, int]) -> ContestInput:
    """Candidates in the dict's order (= application order), each with single-choice ballots."""
    candidates = [Standing(cid, order) for order, cid in enumerate(votes, start=1)]
    counts: dict[tuple[str, ...], int] = {(cid,): n for cid, n in votes.items()}
    return ContestInput(tuple(candidates), counts)


def single(votes: dict[str, int], seed: str = "seed", **kwargs: Any) -> GroupResult:
    return tally_group(rules(**kwargs), {ContestKind.SINGLE: contest(votes)}, seed)


def test_single_contest_first_place_is_member_second_is_alternate() -> None:
    result = single({"anna": 3, "bota": 7, "dana": 5})
    assert result.holders(Seat.MEMBER) == ("bota",)
    assert result.holders(Seat.ALTERNATE) == ("dana",)
    assert [row.candidate_id for row in result.contest(ContestKind.SINGLE).ranking] == [
        "bota",
        "dana",
        "anna",
    ]


def test_two_members_and_two_alternates_fill_places_in_order() -> None:
    result = single({"a": 9, "b": 8, "c": 7, "d": 6, "e": 5}, members=2, alternates=2)
    assert result.holders(Seat.MEMBER) == ("a", "b")
    assert result.holders(Seat.ALTERNATE) == ("c", "d")


def test_a_seat_without_a_voted_candidate_stays_vacant() -> None:
    result = single({"anna": 4, "bota": 0})
    assert result.holders(Seat.MEMBER) == ("anna",)
    assert result.holders(Seat.ALTERNATE) == ()
    assert result.vacancies(Seat.ALTERNATE) == 1
    assert result.vacancies(Seat.MEMBER) == 0


def test_nobody_voted_leaves_every_seat_vacant() -> None:
    result = single({"anna": 0})
    assert result.elected == ()
    assert result.vacancies(Seat.MEMBER) == 1 and result.vacancies(Seat.ALTERNATE) == 1


def test_blank_and_flawed_ballots_are_counted_apart() -> None:
    ballots = [{"a"}, {"a"}, {"b"}, set(), set(), ("a", "a"), {"a", "b"}, {"ghost"}]
    candidates = [Standing("a", 1), Standing("b", 2)]
    result = tally_group(
        rules(), {ContestKind.SINGLE: contest_from_ballots(candidates, ballots)}, "s"
    )
    counted = result.contest(ContestKind.SINGLE)
    assert counted.votes == {"a": 2, "b": 1}
    assert (counted.valid, counted.blank, counted.invalid_total) == (3, 2, 3)
    flaws = {item.flaw: item.count for item in counted.invalid}
    assert flaws == {
        BallotFlaw.REPEATED_CHOICE: 1,
        BallotFlaw.TOO_MANY_CHOICES: 1,
        BallotFlaw.UNKNOWN_CANDIDATE: 1,
    }


def test_multi_choice_ballots_give_one_vote_to_each_marked_candidate() -> None:
    candidates = [Standing("a", 1), Standing("b", 2), Standing("c", 3)]
    ballots = [{"a", "b"}, {"b", "c"}, {"b"}]
    result = tally_group(
        rules(choices=2), {ContestKind.SINGLE: contest_from_ballots(candidates, ballots)}, "s"
    )
    assert result.contest(ContestKind.SINGLE).votes == {"a": 1, "b": 3, "c": 1}


def test_pre_aggregated_counts_equal_raw_ballots() -> None:
    candidates = (Standing("a", 1), Standing("b", 2))
    raw = [{"a"}] * 5 + [{"b"}] * 3 + [set()] * 2
    aggregated = ContestInput(
        candidates, {frozenset({"a"}): 5, frozenset({"b"}): 3, frozenset(): 2}
    )
    from_raw = tally_group(
        rules(), {ContestKind.SINGLE: contest_from_ballots(candidates, raw)}, "s"
    )
    from_counts = tally_group(rules(), {ContestKind.SINGLE: aggregated}, "s")
    assert from_raw == from_counts


def test_parallel_contests_never_elect_the_member_as_alternate() -> None:
    member = contest({"anna": 10, "bota": 4})
    alternate = contest({"anna": 9, "bota": 6, "dana": 2})
    result = tally_group(
        rules(PARALLEL), {ContestKind.MEMBER: member, ContestKind.ALTERNATE: alternate}, "s"
    )
    assert result.holders(Seat.MEMBER) == ("anna",)
    assert result.holders(Seat.ALTERNATE) == ("bota",)


def test_parallel_without_alternate_seats_needs_no_alternate_contest() -> None:
    result = tally_group(
        rules(PARALLEL, alternates=0), {ContestKind.MEMBER: contest({"a": 1})}, "s"
    )
    assert result.holders(Seat.MEMBER) == ("a",)
    assert result.vacancies(Seat.ALTERNATE) == 0


def test_a_missing_contest_is_a_programming_error() -> None:
    with pytest.raises(ValueError, match="member, alternate"):
        tally_group(rules(PARALLEL), {ContestKind.MEMBER: contest({"a": 1})}, "s")


def test_a_lot_decides_a_tie_between_member_and_alternate_reproducibly() -> None:
    result = single({"anna": 5, "bota": 5, "dana": 1}, seed="protocol-2024-SW")
    (draw,) = result.lot_draws
    assert set(draw.order) == {"anna", "bota"}
    assert draw.places == (SeatPlace(Seat.MEMBER, 1), SeatPlace(Seat.ALTERNATE, 1))
    # Anyone can redo the draw from the recorded seed: HMAC-SHA256(seed, "single\x1f" + id).
    tickets = {
        cid: hmac.new(b"protocol-2024-SW", f"single\x1f{cid}".encode(), hashlib.sha256).hexdigest()
        for cid in ("anna", "bota")
    }
    assert draw.order == tuple(sorted(tickets, key=tickets.__getitem__))
    assert draw.tickets == tuple(tickets[cid] for cid in draw.order)
    assert result.holders(Seat.MEMBER) == (draw.order[0],)
    assert result.holders(Seat.ALTERNATE) == (draw.order[1],)
    assert result.seed == b"protocol-2024-SW".hex()


def test_different_seeds_can_draw_different_winners() -> None:
    winners = {single({"anna": 5, "bota": 5}, seed=f"s{n}").holders(Seat.MEMBER) for n in range(20)}
    assert winners == {("anna",), ("bota",)}


def test_earliest_application_wins_a_boundary_tie() -> None:
    result = single({"anna": 2, "bota": 5, "dana": 5}, tie=TieRule.EARLIEST_APPLICATION)
    assert result.holders(Seat.MEMBER) == ("bota",)
    assert result.holders(Seat.ALTERNATE) == ("dana",)
    (tie,) = result.contest(ContestKind.SINGLE).tie_breaks
    assert tie.rule is TieRule.EARLIEST_APPLICATION and tie.order == ("bota", "dana")
    assert result.lot_draws == ()


def test_repeat_vote_leaves_the_tied_seats_undecided() -> None:
    result = single({"anna": 9, "bota": 4, "dana": 4, "erlan": 1}, tie=TieRule.REPEAT_VOTE)
    assert result.holders(Seat.MEMBER) == ("anna",)
    assert result.holders(Seat.ALTERNATE) == ()
    assert result.vacancies(Seat.ALTERNATE) == 0
    (vote,) = result.repeat_votes
    assert vote.cause is RepeatCause.TIE
    assert vote.places == (SeatPlace(Seat.ALTERNATE, 1),)
    assert vote.candidates == ("bota", "dana")


def test_a_tie_across_member_and_alternate_in_one_contest_needs_a_repeat_vote() -> None:
    result = single({"anna": 4, "bota": 4}, tie=TieRule.REPEAT_VOTE)
    (vote,) = result.repeat_votes
    assert vote.places == (SeatPlace(Seat.MEMBER, 1), SeatPlace(Seat.ALTERNATE, 1))
    assert result.elected == ()


def test_a_tie_inside_one_seat_kind_changes_nothing() -> None:
    result = single({"a": 5, "b": 5, "c": 1}, members=2, alternates=1, tie=TieRule.REPEAT_VOTE)
    assert set(result.holders(Seat.MEMBER)) == {"a", "b"}
    assert result.holders(Seat.ALTERNATE) == ("c",)
    assert result.repeat_votes == () and result.lot_draws == ()


def test_a_tie_below_the_last_seat_changes_nothing() -> None:
    result = single({"a": 9, "b": 7, "c": 2, "d": 2})
    assert result.lot_draws == ()
    assert (result.holders(Seat.MEMBER), result.holders(Seat.ALTERNATE)) == (("a",), ("b",))


def test_places_after_a_pending_tie_are_still_decided() -> None:
    result = single(
        {"a": 5, "b": 5, "c": 5, "d": 2}, members=2, alternates=2, tie=TieRule.REPEAT_VOTE
    )
    (vote,) = result.repeat_votes
    assert vote.places == (
        SeatPlace(Seat.MEMBER, 1),
        SeatPlace(Seat.MEMBER, 2),
        SeatPlace(Seat.ALTERNATE, 1),
    )
    assert result.holders(Seat.ALTERNATE) == ("d",)
    assert result.contest(ContestKind.SINGLE).elected[0].place == SeatPlace(Seat.ALTERNATE, 2)


def test_an_alternate_waits_for_a_member_repeat_vote_it_depends_on() -> None:
    member = contest({"anna": 3, "bota": 3})
    alternate = contest({"anna": 5, "dana": 1})
    result = tally_group(
        rules(PARALLEL, tie=TieRule.REPEAT_VOTE),
        {ContestKind.MEMBER: member, ContestKind.ALTERNATE: alternate},
        "s",
    )
    assert result.repeat_votes[0].candidates == ("anna", "bota")
    waiting = result.contest(ContestKind.ALTERNATE)
    assert waiting.deferred and waiting.elected == () and waiting.vacancies == ()


def test_an_alternate_contest_untouched_by_the_member_tie_is_decided() -> None:
    member = contest({"anna": 3, "bota": 3})
    alternate = contest({"dana": 5, "anna": 1})
    result = tally_group(
        rules(PARALLEL, tie=TieRule.REPEAT_VOTE),
        {ContestKind.MEMBER: member, ContestKind.ALTERNATE: alternate},
        "s",
    )
    assert not result.contest(ContestKind.ALTERNATE).deferred
    assert result.holders(Seat.ALTERNATE) == ("dana",)
