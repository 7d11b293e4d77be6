"""A wall clock that tests can move forward, so flood waits need not be slept through."""

from __future__ import annotations

import time


class Clock:
    """Real time plus an offset that only grows."""

    def __init__(self) -> None:
        self._offset = 0.0

    def now(self) -> float:
        """Return the current emulated Unix time in seconds."""
        return time.time() + self._offset

    def unix(self) -> int:
        """Return the current emulated Unix time as Telegram's integer date."""
        return int(self.now())

    def advance(self, seconds: float) -> None:
        """Jump forward, as if the given number of seconds had passed."""
        if seconds < 0:
            raise ValueError("the clock only moves forward")
        self._offset += seconds
