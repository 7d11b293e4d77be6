"""Drive the conversation engine directly, as people would, on the in-memory fakes.

No Telegram and no HTTP: events go straight into the engine, messages come back through a
recording transport. For fast unit tests of each flow; tests/e2e runs the same flows over the
emulator with both frameworks.
"""

from __future__ import annotations

import itertools
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from dataclasses import dataclass, field
from datetime import datetime
from typing import cast

from bot.assembly import BotParts, assemble, courier
from bot.delivery import Courier
from bot.flows.vocabulary import Document
from bot.runtime import BotRuntime
from bot.translate import RawUpdate
from bot.vault import Vault
from core.election import ElectionConfig
from core.ports_dialogue import DialogueUnitOfWork
from core.privacy import Pseudonymizer, Sealer
from core.services.load_election import load_election
from tests.fakes import FakeClock, FakeDatabase, FakeUnitOfWork

VAULT = Vault(Pseudonymizer(b"p" * 32), Sealer(b"d" * 32))


@dataclass
class Sent:
    chat_id: int
    text: str
    buttons: list[list[dict[str, str]]] = field(default_factory=list)
    edit: int | None = None
    document: str | None = None
    upload: bytes | None = None

    def labels(self) -> list[str]:
        return [button["text"] for row in self.buttons for button in row]


class Recorder:
    """A transport that keeps what would have been sent."""

    def __init__(self) -> None:
        self.sent: list[Sent] = []

    async def send(
        self, chat_id: int, text: str, keyboard: list[list[dict[str, str]]], edit: int | None
    ) -> None:
        self.sent.append(Sent(chat_id, text, keyboard, edit))

    async def send_document(self, chat_id: int, file_id: str, caption: str) -> None:
        self.sent.append(Sent(chat_id, caption, document=file_id))

    async def send_upload(self, chat_id: int, name: str, content: bytes, caption: str) -> None:
        self.sent.append(Sent(chat_id, caption, document=name, upload=content))


_update_ids = itertools.count(1)


@dataclass
class Person:
    """One person talking to the bot in a private chat."""

    bench: Bench
    user_id: int
    language: str | None

    @property
    def pseudonym(self) -> str:
        return VAULT.pseudonym(self.user_id)

    def inbox(self) -> list[Sent]:
        return [sent for sent in self.bench.recorder.sent if sent.chat_id == self.user_id]

    def last(self) -> Sent:
        return self.inbox()[-1]

    def said(self) -> str:
        """Everything the bot said to this person, one message per paragraph."""
        return "\n\n".join(sent.text for sent in self.inbox())

    async def send(self, text: str, edited: bool = False) -> Sent | None:
        await self._post(RawUpdate(0, 0, 0, "private", text=text, edited=edited))
        return self.inbox()[-1] if self.inbox() else None

    async def upload(self, name: str, size: int, mime_type: str, file_id: str = "file-1") -> None:
        document = Document(file_id, name, mime_type, size)
        await self._post(RawUpdate(0, 0, 0, "private", document=document))

    async def tap(self, label: str) -> None:
        """Press the button labelled `label` on the newest message that has one."""
        for sent in reversed(self.inbox()):
            for row in sent.buttons:
                for button in row:
                    if button["text"] == label and "data" in button:
                        await self.press(button["data"])
                        return
        raise LookupError(f"no button {label!r}; the bot said:\n{self.said()}")

    async def press(self, data: str, message_id: int = 1) -> None:
        """Send a callback with any data at all (a forged one, in tests of tampering)."""
        await self._post(RawUpdate(0, 0, 0, "private", callback_data=data, message_id=message_id))

    async def _post(self, raw: RawUpdate) -> None:
        update = RawUpdate(
            next(_update_ids),
            self.user_id,
            self.user_id,
            raw.chat_type,
            self.language,
            text=raw.text,
            callback_data=raw.callback_data,
            message_id=raw.message_id,
            document=raw.document,
            edited=raw.edited,
        )
        await self.bench.runtime.process(update, self.bench.courier)


@dataclass
class Bench:
    database: FakeDatabase
    clock: FakeClock
    runtime: BotRuntime
    courier: Courier
    recorder: Recorder
    _ids: itertools.count[int] = field(default_factory=lambda: itertools.count(500_001))

    def uow(self) -> DialogueUnitOfWork:
        return cast(DialogueUnitOfWork, FakeUnitOfWork(self.database))

    def person(self, language: str | None = "ru") -> Person:
        return Person(self, next(self._ids), language)


@asynccontextmanager
async def bench(
    election: ElectionConfig, now: datetime, timezone: str = "Asia/Almaty"
) -> AsyncIterator[Bench]:
    """An engine on fakes with `election` loaded, the clock at `now`, times shown in `timezone`."""
    database, clock = FakeDatabase(), FakeClock(now)
    await load_election(election, FakeUnitOfWork(database), clock, VAULT.name_key)
    parts = BotParts(
        uow_factory=lambda: cast(DialogueUnitOfWork, FakeUnitOfWork(database)),
        vault=VAULT,
        clock=clock,
        timezone=timezone,
    )
    recorder = Recorder()
    yield Bench(
        database,
        clock,
        assemble(parts, "https://t.me/saylau_bot"),
        courier(parts, recorder),
        recorder,
    )
