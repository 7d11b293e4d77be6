"""Flood control as Telegram applies it to sending bots: token buckets on an injectable clock."""

from __future__ import annotations

import math
from dataclasses import dataclass, field

from sandbox.clock import Clock

LIMITED_METHODS = frozenset({"sendmessage", "senddocument", "sendphoto"})


@dataclass
class FloodLimits:
    """Telegram's published limits; tests switch them off or tighten them."""

    enabled: bool = True
    per_bot_per_second: float = 30.0
    per_chat_per_second: float = 1.0
    per_chat_burst: int = 3
    per_group_per_minute: float = 20.0
    methods: frozenset[str] = field(default=LIMITED_METHODS)


@dataclass
class _Bucket:
    capacity: float
    rate: float
    tokens: float
    updated: float

    def wait_time(self, now: float) -> float:
        """Refill for the elapsed time; return seconds until one token is available."""
        elapsed = max(0.0, now - self.updated)
        self.tokens = min(self.capacity, self.tokens + elapsed * self.rate)
        self.updated = max(now, self.updated)
        return 0.0 if self.tokens >= 1 else (1 - self.tokens) / self.rate


class FloodControl:
    """Decide whether a sending call passes, and how long to wait when it does not."""

    def __init__(self, limits: FloodLimits, clock: Clock) -> None:
        self.limits = limits
        self.clock = clock
        self._buckets: dict[tuple[int, int | None], _Bucket] = {}

    def _bucket(
        self, key: tuple[int, int | None], capacity: float, rate: float, now: float
    ) -> _Bucket:
        bucket = self._buckets.get(key)
        if bucket is None or bucket.capacity != capacity or bucket.rate != rate:
            bucket = _Bucket(capacity, rate, capacity, now)
            self._buckets[key] = bucket
        return bucket

    def check(self, method: str, bot_id: int, chat_id: int | None, is_group: bool) -> int | None:
        """Consume a send for this bot and chat; return retry_after seconds when over a limit."""
        limits = self.limits
        if not limits.enabled or method not in limits.methods:
            return None
        now = self.clock.now()
        buckets = [
            self._bucket((bot_id, None), limits.per_bot_per_second, limits.per_bot_per_second, now)
        ]
        if chat_id is not None and is_group:
            per_minute = limits.per_group_per_minute
            buckets.append(self._bucket((bot_id, chat_id), per_minute, per_minute / 60, now))
        elif chat_id is not None:
            rate = limits.per_chat_per_second
            buckets.append(self._bucket((bot_id, chat_id), limits.per_chat_burst, rate, now))
        wait = max(bucket.wait_time(now) for bucket in buckets)
        if wait > 0:
            return max(1, math.ceil(wait))
        for bucket in buckets:
            bucket.tokens -= 1
        return None
