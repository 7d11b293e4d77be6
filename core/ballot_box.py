"""The sealed ballot box: how a ballot is kept while its vote is open.

A database table keeps its rows in the order they were written (PostgreSQL's heap does, and a
dump or backup copies them in that order), and so does the vote marker table beside it: a dump
taken during the voting week would pair the n-th marker with the n-th ballot. So until the close
a ballot is stored sealed under the data key, bound to its contest and its random id, and padded
to a fixed size so that not even its length says how many candidates it marks or which. Without
the key the box shows only how many ballots it holds, which the markers say anyway; the key
holder could already open a marker's own sealed reference until the close wipes it.

The close opens the box, checks, shuffles and writes the ballots in clear under fresh ids, and
empties it; nothing a dump taken during the vote shows appears among the counted ballots.
"""

from __future__ import annotations

import json
from dataclasses import dataclass

from core.model import Ballot, BallotStatus
from core.privacy import Sealer

# A ballot of any realistic size (a few candidate ids) pads to this; a larger one to a multiple.
PADDED_LENGTH = 512


@dataclass(frozen=True)
class SealedBallot:
    """A ballot as stored while its vote is open: a random id, its contest, and a sealed body."""

    id: str
    contest_id: int
    body: bytes


def box_purpose(ballot_id: str, contest_id: int) -> str:
    """Bind a sealed body to its row, so that bodies cannot be swapped or moved between contests."""
    return f"ballot-box:{contest_id}:{ballot_id}"


def seal_ballot(sealer: Sealer, ballot: Ballot) -> SealedBallot:
    """Seal the ballot's choices (and, in an open vote, its voter) for the box."""
    content = json.dumps({"choices": list(ballot.choices), "open_voter": ballot.open_voter})
    padding = -len(content) % PADDED_LENGTH  # json.dumps writes ASCII: one byte a character
    body = sealer.seal(content + " " * padding, box_purpose(ballot.id, ballot.contest_id))
    return SealedBallot(ballot.id, ballot.contest_id, body)


def open_ballot(sealer: Sealer, sealed: SealedBallot) -> Ballot:
    """Open a sealed ballot; the close classifies it against the candidates then standing."""
    content = json.loads(sealer.open(sealed.body, box_purpose(sealed.id, sealed.contest_id)))
    return Ballot(
        id=sealed.id,
        contest_id=sealed.contest_id,
        choices=tuple(content["choices"]),
        status=BallotStatus.COUNTED,
        open_voter=content["open_voter"],
    )
