"""Counters of accepted and rejected Bot API calls, for benchmarks and load tests."""

from __future__ import annotations

from collections import Counter
from typing import Any


class CallStats:
    """Per-method counts of calls answered ok, answered with an error, and refused for flooding."""

    def __init__(self) -> None:
        self.accepted: Counter[str] = Counter()
        self.rejected: Counter[str] = Counter()
        self.flood_rejected: Counter[str] = Counter()
        self.updates_created = 0
        self.updates_delivered = 0

    def snapshot(self) -> dict[str, Any]:
        """Return all counters as plain JSON-ready data."""
        return {
            "accepted": dict(self.accepted),
            "rejected": dict(self.rejected),
            "flood_rejected": dict(self.flood_rejected),
            "accepted_total": sum(self.accepted.values()),
            "rejected_total": sum(self.rejected.values()),
            "updates_created": self.updates_created,
            "updates_delivered": self.updates_delivered,
        }

    def reset(self) -> None:
        """Zero every counter."""
        self.__init__()  # type: ignore[misc]
