"""What the two reference bots say, shared so both frameworks answer identically."""

from __future__ import annotations

import socket
import struct
import zlib

SECRET = "sandbox-secret_1"
COMMANDS_EN = [("start", "Start"), ("help", "Help")]
COMMANDS_RU = [("start", "Начать"), ("help", "Помощь")]
MARKDOWN_V2 = "*Bold* _italic_ and `code` \\- done\\."


def welcome_html(name: str, payload: str | None) -> str:
    """Return the answer to /start."""
    return f"<b>Welcome</b>, {name}! Payload: {payload or '-'}"


def echo_document(content: bytes) -> bytes:
    """Return the document the bot sends back for an uploaded one."""
    return content[::-1]


def tiny_png(width: int = 3, height: int = 2) -> bytes:
    """Build a valid PNG image of the given size."""

    def chunk(kind: bytes, data: bytes) -> bytes:
        body = kind + data
        return struct.pack(">I", len(data)) + body + struct.pack(">I", zlib.crc32(body))

    header = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    rows = b"".join(b"\x00" + b"\xff\x00\x00" * width for _ in range(height))
    return (
        b"\x89PNG\r\n\x1a\n"
        + chunk(b"IHDR", header)
        + chunk(b"IDAT", zlib.compress(rows))
        + chunk(b"IEND", b"")
    )


def free_port() -> int:
    """Return a loopback port that is free right now."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])
