"""In-memory fakes of the ports in core.ports_voting, wired into tests.fakes.FakeUnitOfWork.

They work on the unit of work's private copy of the state, like the other fakes, and raise the
same errors as storage: AlreadyVoted for a second marker, AlreadyExists for a result version or
a receipt code twice. Locks are no-ops: fake units of work never run at the same time.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from datetime import datetime

from core.ballot_box import SealedBallot
from core.errors import NotFound
from core.model import Ballot
from core.ports import AlreadyExists, AlreadyVoted
from core.ports_voting import StoredResult, VoteMarker


@dataclass
class VotingState:
    markers: dict[tuple[int, str], VoteMarker] = field(default_factory=dict)
    ballots: dict[str, Ballot] = field(default_factory=dict)
    box: dict[str, SealedBallot] = field(default_factory=dict)
    receipts: set[tuple[int, str]] = field(default_factory=set)
    late: set[tuple[int, str]] = field(default_factory=set)
    results: dict[tuple[int, int], StoredResult] = field(default_factory=dict)


class FakeVotingRecords:
    """Vote markers, the sealed box, ballots, receipts and late attempts.

    Markers live in the unit of work's `markers` set, which FakeBallotBox's `voters` reads too.
    """

    def __init__(
        self, state: VotingState, markers: set[tuple[int, str]], ballots: dict[str, Ballot]
    ) -> None:
        self._state = state
        self._markers = markers
        self._ballots = ballots

    async def mark(self, marker: VoteMarker) -> None:
        key = (marker.contest_id, marker.voter)
        if key in self._markers:
            raise AlreadyVoted("already voted in this contest")
        self._markers.add(key)
        self._state.markers[key] = marker

    async def marker(
        self, contest_id: int, voter: str, *, for_update: bool = False
    ) -> VoteMarker | None:
        if (contest_id, voter) not in self._markers:
            return None
        return self._state.markers.get((contest_id, voter), VoteMarker(contest_id, voter))

    async def update_marker(self, marker: VoteMarker) -> None:
        key = (marker.contest_id, marker.voter)
        if key not in self._markers:
            raise NotFound("no such marker")
        self._state.markers[key] = marker

    async def count_markers(self, contest_id: int) -> int:
        return sum(1 for contest, _ in self._markers if contest == contest_id)

    async def forget_references(self, contest_id: int) -> int:
        for key, marker in self._state.markers.items():
            if key[0] == contest_id:
                self._state.markers[key] = replace(marker, ballot_ref=None, receipt_ref=None)
        return await self.count_markers(contest_id)

    async def add_sealed_ballot(self, sealed: SealedBallot) -> None:
        if sealed.id in self._state.box:
            raise AlreadyExists("ballot id reused")
        self._state.box[sealed.id] = sealed

    async def remove_sealed_ballot(self, ballot_id: str) -> None:
        self._state.box.pop(ballot_id, None)

    async def sealed_ballots(self, contest_id: int) -> list[SealedBallot]:
        found = [b for b in self._state.box.values() if b.contest_id == contest_id]
        return sorted(found, key=lambda b: b.id)

    async def count_sealed(self, contest_id: int) -> int:
        return len(await self.sealed_ballots(contest_id))

    async def empty_box(self, contest_id: int) -> None:
        for ballot_id in [i for i, b in self._state.box.items() if b.contest_id == contest_id]:
            del self._state.box[ballot_id]

    async def add_ballot(self, ballot: Ballot) -> None:
        if ballot.id in self._ballots:
            raise AlreadyExists("ballot id reused")
        self._ballots[ballot.id] = ballot

    async def ballots(self, contest_id: int) -> list[Ballot]:
        found = [b for b in self._ballots.values() if b.contest_id == contest_id]
        return sorted(found, key=lambda b: b.id)

    async def markings(self, contest_id: int) -> Counter[tuple[str, ...]]:
        return Counter(b.choices for b in self._ballots.values() if b.contest_id == contest_id)

    async def rewrite_ballots(self, contest_id: int, ballots: Sequence[Ballot]) -> None:
        for ballot_id in [i for i, b in self._ballots.items() if b.contest_id == contest_id]:
            del self._ballots[ballot_id]
        for ballot in ballots:
            await self.add_ballot(ballot)

    async def add_receipt(self, contest_id: int, code: str) -> None:
        if (contest_id, code) in self._state.receipts:
            raise AlreadyExists("receipt code drawn twice")
        self._state.receipts.add((contest_id, code))

    async def remove_receipt(self, contest_id: int, code: str) -> None:
        self._state.receipts.discard((contest_id, code))

    async def receipts(self, contest_id: int) -> list[str]:
        return sorted(code for contest, code in self._state.receipts if contest == contest_id)

    async def rewrite_receipts(self, contest_id: int, codes: Sequence[str]) -> None:
        kept = {(c, code) for c, code in self._state.receipts if c != contest_id}
        self._state.receipts = kept | {(contest_id, code) for code in codes}

    async def mark_late(self, contest_id: int, voter: str) -> bool:
        if (contest_id, voter) in self._state.late:
            return False
        self._state.late.add((contest_id, voter))
        return True

    async def count_late(self, contest_id: int) -> int:
        return sum(1 for contest, _ in self._state.late if contest == contest_id)

    async def hold_contests(self, contest_ids: Sequence[int], *, exclusive: bool) -> None:
        return None


class FakeResults:
    def __init__(self, state: VotingState) -> None:
        self._state = state

    async def add(self, result: StoredResult) -> None:
        key = (result.group_id, result.version)
        if key in self._state.results:
            raise AlreadyExists("this result version exists")
        self._state.results[key] = result

    async def versions(self, group_id: int) -> list[StoredResult]:
        found = [r for (g, _), r in self._state.results.items() if g == group_id]
        return sorted(found, key=lambda r: r.version)

    async def confirm(self, group_id: int, version: int, at: datetime, by: str) -> None:
        stored = self._state.results[(group_id, version)]
        self._state.results[(group_id, version)] = replace(stored, confirmed_at=at, confirmed_by=by)
