"""The APScheduler wiring: restarts catch up once, one of two schedulers acts, re-planning
replaces jobs instead of adding them."""

from __future__ import annotations

import asyncio
from datetime import UTC, datetime, timedelta

from bot.scheduler import ElectionScheduler, Settings
from core.calendar import Stage
from core.services.deadlines import extend_deadline
from tests.builders import START, calendar
from tests.fakes import FakeClock
from tests.schedule.support import CHATS, COMPOSER, VAULT, cast_uow, outbox, setup, texts

PLHIV = calendar(START)


async def _started(make_uow, clock) -> list[str]:
    async with make_uow() as uow:
        return [
            f"{e.event.group}:{e.event.payload['stage']}"
            for e in await uow.audit.entries()
            if e.event.action == "stage.started"
        ]


async def test_a_bot_stopped_across_a_close_performs_the_transition_once(any_uow_factory):
    make_uow = cast_uow(any_uow_factory)
    await setup(make_uow)
    clock = FakeClock(PLHIV.voting_opens + timedelta(hours=1))
    first = ElectionScheduler(make_uow, clock, COMPOSER, VAULT.sealer)
    await first.start()
    await first.stop()
    assert (await _started(make_uow, clock)).count("PLHIV:voting") == 1

    clock.set(PLHIV.results + timedelta(minutes=5))  # voting closed while the bot was down
    second = ElectionScheduler(make_uow, clock, COMPOSER, VAULT.sealer)
    await second.start()
    tick = await second.tick()
    await second.stop()

    assert tick.leader and tick.transitions == []  # the start had done it already
    assert (await _started(make_uow, clock)).count("PLHIV:results") == 1
    chat = texts(await outbox(make_uow, clock.now()), CHATS["PLHIV"])
    assert sum("voting closed" in text for text in chat) == 1


async def test_of_two_schedulers_at_once_one_acts(any_uow_factory):
    make_uow = cast_uow(any_uow_factory)
    await setup(make_uow)
    clock = FakeClock(PLHIV.registration_opens + timedelta(minutes=1))
    one = ElectionScheduler(make_uow, clock, COMPOSER, VAULT.sealer, holder="one")
    two = ElectionScheduler(make_uow, clock, COMPOSER, VAULT.sealer, holder="two")

    ticks = await asyncio.gather(one.tick(), two.tick())

    assert sorted(t.leader for t in ticks) == [False, True]
    opened = [t for tick in ticks for t in tick.transitions if t.stage is Stage.REGISTRATION]
    assert [t.group for t in opened] == ["PLHIV"]
    assert (await _started(make_uow, clock)).count("PLHIV:registration") == 1
    # The follower takes over once the leader's lease has run out.
    clock.advance(seconds=Settings().lease_seconds + 1)
    assert (await two.tick()).leader
    assert not (await one.tick()).leader


async def test_replanning_replaces_jobs_and_follows_a_moved_deadline(any_uow_factory):
    make_uow = cast_uow(any_uow_factory)
    await setup(make_uow)
    clock = FakeClock(PLHIV.registration_opens + timedelta(hours=1))
    scheduler = ElectionScheduler(make_uow, clock, COMPOSER, VAULT.sealer)
    await scheduler.start()
    try:
        planned = await scheduler.plan()
        jobs = {job.id: job.next_run_time for job in scheduler.jobs.get_jobs()}
        assert await scheduler.plan() == planned
        assert {job.id for job in scheduler.jobs.get_jobs()} == set(jobs)
        assert len(jobs) == len(planned) + 2  # and the sweep and the lease renewal

        reminder = "plan:ccm-2024:PLHIV:registration_closes:remind-1h"
        await extend_deadline(
            make_uow(),
            COMPOSER,
            clock,
            group_code="PLHIV",
            instant="registration_closes",
            to=PLHIV.registration_closes + timedelta(hours=6),
            reason="a holiday",
        )
        await scheduler.plan()
        moved = scheduler.jobs.get_job(reminder).next_run_time
        # Wall-clock run times: the same distance ahead as on the election's clock.
        assert abs(moved - jobs[reminder] - timedelta(hours=6)) < timedelta(seconds=5)
        assert len(scheduler.jobs.get_jobs()) == len(jobs)
    finally:
        await scheduler.stop()


async def test_the_leading_scheduler_forgets_old_updates_once_an_hour(any_uow_factory):
    make_uow = cast_uow(any_uow_factory)
    await setup(make_uow)
    async with make_uow() as uow:
        await uow.updates.first_time(7)
        await uow.commit()
    clock = FakeClock(datetime.now(UTC) + timedelta(days=6, hours=23, minutes=30))
    scheduler = ElectionScheduler(make_uow, clock, COMPOSER, VAULT.sealer)

    await scheduler.tick()  # the update is not a week old yet
    clock.advance(minutes=40)
    await scheduler.tick()  # now it is, but the last tidy-up was less than an hour ago
    async with make_uow() as uow:
        assert not await uow.updates.first_time(7)
    clock.advance(minutes=30)
    await scheduler.tick()

    async with make_uow() as uow:
        assert await uow.updates.first_time(7)
