"""From ballots to the tally, in the one form the close, the export and `verify` all share.

A ballot record is what anyone may see of a ballot after the close: its choices, its status and
reason, and for open voting the voter's readable code. The close counts records, the export
publishes them, and verify counts them again; their fingerprints go into the audit log at close.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from core.election import Seat
from core.model import Ballot, BallotStatus
from core.privacy import readable_code
from core.result_codec import digest
from core.tally import (
    ContestInput,
    ContestKind,
    GroupResult,
    Standing,
    TallyRules,
    ballot_flaw,
    contest_from_ballots,
    tally_group,
)

Record = dict[str, Any]


@dataclass(frozen=True)
class BallotCounts:
    counted: int  # counted with at least one choice
    blank: int  # counted without a choice: an abstention
    invalid: int

    @property
    def total(self) -> int:
        return self.counted + self.blank + self.invalid


def classify(
    choices: Sequence[str], standing: frozenset[str], allowed: int
) -> tuple[BallotStatus, str | None]:
    """Say whether a ballot counts, or why it is invalid (a BallotFlaw's catalogue key)."""
    flaw = ballot_flaw(tuple(choices), frozenset(choices), standing, allowed)
    if flaw is None:
        return BallotStatus.COUNTED, None
    return BallotStatus.INVALID, flaw.value


def ballot_record(ballot: Ballot) -> Record:
    """What is published of a ballot: never its id, and a voter only when voting is open."""
    voter = readable_code(ballot.open_voter, "V") if ballot.open_voter else None
    return {
        "choices": list(ballot.choices),
        "status": ballot.status.value,
        "reason": ballot.reason,
        "voter": voter,
    }


def counts(records: Iterable[Record]) -> BallotCounts:
    """Count records by what became of them."""
    counted = blank = invalid = 0
    for record in records:
        if record["status"] != BallotStatus.COUNTED.value:
            invalid += 1
        elif record["choices"]:
            counted += 1
        else:
            blank += 1
    return BallotCounts(counted, blank, invalid)


def records_digest(records: Iterable[Record]) -> str:
    """Fingerprint a contest's ballots whatever order they come in."""
    return digest(sorted(digest(record) for record in records))


def receipts_digest(codes: Iterable[str]) -> str:
    """Fingerprint a contest's receipt codes whatever order they come in."""
    return digest(sorted(codes))


def tally_records(
    rules: TallyRules,
    standing: Sequence[Standing],
    records: Mapping[ContestKind, Sequence[Record]],
    seed: str,
) -> GroupResult:
    """Count every contest's ballot records; the same candidates stand in every contest."""
    inputs: dict[ContestKind, ContestInput] = {
        kind: contest_from_ballots(standing, [tuple(r["choices"]) for r in contest_records])
        for kind, contest_records in records.items()
    }
    return tally_group(rules, inputs, seed)


def seats_summary(result: GroupResult) -> Record:
    """Who holds which seat, what is vacant and what waits for a repeat vote, by public id."""
    return {
        "members": list(result.holders(Seat.MEMBER)),
        "alternates": list(result.holders(Seat.ALTERNATE)),
        "vacant": {seat.value: result.vacancies(seat) for seat in Seat},
        "repeat_votes": [
            {
                "contest": vote.contest.value,
                "cause": vote.cause.value,
                "candidates": list(vote.candidates),
            }
            for vote in result.repeat_votes
        ],
        "withdrawn": sorted(result.withdrawn),
    }
