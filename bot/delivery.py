"""The courier: takes committed messages out of the outbox and hands them to Telegram.

Framework-free: each adapter supplies a `Transport` that makes the actual API call and translates
its framework's errors into the three outcomes that matter here. A message that cannot be sent yet
stays in the outbox for `drain` to retry; one whose reader blocked the bot is never retried.
"""

from __future__ import annotations

import asyncio
import base64
import logging
from collections.abc import Callable, Sequence
from datetime import timedelta
from typing import Any, Protocol

from bot.flows.render import decode
from bot.vault import Vault
from core.dialogue import Delivery, OutgoingMessage
from core.errors import NotFound
from core.ports import Clock
from core.ports_dialogue import DialogueUnitOfWork

log = logging.getLogger(__name__)
MAX_ATTEMPTS = 5


class Blocked(Exception):
    """The person blocked the bot (HTTP 403)."""


class RetryLater(Exception):
    """Telegram asked to wait (429) or could not be reached."""

    def __init__(self, seconds: float) -> None:
        super().__init__(f"retry after {seconds} s")
        self.seconds = seconds


class Undeliverable(Exception):
    """Telegram refused this message for good (400); retrying would not help."""


class Transport(Protocol):
    async def send(
        self, chat_id: int, text: str, keyboard: list[list[dict[str, str]]], edit: int | None
    ) -> None:
        """Send `text` (HTML) with its inline keyboard, or edit message `edit` into it."""
        ...

    async def send_document(self, chat_id: int, file_id: str, caption: str) -> None:
        """Send a file already on Telegram's servers, with an HTML caption."""
        ...

    async def send_upload(self, chat_id: int, name: str, content: bytes, caption: str) -> None:
        """Upload a file the bot made, with an HTML caption."""
        ...


class Courier:
    def __init__(
        self,
        uow_factory: Callable[[], DialogueUnitOfWork],
        vault: Vault,
        transport: Transport,
        clock: Clock,
    ) -> None:
        self.uow_factory = uow_factory
        self.vault = vault
        self.transport = transport
        self.clock = clock
        self._unsettled: list[tuple[OutgoingMessage, Delivery, float]] = []
        self._settling = asyncio.Lock()

    async def deliver(self, messages: Sequence[OutgoingMessage]) -> None:
        """Send `messages` in order, then record each outcome."""
        if not messages:
            return
        outcomes = [(message, *await self.attempt(message)) for message in messages]
        await self.settle(outcomes)

    async def settle(self, outcomes: Sequence[tuple[OutgoingMessage, Delivery, float]]) -> None:
        """Record sends' outcomes before returning; those that arrive while a commit is under
        way share the next one (a busy bot settles many sends per transaction, not one each)."""
        self._unsettled.extend(outcomes)
        async with self._settling:
            if not self._unsettled:
                return  # another send's commit took ours along
            batch, self._unsettled = self._unsettled, []
            async with self.uow_factory() as uow:
                for message, status, wait in batch:
                    await self._record(uow, message, status, wait)
                await uow.commit()

    async def _record(
        self, uow: DialogueUnitOfWork, message: OutgoingMessage, status: Delivery, wait: float
    ) -> None:
        """Record one send's outcome in `uow`; a message retried too often has failed."""
        attempts = message.attempts + 1
        if status is Delivery.PENDING and attempts >= MAX_ATTEMPTS:
            status = Delivery.FAILED
        not_before = self.clock.now() + timedelta(seconds=wait) if wait else None
        try:
            await uow.outbox.settle(message.id, status, attempts, not_before)
        except NotFound:  # erased meanwhile (a purge): nothing left to record
            log.info("message %s left the outbox before it was settled", message.id)

    async def drain(self, limit: int = 100) -> int:
        """Send what is due in the outbox (after a crash, or a 429); return how many were tried."""
        async with self.uow_factory() as uow:
            due = list(await uow.outbox.pending(self.clock.now(), limit))
        await self.deliver(due)
        return len(due)

    async def attempt(self, message: OutgoingMessage) -> tuple[Delivery, float]:
        """Send one message; return its outcome and how long to wait before a retry."""
        body: dict[str, Any] = decode(self.vault.open_body(message.body, message.id))
        chat_id = self.vault.open_chat(message.chat)
        try:
            if "upload" in body:
                upload = body["upload"]
                content = base64.b64decode(upload["content"])
                await self.transport.send_upload(chat_id, upload["name"], content, body["text"])
            elif "document" in body:
                await self.transport.send_document(chat_id, body["document"], body["text"])
            else:
                await self.transport.send(
                    chat_id, body["text"], body.get("keyboard", []), body.get("edit")
                )
        except Blocked:
            return Delivery.BLOCKED, 0
        except RetryLater as wait:
            return Delivery.PENDING, max(wait.seconds, 0.5)
        except Undeliverable as refusal:
            log.warning("message %s refused by Telegram: %s", message.id, refusal)
            return Delivery.FAILED, 0
        return Delivery.SENT, 0
