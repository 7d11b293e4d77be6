"""The bot killed (SIGKILL) in the middle of a voting rush, then started again (issue #8).

200 voters stand on "Confirm and send" and all tap it at once; the bot process is killed at the
instant Telegram shows the 33rd "Your vote is recorded", while it answers the others, and is
started again on the same database. Whatever the kill interrupted, no vote is lost or doubled:
everyone shown a receipt has exactly that ballot in the box; everyone whose ballot was saved but
not yet confirmed is shown its receipt when they open the ballot again; everyone else taps
"Confirm and send" again and gets one. After the close the box holds one ballot per voter and
exactly the receipts the voters were shown.
"""

from __future__ import annotations

import asyncio
from datetime import UTC, datetime
from pathlib import Path

import pytest

from sandbox.phone import Phone
from sandbox.testing import running_emulator
from tests.faults.open_election import prepare_election
from tests.faults.process_support import BotProcess, WhenShown
from tests.faults.voter_support import (
    CONFIRM,
    RECORDED,
    ask_for_receipt,
    assert_box_matches,
    confirm_again,
    counted_box,
    has_voted,
    receipts,
    to_confirmation,
)

pytestmark = pytest.mark.slow
VOTERS = 200
# The bot is killed as Telegram shows this many "Your vote is recorded"; the rest are in flight.
KILL_AFTER = VOTERS // 6


async def carry_on(phone: Phone, saved: bool) -> None:
    """After the restart, a voter still without a receipt tries again.

    One whose ballot was saved is shown its receipt ("You have already voted"; the confirmation
    itself follows from the outbox once the restarted bot holds the scheduler's lease, which
    test_fault_kill_around_commit.py waits for). One whose tap was lost taps again.
    """
    if receipts(phone):
        return
    if saved:
        await ask_for_receipt(phone)
    else:
        await confirm_again(phone)


async def test_a_kill_during_the_rush_loses_no_vote_and_doubles_none(
    served_database_url: str, tmp_path: Path
) -> None:
    now = datetime.now(UTC)
    async with running_emulator() as emulator:
        bot = BotProcess(emulator, served_database_url, tmp_path)
        try:
            await bot.spawn()  # it imports its frameworks while the election is prepared
            phones = await prepare_election(served_database_url, emulator, VOTERS, now)
            await bot.ready()
            await asyncio.gather(*(to_confirmation(phone) for phone in phones))
            tripwire = WhenShown(emulator, RECORDED, KILL_AFTER, then=bot.kill_now)
            for phone in phones:
                await phone.tap(CONFIRM)
            await asyncio.wait_for(tripwire.fired.wait(), timeout=60)
            await bot.kill()

            told = {phone.user.id for phone in phones if receipts(phone)}
            saved = await has_voted(served_database_url, phones)
            assert told <= saved, "a receipt was shown for a ballot that is not in the box"
            assert told and len(saved) < VOTERS, "the kill came too late to interrupt anything"

            await bot.start()
            await asyncio.gather(*(carry_on(phone, phone.user.id in saved) for phone in phones))
        finally:
            await bot.stop()
    box = await counted_box(served_database_url, now)
    assert box["markers"] == VOTERS
    assert_box_matches(box, phones)
