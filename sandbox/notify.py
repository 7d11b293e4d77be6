"""Wake every coroutine waiting for a change (new update, new message, edit)."""

from __future__ import annotations

import asyncio


class Notifier:
    """A broadcast signal: waiters resume on the next ``notify``."""

    def __init__(self) -> None:
        self._waiters: list[asyncio.Future[None]] = []

    def notify(self) -> None:
        """Wake all current waiters."""
        waiters, self._waiters = self._waiters, []
        for waiter in waiters:
            if not waiter.done():
                waiter.set_result(None)

    async def wait(self, within: float | None) -> bool:
        """Wait for the next notification; return False when the timeout passes first."""
        waiter: asyncio.Future[None] = asyncio.get_running_loop().create_future()
        self._waiters.append(waiter)
        try:
            async with asyncio.timeout(within):
                await waiter
            return True
        except TimeoutError:
            return False
        finally:
            if waiter in self._waiters:
                self._waiters.remove(waiter)
