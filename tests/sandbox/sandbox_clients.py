"""Bare framework clients for calling single Bot API methods against the emulator."""

from __future__ import annotations

import warnings
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from typing import Any

import aiogram.methods
import telegram
from aiogram import Bot as AiogramBot
from aiogram.exceptions import (
    TelegramBadRequest,
    TelegramConflictError,
    TelegramForbiddenError,
    TelegramRetryAfter,
)
from pydantic_core import to_jsonable_python
from sandbox_aiogram_bot import build_bot
from telegram.warnings import PTBUserWarning

from sandbox.server import Emulator

ERRORS = {
    "ptb": {
        400: telegram.error.BadRequest,
        403: telegram.error.Forbidden,
        409: telegram.error.Conflict,
        429: telegram.error.RetryAfter,
    },
    "aiogram": {
        400: TelegramBadRequest,
        403: TelegramForbiddenError,
        409: TelegramConflictError,
        429: TelegramRetryAfter,
    },
}


class Caller:
    """Call any Bot API method through one framework's own request machinery."""

    def __init__(self, framework: str, bot: telegram.Bot | AiogramBot) -> None:
        self.framework = framework
        self.bot = bot

    async def __call__(self, method: str, **params: Any) -> Any:
        if isinstance(self.bot, telegram.Bot):
            # PTB nudges towards its typed methods; raw calls are the point here
            with warnings.catch_warnings():
                warnings.simplefilter("ignore", PTBUserWarning)
                return await self.bot.do_api_request(method, api_kwargs=params)
        request = getattr(aiogram.methods, method[0].upper() + method[1:])(**params)
        # both callers answer plain JSON, so tests read results the same way
        return to_jsonable_python(await self.bot(request), exclude_none=True, by_alias=True)

    def error(self, status: int) -> type[Exception]:
        """Return the exception this framework raises for an HTTP status."""
        return ERRORS[self.framework][status]


@asynccontextmanager
async def caller(
    emulator: Emulator, framework: str, token: str | None = None
) -> AsyncIterator[Caller]:
    """Open a bare client of the given framework."""
    if framework == "ptb":
        bot = telegram.Bot(
            token or emulator.token,
            base_url=f"{emulator.url}/bot",
            base_file_url=f"{emulator.url}/file/bot",
        )
        async with bot:
            yield Caller(framework, bot)
        return
    aiogram_bot = build_bot(emulator, token)
    try:
        yield Caller(framework, aiogram_bot)
    finally:
        await aiogram_bot.session.close()
