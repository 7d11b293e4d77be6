"""Logging that cannot leak: no token, no Telegram id, no chat id, no text people typed.

HTTP clients log request URLs, which contain the bot token; the frameworks' debug logs print
update payloads. Those loggers are held at WARNING whatever the level asked for; Saylau's own log
lines carry update numbers and error types only.
"""

from __future__ import annotations

import logging

_CHATTY = ("httpx", "httpcore", "telegram", "aiogram", "aiohttp.access", "apscheduler", "aiosqlite")


def configure(level: str = "INFO") -> None:
    """Set up logging for the bot process."""
    logging.basicConfig(level=level, format="%(asctime)s %(levelname)s %(name)s: %(message)s")
    for name in _CHATTY:
        logging.getLogger(name).setLevel(max(logging.WARNING, logging.getLevelName(level)))
