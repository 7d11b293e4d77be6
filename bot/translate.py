"""From the fields of a Telegram update to a framework-free Event, for both adapters alike.

This is the last place a Telegram user id is seen: it becomes a pseudonym, and the chat to answer
in becomes sealed bytes. Identity comes only from the update's sender, never from the text.
"""

from __future__ import annotations

from dataclasses import dataclass

from bot.flows.vocabulary import Document, Event, EventKind
from bot.vault import Vault


@dataclass(frozen=True)
class RawUpdate:
    """The few fields Saylau reads from an update, copied out of a framework's objects."""

    update_id: int
    user_id: int
    chat_id: int
    chat_type: str
    language_code: str | None = None
    text: str | None = None
    callback_data: str | None = None
    message_id: int | None = None
    document: Document | None = None
    edited: bool = False
    forwarded: bool = False


def to_event(raw: RawUpdate, vault: Vault) -> Event:
    """Reduce the sender to a pseudonym and a sealed chat; sort what they did into a kind."""
    kind, command, text = EventKind.TEXT, None, (raw.text or "").strip()
    if raw.callback_data is not None:
        kind = EventKind.BUTTON
    elif raw.document is not None:
        kind = EventKind.DOCUMENT
    elif text.startswith("/"):
        head, _, argument = text.partition(" ")
        kind, command, text = EventKind.COMMAND, head[1:].split("@")[0].lower(), argument.strip()
    return Event(
        update_id=raw.update_id,
        person=vault.pseudonym(raw.user_id),
        contact=vault.seal_chat(raw.chat_id),
        private=raw.chat_type == "private",
        kind=kind,
        telegram_language=raw.language_code,
        text=text,
        command=command,
        token=raw.callback_data,
        message_id=raw.message_id,
        document=raw.document,
        edited=raw.edited,
        forwarded=raw.forwarded,
    )
