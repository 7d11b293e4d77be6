"""The bot killed (SIGKILL) just after or just before it saves a ballot (issue #5).

Killed after the commit, while Telegram refuses the "Your vote is recorded" message: the ballot
is in the box once, and after the restart the confirmation with its receipt arrives by itself,
the voter doing nothing. Killed before the commit, while the cast waits for the ballot box (held
by another transaction, as the close holds it; on PostgreSQL): nothing is kept, no receipt was
shown, and the voter's confirmation screen still works: tapping "Confirm and send" again casts
the ballot.
"""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from datetime import UTC, datetime
from pathlib import Path

import pytest
from sqlalchemy.pool import NullPool

from sandbox.phone import Phone
from sandbox.server import Emulator
from sandbox.testing import running_emulator
from storage.db import create_engine
from storage.testing import sql_uow_factory
from tests.bot.test_flow_vote_support import CYCLE
from tests.faults.open_election import GROUP, prepare_election
from tests.faults.process_support import BotProcess
from tests.faults.voter_support import (
    CONFIRM,
    assert_box_matches,
    counted_box,
    has_voted,
    receipts,
    to_confirmation,
)
from tests.waiting import poll_until

pytestmark = pytest.mark.slow
SENDS = ("editMessageText", "sendMessage")


def refused(emulator: Emulator, method: str) -> int:
    return int(emulator.world.stats.rejected.get(method, 0))


@asynccontextmanager
async def at_confirmation(
    url: str, now: datetime, folder: Path
) -> AsyncIterator[tuple[Emulator, BotProcess, Phone]]:
    """A running `saylau run` and one voter on the confirmation screen; the bot stops after."""
    async with running_emulator() as emulator:
        bot = BotProcess(emulator, url, folder)
        try:
            await bot.spawn()
            [phone] = await prepare_election(url, emulator, 1, now)
            await bot.ready()
            await to_confirmation(phone)
            yield emulator, bot, phone
        finally:
            await bot.stop()


async def test_killed_after_the_commit_the_receipt_arrives_after_the_restart(
    served_database_url: str, tmp_path: Path
) -> None:
    url, now = served_database_url, datetime.now(UTC)
    async with at_confirmation(url, now, tmp_path) as (emulator, bot, phone):
        # Telegram refuses "Your vote is recorded" (an edit of the confirmation screen, or a new
        # message) once, so it stays in the outbox, and the bot dies right then.
        for method in SENDS:
            emulator.world.faults.fail(method, status=500)
        await phone.tap(CONFIRM)
        await poll_until(lambda: any(refused(emulator, method) for method in SENDS))
        await bot.kill()
        emulator.world.faults.clear()
        assert not receipts(phone)
        assert await has_voted(url, [phone]) == {phone.user.id}

        await bot.start()
        # Sent by the restarted bot once the killed one's scheduler lease has run out.
        await phone.wait_until(lambda: bool(receipts(phone)), timeout=60)
    assert_box_matches(await counted_box(url, now), [phone])


@asynccontextmanager
async def box_held(url: str) -> AsyncIterator[None]:
    """Hold the ballot box as the close does: a cast waits until the block ends (rolled back)."""
    async with sql_uow_factory(url) as factory, factory() as uow:
        stored = await uow.groups.get(CYCLE, GROUP)
        [contest] = await uow.contests.for_group(stored.id)
        await uow.votes.hold_contests([contest.id], exclusive=True)
        yield


async def cast_waits(url: str) -> None:
    """Until a session of the bot waits for a lock: the cast, waiting for the box."""
    engine = create_engine(url, poolclass=NullPool)
    waiting = (
        "SELECT count(*) FROM pg_stat_activity "
        "WHERE datname = current_database() AND wait_event_type = 'Lock'"
    )

    async def a_session_waits() -> bool:
        async with engine.connect() as connection:
            return bool((await connection.exec_driver_sql(waiting)).scalar_one())

    try:
        await poll_until(a_session_waits, timeout=20, every=0.02)
    finally:
        await engine.dispose()


@pytest.mark.postgres  # SQLite's one write lock is taken as a turn begins, not by the cast
async def test_killed_before_the_commit_nothing_is_kept_and_the_voter_votes_again(
    postgres_url: str, tmp_path: Path
) -> None:
    url, now = postgres_url, datetime.now(UTC)
    async with at_confirmation(url, now, tmp_path) as (_, bot, phone):
        async with box_held(url):
            await phone.tap(CONFIRM)
            await cast_waits(url)
            await bot.kill()
        assert not receipts(phone)
        assert await has_voted(url, [phone]) == set()

        await bot.start()
        await phone.tap(CONFIRM)  # nothing of the killed turn was kept, not even its step
        await phone.wait_until(lambda: bool(receipts(phone)), timeout=30)
    assert_box_matches(await counted_box(url, now), [phone])
