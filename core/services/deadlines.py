"""Moving a deadline later, or closing registration or voting early, with a reason on record.

Only the CCM Secretariat or the group's Organizing Committee may do it; the command line acts as
the Secretariat (whoever runs it holds the server). The audit log records who, what and why, and
the group's members and chat are told in the same transaction.

Refusals: role.not_held {role, group}; schedule.reason_required {};
schedule.reason_too_long {max, length}; and the calendar.* reasons of core.stages.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import datetime

from core.audit import AuditEvent
from core.calendar import GroupCalendar, Stage
from core.errors import Refused
from core.model import Group, Role
from core.ports import Clock
from core.ports_schedule import ScheduleUnitOfWork
from core.reasons import Reason
from core.services.announcements import Announcement, Composer, announce_to_group
from core.services.context import find_group
from core.services.roles import active_grant, held_grant, role_actor
from core.stages import close_now, extend, iso_utc, utc

SECRETARIAT_CLI = "secretariat:cli"
MAX_REASON_LENGTH = 500
REASON_REQUIRED = "schedule.reason_required"
REASON_TOO_LONG = "schedule.reason_too_long"


async def extend_deadline(
    uow: ScheduleUnitOfWork,
    composer: Composer,
    clock: Clock,
    *,
    group_code: str,
    instant: str,
    to: datetime,
    reason: str,
    by: str | None = None,
) -> Group:
    """Move one instant of the group's calendar later; `by` None means the Secretariat's CLI."""
    now = clock.now()
    why = _reason(reason)
    async with uow:
        group = await find_group(uow, group_code)
        actor = await _actor(uow, group, by)
        moved = _or_refuse(extend(group.calendar, instant, to, now))
        before: datetime = getattr(group.calendar, instant)
        payload = {"instant": instant, "from": iso_utc(before), "to": iso_utc(to), "reason": why}
        params = {"instant": instant, "at": utc(to), "reason": why}
        event = AuditEvent("calendar.extended", actor=actor, group=group.code, payload=payload)
        changed = await _apply(uow, group, moved, event, now)
        notice = Announcement("schedule.deadline_moved", group.names, params)
        await announce_to_group(uow, composer, changed, notice, now)
        await uow.commit()
    return changed


async def close_stage_now(
    uow: ScheduleUnitOfWork,
    composer: Composer,
    clock: Clock,
    *,
    group_code: str,
    stage: Stage,
    reason: str,
    by: str | None = None,
) -> Group:
    """Close registration or voting at this instant; ballots and registrations stop now."""
    now = clock.now()
    why = _reason(reason)
    async with uow:
        group = await find_group(uow, group_code)
        actor = await _actor(uow, group, by)
        closed = _or_refuse(close_now(group.calendar, stage, now))
        payload = {"stage": stage.value, "at": iso_utc(now), "reason": why}
        event = AuditEvent("calendar.closed_early", actor=actor, group=group.code, payload=payload)
        changed = await _apply(uow, group, closed, event, now)
        params = {"stage": stage, "at": utc(now), "reason": why}
        notice = Announcement("schedule.stage_closed", group.names, params)
        await announce_to_group(uow, composer, changed, notice, now)
        await uow.commit()
    return changed


async def _apply(
    uow: ScheduleUnitOfWork, group: Group, calendar: GroupCalendar, event: AuditEvent, now: datetime
) -> Group:
    """Store the new calendar and record who changed it and why."""
    changed = replace(group, calendar=calendar)
    await uow.groups.update(changed)
    await uow.audit.append(event, now)
    return changed


async def _actor(uow: ScheduleUnitOfWork, group: Group, person: str | None) -> str:
    """Name who acts for the audit log; refuse anyone but the Secretariat or the committee."""
    if person is None:
        return SECRETARIAT_CLI
    if await active_grant(uow, person, Role.SECRETARIAT, None) is not None:
        return role_actor(Role.SECRETARIAT, person)
    await held_grant(uow, person, Role.COMMITTEE, group)
    return role_actor(Role.COMMITTEE, person)


def _reason(text: str) -> str:
    why = text.strip()
    if not why:
        raise Refused(Reason(REASON_REQUIRED))
    if len(why) > MAX_REASON_LENGTH:
        raise Refused(Reason(REASON_TOO_LONG, {"max": MAX_REASON_LENGTH, "length": len(why)}))
    return why


def _or_refuse(outcome: GroupCalendar | Reason) -> GroupCalendar:
    if isinstance(outcome, Reason):
        raise Refused(outcome)
    return outcome
