"""Telegram's errors where a bot can trigger them, as both frameworks receive them."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator

import aiohttp
import pytest
from sandbox_clients import Caller, caller

from sandbox.server import Emulator

FRAMEWORKS = ["aiogram", "ptb"]


@pytest.fixture(params=FRAMEWORKS)
async def bot(emulator: Emulator, request: pytest.FixtureRequest) -> AsyncIterator[Caller]:
    async with caller(emulator, request.param) as opened:
        yield opened


async def started_chat(emulator: Emulator, name: str = "Dana") -> int:
    """Create a user who has opened the bot; return the chat id."""
    user = emulator.add_user(name)
    await emulator.phone(user).start()
    return user.id


async def expect_error(
    bot: Caller, status: int, expected: str, method: str, **params: object
) -> None:
    with pytest.raises(bot.error(status)) as raised:
        await bot(method, **params)
    assert expected.lower() in str(raised.value).lower()


def keyboard(data: str) -> dict[str, object]:
    return {"inline_keyboard": [[{"text": "Vote", "callback_data": data}]]}


async def test_sandbox_text_limits(emulator: Emulator, bot: Caller) -> None:
    chat = await started_chat(emulator)
    await expect_error(bot, 400, "message text is empty", "sendMessage", chat_id=chat, text="")
    await expect_error(
        bot,
        400,
        "message text is empty",
        "sendMessage",
        chat_id=chat,
        text="<b></b>",
        parse_mode="HTML",
    )
    await expect_error(
        bot, 400, "message is too long", "sendMessage", chat_id=chat, text="я" * 4097
    )
    await bot("sendMessage", chat_id=chat, text="я" * 4096)
    assert emulator.phone(emulator.world.users[chat]).transcript()[-1].text == "я" * 4096


async def test_sandbox_callback_data_is_limited_to_64_bytes(
    emulator: Emulator, bot: Caller
) -> None:
    chat = await started_chat(emulator)
    await bot("sendMessage", chat_id=chat, text="ok", reply_markup=keyboard("x" * 64))
    # 33 Cyrillic letters are 66 bytes: the limit is in bytes, not characters
    await expect_error(
        bot,
        400,
        "BUTTON_DATA_INVALID",
        "sendMessage",
        chat_id=chat,
        text="no",
        reply_markup=keyboard("я" * 33),
    )


async def test_sandbox_edit_without_change_is_refused(emulator: Emulator, bot: Caller) -> None:
    chat = await started_chat(emulator)
    sent = await bot("sendMessage", chat_id=chat, text="Same", reply_markup=keyboard("a"))
    message_id = sent["message_id"]
    await expect_error(
        bot,
        400,
        "message is not modified",
        "editMessageText",
        chat_id=chat,
        message_id=message_id,
        text="Same",
        reply_markup=keyboard("a"),
    )
    await expect_error(
        bot,
        400,
        "message is not modified",
        "editMessageReplyMarkup",
        chat_id=chat,
        message_id=message_id,
        reply_markup=keyboard("a"),
    )
    await bot(
        "editMessageText", chat_id=chat, message_id=message_id, text="Same"
    )  # drops the keyboard
    await expect_error(
        bot,
        400,
        "message to edit not found",
        "editMessageText",
        chat_id=chat,
        message_id=999,
        text="x",
    )
    await expect_error(
        bot, 400, "message to delete not found", "deleteMessage", chat_id=chat, message_id=999
    )


async def test_sandbox_chat_errors(emulator: Emulator, bot: Caller) -> None:
    await expect_error(bot, 400, "chat not found", "sendMessage", chat_id=42, text="hi")
    stranger = emulator.add_user("Stranger")
    await expect_error(
        bot,
        403,
        "bot can't initiate conversation with a user",
        "sendMessage",
        chat_id=stranger.id,
        text="hi",
    )
    chat = await started_chat(emulator)
    await emulator.phone(emulator.world.users[chat]).block()
    await expect_error(
        bot, 403, "bot was blocked by the user", "sendMessage", chat_id=chat, text="hi"
    )


async def test_sandbox_blocking_tells_the_bot(emulator: Emulator, bot: Caller) -> None:
    chat = await started_chat(emulator)
    await emulator.phone(emulator.world.users[chat]).block()
    updates = await bot("getUpdates", timeout=0)
    changes = [u["my_chat_member"] for u in updates if "my_chat_member" in u]
    assert [change["new_chat_member"]["status"] for change in changes] == ["kicked"]


async def test_sandbox_callback_is_answered_once(emulator: Emulator, bot: Caller) -> None:
    chat = await started_chat(emulator)
    await bot("sendMessage", chat_id=chat, text="Vote?", reply_markup=keyboard("v"))
    query_id = await emulator.phone(emulator.world.users[chat]).tap("Vote")
    assert await bot("answerCallbackQuery", callback_query_id=query_id, text="Thanks") is True
    await expect_error(
        bot, 400, "query is too old", "answerCallbackQuery", callback_query_id=query_id
    )


async def test_sandbox_markup_must_balance(emulator: Emulator, bot: Caller) -> None:
    chat = await started_chat(emulator)
    await expect_error(
        bot,
        400,
        'can\'t find end tag corresponding to start tag "b"',
        "sendMessage",
        chat_id=chat,
        text="<b>bold",
        parse_mode="HTML",
    )
    await expect_error(
        bot,
        400,
        'unsupported start tag "blink"',
        "sendMessage",
        chat_id=chat,
        text="<blink>x</blink>",
        parse_mode="HTML",
    )
    await expect_error(
        bot,
        400,
        "character '.' is reserved",
        "sendMessage",
        chat_id=chat,
        text="Version 1.5",
        parse_mode="MarkdownV2",
    )
    await expect_error(
        bot,
        400,
        "can't find end of bold entity",
        "sendMessage",
        chat_id=chat,
        text="*bold",
        parse_mode="MarkdownV2",
    )


async def test_sandbox_get_updates_conflicts_with_webhook(emulator: Emulator, bot: Caller) -> None:
    assert await bot("setWebhook", url="http://127.0.0.1:9/hook") is True
    await expect_error(
        bot, 409, "can't use getUpdates method while webhook is active", "getUpdates"
    )
    assert await bot("deleteWebhook") is True
    assert list(await bot("getUpdates", timeout=0)) == []


async def test_sandbox_second_poller_ends_the_first(emulator: Emulator) -> None:
    async with caller(emulator, "ptb") as first, caller(emulator, "aiogram") as second:
        waiting = asyncio.create_task(first("getUpdates", timeout=5))
        await asyncio.sleep(0.1)
        assert list(await second("getUpdates", timeout=0)) == []
        with pytest.raises(first.error(409), match="terminated by other getUpdates"):
            await waiting


async def test_sandbox_raw_http_error_shapes(emulator: Emulator) -> None:
    async with aiohttp.ClientSession() as http:
        unauthorized = {"ok": False, "error_code": 401, "description": "Unauthorized"}
        async with http.post(f"{emulator.url}/botnot-a-token/getMe") as answer:
            assert (answer.status, await answer.json()) == (401, unauthorized)
        wrong_secret = emulator.token.split(":")[0] + ":wrong-secret"
        async with http.post(f"{emulator.url}/bot{wrong_secret}/getMe") as answer:
            assert (answer.status, await answer.json()) == (401, unauthorized)
        async with http.post(f"{emulator.url}/bot{emulator.token}/sendTelepathy") as answer:
            assert answer.status == 404
            assert (await answer.json())["description"] == "Not Found"
        async with http.post(
            f"{emulator.url}/bot{emulator.token}/sendMessage", json={"chat_id": 5, "text": "x"}
        ) as answer:
            body = await answer.json()
            assert (answer.status, body["description"]) == (400, "Bad Request: chat not found")
