"""Casting a ballot: the marker, the ballot and the receipt, in one transaction.

One cast covers every contest of the group (a contest left out is a blank ballot there) and
gives one receipt code, listed under each contest on the bulletin board. A ballot that marks too
many candidates, one twice, or one who does not stand is kept as invalid with its reason, and
the receipt says so. After `voting_closes` nothing is kept but the fact that this elector tried
late, once per contest, for the protocol. Where the regulation allows a revote, voting again
replaces the earlier ballot and receipt until the close; elsewhere a second attempt is refused
with the receipt shown again. Until the close the ballot waits sealed in the box
(core.ballot_box), so that its place on disk, next to its marker's, reveals nothing.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from core.ballot_box import seal_ballot
from core.counting import classify
from core.errors import Refused
from core.model import Ballot, BallotStatus, Contest, ContestKind, Group
from core.ports import AlreadyVoted, Clock, UnitOfWork
from core.ports_voting import VoteMarker
from core.privacy import Sealer
from core.reasons import Reason
from core.receipts import ballot_purpose, new_ballot_id, new_receipt_code, receipt_purpose
from core.regulation import Secrecy
from core.services import voting_codes as codes
from core.services.context import find_group, group_id
from core.services.electorate import (
    contest_id,
    group_contests,
    public_id,
    refuse_unless_elector,
    standing_candidates,
)
from core.stages import can_vote, utc

Choices = Mapping[int, Sequence[str]]


@dataclass(frozen=True)
class ContestReceipt:
    contest_id: int
    kind: ContestKind
    status: BallotStatus  # COUNTED or INVALID
    reason: str | None  # why it is invalid: a BallotFlaw's catalogue key
    blank: bool  # counted as cast, with no choice: an abstention


@dataclass(frozen=True)
class Receipt:
    group: str
    code: str  # R-XXXX-XXXX-XXXX, the same under every contest of this cast
    contests: tuple[ContestReceipt, ...]
    replaced_earlier: bool  # a revote: the earlier ballot and receipt are gone


async def cast_ballot(
    uow: UnitOfWork,
    clock: Clock,
    *,
    group_code: str,
    person: str,
    choices: Choices,
    sealer: Sealer,
    cycle_code: str | None = None,
) -> Receipt:
    """Record the elector's ballot in every contest of the group and hand back the receipt."""
    for marked in choices.values():
        if isinstance(marked, str):
            raise TypeError("choices per contest are a sequence of candidate ids, not one string")
    try:
        return await _cast(uow, clock, group_code, person, choices, sealer, cycle_code)
    except AlreadyVoted:
        # A cast of the same elector committed meanwhile: look again, now as a second attempt.
        return await _cast(uow, clock, group_code, person, choices, sealer, cycle_code)


async def _cast(
    uow: UnitOfWork,
    clock: Clock,
    group_code: str,
    person: str,
    choices: Choices,
    sealer: Sealer,
    cycle_code: str | None,
) -> Receipt:
    now = clock.now()
    async with uow:
        group = await find_group(uow, group_code, cycle_code)
        refusal = can_vote(group.calendar, now)
        if refusal is not None and refusal.code != codes.VOTING_CLOSED:
            raise Refused(refusal)
        await refuse_unless_elector(uow, group, person)
        contests = await group_contests(uow, group)
        _refuse_unknown_contests(group, contests, choices)
        ids = [contest_id(c) for c in contests]
        if refusal is None:
            await uow.votes.hold_contests(ids, exclusive=False)
            if await uow.results.versions(group_id(group)):
                # The close ran between our look at the clock and now: this ballot is late too.
                closed_at = utc(group.calendar.voting_closes)
                refusal = Reason(codes.VOTING_CLOSED, {"closed_at": closed_at})
        if refusal is None:
            receipt = await _record(uow, group, contests, person, choices, sealer)
            await uow.commit()
            return receipt
        for identifier in ids:
            await uow.votes.mark_late(identifier, person)
        await uow.commit()
    # Raised once the block has ended, so that the late attempt stays recorded.
    raise Refused(refusal)


def _refuse_unknown_contests(group: Group, contests: list[Contest], choices: Choices) -> None:
    known = {contest_id(c) for c in contests}
    for identifier in choices:
        if identifier not in known:
            params = {"group": group.code, "contest": identifier}
            raise Refused(Reason(codes.UNKNOWN_CONTEST, params))


async def _record(
    uow: UnitOfWork,
    group: Group,
    contests: list[Contest],
    person: str,
    choices: Choices,
    sealer: Sealer,
) -> Receipt:
    """Write the ballot of each contest, replacing an earlier one where a revote is allowed."""
    markers = [await uow.votes.marker(contest_id(c), person, for_update=True) for c in contests]
    earlier = [marker for marker in markers if marker is not None]
    if earlier and not group.regulation.revote:
        shown = _open_receipt(earlier[0], sealer)
        raise Refused(Reason(codes.ALREADY_VOTED, {"group": group.code, "receipt": shown}))
    standing = frozenset(public_id(c) for c in await standing_candidates(uow, group))
    open_voter = person if group.regulation.secrecy is Secrecy.OPEN else None
    code = new_receipt_code()
    parts = []
    for contest, marker in zip(contests, markers, strict=True):
        identifier = contest_id(contest)
        marked = tuple(choices.get(identifier, ()))
        status, reason = classify(marked, standing, contest.choices)
        ballot_id = new_ballot_id()
        ballot = Ballot(ballot_id, identifier, marked, status, reason, open_voter)
        current = VoteMarker(
            identifier,
            person,
            sealer.seal(ballot_id, ballot_purpose(person, identifier)),
            sealer.seal(code, receipt_purpose(person, identifier)),
        )
        if marker is None:
            await uow.votes.mark(current)
        else:
            await _discard(uow, marker, sealer)
            await uow.votes.update_marker(current)
        await uow.votes.add_sealed_ballot(seal_ballot(sealer, ballot))
        await uow.votes.add_receipt(identifier, code)
        parts.append(ContestReceipt(identifier, contest.kind, status, reason, not marked))
    return Receipt(group.code, code, tuple(parts), replaced_earlier=bool(earlier))


async def _discard(uow: UnitOfWork, marker: VoteMarker, sealer: Sealer) -> None:
    """Delete the ballot and receipt a marker points to, before a revote replaces them."""
    if marker.ballot_ref is None or marker.receipt_ref is None:
        raise ValueError("a marker without its references cannot be revoted")
    voter, identifier = marker.voter, marker.contest_id
    ballot_id = sealer.open(marker.ballot_ref, ballot_purpose(voter, identifier))
    await uow.votes.remove_sealed_ballot(ballot_id)
    await uow.votes.remove_receipt(
        identifier, sealer.open(marker.receipt_ref, receipt_purpose(voter, identifier))
    )


def _open_receipt(marker: VoteMarker, sealer: Sealer) -> str | None:
    if marker.receipt_ref is None:
        return None
    return sealer.open(marker.receipt_ref, receipt_purpose(marker.voter, marker.contest_id))
