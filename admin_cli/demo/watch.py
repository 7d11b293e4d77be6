"""Listen to the bot's own log while the rehearsal runs: an update it failed to handle, or a
scheduler job that raised, is something that did not go as it should.

The bot's log lines carry update numbers and error types only (never ids or text), so they can
be repeated in the demo's report as they are.
"""

from __future__ import annotations

import logging
from collections.abc import Iterator
from contextlib import contextmanager


class Trouble(logging.Handler):
    """Keep every error the bot, the scheduler or the emulator logs."""

    def __init__(self) -> None:
        super().__init__(level=logging.ERROR)
        self.seen: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        line = f"{record.name}: {record.getMessage().splitlines()[0]}"
        if record.exc_info and record.exc_info[0] is not None:
            line += f" ({record.exc_info[0].__name__})"  # the type only: a message may quote data
        self.seen.append(line)


@contextmanager
def watching() -> Iterator[Trouble]:
    """Collect errors logged anywhere while the block runs, instead of printing them."""
    trouble = Trouble()
    root = logging.getLogger()
    root.addHandler(trouble)
    try:
        yield trouble
    finally:
        root.removeHandler(trouble)
