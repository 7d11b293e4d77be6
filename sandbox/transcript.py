"""What a person sees in a chat, in a framework-independent form that compares and prints well."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from sandbox.models import StoredMessage, User

Rows = tuple[tuple[str, ...], ...]
SHOWN_ENTITIES = frozenset(
    {"bold", "italic", "underline", "strikethrough", "spoiler", "code", "pre", "text_link"}
)


@dataclass(frozen=True)
class Line:
    """One message as displayed: who wrote it, its current text, buttons and attachment."""

    sender: str
    text: str
    buttons: Rows = ()
    keyboard: Rows = ()
    file: str | None = None
    edited: bool = False
    forwarded: bool = False
    quoting: str | None = None
    formatting: tuple[tuple[str, int, int], ...] = ()

    @classmethod
    def of(cls, message: StoredMessage, viewer: User) -> Line:
        """Describe a message as ``viewer`` sees it."""
        if message.sender.id == viewer.id:
            sender = "me"
        else:
            sender = "bot" if message.from_bot else message.sender.first_name
        entities = message.entities if message.text is not None else message.caption_entities
        return cls(
            sender=sender,
            text=message.shown_text,
            buttons=message.buttons,
            keyboard=message.keyboard,
            file=message.file_label,
            edited=message.edit_date is not None,
            forwarded=message.forward_origin is not None,
            quoting=message.reply_to.shown_text if message.reply_to is not None else None,
            formatting=tuple(
                (entity["type"], entity["offset"], entity["length"])
                for entity in entities or ()
                if entity["type"] in SHOWN_ENTITIES
            ),
        )

    def render(self) -> str:
        """Return the line as readable text, buttons in brackets below it."""
        marks = [("forwarded", self.forwarded), ("edited", self.edited)]
        notes = [note for note, shown in marks if shown]
        if self.quoting is not None:
            notes.append(f"re: {self.quoting}")
        head = f"{self.sender}{''.join(f' ({note})' for note in notes)}: "
        body = f"[{self.file}] {self.text}".rstrip() if self.file else self.text
        indent = " " * len(head)
        lines = [head + body.replace("\n", "\n" + indent)]
        lines += [indent + " ".join(f"[{label}]" for label in row) for row in self.buttons]
        lines += [indent + " ".join(f"<{label}>" for label in row) for row in self.keyboard]
        return "\n".join(lines)


class Transcript(tuple[Line, ...]):
    """The whole visible chat, oldest first."""

    @classmethod
    def of(cls, messages: Iterable[StoredMessage], viewer: User) -> Transcript:
        """Build the transcript of messages as ``viewer`` sees them."""
        return cls(Line.of(message, viewer) for message in messages)

    def texts(self, sender: str | None = None) -> list[str]:
        """Return the message texts, optionally only those of one sender (``"bot"``, ``"me"``)."""
        return [line.text for line in self if sender is None or line.sender == sender]

    def render(self) -> str:
        """Return the chat as readable text."""
        return "\n".join(line.render() for line in self)

    def __str__(self) -> str:
        return self.render()
