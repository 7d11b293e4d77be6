"""The python-telegram-bot adapter: a translator between PTB's objects and the bot's runtime.

No election logic lives here. One handler receives every update; it copies out the fields Saylau
reads and hands them to the runtime. Messages go out through `PtbTransport`, which turns PTB's
errors into the courier's three outcomes.
"""

from __future__ import annotations

import contextlib
import os
from collections.abc import AsyncIterator
from dataclasses import replace

# Opt in to PTB 23's behaviour now (retry_after as a timedelta); `_seconds` reads either form.
os.environ.setdefault("PTB_TIMEDELTA", "1")

from telegram import InlineKeyboardButton, InlineKeyboardMarkup, InputFile, Update
from telegram.constants import ParseMode
from telegram.error import BadRequest, Forbidden, NetworkError, RetryAfter
from telegram.ext import Application, ContextTypes, TypeHandler

from bot.delivery import Blocked, Courier, RetryLater, Undeliverable
from bot.flows.vocabulary import Document
from bot.runtime import BotRuntime
from bot.translate import RawUpdate

_NOT_MODIFIED = "message is not modified"


def raw_update(update: Update) -> RawUpdate | None:
    """Copy out what Saylau reads; None for updates it does not handle."""
    user, chat = update.effective_user, update.effective_chat
    if user is None or chat is None:
        return None
    sender = RawUpdate(update.update_id, user.id, chat.id, chat.type, user.language_code)
    query = update.callback_query
    if query is not None:
        message_id = query.message.message_id if query.message else None
        return replace(sender, callback_data=query.data or "", message_id=message_id)
    message = update.message or update.edited_message
    if message is None:
        return None
    document = message.document
    return replace(
        sender,
        text=message.text or message.caption,
        document=Document(
            document.file_id, document.file_name, document.mime_type, document.file_size
        )
        if document
        else None,
        edited=update.edited_message is not None,
        forwarded=message.forward_origin is not None,
    )


class PtbTransport:
    def __init__(self, application: Application) -> None:
        self.bot = application.bot

    async def send(
        self, chat_id: int, text: str, keyboard: list[list[dict[str, str]]], edit: int | None
    ) -> None:
        """Send or edit one message, translating PTB's errors."""
        markup = _markup(keyboard)
        async with _translated_errors():
            if edit is not None:
                await self.bot.edit_message_text(
                    text, chat_id, edit, parse_mode=ParseMode.HTML, reply_markup=markup
                )
            else:
                await self.bot.send_message(
                    chat_id, text, parse_mode=ParseMode.HTML, reply_markup=markup
                )

    async def send_document(self, chat_id: int, file_id: str, caption: str) -> None:
        """Send a file by its Telegram file id, translating PTB's errors."""
        async with _translated_errors():
            await self.bot.send_document(
                chat_id, file_id, caption=caption, parse_mode=ParseMode.HTML
            )

    async def send_upload(self, chat_id: int, name: str, content: bytes, caption: str) -> None:
        """Upload a file the bot made, translating PTB's errors."""
        document = InputFile(content, filename=name)
        async with _translated_errors():
            await self.bot.send_document(
                chat_id, document, caption=caption, parse_mode=ParseMode.HTML
            )


@contextlib.asynccontextmanager
async def _translated_errors() -> AsyncIterator[None]:
    """Turn PTB's exceptions into the courier's outcomes."""
    try:
        yield
    except Forbidden as error:
        raise Blocked from error
    except RetryAfter as error:
        raise RetryLater(_seconds(error.retry_after)) from error
    except BadRequest as error:
        if _NOT_MODIFIED not in error.message.lower():
            raise Undeliverable(error.message) from error
    except NetworkError as error:
        raise RetryLater(1) from error


def _seconds(retry_after: object) -> float:
    total_seconds = getattr(retry_after, "total_seconds", None)
    return float(total_seconds()) if callable(total_seconds) else float(str(retry_after))


def _markup(keyboard: list[list[dict[str, str]]]) -> InlineKeyboardMarkup | None:
    if not keyboard:
        return None
    return InlineKeyboardMarkup(
        [
            [
                InlineKeyboardButton(b["text"], url=b["url"])
                if "url" in b
                else InlineKeyboardButton(b["text"], callback_data=b["data"])
                for b in row
            ]
            for row in keyboard
        ]
    )


def attach(application: Application, runtime: BotRuntime, courier: Courier) -> None:
    """Route every update of `application` through the runtime."""

    async def on_update(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
        """Hand the update to the runtime; stop a pressed button's spinner first."""
        if update.callback_query is not None:
            # An old query cannot be answered any more; the update still counts.
            with contextlib.suppress(BadRequest, NetworkError):
                await update.callback_query.answer()
        raw = raw_update(update)
        if raw is not None:
            await runtime.process(raw, courier)

    application.add_handler(TypeHandler(Update, on_update))
