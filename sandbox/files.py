"""Uploaded and sent files: ids, download paths and the metadata objects Telegram returns."""

from __future__ import annotations

import mimetypes
import struct
from dataclasses import dataclass
from typing import Any

MAX_DOWNLOAD_BYTES = 20 * 1024 * 1024  # bots may download files up to 20 MB


@dataclass(frozen=True)
class StoredFile:
    """One file kept by the emulator."""

    file_id: str
    unique_id: str
    path: str
    content: bytes
    name: str
    mime_type: str

    def document(self) -> dict[str, Any]:
        """Return the Bot API ``Document`` object."""
        return {
            "file_id": self.file_id,
            "file_unique_id": self.unique_id,
            "file_name": self.name,
            "mime_type": self.mime_type,
            "file_size": len(self.content),
        }

    def photo_sizes(self) -> list[dict[str, Any]]:
        """Return the ``PhotoSize`` list for an image (one size: the original)."""
        width, height = image_size(self.content)
        return [
            {
                "file_id": self.file_id,
                "file_unique_id": self.unique_id,
                "width": width,
                "height": height,
                "file_size": len(self.content),
            }
        ]

    def file(self) -> dict[str, Any]:
        """Return the Bot API ``File`` object that getFile answers."""
        return {
            "file_id": self.file_id,
            "file_unique_id": self.unique_id,
            "file_size": len(self.content),
            "file_path": self.path,
        }


def image_size(content: bytes) -> tuple[int, int]:
    """Read width and height from PNG or JPEG bytes; (0, 0) when unknown."""
    if content.startswith(b"\x89PNG\r\n\x1a\n") and len(content) >= 24:
        width, height = struct.unpack(">II", content[16:24])
        return width, height
    index = 2
    while content.startswith(b"\xff\xd8") and index + 9 < len(content):
        if content[index] != 0xFF:
            break
        marker, length = content[index + 1], struct.unpack(">H", content[index + 2 : index + 4])[0]
        if marker in (0xC0, 0xC1, 0xC2):
            height, width = struct.unpack(">HH", content[index + 5 : index + 9])
            return width, height
        index += 2 + length
    return 0, 0


class FileStore:
    """Every file in the world, findable by file_id and by download path."""

    def __init__(self) -> None:
        self._by_id: dict[str, StoredFile] = {}
        self._by_path: dict[str, StoredFile] = {}

    def add(self, content: bytes, kind: str, name: str, mime_type: str | None = None) -> StoredFile:
        """Store bytes and return the new file."""
        number = len(self._by_id) + 1
        extension = name.rpartition(".")[2] if "." in name else "bin"
        stored = StoredFile(
            file_id=f"{kind.upper()}-{number:06d}-sandbox",
            unique_id=f"U{number:06d}",
            path=f"{kind}s/file_{number}.{extension}",
            content=content,
            name=name,
            mime_type=mime_type or mimetypes.guess_type(name)[0] or "application/octet-stream",
        )
        self._by_id[stored.file_id] = stored
        self._by_path[stored.path] = stored
        return stored

    def get(self, file_id: str) -> StoredFile | None:
        """Find a file by its file_id."""
        return self._by_id.get(file_id)

    def by_path(self, path: str) -> StoredFile | None:
        """Find a file by the path getFile gave out."""
        return self._by_path.get(path)
