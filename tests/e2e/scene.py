"""A whole bot on stage: the emulator, a real framework, a real database and a clock tests move.

`scene(...)` loads an election, starts the bot with python-telegram-bot or aiogram against the
emulator over HTTP (polling, or behind a webhook with a secret), and hands out phones. The keys
are tests/bot/talk.py's, fixed so that two runs (one per framework) give the same pseudonyms and
can be compared transcript for transcript.
"""

from __future__ import annotations

import socket
from collections.abc import AsyncIterator, Callable
from contextlib import asynccontextmanager
from dataclasses import dataclass, replace
from datetime import datetime
from pathlib import Path

from bot.assembly import BotParts
from bot.launch import Connection, Framework, running
from bot.vault import Vault
from core.election import ElectionConfig
from core.services.load_election import load_election
from sandbox.phone import Phone
from sandbox.server import Emulator
from sandbox.testing import running_emulator
from storage.migrate import upgrade
from storage.testing import sql_uow_factory
from storage.uow import SqlUnitOfWork
from tests.bot.talk import VAULT
from tests.fakes import FakeClock


@dataclass
class Scene:
    emulator: Emulator
    clock: FakeClock
    uow_factory: Callable[[], SqlUnitOfWork]
    hook: str | None = None  # the bot's webhook, when it is served behind one
    vault: Vault = VAULT

    def phone(self, first_name: str, language: str | None = "ru") -> Phone:
        """A new person with the bot open on their phone."""
        return self.emulator.phone(self.emulator.add_user(first_name, language_code=language))

    def pseudonym(self, phone: Phone) -> str:
        return self.vault.pseudonym(phone.user.id)


def free_port() -> int:
    """A loopback port nothing listens on now, for a webhook or a server of the test's own."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def migrated_sqlite(path: Path) -> str:
    """The URL of a new SQLite database at `path`, migrated to head."""
    url = f"sqlite+aiosqlite:///{path}"
    upgrade(url)
    return url


@asynccontextmanager
async def scene(
    framework: Framework,
    database_url: str,
    election: ElectionConfig,
    now: datetime,
    webhook_secret: str | None = None,
) -> AsyncIterator[Scene]:
    """Load `election`, set the clock to `now`, and run the bot with `framework`: polling, or
    behind a webhook on a free port that only calls with `webhook_secret` may use."""
    clock = FakeClock(now)
    async with running_emulator() as emulator, sql_uow_factory(database_url) as factory:
        await load_election(election, factory(), clock, VAULT.name_key)
        parts = BotParts(uow_factory=factory, vault=VAULT, clock=clock)
        connection = Connection(token=emulator.token, api_base_url=emulator.url, poll_timeout=1)
        hook = None
        if webhook_secret is not None:
            port = free_port()
            hook = f"http://127.0.0.1:{port}/telegram-hook"
            connection = replace(
                connection, webhook_url=hook, webhook_port=port, webhook_secret=webhook_secret
            )
        async with running(framework, connection, parts):
            yield Scene(emulator, clock, factory, hook)
