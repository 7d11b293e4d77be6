"""Run the bot with either framework, polling or behind a webhook, until told to stop.

Each runner is an async context manager: the bot answers inside the `async with` block and is
stopped cleanly when it ends, which is what `saylau run`, the demo and the tests all need.
"""

from __future__ import annotations

import logging
from collections.abc import AsyncIterator
from contextlib import AbstractAsyncContextManager, asynccontextmanager
from dataclasses import dataclass
from enum import StrEnum

from bot.assembly import BotParts, assemble, courier
from bot.delivery import Courier
from bot.scheduling import scheduling

log = logging.getLogger(__name__)
TELEGRAM = "https://api.telegram.org"
# Updates served at once: beyond this, more only queue for the database's connections (a pool
# of 20, storage.db) and each one waits longer; both frameworks are held to the same number.
CONCURRENT_UPDATES = 16


class Framework(StrEnum):
    PTB = "ptb"
    AIOGRAM = "aiogram"


@dataclass(frozen=True)
class Connection:
    token: str
    api_base_url: str | None = None  # a local Bot API server or the emulator; Telegram if None
    webhook_url: str | None = None  # public URL Telegram posts to; polling when None
    webhook_listen: str = "127.0.0.1"
    webhook_port: int = 8443
    webhook_secret: str | None = None
    poll_timeout: int = 10

    @property
    def base(self) -> str:
        return (self.api_base_url or TELEGRAM).rstrip("/")


@asynccontextmanager
async def draining(postman: Courier, parts: BotParts) -> AsyncIterator[None]:
    """Run the election scheduler beside the bot, and the outbox drained at Telegram's pace.

    Whichever replica holds the scheduler's lease sends what is left in the outbox (retries,
    and messages from before a crash); see bot.scheduling.
    """
    async with scheduling(postman, parts):
        yield


def running(
    framework: Framework, connection: Connection, parts: BotParts
) -> AbstractAsyncContextManager[None]:
    """Pick the runner for `framework`, importing only that framework."""
    # Importing the other framework too would cost seconds at start and tens of megabytes.
    if framework is Framework.PTB:
        from bot import launch_ptb

        return launch_ptb.running(connection, parts)
    from bot import launch_aiogram

    return launch_aiogram.running(connection, parts)


__all__ = ["Connection", "Framework", "assemble", "courier", "draining", "running"]
