"""PostgreSQL restarted under the running bot while people vote (issue #8).

The bot (`saylau run`) serves a private PostgreSQL cluster that is stopped for a moment and started
again while 60 voters vote. The bot does not die: it logs what failed (error types and update
numbers, never a Telegram id), tells a voter whose step was lost "This could not be saved ...
please try again", and serves them when they do. Afterwards nothing is lost or doubled: every
voter holds one receipt, the box holds one ballot per voter and exactly the receipts shown.
"""

from __future__ import annotations

import asyncio
import re
from datetime import UTC, datetime
from pathlib import Path

import pytest

from sandbox.testing import running_emulator
from storage.migrate import upgrade
from tests.faults.open_election import prepare_election
from tests.faults.private_postgres import private_cluster
from tests.faults.process_support import BotProcess, WhenShown
from tests.faults.voter_support import (
    RECORDED,
    assert_box_matches,
    counted_box,
    vote_until_receipt,
)

pytestmark = [pytest.mark.slow, pytest.mark.postgres]
VOTERS = 60
RESTART_AFTER = VOTERS // 4  # receipts shown before PostgreSQL goes away
DOWNTIME = 1.5  # seconds without a database
FAILED = re.compile(r" ERROR .*failed")  # the runtime reporting an update it could not handle


async def test_the_bot_rides_out_a_postgres_restart_and_loses_no_vote(tmp_path: Path) -> None:
    now = datetime.now(UTC)
    with private_cluster() as cluster:
        url = await cluster.create_database("saylau")
        await asyncio.to_thread(upgrade, url)
        async with running_emulator() as emulator:
            bot = BotProcess(emulator, url, tmp_path)
            try:
                await bot.spawn()
                phones = await prepare_election(url, emulator, VOTERS, now)
                await bot.ready()
                shown = WhenShown(emulator, RECORDED, RESTART_AFTER)
                voting = [
                    asyncio.create_task(vote_until_receipt(phone, timeout=15)) for phone in phones
                ]
                await asyncio.wait_for(shown.fired.wait(), timeout=60)
                await cluster.restart(DOWNTIME)
                await asyncio.gather(*voting)
                assert bot.process is not None and bot.process.returncode is None
            finally:
                await bot.stop()
        log = bot.log()
        box = await counted_box(url, now)
    assert FAILED.search(log), f"the bot did not notice the restart:\n{log}"
    for phone in phones:
        assert str(phone.user.id) not in log, "a Telegram id in the log"
    assert emulator.token.split(":")[0] not in log
    assert box["markers"] == VOTERS
    assert_box_matches(box, phones)
