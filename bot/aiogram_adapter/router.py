"""aiogram's side of the bot: one router that hands every update to the bot's runtime.

A sibling of bot/handlers/ptb.py and just as thin: copy out the fields Saylau reads, call the
runtime, and send through `AiogramTransport`, which maps aiogram's errors to the courier's outcomes.
"""

from __future__ import annotations

import contextlib
from collections.abc import AsyncIterator
from dataclasses import replace

from aiogram import Bot, Router
from aiogram.enums import ParseMode
from aiogram.exceptions import (
    TelegramBadRequest,
    TelegramForbiddenError,
    TelegramNetworkError,
    TelegramRetryAfter,
)
from aiogram.types import (
    BufferedInputFile,
    CallbackQuery,
    InlineKeyboardButton,
    InlineKeyboardMarkup,
    Message,
    Update,
)

from bot.delivery import Blocked, Courier, RetryLater, Undeliverable
from bot.flows.vocabulary import Document
from bot.runtime import BotRuntime
from bot.translate import RawUpdate

_NOT_MODIFIED = "message is not modified"


def _from_message(update_id: int, message: Message, edited: bool) -> RawUpdate | None:
    user = message.from_user
    if user is None:
        return None
    document = message.document
    return RawUpdate(
        update_id,
        user.id,
        message.chat.id,
        message.chat.type,
        user.language_code,
        text=message.text or message.caption,
        document=Document(
            document.file_id, document.file_name, document.mime_type, document.file_size
        )
        if document
        else None,
        edited=edited,
        forwarded=message.forward_origin is not None,
    )


def _from_query(update_id: int, query: CallbackQuery) -> RawUpdate | None:
    message = query.message
    if message is None:
        return None
    sender = RawUpdate(
        update_id,
        query.from_user.id,
        message.chat.id,
        message.chat.type,
        query.from_user.language_code,
    )
    return replace(sender, callback_data=query.data or "", message_id=message.message_id)


class AiogramTransport:
    def __init__(self, bot: Bot) -> None:
        self.bot = bot

    async def send(
        self, chat_id: int, text: str, keyboard: list[list[dict[str, str]]], edit: int | None
    ) -> None:
        """Send or edit one message, translating aiogram's errors."""
        markup = _markup(keyboard)
        async with _translated_errors():
            if edit is not None:
                await self.bot.edit_message_text(
                    text=text,
                    chat_id=chat_id,
                    message_id=edit,
                    parse_mode=ParseMode.HTML,
                    reply_markup=markup,
                )
            else:
                await self.bot.send_message(
                    chat_id, text, parse_mode=ParseMode.HTML, reply_markup=markup
                )

    async def send_document(self, chat_id: int, file_id: str, caption: str) -> None:
        """Send a file by its Telegram file id, translating aiogram's errors."""
        async with _translated_errors():
            await self.bot.send_document(
                chat_id, file_id, caption=caption, parse_mode=ParseMode.HTML
            )

    async def send_upload(self, chat_id: int, name: str, content: bytes, caption: str) -> None:
        """Upload a file the bot made, translating aiogram's errors."""
        document = BufferedInputFile(content, filename=name)
        async with _translated_errors():
            await self.bot.send_document(
                chat_id, document, caption=caption, parse_mode=ParseMode.HTML
            )


@contextlib.asynccontextmanager
async def _translated_errors() -> AsyncIterator[None]:
    """Turn aiogram's exceptions into the courier's outcomes."""
    try:
        yield
    except TelegramForbiddenError as error:
        raise Blocked from error
    except TelegramRetryAfter as error:
        raise RetryLater(error.retry_after) from error
    except TelegramBadRequest as error:
        if _NOT_MODIFIED not in error.message.lower():
            raise Undeliverable(error.message) from error
    except TelegramNetworkError as error:
        raise RetryLater(1) from error


def _markup(keyboard: list[list[dict[str, str]]]) -> InlineKeyboardMarkup | None:
    if not keyboard:
        return None
    return InlineKeyboardMarkup(
        inline_keyboard=[
            [
                InlineKeyboardButton(text=b["text"], url=b["url"])
                if "url" in b
                else InlineKeyboardButton(text=b["text"], callback_data=b["data"])
                for b in row
            ]
            for row in keyboard
        ]
    )


def saylau_router(runtime: BotRuntime, courier: Courier) -> Router:
    """Make the router that routes every update through the runtime."""
    router = Router(name="saylau")

    @router.message()
    async def on_message(message: Message, event_update: Update) -> None:
        """Hand a new message to the runtime."""
        raw = _from_message(event_update.update_id, message, edited=False)
        if raw is not None:
            await runtime.process(raw, courier)

    @router.edited_message()
    async def on_edit(message: Message, event_update: Update) -> None:
        """Hand an edited message to the runtime (which says edits are not read)."""
        raw = _from_message(event_update.update_id, message, edited=True)
        if raw is not None:
            await runtime.process(raw, courier)

    @router.callback_query()
    async def on_button(query: CallbackQuery, event_update: Update) -> None:
        """Stop the button's spinner, then hand the press to the runtime."""
        with contextlib.suppress(TelegramBadRequest, TelegramNetworkError):
            await query.answer()
        raw = _from_query(event_update.update_id, query)
        if raw is not None:
            await runtime.process(raw, courier)

    return router
