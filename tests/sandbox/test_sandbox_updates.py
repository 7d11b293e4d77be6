"""getUpdates semantics: increasing ids, offset confirmation, limit, allowed_updates, long polls."""

from __future__ import annotations

import asyncio
import time

import aiohttp
from sandbox_clients import caller

from sandbox.server import Emulator
from sandbox.updates import UpdateQueue


def test_sandbox_offset_confirms_everything_below_it() -> None:
    queue = UpdateQueue()
    ids = [queue.push("message", {"n": n})["update_id"] for n in range(5)]  # type: ignore[index]
    assert ids == sorted(ids) and len(set(ids)) == 5
    assert [u["update_id"] for u in queue.peek(2)] == ids[:2]
    queue.confirm(ids[3])
    assert [u["update_id"] for u in queue.peek(100)] == ids[3:]
    queue.confirm(-1)  # a negative offset keeps only the newest
    assert [u["update_id"] for u in queue.peek(100)] == ids[4:]


def test_sandbox_allowed_updates_are_remembered() -> None:
    queue = UpdateQueue()
    assert queue.push("chat_member", {}) is None  # not sent unless asked for
    queue.set_allowed(["callback_query"])
    assert queue.push("message", {}) is None
    queue.set_allowed(None)  # not given: the previous choice stays
    assert queue.push("message", {}) is None
    assert queue.push("callback_query", {}) is not None
    queue.set_allowed([])  # empty: back to the default
    assert queue.push("message", {}) is not None


def test_sandbox_duplicate_is_never_split_across_batches() -> None:
    queue = UpdateQueue()
    queue.push("message", {"n": 1}, twice=True)
    batch = queue.peek(1)
    assert [u["update_id"] for u in batch] == [1, 1]


async def test_sandbox_long_poll_returns_as_soon_as_an_update_arrives(emulator: Emulator) -> None:
    phone = emulator.phone(emulator.add_user("Ayan"))
    async with aiohttp.ClientSession() as http:  # frameworks only send whole seconds
        started = time.perf_counter()
        url = f"{emulator.url}/bot{emulator.token}/getUpdates?timeout=0.3"
        async with http.get(url) as answer:
            assert (await answer.json())["result"] == []
        assert time.perf_counter() - started >= 0.3
    async with caller(emulator, "aiogram") as bot:

        async def send_later() -> None:
            await asyncio.sleep(0.2)
            await phone.send("hi")

        sending = asyncio.create_task(send_later())
        started = time.perf_counter()
        updates = await bot("getUpdates", timeout=5, limit=1)
        await sending
    assert time.perf_counter() - started < 2
    assert [u["message"]["text"] for u in updates] == ["hi"]
