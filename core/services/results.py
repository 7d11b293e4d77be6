"""After the close: the commission confirms the result, and records withdrawals of the elected.

Only a confirmed version is published. A withdrawal makes a new version under the regulation's
withdrawal rule (the next candidate by votes takes the seat, or the seat waits for a repeat
vote), which the commission confirms again; earlier versions stay on record.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any

from core.audit import AuditEvent
from core.counting import seats_summary
from core.election import Seat
from core.errors import Refused
from core.model import Group, Role
from core.ports import Clock, UnitOfWork
from core.ports_voting import StoredResult
from core.reasons import Reason
from core.result_codec import digest, result_from_json, result_to_json
from core.services import voting_codes as codes
from core.services.context import commission_code, find_group, group_id
from core.services.review_access import refuse_unless_commission
from core.services.roles import role_actor
from core.stages import can_confirm_results
from core.tally import GroupResult, RepeatVote, apply_withdrawal


@dataclass(frozen=True)
class Confirmation:
    group: str
    version: int
    result: GroupResult


@dataclass(frozen=True)
class SeatChange:
    seat: Seat
    position: int
    before: str | None  # public ids; None for a vacant seat or one held for a repeat vote
    after: str | None


@dataclass(frozen=True)
class Withdrawal:
    group: str
    candidate: str
    version: int  # the new result version, waiting for the commission's confirmation
    changes: tuple[SeatChange, ...]  # who takes which seat
    repeat_votes: tuple[RepeatVote, ...]  # seats that now need a repeat vote
    result: GroupResult


async def latest_result(uow: UnitOfWork, group: Group) -> StoredResult:
    """Return the group's current result version; refuse before the vote is counted."""
    versions = await uow.results.versions(group_id(group))
    if not versions:
        raise Refused(Reason(codes.NOT_COMPUTED, {"group": group.code}))
    return versions[-1]


async def confirm_results(
    uow: UnitOfWork, clock: Clock, *, group_code: str, member: str, cycle_code: str | None = None
) -> Confirmation:
    """Confirm the current result version on behalf of the Mandate Commission."""
    now = clock.now()
    async with uow:
        group = await find_group(uow, group_code, cycle_code)
        refusal = can_confirm_results(group.calendar, now)
        if refusal is not None:
            raise Refused(refusal)
        await refuse_unless_commission(uow, group, member)
        latest = await latest_result(uow, group)
        if latest.confirmed_at is not None:
            params = {"group": group.code, "version": latest.version}
            raise Refused(Reason(codes.ALREADY_CONFIRMED, params))
        code = commission_code(member)
        await uow.results.confirm(group_id(group), latest.version, now, code)
        payload = {"version": latest.version, "result_digest": digest(latest.result)}
        await _audit(uow, group, member, "results.confirmed", payload, now)
        await uow.commit()
    return Confirmation(group.code, latest.version, result_from_json(latest.result))


async def withdraw_elected(
    uow: UnitOfWork,
    clock: Clock,
    *,
    group_code: str,
    candidate: str,
    actor: str,
    cycle_code: str | None = None,
) -> Withdrawal:
    """Record that `candidate` (a public id) withdraws, as a new result version."""
    now = clock.now()
    async with uow:
        group = await find_group(uow, group_code, cycle_code)
        await refuse_unless_commission(uow, group, actor)
        latest = await latest_result(uow, group)
        before = result_from_json(latest.result)
        after = apply_withdrawal(before, candidate)
        data = result_to_json(after)
        version = latest.version + 1
        await uow.results.add(StoredResult(group_id(group), version, data, latest.seed, now))
        changes = seat_changes(before, after)
        payload = {
            "candidate": candidate,
            "version": version,
            "rule": group.regulation.withdrawal_rule.value,
            "result_digest": digest(data),
            "changes": [[c.seat.value, c.position, c.before, c.after] for c in changes],
            **seats_summary(after),
        }
        await _audit(uow, group, actor, "results.withdrawal", payload, now)
        await uow.commit()
    fresh = tuple(vote for vote in after.repeat_votes if vote not in before.repeat_votes)
    return Withdrawal(group.code, candidate, version, changes, fresh, after)


def seat_changes(before: GroupResult, after: GroupResult) -> tuple[SeatChange, ...]:
    """List the seats whose holder differs between two versions, members first."""
    held_before = {(e.place.seat, e.place.position): e.candidate_id for e in before.elected}
    held_after = {(e.place.seat, e.place.position): e.candidate_id for e in after.elected}
    places = sorted(
        set(held_before) | set(held_after), key=lambda p: (p[0] is Seat.ALTERNATE, p[1])
    )
    return tuple(
        SeatChange(
            seat, position, held_before.get((seat, position)), held_after.get((seat, position))
        )
        for seat, position in places
        if held_before.get((seat, position)) != held_after.get((seat, position))
    )


async def _audit(
    uow: UnitOfWork,
    group: Group,
    member: str,
    action: str,
    payload: dict[str, Any],
    now: datetime,
) -> None:
    who = role_actor(Role.COMMISSION, member)
    await uow.audit.append(AuditEvent(action, who, group.code, payload), now)
