"""Serve the bot for real: settings and keys checked, database migrated, runs until stopped."""

from __future__ import annotations

import asyncio
import signal

from app.keys import Keys
from app.settings import Settings
from app.wiring import database
from bot.assembly import BotParts
from bot.launch import Connection, Framework, running
from bot.vault import Vault
from core.services.clock import SystemClock
from storage.migrate import current, head


class NotReady(RuntimeError):
    """Something the bot needs before it may start; the message says what."""


def connection_from(settings: Settings) -> Connection:
    """The Telegram connection the settings describe, or NotReady naming what is missing."""
    if settings.bot_token is None:
        raise NotReady("BOT_TOKEN is not set: the bot cannot talk to Telegram without it")
    secret = settings.webhook_secret.get_secret_value() if settings.webhook_secret else None
    if settings.webhook_url and not secret:
        raise NotReady(
            "WEBHOOK_SECRET is required with WEBHOOK_URL: it proves calls come from Telegram"
        )
    return Connection(
        token=settings.bot_token.get_secret_value(),
        api_base_url=settings.telegram_api_base_url,
        webhook_url=settings.webhook_url,
        webhook_listen=settings.webhook_listen,
        webhook_port=settings.webhook_port,
        webhook_secret=secret,
    )


async def serve(settings: Settings, keys: Keys, framework: Framework) -> None:
    """Run the bot until SIGINT or SIGTERM."""
    connection = connection_from(settings)
    if current(settings.database_url) != head():
        raise NotReady("the database is not migrated: run `saylau db upgrade` first")
    stop = asyncio.Event()
    loop = asyncio.get_running_loop()
    for signum in (signal.SIGINT, signal.SIGTERM):
        loop.add_signal_handler(signum, stop.set)
    async with database(settings.database_url) as uow_factory:
        parts = BotParts(
            uow_factory=uow_factory,
            vault=Vault(keys.pseudonymizer, keys.sealer),
            clock=SystemClock(),
            timezone=settings.timezone,
            default_language=settings.default_language,
        )
        async with running(framework, connection, parts):
            await stop.wait()
