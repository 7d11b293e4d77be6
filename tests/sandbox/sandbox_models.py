"""Parse emulator results with both frameworks' own type models."""

from __future__ import annotations

from typing import Any

import aiogram.methods
import telegram
from pydantic import TypeAdapter

PTB_TYPES: dict[str, type[telegram.TelegramObject]] = {
    "getMe": telegram.User,
    "getUpdates": telegram.Update,
    "sendMessage": telegram.Message,
    "sendDocument": telegram.Message,
    "sendPhoto": telegram.Message,
    "editMessageText": telegram.Message,
    "editMessageCaption": telegram.Message,
    "editMessageReplyMarkup": telegram.Message,
    "getFile": telegram.File,
    "getChat": telegram.ChatFullInfo,
    "getChatMember": telegram.ChatMember,
    "getMyCommands": telegram.BotCommand,
    "getWebhookInfo": telegram.WebhookInfo,
}
INT_RESULTS = {"getChatMemberCount"}
TRUE_RESULTS = {
    "answerCallbackQuery",
    "deleteMessage",
    "setMyCommands",
    "deleteMyCommands",
    "setWebhook",
    "deleteWebhook",
    "sendChatAction",
}


def parse_with_ptb(method: str, result: Any) -> None:
    """Build PTB objects from a result; raises if the shape is wrong."""
    if method in TRUE_RESULTS:
        assert result is True
        return
    if method in INT_RESULTS:
        assert isinstance(result, int)
        return
    model = PTB_TYPES[method]
    for item in result if isinstance(result, list) else [result]:
        parsed = model.de_json(item, None)
        assert parsed is not None
        assert parsed.api_kwargs == {}, f"{method}: fields PTB does not know: {parsed.api_kwargs}"


def parse_with_aiogram(method: str, result: Any) -> None:
    """Validate a result with aiogram's pydantic models; raises if the shape is wrong."""
    model = getattr(aiogram.methods, method[0].upper() + method[1:])
    TypeAdapter(model.__returning__).validate_python(result)


def check_all_parse(recorded: list[tuple[str, Any]]) -> set[str]:
    """Parse every recorded result with both frameworks; return the methods seen."""
    for method, result in recorded:
        parse_with_ptb(method, result)
        parse_with_aiogram(method, result)
    return {method for method, _ in recorded}
