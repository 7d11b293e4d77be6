"""The real clock, for the running bot; tests pass a FakeClock instead."""

from __future__ import annotations

from datetime import UTC, datetime


class SystemClock:
    def now(self) -> datetime:
        """Return the current instant in UTC."""
        return datetime.now(UTC)
