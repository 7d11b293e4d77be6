"""Reminders before a deadline, only to those who still have something to do.

Before registration closes: candidates whose application is still a draft. Before the candidate
list is published (the commission's deadline to decide): commission members with a queue. Before
voting closes: electors who have not voted in every contest. Each reminder is taken under a mark
naming the deadline's instant, so a moved deadline is reminded of again, and a bot that was down
sends only the most urgent reminder still due, once.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta

from core.calendar import GroupCalendar
from core.model import CandidateStatus, Group, Role, VoterStatus
from core.ports import Clock
from core.ports_schedule import ScheduleUnitOfWork
from core.services.announcements import Announcement, Composer, post, reachable, to_people
from core.services.context import current_cycle, group_id
from core.services.electorate import contest_id, electors
from core.stages import utc

DEFAULT_LEADS = (timedelta(hours=24), timedelta(hours=1))
# deadline -> the instant from which reminding of it makes sense
DEADLINES = {
    "registration_closes": "registration_opens",
    "candidate_list": "registration_opens",
    "voting_closes": "voting_opens",
}


@dataclass(frozen=True)
class Reminder:
    group: str
    deadline: str
    lead: timedelta
    sent: int  # outbox messages written


async def send_due_reminders(
    uow: ScheduleUnitOfWork,
    composer: Composer,
    clock: Clock,
    leads: Sequence[timedelta] = DEFAULT_LEADS,
    cycle_code: str | None = None,
) -> list[Reminder]:
    """Write every reminder that is due and not sent yet; a second call does nothing."""
    async with uow:
        cycle = await current_cycle(uow, cycle_code)
        codes = [group.code for group in await uow.groups.for_cycle(cycle.code)]
    sent: list[Reminder] = []
    for code in codes:
        now = clock.now()
        async with uow:
            group = await uow.groups.get(cycle.code, code)
            if group is None:
                continue
            for deadline in DEADLINES:
                reminder = await _remind(uow, composer, group, deadline, leads, now)
                if reminder is not None:
                    sent.append(reminder)
            await uow.commit()
    return sent


def due_leads(
    calendar: GroupCalendar, deadline: str, leads: Sequence[timedelta], now: datetime
) -> list[timedelta]:
    """The leads whose reminder time has come, while the deadline is ahead; most urgent first."""
    at, start, moment = (
        getattr(calendar, deadline),
        getattr(calendar, DEADLINES[deadline]),
        utc(now),
    )
    if not start <= moment < at:
        return []
    return sorted(lead for lead in leads if start <= at - lead <= moment)


async def _remind(
    uow: ScheduleUnitOfWork,
    composer: Composer,
    group: Group,
    deadline: str,
    leads: Sequence[timedelta],
    now: datetime,
) -> Reminder | None:
    due = due_leads(group.calendar, deadline, leads, now)
    at: datetime = getattr(group.calendar, deadline)
    fresh = [
        lead
        for lead in due
        if await uow.schedule_marks.first_time(group_id(group), _mark(deadline, lead, at), now)
    ]
    if not due or due[0] not in fresh:
        return None  # nothing due, or the most urgent one was sent already
    hours = max(1, round(due[0].total_seconds() / 3600))
    count = 0
    for key, people, extra in await _audience(uow, group, deadline):
        params = {"closes_at": at, "hours": hours, **extra}
        announcement = Announcement(f"schedule.{key}", group.names, params)
        recipients = to_people(await reachable(uow, people))
        count += len(await post(uow, composer, group, announcement, recipients, now))
    return Reminder(group.code, deadline, due[0], count)


def _mark(deadline: str, lead: timedelta, at: datetime) -> str:
    return f"remind:{deadline}:{int(lead.total_seconds())}:{utc(at).isoformat(timespec='seconds')}"


Audience = list[tuple[str, list[str], dict[str, int]]]


async def _audience(uow: ScheduleUnitOfWork, group: Group, deadline: str) -> Audience:
    """(message key, pseudonyms, extra params) for each kind of person to remind."""
    if deadline == "registration_closes":
        candidates = await uow.candidates.for_group(group_id(group))
        drafts = [c.pseudonym for c in candidates if c.status is CandidateStatus.DRAFT]
        return [("remind_application", drafts, {})]
    if deadline == "candidate_list":
        return await _commission_queue(uow, group)
    return [("remind_vote", await _not_voted(uow, group), {})]


async def _commission_queue(uow: ScheduleUnitOfWork, group: Group) -> Audience:
    gid = group_id(group)
    pending = sum(1 for v in await uow.voters.for_group(gid) if v.status is VoterStatus.PENDING)
    pending += sum(
        1 for c in await uow.candidates.for_group(gid) if c.status is CandidateStatus.SUBMITTED
    )
    if pending == 0:
        return []
    members = [
        r.pseudonym
        for r in await uow.roles.for_group(gid)
        if r.role is Role.COMMISSION and r.revoked_at is None
    ]
    return [("remind_queue", members, {"pending": pending})]


async def _not_voted(uow: ScheduleUnitOfWork, group: Group) -> list[str]:
    """Electors with a contest of the group still to vote in."""
    # One read of each contest's voters: asking about each elector was a query per voter.
    contests = await uow.contests.for_group(group_id(group))
    voted = [set(await uow.ballots.voters(contest_id(c))) for c in contests]
    return [e for e in await electors(uow, group) if not all(e in each for each in voted)]
