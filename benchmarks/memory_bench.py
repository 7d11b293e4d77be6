"""Resident memory of one bot process (`saylau run`) with 100,000 registered voters.

The real bot runs as its own process against the emulator running here, on its own database
(PostgreSQL by default). Once it has started, voting opens: the scheduler announces it to every
member of the group; a few phones then ask /status and vote through /vote; the deadline is moved
so that the scheduler's next sweep reminds everyone who has not voted. These are the paths that
go through all voters. The kernel's VmRSS (now) and VmHWM (peak) of the bot process are read at
each step. The same scenario with no voters but the phones gives the ratio. The reminder's
seconds include waiting for the scheduler's next sweep (up to a minute).

Run: ``.venv/bin/python -m benchmarks.memory_bench [--voters 100000] [--phones 8]
[--framework ptb|aiogram] [--database-url sqlite+aiosqlite:///tmp/mem.db]`` (a PostgreSQL URL
names the server, where a database is made and dropped). Prints figures; asserts nothing.
"""

from __future__ import annotations

import argparse
import asyncio
import time
from collections.abc import Awaitable, Callable
from dataclasses import replace
from datetime import UTC, datetime, timedelta
from typing import Any

from benchmarks import bench_election as bench
from benchmarks.bot_process import BotProcess, bot_environment, bot_process
from benchmarks.bulk_voters import marked, new_people, register, scheduler_started
from benchmarks.memory_traffic import use_the_bot
from benchmarks.scratch_db import scratch_database, server_url
from bot.assembly import BotParts
from bot.scheduling import composer_for
from core.services.load_election import load_election
from core.services.schedule import advance_due_stages
from sandbox.testing import running_emulator
from storage.db import create_engine
from storage.uow import SqlUnitOfWork, open_database

LEAD_IN = timedelta(seconds=20)  # from starting the bot to voting opening: time enough to start
SWEEP = 60.0  # bot.scheduler re-reads the calendars this often; a moved deadline waits for it


async def _prepare(factory: Callable[[], SqlUnitOfWork], now: datetime) -> int:
    """The election, its candidates, and its stages up to the candidate list already done."""
    config = bench.election(bench.calendar(now + timedelta(days=1), timedelta(days=7)))
    await load_election(config, factory(), bench.FixedClock(now), bench.VAULT.name_key)
    await bench.add_candidates(factory, now - timedelta(days=2))
    earlier = bench.FixedClock(now + timedelta(hours=1))  # nobody to tell yet: no voters
    composer = composer_for(BotParts(factory, bench.VAULT, earlier))
    await advance_due_stages(
        factory(), composer, earlier, cycle_code=bench.CYCLE, sealer=bench.VAULT.sealer
    )
    async with factory() as uow:
        group = await uow.groups.get(bench.CYCLE, bench.GROUP)
    assert group is not None and group.id is not None
    return group.id


async def _move(factory: Callable[[], SqlUnitOfWork], **instants: datetime) -> None:
    """Set calendar instants directly (the Secretariat's way would announce it to everyone)."""
    async with factory() as uow:
        group = await uow.groups.get(bench.CYCLE, bench.GROUP)
        assert group is not None
        calendar = type(group.calendar)(**{**group.calendar.model_dump(), **instants})
        await uow.groups.update(replace(group, calendar=calendar))
        await uow.commit()


async def _wait(check: Callable[[], Awaitable[bool]], bot: BotProcess, patience: float) -> float:
    began = time.perf_counter()
    while not await check():
        if not bot.running or time.perf_counter() - began > patience:
            print(f"  gave up after {time.perf_counter() - began:.0f} s; the bot's log:")
            print(bot.log_tail())
            break
        await asyncio.sleep(0.5)
    return time.perf_counter() - began


