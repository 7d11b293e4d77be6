"""Flood control: Telegram's limits, 429 with retry_after, and the next call passing after it."""

from __future__ import annotations

import asyncio
import datetime as dt
from collections.abc import Callable
from contextlib import AbstractAsyncContextManager

import pytest
from sandbox_clients import caller

from sandbox.clock import Clock
from sandbox.flood import FloodControl, FloodLimits
from sandbox.server import Emulator

Factory = Callable[..., AbstractAsyncContextManager[Emulator]]
BOT = 7


def sends_until_refused(
    flood: FloodControl, chat_id: int, is_group: bool = False
) -> tuple[int, int]:
    """Send until flood control refuses; return (accepted sends, retry_after)."""
    for sent in range(1000):
        retry_after = flood.check("sendmessage", BOT, chat_id, is_group)
        if retry_after is not None:
            return sent, retry_after
    raise AssertionError("flood control never refused")


def test_sandbox_private_chat_allows_a_small_burst_then_one_per_second() -> None:
    clock = Clock()
    flood = FloodControl(FloodLimits(), clock)
    assert sends_until_refused(flood, 1) == (3, 1)
    clock.advance(1)
    assert flood.check("sendmessage", BOT, 1, False) is None
    assert flood.check("sendmessage", BOT, 1, False) == 1


def test_sandbox_group_allows_twenty_per_minute() -> None:
    clock = Clock()
    flood = FloodControl(FloodLimits(), clock)
    assert sends_until_refused(flood, -5, is_group=True) == (20, 3)
    clock.advance(3)
    assert flood.check("sendmessage", BOT, -5, True) is None


def test_sandbox_bot_may_send_thirty_per_second_overall() -> None:
    clock = Clock()
    flood = FloodControl(FloodLimits(), clock)
    refusals = [flood.check("sendmessage", BOT, chat, False) for chat in range(1, 32)]
    assert refusals[:30] == [None] * 30
    assert refusals[30] == 1


def test_sandbox_flood_control_can_be_switched_off_and_spares_other_methods() -> None:
    flood = FloodControl(FloodLimits(enabled=False), Clock())
    assert all(flood.check("sendmessage", BOT, 1, False) is None for _ in range(100))
    flood = FloodControl(FloodLimits(), Clock())
    assert all(flood.check("getme", BOT, None, False) is None for _ in range(100))


def seconds(retry_after: int | dt.timedelta) -> int:
    return (
        int(retry_after.total_seconds()) if isinstance(retry_after, dt.timedelta) else retry_after
    )


# PTB warns that retry_after will become a timedelta; seconds() accepts both
@pytest.mark.filterwarnings("ignore:Deprecated since version v22.2")
@pytest.mark.parametrize("framework", ["aiogram", "ptb"])
async def test_sandbox_429_then_next_call_passes_after_retry_after(
    emulator_factory: Factory, framework: str
) -> None:
    async with emulator_factory(flood=True) as emulator:
        user = emulator.add_user("Erlan")
        await emulator.phone(user).start()
        async with caller(emulator, framework) as bot:
            for number in range(3):
                await bot("sendMessage", chat_id=user.id, text=f"burst {number}")
            with pytest.raises(bot.error(429)) as raised:
                await bot("sendMessage", chat_id=user.id, text="one too many")
            assert seconds(raised.value.retry_after) == 1
            emulator.world.clock.advance(seconds(raised.value.retry_after))
            await bot("sendMessage", chat_id=user.id, text="after waiting")
        assert emulator.phone(user).transcript().texts("bot")[-1] == "after waiting"
        stats = emulator.world.stats.snapshot()
        assert stats["accepted"]["sendMessage"] == 4
        assert stats["flood_rejected"]["sendMessage"] == 1


async def test_sandbox_retry_after_holds_in_real_time(emulator_factory: Factory) -> None:
    limits = FloodLimits(per_chat_burst=1)
    async with emulator_factory(flood=limits) as emulator, caller(emulator, "aiogram") as bot:
        user = emulator.add_user("Aida")
        await emulator.phone(user).start()
        await bot("sendMessage", chat_id=user.id, text="first")
        with pytest.raises(bot.error(429)) as raised:
            await bot("sendMessage", chat_id=user.id, text="refused")
        await asyncio.sleep(raised.value.retry_after)
        await bot("sendMessage", chat_id=user.id, text="passes")
        assert emulator.phone(user).transcript().texts("bot") == ["first", "passes"]
