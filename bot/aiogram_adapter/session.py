"""An aiohttp session for aiogram that does not rebuild its response models.

aiogram parses every answer with `Response[method.__returning__]`, a pydantic generic model that
pydantic caches only weakly. Nothing else holds the class, so each garbage collection drops it
and the next call builds its schema again: a tenth of a busy bot's CPU went there. Holding each
one built keeps pydantic's cache warm; there are as many as Bot API methods the bot calls.
"""

from __future__ import annotations

from typing import Any

from aiogram import Bot
from aiogram.client.session.aiohttp import AiohttpSession
from aiogram.methods import Response, TelegramMethod
from aiogram.methods.base import TelegramType

_KEPT: dict[Any, type[Response[Any]]] = {}


class KeptModelsSession(AiohttpSession):
    """`AiohttpSession` whose response models live as long as the process."""

    def check_response(
        self, bot: Bot, method: TelegramMethod[TelegramType], status_code: int, content: str
    ) -> Response[TelegramType]:
        returning = method.__returning__
        if returning not in _KEPT:
            _KEPT[returning] = Response[returning]  # type: ignore[valid-type]
        return super().check_response(bot, method, status_code, content)
