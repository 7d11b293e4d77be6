"""The words flows and adapters share: an event comes in, things to say go out.

Nothing here knows Telegram's types. An adapter turns an update into an `Event` (the sender already
reduced to a pseudonym and a sealed chat), and turns rendered messages back into API calls.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from enum import StrEnum
from typing import Any


class EventKind(StrEnum):
    COMMAND = "command"
    TEXT = "text"
    BUTTON = "button"
    DOCUMENT = "document"


@dataclass(frozen=True)
class Document:
    file_id: str
    file_name: str | None = None
    mime_type: str | None = None
    size: int | None = None


@dataclass(frozen=True)
class Event:
    update_id: int
    person: str  # the sender's pseudonym; the Telegram id never goes further than the adapter
    contact: bytes  # the chat to answer in, sealed
    private: bool
    kind: EventKind
    telegram_language: str | None = None
    text: str = ""  # the message, or a command's argument (a deep-link payload after /start)
    command: str | None = None
    token: str | None = None  # callback data of a pressed button
    message_id: int | None = None  # the message a pressed button sat on
    document: Document | None = None
    edited: bool = False
    forwarded: bool = False


@dataclass(frozen=True)
class Button:
    """A button a flow offers; `action` stays on the server, Telegram only sees a token."""

    action: str
    key: str | None = None  # catalogue key of the label ...
    params: Mapping[str, Any] = field(default_factory=dict)
    text: str | None = None  # ... or a label that is data (a region, a candidate's name)
    url: str | None = None  # a link button instead of a callback


Keyboard = tuple[tuple[Button, ...], ...]


@dataclass(frozen=True)
class Say:
    key: str
    params: Mapping[str, Any] = field(default_factory=dict)
    buttons: Keyboard = ()
    replace: bool = False  # edit the message whose button was pressed instead of sending anew
    origin: str | None = None  # the flow that said it, which its buttons' presses go back to
    document: str | None = None  # a Telegram file id to send, the text becoming its caption
    upload: tuple[str, bytes] | None = None  # (file name, content) to upload, text as caption


@dataclass(frozen=True)
class Notice:
    """Something to tell another person (an applicant told of a decision), by pseudonym."""

    person: str
    say: Say
