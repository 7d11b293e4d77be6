"""The tally: from counted ballots to members, alternates, vacancies and repeat votes.

Pure and deterministic: the same rules, contests and seed always give the same result, whatever
order the ballots came in. The seed (recorded in the protocol) only matters when lots are drawn,
so anyone holding the protocol can redo the draw with `lot_ticket`.

Rule (a) SINGLE_CONTEST: places 1..members are members, the next `alternates` places alternates.
Rule (b) PARALLEL_CONTESTS: a member contest and an alternate contest; a member is skipped in the
alternate contest. A seat goes only to a candidate with at least one vote, otherwise it is vacant.
"""

from __future__ import annotations

from collections.abc import Mapping

from core.tally_count import aggregate, ballot_flaw, contest_from_ballots, count_ballots
from core.tally_group import blocks_for, contest_kinds, seat_group
from core.tally_model import (
    BallotFlaw,
    CandidateId,
    CandidateVotes,
    ContestInput,
    ContestKind,
    ContestResult,
    ElectedSeat,
    GroupResult,
    InvalidCount,
    RepeatCause,
    RepeatVote,
    SeatPlace,
    Standing,
    TallyRules,
    TieBreak,
)
from core.tally_seats import lot_ticket
from core.tally_withdrawal import apply_withdrawal

__all__ = [
    "BallotFlaw",
    "CandidateId",
    "CandidateVotes",
    "ContestInput",
    "ContestKind",
    "ContestResult",
    "ElectedSeat",
    "GroupResult",
    "InvalidCount",
    "RepeatCause",
    "RepeatVote",
    "SeatPlace",
    "Standing",
    "TallyRules",
    "TieBreak",
    "aggregate",
    "apply_withdrawal",
    "ballot_flaw",
    "contest_from_ballots",
    "lot_ticket",
    "seed_bytes",
    "tally_group",
]


def seed_bytes(seed: bytes | str) -> bytes:
    """The seed as bytes; a str seed is taken as UTF-8 text."""
    return seed.encode() if isinstance(seed, str) else bytes(seed)


def tally_group(
    rules: TallyRules, contests: Mapping[ContestKind, ContestInput], seed: bytes | str
) -> GroupResult:
    """Count every contest of a group and seat its members and alternates."""
    kinds = contest_kinds(rules.rule)
    if ContestKind.ALTERNATE in kinds and rules.alternates == 0:
        # Without alternate seats the alternate contest may be left out.
        contests = {ContestKind.ALTERNATE: ContestInput((), {}), **contests}
    if set(contests) != set(kinds):
        wanted = ", ".join(kind.value for kind in kinds)
        raise ValueError(f"{rules.rule.value} needs exactly these contests: {wanted}")
    counted = tuple(_counted(rules, kind, contests[kind]) for kind in kinds)
    key = seed_bytes(seed)
    seated = seat_group(rules, key, counted, withdrawn=frozenset())
    return GroupResult(rules=rules, seed=key.hex(), contests=seated)


def _counted(rules: TallyRules, kind: ContestKind, contest: ContestInput) -> ContestResult:
    count = count_ballots(contest, rules.choices)
    return ContestResult(
        kind=kind,
        ranking=count.ranking,
        blocks=blocks_for(rules, kind),
        valid=count.valid,
        blank=count.blank,
        invalid=count.invalid,
        elected=(),
        vacancies=(),
    )
