"""A candidate withdraws after the vote: who takes the seat, under the group's withdrawal rule.

The seats are recomputed from the recorded ranking with the withdrawn candidates left out, which
keeps every earlier decision: lot tickets are per candidate, so the remaining tied candidates keep
their drawn order, and nobody ranked above the withdrawn person moves.

NEXT_BY_VOTES
    Single contest: everyone placed after the withdrawn person moves up one place, so a member's
    withdrawal makes the first alternate a member and the next candidate by votes (not already
    elected) the last alternate. This follows the contest's own meaning: the place order *is*
    the order of preference, and an alternate exists to replace a member.
    Parallel contests: the alternate contest elected its own winners, so a withdrawn member is
    replaced by the next candidate of the *member* contest who holds no seat; alternates keep
    theirs. A withdrawn alternate is replaced from the alternate contest, skipping members.
    If no voted candidate is left, the seat is vacant.
REPEAT_VOTE
    The withdrawn person's seat is held for a repeat vote (a `RepeatVote` with cause WITHDRAWAL
    listing the contest's candidates who hold no seat); nobody else moves.

Withdrawing a candidate who holds no seat removes them from the reserve and from any pending tie.
"""

from __future__ import annotations

from dataclasses import replace

from core.election import Seat
from core.errors import Refused
from core.reasons import Reason
from core.regulation import CompetitionRule, WithdrawalRule
from core.tally_group import seat_group
from core.tally_model import CandidateId, GroupResult, RepeatCause, SeatPlace


def apply_withdrawal(result: GroupResult, candidate_id: CandidateId) -> GroupResult:
    """Return the group's result after `candidate_id` withdraws; refuse an unknown candidate."""
    if candidate_id in result.withdrawn:
        raise Refused(Reason("withdrawal.already_withdrawn"))
    if not any(candidate_id in contest.votes for contest in result.contests):
        raise Refused(Reason("withdrawal.not_standing"))
    withdrawn = result.withdrawn | {candidate_id}
    held = _held_places(result)
    if result.rules.withdrawal_rule is WithdrawalRule.REPEAT_VOTE:
        held |= {seat.place for seat in result.elected if seat.candidate_id == candidate_id}
    contests = seat_group(
        result.rules,
        bytes.fromhex(result.seed),
        result.contests,
        withdrawn,
        kept_alternates=_kept_alternates(result, candidate_id),
        held=held,
    )
    return replace(result, contests=contests, withdrawn=withdrawn)


def _held_places(result: GroupResult) -> frozenset[SeatPlace]:
    """Places an earlier withdrawal already put up for a repeat vote."""
    return frozenset(
        place
        for vote in result.repeat_votes
        if vote.cause is RepeatCause.WITHDRAWAL
        for place in vote.places
    )


def _kept_alternates(result: GroupResult, leaving: CandidateId) -> frozenset[CandidateId]:
    if result.rules.rule is CompetitionRule.SINGLE_CONTEST:
        return frozenset()
    return frozenset(c for c in result.holders(Seat.ALTERNATE) if c != leaving)
