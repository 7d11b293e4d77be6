"""aiogram 3, started and stopped by hand so that it can live inside other programs."""

from __future__ import annotations

import asyncio
import contextlib
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from urllib.parse import urlsplit

from aiogram import Bot, Dispatcher
from aiogram.client.telegram import TelegramAPIServer
from aiogram.webhook.aiohttp_server import SimpleRequestHandler, setup_application
from aiohttp import web

from bot.aiogram_adapter.router import AiogramTransport, saylau_router
from bot.aiogram_adapter.session import KeptModelsSession
from bot.assembly import BotParts, assemble, courier
from bot.launch import CONCURRENT_UPDATES, Connection, draining


@asynccontextmanager
async def running(connection: Connection, parts: BotParts) -> AsyncIterator[None]:
    """Answer updates with aiogram while the block runs."""
    session = KeptModelsSession(api=TelegramAPIServer.from_base(connection.base))
    bot = Bot(connection.token, session=session)
    try:
        me = await bot.get_me()
        postman = courier(parts, AiogramTransport(bot))
        dispatcher = Dispatcher()
        dispatcher.include_router(
            saylau_router(assemble(parts, f"https://t.me/{me.username}"), postman)
        )
        async with draining(postman, parts):
            if connection.webhook_url:
                async with _webhook(connection, dispatcher, bot):
                    yield
            else:
                async with _polling(connection, dispatcher, bot):
                    yield
    finally:
        await bot.session.close()


@asynccontextmanager
async def _polling(connection: Connection, dispatcher: Dispatcher, bot: Bot) -> AsyncIterator[None]:
    task = asyncio.create_task(
        dispatcher.start_polling(
            bot,
            handle_signals=False,
            polling_timeout=connection.poll_timeout,
            close_bot_session=False,
            tasks_concurrency_limit=CONCURRENT_UPDATES,
        )
    )
    try:
        yield
    finally:
        with contextlib.suppress(RuntimeError):  # polling may not have started yet
            await dispatcher.stop_polling()
        await task


@asynccontextmanager
async def _webhook(connection: Connection, dispatcher: Dispatcher, bot: Bot) -> AsyncIterator[None]:
    assert connection.webhook_url is not None
    app = web.Application()
    SimpleRequestHandler(dispatcher, bot, secret_token=connection.webhook_secret).register(
        app, path=urlsplit(connection.webhook_url).path or "/"
    )
    setup_application(app, dispatcher, bot=bot)
    runner = web.AppRunner(app)
    await runner.setup()
    await web.TCPSite(runner, connection.webhook_listen, connection.webhook_port).start()
    await bot.set_webhook(connection.webhook_url, secret_token=connection.webhook_secret)
    try:
        yield
    finally:
        await bot.delete_webhook()
        await runner.cleanup()
