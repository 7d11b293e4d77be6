"""Plain text assembled character by character, with entity offsets in UTF-16 code units."""

from __future__ import annotations

from typing import Any


def utf16_len(text: str) -> int:
    """Return the length Telegram uses for text: UTF-16 code units."""
    return len(text) + sum(1 for char in text if ord(char) > 0xFFFF)


def byte_offset(text: str, index: int) -> int:
    """Return the UTF-8 byte offset of a character index, as Telegram reports errors."""
    return len(text[:index].encode())


class MarkupError(ValueError):
    """Formatted text that Telegram would refuse to parse."""


class TextBuilder:
    """Collect plain text and the entities found while parsing markup."""

    def __init__(self) -> None:
        self._parts: list[str] = []
        self.position = 0
        self.entities: list[dict[str, Any]] = []

    def add(self, text: str) -> None:
        """Append visible text."""
        self._parts.append(text)
        self.position += utf16_len(text)

    def emit(self, kind: str, start: int, **extra: Any) -> None:
        """Record an entity from ``start`` to the current position, unless it is empty."""
        if self.position > start:
            entity = {"type": kind, "offset": start, "length": self.position - start}
            entity.update((key, value) for key, value in extra.items() if value)
            self.entities.append(entity)

    def result(self) -> tuple[str, list[dict[str, Any]]]:
        """Return the plain text and its entities ordered as Telegram orders them."""
        self.entities.sort(key=lambda entity: (entity["offset"], -entity["length"]))
        return "".join(self._parts), self.entities
