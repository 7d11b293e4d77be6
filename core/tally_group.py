"""Seating a whole group: one contest under rule (a), or member then alternate under rule (b).

Under rule (b) the member contest is seated first and its members are skipped in the alternate
contest, so nobody is elected twice. If a member seat waits for a repeat vote and one of the tied
candidates would take or contest an alternate seat, the alternate contest is `deferred`: who is
free to be alternate is only known after the member repeat vote, so no alternate is declared.
"""

from __future__ import annotations

from dataclasses import replace

from core.election import Seat
from core.regulation import CompetitionRule
from core.tally_model import (
    CandidateId,
    ContestKind,
    ContestResult,
    RepeatCause,
    RepeatVote,
    SeatPlace,
    TallyRules,
)
from core.tally_seats import Seating, places_of, seat_contest


def blocks_for(rules: TallyRules, kind: ContestKind) -> tuple[tuple[Seat, int], ...]:
    """The seats a contest fills, in the order its places are filled."""
    wanted = {
        ContestKind.SINGLE: ((Seat.MEMBER, rules.members), (Seat.ALTERNATE, rules.alternates)),
        ContestKind.MEMBER: ((Seat.MEMBER, rules.members),),
        ContestKind.ALTERNATE: ((Seat.ALTERNATE, rules.alternates),),
    }[kind]
    return tuple(block for block in wanted if block[1] > 0)


def contest_kinds(rule: CompetitionRule) -> tuple[ContestKind, ...]:
    if rule is CompetitionRule.SINGLE_CONTEST:
        return (ContestKind.SINGLE,)
    return (ContestKind.MEMBER, ContestKind.ALTERNATE)


def seat_group(
    rules: TallyRules,
    seed: bytes,
    contests: tuple[ContestResult, ...],
    withdrawn: frozenset[CandidateId],
    kept_alternates: frozenset[CandidateId] = frozenset(),
    held: frozenset[SeatPlace] = frozenset(),
) -> tuple[ContestResult, ...]:
    """Seat every contest; `held` places wait for a repeat vote after a withdrawal.

    `kept_alternates` (rule (b), after a withdrawal) are alternates who keep their seat, so the
    member contest skips them rather than promoting them.
    """
    by_kind = {contest.kind: contest for contest in contests}
    if rules.rule is CompetitionRule.SINGLE_CONTEST:
        single = by_kind[ContestKind.SINGLE]
        return (_seat(rules, seed, single, withdrawn, held)[0],)
    member, _ = _seat(rules, seed, by_kind[ContestKind.MEMBER], withdrawn | kept_alternates, held)
    members = frozenset(seat.candidate_id for seat in member.elected)
    alternate_input = by_kind[ContestKind.ALTERNATE]
    alternate, seating = _seat(rules, seed, alternate_input, withdrawn | members, held)
    tied_for_member = {
        c for vote in member.repeat_votes if vote.cause is RepeatCause.TIE for c in vote.candidates
    }
    if tied_for_member & _touched(seating):
        alternate = _deferred(alternate, alternate_input)
    return (member, alternate)


def _seat(
    rules: TallyRules,
    seed: bytes,
    contest: ContestResult,
    excluded: frozenset[CandidateId],
    held: frozenset[SeatPlace],
) -> tuple[ContestResult, Seating]:
    all_places = places_of(contest.blocks)
    open_places = tuple(place for place in all_places if place not in held)
    seating = seat_contest(
        contest.kind, contest.ranking, open_places, excluded, rules.tie_rule, seed
    )
    busy = excluded | {seat.candidate_id for seat in seating.elected}
    held_here = tuple(place for place in all_places if place in held)
    # A draw already made stays in the record even if a withdrawal later makes it moot.
    fresh = tuple(item for item in seating.tie_breaks if item not in contest.tie_breaks)
    seated = replace(
        contest,
        elected=seating.elected,
        vacancies=seating.vacancies,
        repeat_votes=seating.repeat_votes + _withdrawal_votes(contest, held_here, busy),
        tie_breaks=contest.tie_breaks + fresh,
        deferred=False,
    )
    return seated, seating


def _withdrawal_votes(
    contest: ContestResult, held: tuple[SeatPlace, ...], busy: frozenset[CandidateId]
) -> tuple[RepeatVote, ...]:
    if not held:
        return ()
    free = tuple(row.candidate_id for row in contest.ranking if row.candidate_id not in busy)
    return (RepeatVote(contest.kind, RepeatCause.WITHDRAWAL, held, free),)


def _touched(seating: Seating) -> set[CandidateId]:
    touched = {seat.candidate_id for seat in seating.elected}
    touched |= {c for vote in seating.repeat_votes for c in vote.candidates}
    touched |= {c for tie in seating.tie_breaks for c in tie.order}
    return touched


def _deferred(seated: ContestResult, before: ContestResult) -> ContestResult:
    """Declare no alternate yet; withdrawal repeat votes and past draws stay on record."""
    withdrawals = tuple(v for v in seated.repeat_votes if v.cause is RepeatCause.WITHDRAWAL)
    return replace(
        seated,
        elected=(),
        vacancies=(),
        repeat_votes=withdrawals,
        tie_breaks=before.tie_breaks,
        deferred=True,
    )
