"""One chat as seen between one bot and its users: messages, keyboard, block state, toasts."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from sandbox.models import Chat, StoredMessage, User
from sandbox.notify import Notifier


@dataclass
class Toast:
    """The answer to a button press, shown as a notification or an alert."""

    text: str
    show_alert: bool


class Conversation:
    """Messages of one (bot, chat) pair; message ids count from 1 per chat, like Telegram."""

    def __init__(self, bot_id: int, chat: Chat) -> None:
        self.bot_id = bot_id
        self.chat = chat
        self.messages: dict[int, StoredMessage] = {}
        self.bot_messages: list[StoredMessage] = []
        self.reply_keyboard: dict[str, Any] | None = None
        self.toasts: list[Toast] = []
        self.started = False
        self.blocked = False
        self.chat_action: str | None = None
        self.changed = Notifier()
        self._last_id = 0

    def add(self, sender: User, date: int, **fields: Any) -> StoredMessage:
        """Append a message and wake anyone reading the chat."""
        self._last_id += 1
        message = StoredMessage(self._last_id, self.chat, sender, date, **fields)
        self.messages[message.message_id] = message
        if sender.is_bot:
            self.bot_messages.append(message)
            self.chat_action = None
            self._apply_keyboard(message.reply_keyboard)
        self.changed.notify()
        return message

    def _apply_keyboard(self, markup: dict[str, Any] | None) -> None:
        """Show or hide the reply keyboard below the input field."""
        if markup is None:
            return
        if "keyboard" in markup:
            self.reply_keyboard = markup
        elif markup.get("remove_keyboard"):
            self.reply_keyboard = None

    def get(self, message_id: int) -> StoredMessage | None:
        """Return a message that still exists."""
        message = self.messages.get(message_id)
        return None if message is None or message.deleted else message

    def visible(self) -> list[StoredMessage]:
        """Return the messages a member sees, oldest first."""
        return [message for message in self.messages.values() if not message.deleted]

    def touch(self) -> None:
        """Signal an edit, deletion or answer."""
        self.changed.notify()
