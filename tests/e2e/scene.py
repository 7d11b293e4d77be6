"""A whole bot on stage: the emulator, a real framework, a real database and a clock tests move.

`scene(...)` loads an election, starts the bot with python-telegram-bot or aiogram against the
emulator over HTTP, and hands out phones. Keys are fixed so that two runs (one per framework)
give the same pseudonyms and can be compared transcript for transcript.
"""

from __future__ import annotations

from collections.abc import AsyncIterator, Callable
from contextlib import asynccontextmanager
from dataclasses import dataclass
from datetime import datetime

from bot.assembly import BotParts
from bot.launch import Connection, Framework, running
from bot.vault import Vault
from core.election import ElectionConfig
from core.privacy import Pseudonymizer, Sealer
from core.services.load_election import load_election
from sandbox.phone import Phone
from sandbox.server import Emulator
from sandbox.testing import running_emulator
from storage.testing import sql_uow_factory
from storage.uow import SqlUnitOfWork
from tests.fakes import FakeClock

VAULT = Vault(Pseudonymizer(b"p" * 32), Sealer(b"d" * 32))


@dataclass
class Scene:
    emulator: Emulator
    clock: FakeClock
    uow_factory: Callable[[], SqlUnitOfWork]
    vault: Vault = VAULT

    def phone(self, first_name: str, language: str | None = "ru") -> Phone:
        """A new person with the bot open on their phone."""
        return self.emulator.phone(self.emulator.add_user(first_name, language_code=language))

    def pseudonym(self, phone: Phone) -> str:
        return self.vault.pseudonym(phone.user.id)


@asynccontextmanager
async def scene(
    framework: Framework, database_url: str, election: ElectionConfig, now: datetime
) -> AsyncIterator[Scene]:
    """Load `election`, set the clock to `now`, and run the bot with `framework`."""
    clock = FakeClock(now)
    async with running_emulator() as emulator, sql_uow_factory(database_url) as factory:
        await load_election(election, factory(), clock, VAULT.name_key)
        parts = BotParts(uow_factory=factory, vault=VAULT, clock=clock)
        connection = Connection(token=emulator.token, api_base_url=emulator.url, poll_timeout=1)
        async with running(framework, connection, parts):
            yield Scene(emulator, clock, factory)
