"""Advance every group's election to the stage its calendar says, once, and announce it.

The calendar is the truth; the scheduler only decides when to look. Each look is idempotent: a
stage is recorded under a mark that can be taken once, so two schedulers, a restart or a job that
fires twice find the work done. A bot that was down across several instants records each missed
stage once, in order, but announces only the stage in force now (nobody needs to hear that
registration opened when it has already closed).

Once a group's `voting_closes` has passed, the same look closes and counts its vote (before any
announcement of that step); the results themselves are published when the commission confirms
them, so the RESULTS stage only says that counting is done and the commission is confirming.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import datetime

from core.audit import AuditEvent
from core.calendar import Stage
from core.model import CandidateStatus, Group
from core.ports import Clock
from core.ports_schedule import ScheduleUnitOfWork
from core.privacy import Sealer
from core.services.announcements import (
    Announcement,
    Composer,
    SealedStatement,
    announce_to_group,
)
from core.services.closing import close_voting
from core.services.context import current_cycle, group_id
from core.stages import due_transitions, iso_utc


@dataclass(frozen=True)
class Transition:
    group: str
    stage: Stage
    announced: int  # outbox messages written for it (0 for a missed, superseded stage)


async def advance_due_stages(
    uow: ScheduleUnitOfWork,
    composer: Composer,
    clock: Clock,
    cycle_code: str | None = None,
    *,
    sealer: Sealer,
) -> list[Transition]:
    """Record and announce every stage that has started; a second call does nothing."""
    async with uow:
        cycle = await current_cycle(uow, cycle_code)
        codes = [group.code for group in await uow.groups.for_cycle(cycle.code)]
    done: list[Transition] = []
    for code in codes:
        await _close_if_due(uow, clock, cycle.code, code, sealer)
        done += await _advance_group(uow, composer, clock, cycle.code, code)
    return done


async def _close_if_due(
    uow: ScheduleUnitOfWork, clock: Clock, cycle_code: str, code: str, sealer: Sealer
) -> None:
    """Close and count the group's vote once `voting_closes` has passed; once only."""
    async with uow:
        group = await uow.groups.get(cycle_code, code)
        if group is None or clock.now() < group.calendar.voting_closes:
            return
        if await uow.results.versions(group_id(group)):
            return
    await close_voting(uow, clock, group_code=code, sealer=sealer, cycle_code=cycle_code)


async def _advance_group(
    uow: ScheduleUnitOfWork, composer: Composer, clock: Clock, cycle_code: str, code: str
) -> list[Transition]:
    """One group in one transaction, so a failure elsewhere never holds this one back."""
    now = clock.now()
    async with uow:
        group = await uow.groups.get(cycle_code, code)
        if group is None:
            return []
        due = due_transitions(group.calendar, group.stage_recorded, now)
        taken = [
            s for s in due if await uow.schedule_marks.first_time(group_id(group), _mark(s), now)
        ]
        if not taken:
            return []
        await uow.groups.update(replace(group, stage_recorded=taken[-1]))
        done = []
        for stage in taken:
            current = stage is taken[-1]
            count = await _announce(uow, composer, group, stage, now) if current else 0
            due_at = iso_utc(group.calendar.starts(stage))
            payload: dict[str, object] = {
                "stage": stage.value,
                "due_at": due_at,
                "announced": count,
            }
            await uow.audit.append(AuditEvent("stage.started", group=code, payload=payload), now)
            done.append(Transition(code, stage, count))
        await uow.commit()
    return done


def _mark(stage: Stage) -> str:
    return f"stage:{stage.value}"


async def _announce(
    uow: ScheduleUnitOfWork, composer: Composer, group: Group, stage: Stage, now: datetime
) -> int:
    """Write the stage's announcement, if it has one that is still true now."""
    announcement = await stage_announcement(uow, group, stage, now)
    if announcement is None:
        return 0
    return len(await announce_to_group(uow, composer, group, announcement, now))


async def stage_announcement(
    uow: ScheduleUnitOfWork, group: Group, stage: Stage, now: datetime
) -> Announcement | None:
    """What the group is told when `stage` starts; None when there is nothing (still) to say."""
    calendar, names = group.calendar, group.names
    if stage is Stage.ANNOUNCEMENT:
        instants = dict(calendar.ordered_instants())
        return Announcement("schedule.announcement", names, instants)
    if stage is Stage.REGISTRATION and calendar.registration_open_at(now):
        closes = {"closes_at": calendar.registration_closes}
        return Announcement("schedule.registration_opened", names, closes)
    if stage is Stage.CANDIDATE_LIST:
        candidates = await uow.candidates.for_group(group_id(group))
        statements = tuple(
            SealedStatement(c.pseudonym, c.application)
            for c in candidates
            if c.status is CandidateStatus.ADMITTED and c.application is not None
        )
        listed = {"count": len(statements), "voting_opens": calendar.voting_opens}
        return Announcement("schedule.candidate_list", names, listed, statements)
    if stage is Stage.VOTING and calendar.voting_open_at(now):
        closes = {"closes_at": calendar.voting_closes}
        return Announcement("schedule.voting_opened", names, closes)
    if stage is Stage.RESULTS:
        versions = await uow.results.versions(group_id(group))
        if any(version.confirmed_at is not None for version in versions):
            return None  # published already, when the commission confirmed the count
        return Announcement("schedule.results", names, {"closed_at": calendar.voting_closes})
    return None