async def scenario(base_url: str, voters: int, phones: int, framework: str) -> dict[str, Any]:
    """One bot process through start, announcement, traffic and reminder; its memory at each."""
    figures: dict[str, Any] = {"voters": voters}
    async with (
        running_emulator() as emulator,
        scratch_database(base_url, f"mem{voters}") as url,
        open_database(url) as factory,
    ):
        engine = create_engine(url)
        now = datetime.now(UTC)
        group_id = await _prepare(factory, now)
        began = time.perf_counter()
        await register(engine, bench.VAULT, group_id, new_people(emulator, voters), now)
        users = new_people(emulator, phones, "Phone")
        await register(engine, bench.VAULT, group_id, users, now)
        figures["fill_seconds"] = time.perf_counter() - began
        opens = datetime.now(UTC) + LEAD_IN
        await _move(factory, voting_opens=opens, voting_closes=opens + timedelta(days=7))
        keys = (bench.PSEUDONYM_KEY, bench.DATA_KEY)
        env = bot_environment(url, emulator.url, emulator.token, *keys)
        async with bot_process(env, framework) as bot:
            await asyncio.sleep((opens - datetime.now(UTC)).total_seconds() - 1)
            figures["idle"] = bot.memory()
            if not await scheduler_started(engine):
                print("  the bot had not started yet when voting opened: its idle figure is early")
            figures["announce_s"] = await _wait(
                lambda: marked(engine, group_id, "stage:voting"), bot, 120 + voters / 100
            )
            figures["announced"] = bot.memory()
            began = time.perf_counter()
            outcomes = await asyncio.gather(
                *(use_the_bot(emulator.phone(user), list(bench.CANDIDATES)) for user in users)
            )
            figures["traffic_s"] = time.perf_counter() - began
            figures["traffic_ok"] = sum(outcomes)
            figures["traffic_failed"] = len(outcomes) - sum(outcomes)
            figures["after_traffic"] = bot.memory()
            due = datetime.now(UTC) + timedelta(hours=1, seconds=2)  # the 1-hour reminder, now
            await _move(factory, voting_closes=due)
            figures["remind_s"] = await _wait(
                lambda: marked(engine, group_id, "remind:voting_closes"),
                bot,
                SWEEP + 120 + voters / 100,
            )
            await asyncio.sleep(2)
            figures["reminded"] = bot.memory()
        await engine.dispose()
    return figures


def _report(figures: dict[str, Any]) -> None:
    print(f"{figures['voters']:,} voters (+ phones), registered in {figures['fill_seconds']:.1f} s")
    print(f"  idle after start        VmRSS {figures['idle'].rss_mb:6.0f} MB")
    for step, seconds in (("announced", "announce_s"), ("reminded", "remind_s")):
        memory = figures[step]
        print(
            f"  {step:<9} in {figures[seconds]:5.0f} s VmRSS {memory.rss_mb:6.0f} MB, "
            f"peak so far (VmHWM) {memory.hwm_mb:6.0f} MB"
        )
    print(
        f"  phones: {figures['traffic_ok']} used /status and /vote, "
        f"{figures['traffic_failed']} failed, in {figures['traffic_s']:.1f} s"
    )


async def measure(
    quick: bool = False,
    voters: int | None = None,
    phones: int = 8,
    framework: str = "ptb",
    database_url: str | None = None,
) -> dict[str, Any]:
    count = voters if voters is not None else (2_000 if quick else 100_000)
    base = database_url or server_url()
    empty = await scenario(base, 0, phones, framework)
    _report(empty)
    full = await scenario(base, count, phones, framework)
    _report(full)
    peak, baseline = full["reminded"].hwm_mb, empty["reminded"].hwm_mb
    print(f"peak with {count:,} voters / with none: {peak:.0f} / {baseline:.0f} MB")
    return {
        "rss_voters": count,
        "rss_mb_100k_voters": round(peak, 1),
        "rss_mb_idle": round(full["idle"].rss_mb, 1),
        "rss_mb_0_voters": round(baseline, 1),
        "rss_ratio_100k_to_0": round(peak / baseline, 2),
        "rss_announce_seconds": round(full["announce_s"], 1),
        "rss_remind_seconds": round(full["remind_s"], 1),
        "rss_traffic_failed": full["traffic_failed"] + empty["traffic_failed"],
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--voters", type=int, default=100_000)
    parser.add_argument("--phones", type=int, default=8)
    parser.add_argument("--framework", choices=("ptb", "aiogram"), default="ptb")
    parser.add_argument("--database-url", default=None)
    arguments = parser.parse_args()
    asyncio.run(
        measure(
            False, arguments.voters, arguments.phones, arguments.framework, arguments.database_url
        )
    )


if __name__ == "__main__":
    main()
