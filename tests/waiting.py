"""Waiting in tests: act on a phone, then wait until the chat shows the answer; or poll a state.

A phone's chat announces each change, so `act` and `shown` wait on it (Phone.wait_until); a
counter of the emulator or a row of the database announces nothing, so `poll_until` looks again
every few milliseconds. No tests here.
"""

from __future__ import annotations

import asyncio
import inspect
from collections.abc import Awaitable, Callable
from typing import Any

from sandbox.phone import Phone

TIMEOUT = 5.0  # seconds; Phone.wait_until's own default


def seen(phone: Phone, text: str) -> int:
    """How many times `text` shows in the chat: in messages, edits and buttons alike."""
    return phone.transcript().render().count(text)


async def shown(phone: Phone, text: str, timeout: float = TIMEOUT) -> None:  # noqa: ASYNC109
    """Wait until `text` shows anywhere in the chat."""
    await phone.wait_until(lambda: text in phone.transcript().render(), timeout=timeout)


async def act(
    phone: Phone,
    action: Awaitable[Any],
    *texts: str,
    timeout: float = TIMEOUT,  # noqa: ASYNC109
) -> None:
    """Act, then wait until one of `texts` shows once more in the chat: a new message or an edit."""
    before = {text: seen(phone, text) for text in texts}
    await action
    await phone.wait_until(
        lambda: any(seen(phone, text) > count for text, count in before.items()), timeout=timeout
    )


async def poll_until(
    condition: Callable[[], bool | Awaitable[bool]],
    timeout: float = 20,  # noqa: ASYNC109
    every: float = 0.005,
) -> None:
    """Check `condition` (a function, or a coroutine function) every `every` seconds until it
    holds; TimeoutError after `timeout` seconds."""
    async with asyncio.timeout(timeout):
        while not await _holds(condition):  # noqa: ASYNC110
            await asyncio.sleep(every)


async def _holds(condition: Callable[[], bool | Awaitable[bool]]) -> bool:
    answer = condition()
    return bool(await answer) if inspect.isawaitable(answer) else bool(answer)
