"""A broadcast over the emulator with flood control on: paced to Telegram's limits, every member
once, a 429 honoured, and a sender stopped halfway finishing the rest exactly once."""

from __future__ import annotations

import asyncio

import pytest

from bot.pacing import Limits
from core.dialogue import Delivery
from sandbox.flood import FloodLimits
from sandbox.testing import running_emulator
from storage.testing import fresh_database, sql_uow_factory
from tests.schedule.broadcast_support import drain_all, stage

pytestmark = pytest.mark.slow


@pytest.fixture
async def make_uow(request):
    with fresh_database(request, "sqlite") as url:
        async with sql_uow_factory(url) as factory:
            yield factory


def _flooded(emulator) -> int:
    return sum(emulator.world.stats.flood_rejected.values())


async def _statuses(make_uow) -> dict[str, int]:
    from sqlalchemy import func, select

    from storage.tables import outbox

    async with make_uow() as uow:
        rows = await uow._session.execute(  # a look at the table itself, statuses included
            select(outbox.c.status, func.count()).group_by(outbox.c.status)
        )
        return dict(rows.all())


async def test_a_broadcast_to_3000_members_respects_the_limits(make_uow) -> None:
    async with running_emulator(flood=True) as emulator, stage(emulator, make_uow, 3000) as on:
        await on.broadcast()
        started = emulator.world.clock.now()
        tally = await on.pacer(Limits(per_second=30)).drain()
        elapsed = emulator.world.clock.now() - started

        assert _flooded(emulator) == 0
        assert tally.outcomes == {"sent": 3001}
        assert set(on.received().values()) == {1}  # everyone, the author too, exactly once
        assert await _statuses(make_uow) == {Delivery.SENT.value: 3001}
        assert elapsed >= 3000 / 30  # never faster than the bot's limit


async def test_a_429_is_waited_out_and_nothing_is_lost(make_uow) -> None:
    tight = FloodLimits(per_bot_per_second=10)  # Telegram stricter than the pacer believes
    async with running_emulator(flood=tight) as emulator, stage(emulator, make_uow, 300) as on:
        await on.broadcast()
        await drain_all(on.pacer(Limits(per_second=30)), make_uow, on.clock)

        assert _flooded(emulator) > 0
        assert set(on.received().values()) == {1}
        assert await _statuses(make_uow) == {Delivery.SENT.value: 301}


async def test_a_sender_stopped_halfway_delivers_the_rest_exactly_once(make_uow) -> None:
    async with running_emulator(flood=True) as emulator, stage(emulator, make_uow, 1000) as on:
        await on.broadcast()
        sending = asyncio.create_task(on.pacer(Limits(per_second=30)).drain())
        # The emulator's counters have no event to wait on; look every 10 ms.
        while sum(on.received().values()) < 500:  # noqa: ASYNC110
            await asyncio.sleep(0.01)
        sending.cancel()
        with pytest.raises(asyncio.CancelledError):
            await sending
        halfway = sum(on.received().values())

        await drain_all(on.pacer(Limits(per_second=30)), make_uow, on.clock)  # the restart

        assert 500 <= halfway < 1001
        assert set(on.received().values()) == {1}
        assert _flooded(emulator) == 0
        assert await _statuses(make_uow) == {Delivery.SENT.value: 1001}
