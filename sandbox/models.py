"""The people, chats and messages of the simulated Telegram, with their Bot API JSON shapes."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any


@dataclass
class User:
    """A Telegram account: a simulated person or a bot."""

    id: int
    first_name: str
    last_name: str | None = None
    username: str | None = None
    language_code: str | None = None
    is_bot: bool = False

    def to_api(self) -> dict[str, Any]:
        """Return the Bot API ``User`` object."""
        data: dict[str, Any] = {"id": self.id, "is_bot": self.is_bot, "first_name": self.first_name}
        if self.last_name:
            data["last_name"] = self.last_name
        if self.username:
            data["username"] = self.username
        if self.language_code:
            data["language_code"] = self.language_code
        return data


@dataclass
class Chat:
    """A private chat with one user, or a group/supergroup with members."""

    id: int
    type: str
    title: str | None = None
    user: User | None = None
    member_ids: list[int] = field(default_factory=list)
    owner_id: int | None = None
    bot_ids: set[int] = field(default_factory=set)

    @property
    def is_group(self) -> bool:
        """Tell whether this is a group or supergroup."""
        return self.type != "private"

    def to_api(self) -> dict[str, Any]:
        """Return the Bot API ``Chat`` object."""
        if self.user is not None:
            data = self.user.to_api()
            data.pop("is_bot")
            data.pop("language_code", None)
            return {"type": "private", **data}
        return {"id": self.id, "type": self.type, "title": self.title}


@dataclass
class StoredMessage:
    """One message in a conversation, as the emulator keeps it (current state after edits)."""

    message_id: int
    chat: Chat
    sender: User
    date: int
    text: str | None = None
    entities: list[dict[str, Any]] | None = None
    caption: str | None = None
    caption_entities: list[dict[str, Any]] | None = None
    inline_markup: dict[str, Any] | None = None
    reply_keyboard: dict[str, Any] | None = None
    edit_date: int | None = None
    reply_to: StoredMessage | None = None
    document: dict[str, Any] | None = None
    photo: list[dict[str, Any]] | None = None
    forward_origin: dict[str, Any] | None = None
    deleted: bool = False

    @property
    def from_bot(self) -> bool:
        """Tell whether a bot wrote this message."""
        return self.sender.is_bot

    @property
    def shown_text(self) -> str:
        """Return the text or caption a person sees."""
        return self.text if self.text is not None else (self.caption or "")

    @property
    def buttons(self) -> tuple[tuple[str, ...], ...]:
        """Return the inline keyboard as rows of button labels."""
        rows = (self.inline_markup or {}).get("inline_keyboard", [])
        return tuple(tuple(button["text"] for button in row) for row in rows)

    @property
    def keyboard(self) -> tuple[tuple[str, ...], ...]:
        """Return the reply keyboard this message brought, as rows of button labels."""
        rows = (self.reply_keyboard or {}).get("keyboard", [])
        return tuple(tuple(button["text"] for button in row) for row in rows)

    @property
    def file_label(self) -> str | None:
        """Return the attached document's name, ``"photo"``, or None."""
        if self.document is not None:
            return str(self.document.get("file_name", "document"))
        return "photo" if self.photo else None

    def to_api(self, with_reply: bool = True) -> dict[str, Any]:
        """Return the Bot API ``Message`` object."""
        data: dict[str, Any] = {
            "message_id": self.message_id,
            "from": self.sender.to_api(),
            "chat": self.chat.to_api(),
            "date": self.date,
        }
        optional = {
            "edit_date": self.edit_date,
            "forward_origin": self.forward_origin,
            "text": self.text,
            "entities": self.entities,
            "document": self.document,
            "photo": self.photo,
            "caption": self.caption,
            "caption_entities": self.caption_entities,
            "reply_markup": self.inline_markup,
        }
        data.update((key, value) for key, value in optional.items() if value)
        if self.text == "":
            data["text"] = ""
        if with_reply and self.reply_to is not None:
            # Telegram embeds the replied message one level deep only
            data["reply_to_message"] = self.reply_to.to_api(with_reply=False)
        return data
