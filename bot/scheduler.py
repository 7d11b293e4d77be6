"""APScheduler wiring: wake up at each instant of every group's calendar and run the idempotent
use cases; one replica at a time, elected through a lease in the database.

Jobs live in memory on purpose. The truth is the calendar in the database: jobs are derived from
it (re-planned at start and every `sweep` seconds, so a deadline moved from the command line is
picked up), their ids come from (cycle, group, stage, event) so re-planning replaces them, and
each job only runs "advance due stages" and "send due reminders", which do nothing when nothing
is due. A bot that was down across an instant catches up at start; a persistent job store would
add a second copy of the calendar to keep consistent, and a sync database driver, for nothing.
"""

from __future__ import annotations

import asyncio
import logging
import uuid
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta

from apscheduler.schedulers.asyncio import AsyncIOScheduler  # type: ignore[import-untyped]
from apscheduler.triggers.date import DateTrigger  # type: ignore[import-untyped]
from apscheduler.triggers.interval import IntervalTrigger  # type: ignore[import-untyped]

from core.calendar import Stage
from core.errors import Refused
from core.model import Group
from core.ports import Clock
from core.ports_schedule import ScheduleUnitOfWork
from core.privacy import Sealer
from core.services.announcements import Composer
from core.services.broadcasts import report_broadcasts
from core.services.context import current_cycle
from core.services.housekeeping import forget_old_traffic
from core.services.reminders import DEADLINES, DEFAULT_LEADS, Reminder, send_due_reminders
from core.services.schedule import Transition, advance_due_stages

log = logging.getLogger(__name__)
LEASE = "scheduler"
PLANNED = "plan:"  # prefix of the calendar's jobs, apart from the scheduler's own


@dataclass(frozen=True)
class Settings:
    lease_seconds: float = 30.0
    sweep_seconds: float = 60.0
    tidy_seconds: float = 3600.0  # how often the leader forgets old traffic
    leads: Sequence[timedelta] = DEFAULT_LEADS


@dataclass
class Tick:
    leader: bool
    transitions: list[Transition] = field(default_factory=list)
    reminders: list[Reminder] = field(default_factory=list)


