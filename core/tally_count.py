"""Counting one contest's ballots: validity, blanks and votes per candidate.

The loop runs over distinct ballot markings, not over ballots: a million ballots with a few
candidates collapse into a few hundred keys first, so counting stays linear and cheap.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass

from core.tally_model import (
    BallotFlaw,
    CandidateId,
    CandidateVotes,
    Choices,
    ContestInput,
    InvalidCount,
    Standing,
)


@dataclass(frozen=True)
class BallotCount:
    ranking: tuple[CandidateVotes, ...]
    valid: int
    blank: int
    invalid: tuple[InvalidCount, ...]


def aggregate(ballots: Iterable[Choices]) -> Counter[tuple[CandidateId, ...]]:
    """Count identical ballot markings once, keeping repeated ids visible."""
    return Counter(map(tuple, ballots))


def contest_from_ballots(
    candidates: Iterable[Standing], ballots: Iterable[Choices]
) -> ContestInput:
    """Build a contest from raw ballots (each a collection of candidate ids)."""
    return ContestInput(tuple(candidates), aggregate(ballots))


def ballot_flaw(
    marking: tuple[CandidateId, ...] | frozenset[CandidateId],
    marked: frozenset[CandidateId],
    standing: frozenset[CandidateId],
    choices: int,
) -> BallotFlaw | None:
    """Say why a ballot cannot be counted, or None if it can; the first flaw found wins."""
    if len(marked) != len(marking):
        return BallotFlaw.REPEATED_CHOICE
    if len(marked) > choices:
        return BallotFlaw.TOO_MANY_CHOICES
    if not marked <= standing:
        return BallotFlaw.UNKNOWN_CANDIDATE
    return None


def count_ballots(contest: ContestInput, choices: int) -> BallotCount:
    """Count a contest's ballots; flawed ones are set aside with their flaw, never raised."""
    standing = _standing_ids(contest.candidates)
    votes = dict.fromkeys(standing, 0)
    valid = blank = 0
    invalid: Counter[BallotFlaw] = Counter()
    for marking, number in contest.counts.items():
        if number < 0:
            raise ValueError("a ballot count cannot be negative")
        marked = frozenset(marking)
        flaw = ballot_flaw(marking, marked, standing, choices)
        if flaw is not None:
            invalid[flaw] += number
        elif not marked:
            blank += number
        else:
            valid += number
            for candidate_id in marked:
                votes[candidate_id] += number
    return BallotCount(
        ranking=rank(contest.candidates, votes),
        valid=valid,
        blank=blank,
        invalid=tuple(InvalidCount(flaw, invalid[flaw]) for flaw in BallotFlaw if invalid[flaw]),
    )


def rank(
    candidates: Iterable[Standing], votes: dict[CandidateId, int]
) -> tuple[CandidateVotes, ...]:
    """Order candidates by votes, then by application order, so the ranking is stable."""
    rows = (
        CandidateVotes(c.candidate_id, votes[c.candidate_id], c.application_order)
        for c in candidates
    )
    return tuple(sorted(rows, key=lambda r: (-r.votes, r.application_order, r.candidate_id)))


def _standing_ids(candidates: tuple[Standing, ...]) -> frozenset[CandidateId]:
    ids = frozenset(c.candidate_id for c in candidates)
    if len(ids) != len(candidates):
        raise ValueError("a candidate stands twice in one contest")
    return ids
