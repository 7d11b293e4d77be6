"""A simulated person: a phone in the emulator, a language, and patience.

Each step is an action (typing, tapping, uploading) followed by a wait for the bot's answer,
recognised by catalogue key. A person does one thing at a time, as people do; many people act
at once in their own tasks.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field
from typing import Any

from admin_cli.demo.words import fragment, label
from sandbox.models import StoredMessage
from sandbox.phone import Phone

PATIENCE = 60.0  # seconds a person waits for an answer before the demo calls it a failure
Look = tuple[str, tuple[tuple[str, ...], ...]]  # a message's text and buttons


class NoAnswer(RuntimeError):
    """The bot did not answer as expected in time: the demo stops and says where."""


@dataclass
class Person:
    phone: Phone
    language: str
    who: str  # "voter 3 of PLHIV": how the demo names the person in its own messages
    notes: dict[str, Any] = field(default_factory=dict)  # what the person remembers (a receipt)

    def says(self, key: str) -> bool:
        """Whether any of the bot's messages shows the unvarying part of message `key`."""
        wanted = fragment(self.language, key)
        return any(wanted in message.shown_text for message in self._shown())

    def last_says(self, key: str) -> bool:
        """Whether the bot's newest message is message `key`."""
        return fragment(self.language, key) in self.last_text()

    def last_text(self) -> str:
        shown = self._shown()
        return shown[-1].shown_text if shown else ""

    def has_button(self, key: str, **params: Any) -> bool:
        """Whether the newest message carrying buttons offers button `key`."""
        wanted = label(self.language, key, **params)
        return any(wanted in row for row in self._buttons())

    def buttons_of(self, key: str) -> list[str]:
        """The labels under the newest message `key`."""
        wanted = fragment(self.language, key)
        for message in reversed(self._shown()):
            if wanted in message.shown_text:
                return [text for row in message.buttons for text in row]
        return []

    def buttons(self) -> list[str]:
        """The labels on the newest message that has any buttons."""
        return [text for row in self._buttons() for text in row]

    async def send(self, text: str, *expect: str) -> None:
        """Type `text` and wait for one of the messages `expect` (any answer if none)."""
        await self._act(lambda: self.phone.send(text), expect)

    async def tap(self, key: str, *expect: str, **params: Any) -> None:
        """Press the button labelled by catalogue `key` and wait for the answer."""
        await self.press(label(self.language, key, **params), *expect)

    async def press(self, text: str, *expect: str) -> None:
        """Press the button showing `text` (a name, a region, a code)."""
        await self._act(lambda: self.phone.tap(text), expect)

    async def upload(self, name: str, content: bytes, *expect: str) -> None:
        await self._act(lambda: self.phone.send_document(name, content, "application/pdf"), expect)

    async def _act(self, action: Callable[[], Awaitable[Any]], expect: tuple[str, ...]) -> None:
        before = self._screen()
        await action()

        def answered() -> bool:
            # New messages, and messages edited in place (a mark ticked, a receipt shown).
            changed = [m for m in self._shown() if before.get(m.message_id) != _look(m)]
            if not expect:
                return bool(changed)
            wanted = [fragment(self.language, key) for key in expect]
            return any(piece in m.shown_text for piece in wanted for m in changed)

        try:
            await self.phone.wait_until(answered, PATIENCE)
        except TimeoutError:
            # Named by catalogue key, never by the bot's text: it may hold names or choices.
            awaited = " or ".join(expect) or "any answer"
            raise NoAnswer(f"{self.who} waited {PATIENCE:.0f} s for {awaited}") from None

    def _shown(self) -> list[StoredMessage]:
        return [m for m in self.phone.conversation.bot_messages if not m.deleted]

    def _buttons(self) -> tuple[tuple[str, ...], ...]:
        for message in reversed(self._shown()):
            if message.buttons:
                return message.buttons
        return ()

    def _screen(self) -> dict[int, Look]:
        """What the person sees now, to notice what the bot adds or edits in place."""
        return {m.message_id: _look(m) for m in self._shown()}


def _look(message: StoredMessage) -> Look:
    return message.shown_text, message.buttons
