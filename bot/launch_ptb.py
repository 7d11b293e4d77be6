"""python-telegram-bot, started and stopped by hand so that it can live inside other programs."""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from urllib.parse import urlsplit

from telegram.ext import Application

from bot.assembly import BotParts, assemble, courier
from bot.handlers.ptb import PtbTransport, attach
from bot.handlers.ptb_request import AiohttpRequest
from bot.launch import CONCURRENT_UPDATES, Connection, draining


def application_for(connection: Connection) -> Application:
    """Build the PTB application `saylau run` serves with, not yet initialized."""
    return (
        Application.builder()
        .token(connection.token)
        .base_url(f"{connection.base}/bot")
        .base_file_url(f"{connection.base}/file/bot")
        # Conversations live in the engine, which keeps each person's updates in order, so
        # different people may be served at once.
        .concurrent_updates(CONCURRENT_UPDATES)
        .request(AiohttpRequest(connections=32))
        .get_updates_request(AiohttpRequest(connections=1))
        .build()
    )


@asynccontextmanager
async def running(connection: Connection, parts: BotParts) -> AsyncIterator[None]:
    """Answer updates with python-telegram-bot while the block runs."""
    application = application_for(connection)
    await application.initialize()
    me = await application.bot.get_me()
    postman = courier(parts, PtbTransport(application))
    attach(application, assemble(parts, f"https://t.me/{me.username}"), postman)
    await application.start()
    updater = application.updater
    assert updater is not None
    if connection.webhook_url:
        await updater.start_webhook(
            listen=connection.webhook_listen,
            port=connection.webhook_port,
            url_path=urlsplit(connection.webhook_url).path.lstrip("/"),
            webhook_url=connection.webhook_url,
            secret_token=connection.webhook_secret,
            drop_pending_updates=False,
        )
    else:
        await updater.start_polling(poll_interval=0.0, timeout=connection.poll_timeout)
    try:
        async with draining(postman, parts):
            yield
    finally:
        await updater.stop()
        await application.stop()
        await application.shutdown()
