"""Fault injection for reliability tests: duplicates, lost confirmations, failing or slow calls."""

from __future__ import annotations

from collections import deque
from dataclasses import dataclass


@dataclass(frozen=True)
class MethodFault:
    """What to do to one call of a method: wait, then optionally fail with a status."""

    delay: float = 0.0
    status: int | None = None
    description: str = "Internal Server Error"


class Faults:
    """Armed faults, each consumed as it fires."""

    def __init__(self) -> None:
        self.duplicate_updates = 0
        self.dropped_confirmations = 0
        self._methods: dict[str, deque[MethodFault]] = {}

    def duplicate_next_update(self, times: int = 1) -> None:
        """Deliver each of the next ``times`` updates twice."""
        self.duplicate_updates += times

    def drop_next_confirmation(self, times: int = 1) -> None:
        """Ignore the next confirmation (getUpdates offset or webhook 2xx): updates come again."""
        self.dropped_confirmations += times

    def fail(
        self,
        method: str,
        status: int = 500,
        times: int = 1,
        description: str = "Internal Server Error",
    ) -> None:
        """Answer the next ``times`` calls of ``method`` with an HTTP error."""
        fault = MethodFault(status=status, description=description)
        self._methods.setdefault(method.lower(), deque()).extend([fault] * times)

    def delay(self, method: str, seconds: float, times: int = 1) -> None:
        """Answer the next ``times`` calls of ``method`` only after ``seconds``."""
        self._methods.setdefault(method.lower(), deque()).extend(
            [MethodFault(delay=seconds)] * times
        )

    def take_method_fault(self, method: str) -> MethodFault | None:
        """Consume the next fault armed for ``method`` (lower-case), if any."""
        queue = self._methods.get(method)
        return queue.popleft() if queue else None

    def take_duplicate(self) -> bool:
        """Consume one armed duplicate delivery."""
        if self.duplicate_updates <= 0:
            return False
        self.duplicate_updates -= 1
        return True

    def take_dropped_confirmation(self) -> bool:
        """Consume one armed lost confirmation."""
        if self.dropped_confirmations <= 0:
            return False
        self.dropped_confirmations -= 1
        return True

    def clear(self) -> None:
        """Disarm everything."""
        self.__init__()  # type: ignore[misc]
