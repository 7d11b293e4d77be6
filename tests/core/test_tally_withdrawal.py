"""An elected person withdraws after the vote: who takes the seat, or which seat is re-voted."""

import pytest

from core.election import Seat
from core.errors import Refused
from core.regulation import CompetitionRule, TieRule, WithdrawalRule
from core.tally import (
    ContestInput,
    ContestKind,
    GroupResult,
    RepeatCause,
    SeatPlace,
    Standing,
    TallyRules,
    apply_withdrawal,
    tally_group,
)

NEXT = WithdrawalRule.NEXT_BY_VOTES
REPEAT = WithdrawalRule.REPEAT_VOTE


def contest(votes: dict[str, int]) -> ContestInput:
    candidates = [Standing(cid, order) for order, cid in enumerate(votes, start=1)]
    counts: dict[tuple[str, ...], int] = {(cid,): n for cid, n in votes.items()}
    return ContestInput(tuple(candidates), counts)


def single(
    votes: dict[str, int],
    withdrawal: WithdrawalRule = NEXT,
    members: int = 1,
    tie: TieRule = TieRule.LOT,
) -> GroupResult:
    rules = TallyRules(CompetitionRule.SINGLE_CONTEST, members, 1, 1, tie, withdrawal)
    return tally_group(rules, {ContestKind.SINGLE: contest(votes)}, "seed")


def parallel(
    member: dict[str, int], alternate: dict[str, int], withdrawal: WithdrawalRule = NEXT
) -> GroupResult:
    rules = TallyRules(CompetitionRule.PARALLEL_CONTESTS, 1, 1, 1, TieRule.LOT, withdrawal)
    inputs = {ContestKind.MEMBER: contest(member), ContestKind.ALTERNATE: contest(alternate)}
    return tally_group(rules, inputs, "seed")


def seats(result: GroupResult) -> tuple[tuple[str, ...], tuple[str, ...]]:
    return result.holders(Seat.MEMBER), result.holders(Seat.ALTERNATE)


def test_single_contest_member_withdraws_and_the_alternate_moves_up() -> None:
    result = apply_withdrawal(single({"anna": 9, "bota": 6, "dana": 3}), "anna")
    assert seats(result) == (("bota",), ("dana",))
    assert result.withdrawn == {"anna"}


def test_single_contest_alternate_withdraws_and_the_next_by_votes_replaces_them() -> None:
    result = apply_withdrawal(single({"anna": 9, "bota": 6, "dana": 3}), "bota")
    assert seats(result) == (("anna",), ("dana",))


def test_withdrawal_with_nobody_left_leaves_a_vacancy() -> None:
    result = apply_withdrawal(single({"anna": 9, "bota": 6, "dana": 0}), "anna")
    assert seats(result) == (("bota",), ())
    assert result.vacancies(Seat.ALTERNATE) == 1


def test_two_withdrawals_in_a_row_move_everyone_up_twice() -> None:
    first = apply_withdrawal(single({"a": 9, "b": 6, "c": 3, "d": 1}), "a")
    assert seats(apply_withdrawal(first, "b")) == (("c",), ("d",))


def test_parallel_member_withdraws_and_the_alternate_keeps_their_seat() -> None:
    result = parallel({"anna": 9, "bota": 8, "dana": 2}, {"bota": 5, "dana": 1})
    assert seats(result) == (("anna",), ("bota",))
    after = apply_withdrawal(result, "anna")
    # bota is next in the member contest but already elected: the seat goes to dana.
    assert seats(after) == (("dana",), ("bota",))


def test_parallel_alternate_withdraws_and_the_member_is_not_taken_twice() -> None:
    result = parallel({"anna": 9}, {"anna": 9, "bota": 5, "dana": 1})
    after = apply_withdrawal(result, "bota")
    assert seats(after) == (("anna",), ("dana",))


def test_repeat_vote_rule_holds_the_seat_and_moves_nobody() -> None:
    result = single({"anna": 9, "bota": 6, "dana": 3}, withdrawal=REPEAT)
    after = apply_withdrawal(result, "anna")
    assert seats(after) == ((), ("bota",))
    (vote,) = after.repeat_votes
    assert vote.cause is RepeatCause.WITHDRAWAL
    assert vote.places == (SeatPlace(Seat.MEMBER, 1),)
    assert vote.candidates == ("dana",)
    assert after.vacancies(Seat.MEMBER) == 0


def test_repeat_vote_seats_stay_held_through_a_later_withdrawal() -> None:
    result = single({"anna": 9, "bota": 6, "dana": 3}, withdrawal=REPEAT)
    after = apply_withdrawal(apply_withdrawal(result, "anna"), "bota")
    assert seats(after) == ((), ())
    assert {place for vote in after.repeat_votes for place in vote.places} == {
        SeatPlace(Seat.MEMBER, 1),
        SeatPlace(Seat.ALTERNATE, 1),
    }


def test_a_lot_already_drawn_is_kept_for_the_remaining_candidates() -> None:
    result = single({"a": 9, "b": 4, "c": 4, "d": 4}, members=1)
    winner = result.holders(Seat.ALTERNATE)[0]
    (draw,) = result.lot_draws
    after = apply_withdrawal(result, "a")
    # The draw order is per candidate, so the drawn winner becomes member, runner-up alternate.
    assert seats(after) == ((winner,), (draw.order[1],))
    assert after.lot_draws[0] == draw


def test_withdrawing_from_a_pending_tie_can_settle_it() -> None:
    result = single({"a": 9, "b": 4, "c": 4}, tie=TieRule.REPEAT_VOTE)
    assert result.repeat_votes
    after = apply_withdrawal(result, "c")
    assert after.repeat_votes == ()
    assert seats(after) == (("a",), ("b",))


def test_unknown_or_repeated_withdrawals_are_refused() -> None:
    result = single({"a": 9, "b": 4})
    with pytest.raises(Refused) as unknown:
        apply_withdrawal(result, "zed")
    assert unknown.value.reason.code == "withdrawal.not_standing"
    with pytest.raises(Refused) as twice:
        apply_withdrawal(apply_withdrawal(result, "a"), "a")
    assert twice.value.reason.code == "withdrawal.already_withdrawn"
