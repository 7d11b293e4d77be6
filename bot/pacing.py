"""The paced sender: drains the outbox as fast as Telegram allows, and no faster.

Telegram's limits for a bot: about 30 messages a second overall, one a second in a private
chat, 20 a minute in a group. Messages are claimed from the outbox in batches (hidden from other
senders until sent), spaced out by those limits, sent a few at a time, and each is settled in
the moment its send returns (outcomes that arrive while a commit is under way share the next
one), so a crash repeats at most the sends in flight.
A 429 pauses all sending for the time Telegram asked; a blocked bot (403) is recorded, never
retried. Only the replica holding the scheduler's lease runs it: the limits are per bot.
"""

from __future__ import annotations

import asyncio
import contextlib
import heapq
import time
from collections import Counter
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field
from datetime import timedelta
from typing import Protocol

from bot.delivery import Blocked, Courier, RetryLater, Transport, Undeliverable
from core.dialogue import OutgoingMessage
from core.ports_schedule import ScheduleUnitOfWork


@dataclass(frozen=True)
class Limits:
    per_second: float = 29.0  # a little under Telegram's 30, for the clock's jitter
    private_interval: float = 1.0  # seconds between two messages to one person
    group_interval: float = 3.0  # 20 a minute in a group chat
    in_flight: int = 8  # sends awaiting Telegram's answer at once
    batch: int = 200  # messages claimed at a time
    claim_for: timedelta = timedelta(minutes=2)  # a claimed message is hidden this long
    # A conversation's replies are sent by the turn that wrote them; the pacer only picks up
    # those still waiting after this long (a 429, a crash between commit and send).
    replies_after: timedelta = timedelta(seconds=20)


class Timer(Protocol):
    def monotonic(self) -> float: ...
    async def sleep(self, seconds: float) -> None: ...


class RealTimer:
    def monotonic(self) -> float:
        return time.monotonic()

    async def sleep(self, seconds: float) -> None:
        await asyncio.sleep(seconds)


@dataclass
class Tally:
    """What one drain did, by outcome of the send: sent, blocked, failed, retry."""

    outcomes: Counter[str] = field(default_factory=Counter)

    @property
    def tried(self) -> int:
        return sum(self.outcomes.values())


class _Observed:
    """A transport that reports each send's outcome to the pacer, then behaves as the original."""

    def __init__(self, inner: Transport, seen: Callable[[str, float], None]) -> None:
        self.inner = inner
        self.seen = seen

    async def send(
        self, chat_id: int, text: str, keyboard: list[list[dict[str, str]]], edit: int | None
    ) -> None:
        await self._observe(self.inner.send(chat_id, text, keyboard, edit))

    async def send_document(self, chat_id: int, file_id: str, caption: str) -> None:
        await self._observe(self.inner.send_document(chat_id, file_id, caption))

    async def send_upload(self, chat_id: int, name: str, content: bytes, caption: str) -> None:
        await self._observe(self.inner.send_upload(chat_id, name, content, caption))

    async def _observe(self, call: Awaitable[None]) -> None:
        try:
            await call
        except Blocked:
            self.seen("blocked", 0)
            raise
        except RetryLater as wait:
            self.seen("retry", wait.seconds)
            raise
        except Undeliverable:
            self.seen("failed", 0)
            raise
        self.seen("sent", 0)


class Pacer:
    def __init__(
        self,
        courier: Courier,
        uow_factory: Callable[[], ScheduleUnitOfWork],
        limits: Limits | None = None,
        timer: Timer | None = None,
        after_batch: Callable[[], Awaitable[None]] | None = None,
    ) -> None:
        self.uow_factory = uow_factory
        self.after_batch = after_batch  # e.g. tell the committee how far its broadcast got
        self.limits = limits or Limits()
        self.timer = timer or RealTimer()
        observed = _Observed(courier.transport, self._seen)
        self.courier = Courier(uow_factory, courier.vault, observed, courier.clock)
        self._next_slot = 0.0
        self._chat_free: dict[int, float] = {}
        self._tally = Tally()

    async def drain(self) -> Tally:
        """Send everything due, batch after batch; return what happened to each send."""
        self._tally = Tally()
        while batch := await self._claim():
            await self._send_batch(batch)
            if self.after_batch is not None:
                await self.after_batch()
        return self._tally

    async def _claim(self) -> list[OutgoingMessage]:
        now, limits = self.courier.clock.now(), self.limits
        async with self.uow_factory() as uow:
            claimed = await uow.outbox_claims.claim(
                now, now - limits.replies_after, limits.batch, now + limits.claim_for
            )
            await uow.commit()
        return list(claimed)

    async def _send_batch(self, batch: list[OutgoingMessage]) -> None:
        queue = [(0.0, n, m, self.courier.vault.open_chat(m.chat)) for n, m in enumerate(batch)]
        heapq.heapify(queue)
        unsent = {message.id for message in batch}
        gate = asyncio.Semaphore(self.limits.in_flight)
        flying: set[asyncio.Task[None]] = set()
        try:
            while queue:
                _, order, message, chat = heapq.heappop(queue)
                free = self._chat_free.get(chat, 0.0)
                if free > self.timer.monotonic():  # this chat must wait; others go first
                    heapq.heappush(queue, (free, order, message, chat))
                    await self._wait_until(queue[0][0])
                    continue
                await self._slot()
                self._chat_free[chat] = self.timer.monotonic() + self._interval(chat)
                await gate.acquire()
                unsent.discard(message.id)
                task = asyncio.create_task(self._deliver(message, gate))
                flying.add(task)
                task.add_done_callback(flying.discard)
        finally:
            # Sends already made are settled before giving up; the rest is handed back.
            await asyncio.gather(*flying, return_exceptions=True)
            if unsent:
                await self._release(sorted(unsent))

    async def _deliver(self, message: OutgoingMessage, gate: asyncio.Semaphore) -> None:
        try:
            status, wait = await self.courier.attempt(message)
            await self.courier.settle([(message, status, wait)])
        finally:
            gate.release()

    async def _release(self, ids: list[str]) -> None:
        with contextlib.suppress(Exception):  # the claims expire anyway
            async with self.uow_factory() as uow:
                await uow.outbox_claims.release(ids)
                await uow.commit()

    async def _slot(self) -> None:
        """Wait for the next sending slot under the overall rate."""
        now = self.timer.monotonic()
        start = max(self._next_slot, now)
        await self._wait_until(start)
        self._next_slot = start + 1 / self.limits.per_second

    async def _wait_until(self, moment: float) -> None:
        delay = moment - self.timer.monotonic()
        if delay > 0:
            await self.timer.sleep(delay)

    def _interval(self, chat_id: int) -> float:
        # Group and channel ids are negative, people's are positive.
        return self.limits.group_interval if chat_id < 0 else self.limits.private_interval

    def _seen(self, outcome: str, retry_after: float) -> None:
        self._tally.outcomes[outcome] += 1
        if retry_after:
            # A 429 is about the bot as a whole: nobody is sent anything until it has passed.
            pause_until = self.timer.monotonic() + retry_after
            self._next_slot = max(self._next_slot, pause_until)
