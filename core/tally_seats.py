"""Filling one contest's seats from its ranking, with the group's tie rule.

Places are filled in order (members first in a single contest). Candidates with equal votes form
a tier; a tier is only broken when it straddles a boundary, i.e. its places would span two seat
kinds or run past the last place. A tier inside one seat kind is ordered the way the tie rule
would order it (lot tickets, else application order) but no tie break is recorded: the order only
ranks equal seats, and keeping it the tie rule's own keeps positions stable across withdrawals.
"""

from __future__ import annotations

import hashlib
import hmac
from collections.abc import Iterator
from dataclasses import dataclass
from itertools import groupby

from core.election import Seat
from core.regulation import TieRule
from core.tally_model import (
    CandidateId,
    CandidateVotes,
    ContestKind,
    ElectedSeat,
    RepeatCause,
    RepeatVote,
    SeatPlace,
    TieBreak,
)


@dataclass(frozen=True)
class Seating:
    elected: tuple[ElectedSeat, ...]
    vacancies: tuple[SeatPlace, ...]
    repeat_votes: tuple[RepeatVote, ...]
    tie_breaks: tuple[TieBreak, ...]


def lot_ticket(seed: bytes, contest: ContestKind, candidate_id: CandidateId) -> str:
    """The candidate's lot: HMAC-SHA256 keyed by the seed; the lowest ticket wins."""
    message = f"{contest.value}\x1f{candidate_id}".encode()
    return hmac.new(seed, message, hashlib.sha256).hexdigest()


def places_of(blocks: tuple[tuple[Seat, int], ...]) -> tuple[SeatPlace, ...]:
    """Every place a contest fills, in the order they are filled."""
    return tuple(SeatPlace(seat, n) for seat, count in blocks for n in range(1, count + 1))


def seat_contest(
    kind: ContestKind,
    ranking: tuple[CandidateVotes, ...],
    places: tuple[SeatPlace, ...],
    excluded: frozenset[CandidateId],
    tie_rule: TieRule,
    seed: bytes,
) -> Seating:
    """Give `places` to the best-voted eligible candidates; only a voted candidate is seated."""
    elected: list[ElectedSeat] = []
    repeats: list[RepeatVote] = []
    breaks: list[TieBreak] = []
    cursor = 0
    for tier in _tiers(ranking, excluded):
        if cursor >= len(places):
            break
        span = places[cursor : cursor + len(tier)]
        if not _straddles(tier, span):
            elected += _seat_in_order(_tie_order(kind, tier, tie_rule, seed)[0], span)
        elif tie_rule is TieRule.REPEAT_VOTE:
            ids = tuple(row.candidate_id for row in tier)
            repeats.append(RepeatVote(kind, RepeatCause.TIE, span, ids))
        else:
            ordered, tie_break = _break_tie(kind, tier, span, tie_rule, seed)
            elected += _seat_in_order(ordered, span)
            breaks.append(tie_break)
        cursor += len(tier)
    return Seating(tuple(elected), places[cursor:], tuple(repeats), tuple(breaks))


def _tiers(
    ranking: tuple[CandidateVotes, ...], excluded: frozenset[CandidateId]
) -> Iterator[list[CandidateVotes]]:
    eligible = (r for r in ranking if r.votes > 0 and r.candidate_id not in excluded)
    for _, tier in groupby(eligible, key=lambda row: row.votes):
        yield list(tier)


def _straddles(tier: list[CandidateVotes], span: tuple[SeatPlace, ...]) -> bool:
    runs_past_the_end = len(span) < len(tier)
    return runs_past_the_end or len({place.seat for place in span}) > 1


def _seat_in_order(tier: list[CandidateVotes], span: tuple[SeatPlace, ...]) -> list[ElectedSeat]:
    # A tier longer than its span was cut at the last place: the rest are not seated.
    pairs = zip(span, tier[: len(span)], strict=True)
    return [ElectedSeat(place, row.candidate_id, row.votes) for place, row in pairs]


def _break_tie(
    kind: ContestKind,
    tier: list[CandidateVotes],
    span: tuple[SeatPlace, ...],
    tie_rule: TieRule,
    seed: bytes,
) -> tuple[list[CandidateVotes], TieBreak]:
    """Order a straddling tier by lot or by application order, and record how."""
    ordered, tickets = _tie_order(kind, tier, tie_rule, seed)
    ids = tuple(row.candidate_id for row in ordered)
    return ordered, TieBreak(kind, tie_rule, tier[0].votes, ids, span, tickets)


def _tie_order(
    kind: ContestKind, tier: list[CandidateVotes], tie_rule: TieRule, seed: bytes
) -> tuple[list[CandidateVotes], tuple[str, ...]]:
    """Order equal-voted candidates by the tie rule; lot tickets come back in that order."""
    if tie_rule is not TieRule.LOT:
        return sorted(tier, key=lambda r: (r.application_order, r.candidate_id)), ()
    tickets = {r.candidate_id: lot_ticket(seed, kind, r.candidate_id) for r in tier}
    ordered = sorted(tier, key=lambda r: (tickets[r.candidate_id], r.candidate_id))
    return ordered, tuple(tickets[r.candidate_id] for r in ordered)
