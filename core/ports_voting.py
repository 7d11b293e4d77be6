"""Ports the vote and the count need: vote markers with their sealed references, the sealed
ballot box, counted ballots, receipts, late attempts, and the versions of a group's result.

Kept apart from core.ports (which imports this module for the unit of work) so that neither
grows past a screenful. Nothing here links a ballot or a receipt to a voter, except the sealed
references on a marker, which only the key holder can open and the close wipes.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any, Protocol

from core.ballot_box import SealedBallot
from core.model import Ballot


@dataclass(frozen=True)
class VoteMarker:
    """ "This voter voted in this contest", and, until the close, which ballot and receipt."""

    contest_id: int
    voter: str
    ballot_ref: bytes | None = None  # the ballot id, sealed to (voter, contest); NULL after close
    receipt_ref: bytes | None = None  # the receipt code, sealed the same way; NULL after close


@dataclass(frozen=True)
class StoredResult:
    """One version of a group's result: 1 from the close, then one per withdrawal."""

    group_id: int
    version: int
    result: dict[str, Any]  # core.result_codec's JSON form of a GroupResult
    seed: str  # the audit head's hash the lots were drawn from
    computed_at: datetime
    confirmed_at: datetime | None = None
    confirmed_by: str | None = None  # the confirming commission member's readable code


class VotingRecords(Protocol):
    async def mark(self, marker: VoteMarker) -> None:
        """Record that the voter voted in the contest; AlreadyVoted if they had already."""
        ...

    async def marker(
        self, contest_id: int, voter: str, *, for_update: bool = False
    ) -> VoteMarker | None:
        """Return the voter's marker; `for_update` holds it until the transaction ends."""
        ...

    async def update_marker(self, marker: VoteMarker) -> None: ...
    async def count_markers(self, contest_id: int) -> int: ...
    async def forget_references(self, contest_id: int) -> int:
        """Wipe every sealed reference on the contest's markers; return how many markers."""
        ...

    async def add_sealed_ballot(self, sealed: SealedBallot) -> None:
        """Put a ballot in the contest's box while the vote is open."""
        ...

    async def remove_sealed_ballot(self, ballot_id: str) -> None: ...
    async def sealed_ballots(self, contest_id: int) -> list[SealedBallot]: ...
    async def count_sealed(self, contest_id: int) -> int: ...
    async def empty_box(self, contest_id: int) -> None:
        """Remove every sealed ballot of the contest (the close has counted them)."""
        ...

    async def ballots(self, contest_id: int) -> list[Ballot]:
        """Return the contest's counted ballots in an order that says nothing about casting."""
        ...

    async def markings(self, contest_id: int) -> Counter[tuple[str, ...]]:
        """How many of the contest's counted ballots carry each marking (candidate ids)."""
        ...

    async def rewrite_ballots(self, contest_id: int, ballots: Sequence[Ballot]) -> None:
        """Replace the contest's counted ballots with these, written in this order."""
        ...

    async def add_receipt(self, contest_id: int, code: str) -> None: ...
    async def remove_receipt(self, contest_id: int, code: str) -> None: ...
    async def receipts(self, contest_id: int) -> list[str]:
        """Return the contest's receipt codes, sorted."""
        ...

    async def rewrite_receipts(self, contest_id: int, codes: Sequence[str]) -> None:
        """Replace the contest's receipts with these, written in this order."""
        ...

    async def mark_late(self, contest_id: int, voter: str) -> bool:
        """Record a late attempt; False if this voter's was recorded already."""
        ...

    async def count_late(self, contest_id: int) -> int: ...
    async def hold_contests(self, contest_ids: Sequence[int], *, exclusive: bool) -> None:
        """Casts hold their contests shared, the close exclusively, until the transaction ends."""
        ...


class ResultsRepository(Protocol):
    async def add(self, result: StoredResult) -> None:
        """Store a new version; AlreadyExists if the group has this version already."""
        ...

    async def versions(self, group_id: int) -> list[StoredResult]:
        """Return every version, oldest first."""
        ...

    async def confirm(self, group_id: int, version: int, at: datetime, by: str) -> None: ...