class ElectionScheduler:
    def __init__(
        self,
        uow_factory: Callable[[], ScheduleUnitOfWork],
        clock: Clock,
        composer: Composer,
        sealer: Sealer,
        settings: Settings | None = None,
        holder: str | None = None,
    ) -> None:
        self.uow_factory = uow_factory
        self.clock = clock
        self.composer = composer
        self.sealer = sealer  # the close opens the sealed ballot box
        self.settings = settings or Settings()
        self.holder = holder or uuid.uuid4().hex
        self.jobs = AsyncIOScheduler(timezone=UTC)
        self._lease_until: datetime | None = None
        self._tidied_at: datetime | None = None

    async def lead(self) -> bool:
        """Take or renew the lease; True while this instance is the one that acts."""
        now = self.clock.now()
        until = now + timedelta(seconds=self.settings.lease_seconds)
        async with self.uow_factory() as uow:
            held = await uow.leases.acquire(LEASE, self.holder, now, until)
            await uow.commit()
        self._lease_until = until if held else None
        return held

    def leading(self) -> bool:
        """Whether the lease taken last is still valid, without asking the database."""
        return self._lease_until is not None and self.clock.now() < self._lease_until

    async def tick(self) -> Tick:
        """Do whatever the calendar says is due now, if this instance leads."""
        if not await self.lead():
            return Tick(leader=False)
        await self._tidy()
        try:
            transitions = await advance_due_stages(
                self.uow_factory(), self.composer, self.clock, sealer=self.sealer
            )
            reminders = await send_due_reminders(
                self.uow_factory(), self.composer, self.clock, self.settings.leads
            )
        except Refused:  # no election loaded yet
            return Tick(leader=True)
        await report_broadcasts(self.uow_factory(), self.composer, self.clock)
        return Tick(True, transitions, reminders)

    async def _tidy(self) -> None:
        """Forget old handled updates and settled messages, at most once per `tidy_seconds`."""
        now = self.clock.now()
        every = timedelta(seconds=self.settings.tidy_seconds)
        if self._tidied_at is not None and now - self._tidied_at < every:
            return
        forgotten = await forget_old_traffic(self.uow_factory(), self.clock)
        self._tidied_at = now
        if forgotten.updates or forgotten.messages:
            log.info(
                "forgot %d handled updates and %d settled messages",
                forgotten.updates,
                forgotten.messages,
            )

    async def plan(self) -> list[str]:
        """(Re)schedule a wake-up at every future instant; return the job ids planned."""
        try:
            async with self.uow_factory() as uow:
                cycle = await current_cycle(uow)
                groups = await uow.groups.for_cycle(cycle.code)
        except Refused:
            groups = []
        wanted = dict(pair for group in groups for pair in self._instants(group))
        for job in self.jobs.get_jobs():
            if job.id.startswith(PLANNED) and job.id not in wanted:
                job.remove()
        # APScheduler runs on the wall clock; the instants are on the election's clock, which
        # tests move by hand. The same distance ahead on both keeps the two in step.
        offset = datetime.now(UTC) - self.clock.now()
        for job_id, at in wanted.items():
            trigger = DateTrigger(at + offset)
            self.jobs.add_job(self._wake, trigger, id=job_id, replace_existing=True)
        return sorted(wanted)

    def _instants(self, group: Group) -> list[tuple[str, datetime]]:
        """(job id, instant) for each stage start and reminder still ahead."""
        now, calendar = self.clock.now(), group.calendar
        prefix = f"{PLANNED}{group.cycle_code}:{group.code}"
        found = [(f"{prefix}:{s.value}:starts", calendar.starts(s)) for s in Stage]
        for deadline, opening in DEADLINES.items():
            at, start = getattr(calendar, deadline), getattr(calendar, opening)
            for lead in self.settings.leads:
                if at - lead >= start:
                    hours = round(lead.total_seconds() / 3600, 2)
                    found.append((f"{prefix}:{deadline}:remind-{hours:g}h", at - lead))
        return [(job_id, at) for job_id, at in found if at > now]

    async def start(self) -> None:
        """Catch up on anything missed while down, plan the calendar, and start the clock."""
        await self.sweep()
        seconds = self.settings
        self.jobs.add_job(self.sweep, IntervalTrigger(seconds=seconds.sweep_seconds), id="sweep")
        renew = IntervalTrigger(seconds=seconds.lease_seconds / 3)
        self.jobs.add_job(self._renew, renew, id="lease")
        self.jobs.start()

    async def sweep(self) -> None:
        """Re-plan from the stored calendars and do what is due (the safety net of the jobs)."""
        try:
            await self.plan()
            await self.tick()
        except Exception as error:  # the database may be away for a while; the next sweep retries
            log.warning("scheduler sweep failed: %s", type(error).__name__)
        except asyncio.CancelledError:
            # Stopped mid-sweep: each step is one transaction and idempotent, so the next start
            # simply does what this one did not get to.
            log.info("scheduler sweep interrupted by shutdown")

    async def _wake(self) -> None:
        try:
            await self.tick()
        except Exception as error:  # logged by type only: a driver's message may quote values
            log.warning("scheduled tick failed: %s", type(error).__name__)
        except asyncio.CancelledError:  # stopped mid-tick: harmless, as in sweep()
            log.info("scheduled tick interrupted by shutdown")

    async def _renew(self) -> None:
        try:
            await self.lead()
        except Exception as error:
            log.warning("scheduler lease renewal failed: %s", type(error).__name__)
            self._lease_until = None
        except asyncio.CancelledError:  # stopping: stop() hands the lease over anyway
            log.info("lease renewal interrupted by shutdown")

    async def stop(self) -> None:
        """Stop waking up and hand the lease over at once instead of letting it expire."""
        if self.jobs.running:
            self.jobs.shutdown(wait=False)
        if self._lease_until is not None:
            async with self.uow_factory() as uow:
                await uow.leases.release(LEASE, self.holder)
                await uow.commit()
            self._lease_until = None
