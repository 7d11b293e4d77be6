"""The values the tally reads and writes: rules, contests, seats and results.

Everything is a frozen dataclass so a result can be compared, stored and recounted as a whole.
Candidate ids are opaque stable strings (never a Telegram id); the tally never sees names.
"""

from __future__ import annotations

from collections.abc import Collection, Mapping
from dataclasses import dataclass, field
from enum import StrEnum

from core.election import Seat
from core.regulation import CompetitionRule, Regulation, TieRule, WithdrawalRule

CandidateId = str
# A ballot's choices; a tuple may repeat an id (and is then invalid), a frozenset cannot.
Choices = Collection[CandidateId]


class ContestKind(StrEnum):
    SINGLE = "single"  # rule (a): one contest fills member places first, then alternates
    MEMBER = "member"  # rule (b): the member contest
    ALTERNATE = "alternate"  # rule (b): the alternate contest


class BallotFlaw(StrEnum):
    """Why a ballot was not counted; the values are message-catalogue keys."""

    REPEATED_CHOICE = "ballot.repeated_choice"
    TOO_MANY_CHOICES = "ballot.too_many_choices"
    UNKNOWN_CANDIDATE = "ballot.unknown_candidate"


class RepeatCause(StrEnum):
    TIE = "tie"
    WITHDRAWAL = "withdrawal"


@dataclass(frozen=True)
class TallyRules:
    """The parts of a group's regulation the tally needs."""

    rule: CompetitionRule
    members: int
    alternates: int
    choices: int
    tie_rule: TieRule
    withdrawal_rule: WithdrawalRule

    @classmethod
    def from_regulation(cls, regulation: Regulation) -> TallyRules:
        """Take the tally's rules out of a group's regulation."""
        competition = regulation.competition
        return cls(
            rule=competition.rule,
            members=competition.seats.members,
            alternates=competition.seats.alternates,
            choices=competition.choices,
            tie_rule=regulation.tie_rule,
            withdrawal_rule=regulation.withdrawal_rule,
        )


@dataclass(frozen=True)
class Standing:
    """A candidate admitted to a contest; a lower application order applied earlier."""

    candidate_id: CandidateId
    application_order: int


@dataclass(frozen=True)
class ContestInput:
    """Who stands in one contest and how the counted ballots were marked, aggregated."""

    candidates: tuple[Standing, ...]
    counts: Mapping[tuple[CandidateId, ...], int] | Mapping[frozenset[CandidateId], int]


@dataclass(frozen=True)
class SeatPlace:
    """A seat by kind and rank within that kind: (member, 1), (alternate, 2)..."""

    seat: Seat
    position: int


@dataclass(frozen=True)
class CandidateVotes:
    candidate_id: CandidateId
    votes: int
    application_order: int


@dataclass(frozen=True)
class ElectedSeat:
    place: SeatPlace
    candidate_id: CandidateId
    votes: int


@dataclass(frozen=True)
class InvalidCount:
    flaw: BallotFlaw
    count: int


@dataclass(frozen=True)
class TieBreak:
    """How tied candidates at a seat boundary were ordered; `tickets` replay a lot draw."""

    contest: ContestKind
    rule: TieRule
    votes: int
    order: tuple[CandidateId, ...]  # winner first
    places: tuple[SeatPlace, ...]  # the places the tied candidates competed for
    tickets: tuple[str, ...] = ()  # hex HMAC-SHA256 per candidate in `order`, for LOT only


@dataclass(frozen=True)
class RepeatVote:
    """Places left undecided until `candidates` are voted on again."""

    contest: ContestKind
    cause: RepeatCause
    places: tuple[SeatPlace, ...]
    candidates: tuple[CandidateId, ...]


@dataclass(frozen=True)
class ContestResult:
    kind: ContestKind
    ranking: tuple[CandidateVotes, ...]  # most votes first, then application order
    blocks: tuple[tuple[Seat, int], ...]  # the seats this contest fills, in place order
    valid: int  # counted ballots with at least one choice
    blank: int
    invalid: tuple[InvalidCount, ...]
    elected: tuple[ElectedSeat, ...]
    vacancies: tuple[SeatPlace, ...]
    repeat_votes: tuple[RepeatVote, ...] = ()
    tie_breaks: tuple[TieBreak, ...] = ()
    # Rule (b) only: the alternate seats wait for a member repeat vote that may take a candidate.
    deferred: bool = False

    @property
    def invalid_total(self) -> int:
        return sum(item.count for item in self.invalid)

    @property
    def votes(self) -> dict[CandidateId, int]:
        return {row.candidate_id: row.votes for row in self.ranking}

    @property
    def lot_draws(self) -> tuple[TieBreak, ...]:
        return tuple(tie for tie in self.tie_breaks if tie.rule is TieRule.LOT)


@dataclass(frozen=True)
class GroupResult:
    rules: TallyRules
    seed: str  # hex of the seed bytes, recorded in the protocol
    contests: tuple[ContestResult, ...]
    withdrawn: frozenset[CandidateId] = field(default_factory=frozenset)

    def contest(self, kind: ContestKind) -> ContestResult:
        for contest in self.contests:
            if contest.kind is kind:
                return contest
        raise KeyError(kind)

    @property
    def elected(self) -> tuple[ElectedSeat, ...]:
        return tuple(seat for contest in self.contests for seat in contest.elected)

    def holders(self, seat: Seat) -> tuple[CandidateId, ...]:
        """The candidates holding `seat` seats, by position."""
        chosen = sorted((e for e in self.elected if e.place.seat is seat), key=_position)
        return tuple(e.candidate_id for e in chosen)

    def vacancies(self, seat: Seat) -> int:
        return sum(1 for c in self.contests for place in c.vacancies if place.seat is seat)

    @property
    def repeat_votes(self) -> tuple[RepeatVote, ...]:
        return tuple(vote for contest in self.contests for vote in contest.repeat_votes)

    @property
    def lot_draws(self) -> tuple[TieBreak, ...]:
        return tuple(draw for contest in self.contests for draw in contest.lot_draws)


def _position(seat: ElectedSeat) -> int:
    return seat.place.position
