"""The deep link an invite travels in, its lifetime as typed, and its QR code."""

from __future__ import annotations

import re
from datetime import timedelta
from pathlib import Path

import qrcode  # type: ignore[import-untyped]  # no stubs are published

from admin_cli import context

_DURATION = re.compile(r"^\s*(\d+)\s*([dhm])\s*$", re.IGNORECASE)
_UNITS = {"d": "days", "h": "hours", "m": "minutes"}
# Telegram usernames: 5-32 letters, digits and underscores, starting with a letter.
_USERNAME = re.compile(r"^[A-Za-z][A-Za-z0-9_]{4,31}$")


def parse_duration(text: str) -> timedelta:
    """Read 72h, 3d or 90m; end the command on anything else."""
    match = _DURATION.match(text)
    if match is None or int(match.group(1)) == 0:
        context.fail(f"--valid-for {text!r} is not a duration like 72h, 3d or 90m")
    return timedelta(**{_UNITS[match.group(2).lower()]: int(match.group(1))})


def deep_link(username: str, token: str) -> str:
    """Build https://t.me/<bot>?start=<token>, refusing a username Telegram could not have."""
    name = username.strip().removeprefix("@")
    if not _USERNAME.match(name):
        context.fail(f"{username!r} is not a Telegram bot username (5-32 letters, digits, _)")
    return f"https://t.me/{name}?start={token}"


def write_qr(link: str, path: Path) -> None:
    """Write the link as a QR code PNG; say plainly if the file cannot be written."""
    if path.suffix.lower() != ".png":
        context.fail(f"the QR code is written as PNG: name the file like {path.stem}.png")
    image = qrcode.make(link)
    try:
        with path.open("wb") as target:
            image.save(target)
    except OSError as error:
        context.fail(f"cannot write {path}: {error.strerror or error}")
