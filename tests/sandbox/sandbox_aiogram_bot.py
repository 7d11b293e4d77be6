"""The reference bot written with aiogram; only the server address is special."""

from __future__ import annotations

import asyncio
import contextlib
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

from aiogram import Bot, Dispatcher, F
from aiogram.client.default import DefaultBotProperties
from aiogram.client.session.aiohttp import AiohttpSession
from aiogram.client.telegram import TelegramAPIServer
from aiogram.enums import ChatAction
from aiogram.filters import Command, CommandObject, CommandStart
from aiogram.types import (
    BotCommand,
    BufferedInputFile,
    CallbackQuery,
    InlineKeyboardButton,
    InlineKeyboardMarkup,
    KeyboardButton,
    Message,
    ReplyKeyboardMarkup,
    ReplyKeyboardRemove,
)
from aiogram.webhook.aiohttp_server import SimpleRequestHandler, setup_application
from aiohttp import web
from sandbox_reference import (
    COMMANDS_EN,
    COMMANDS_RU,
    MARKDOWN_V2,
    SECRET,
    echo_document,
    free_port,
    tiny_png,
    welcome_html,
)

from sandbox.server import Emulator


def build_dispatcher() -> Dispatcher:
    """Register the reference handlers."""
    dp = Dispatcher()

    @dp.message(CommandStart())
    async def start(message: Message, command: CommandObject) -> None:
        keyboard = InlineKeyboardMarkup(
            inline_keyboard=[
                [
                    InlineKeyboardButton(text="Yes", callback_data="vote:yes"),
                    InlineKeyboardButton(text="No", callback_data="vote:no"),
                ]
            ]
        )
        text = welcome_html(message.from_user.first_name, command.args)
        await message.answer(text, parse_mode="HTML", reply_markup=keyboard)

    @dp.callback_query(F.data.startswith("vote:"))
    async def vote(query: CallbackQuery) -> None:
        choice = query.data.removeprefix("vote:")
        await query.answer(f"Noted {choice}")
        await query.message.edit_text(f"You chose {choice}")

    @dp.message(Command("menu"))
    async def menu(message: Message) -> None:
        keyboard = ReplyKeyboardMarkup(
            keyboard=[[KeyboardButton(text="Register"), KeyboardButton(text="Help")]],
            one_time_keyboard=True,
        )
        await message.answer("Pick one", reply_markup=keyboard)

    @dp.message(F.text == "Register")
    async def register(message: Message) -> None:
        await message.answer("Send your document", reply_markup=ReplyKeyboardRemove())

    @dp.message(F.document)
    async def document(message: Message, bot: Bot) -> None:
        file = await bot.get_file(message.document.file_id)
        content = (await bot.download_file(file.file_path)).read()
        await bot.send_chat_action(message.chat.id, ChatAction.UPLOAD_DOCUMENT)
        upload = BufferedInputFile(echo_document(content), f"echo-{message.document.file_name}")
        await message.answer_document(upload, caption=f"size={len(content)}")

    @dp.message(Command("photo"))
    async def photo(message: Message) -> None:
        await message.answer_photo(BufferedInputFile(tiny_png(), "photo.png"), caption="A photo")

    @dp.message(Command("edit"))
    async def edit(message: Message) -> None:
        sent = await message.answer("Step 1")
        await sent.edit_text("Step 2")

    @dp.message(Command("delete"))
    async def delete(message: Message) -> None:
        sent = await message.answer("temporary")
        await sent.delete()
        await message.answer("deleted")

    @dp.message(Command("md"))
    async def markdown(message: Message) -> None:
        await message.answer(MARKDOWN_V2, parse_mode="MarkdownV2")

    @dp.message(Command("whoami"))
    async def whoami(message: Message, bot: Bot) -> None:
        chat = await bot.get_chat(message.chat.id)
        member = await bot.get_chat_member(chat.id, message.from_user.id)
        await message.answer(f"{chat.type} {member.status}")

    @dp.edited_message(F.text)
    async def edited(message: Message) -> None:
        await message.answer(f"Edited: {message.text}")

    @dp.message(F.forward_origin, F.text)
    async def forwarded(message: Message) -> None:
        origin = message.forward_origin
        name = origin.sender_user.first_name if origin.type == "user" else origin.sender_user_name
        await message.answer(f"Forwarded from {name}")

    @dp.message(F.text)
    async def echo(message: Message) -> None:
        await message.answer(f"Echo: {message.text}")

    return dp


def build_bot(emulator: Emulator, token: str | None = None) -> Bot:
    """Create a Bot whose session talks to the emulator."""
    session = AiohttpSession(api=TelegramAPIServer.from_base(emulator.url))
    return Bot(token or emulator.token, session=session, default=DefaultBotProperties())


@asynccontextmanager
async def running_aiogram_bot(emulator: Emulator, webhook: bool = False) -> AsyncIterator[Bot]:
    """Run the bot by long polling or by webhook, and stop it cleanly."""
    bot, dp = build_bot(emulator), build_dispatcher()
    await bot.set_my_commands([BotCommand(command=c, description=d) for c, d in COMMANDS_EN])
    commands_ru = [BotCommand(command=c, description=d) for c, d in COMMANDS_RU]
    await bot.set_my_commands(commands_ru, language_code="ru")
    if webhook:
        app = web.Application()
        SimpleRequestHandler(dispatcher=dp, bot=bot, secret_token=SECRET).register(
            app, path="/hook"
        )
        setup_application(app, dp, bot=bot)
        runner = web.AppRunner(app, access_log=None)
        await runner.setup()
        port = free_port()
        await web.TCPSite(runner, "127.0.0.1", port).start()
        await bot.set_webhook(f"http://127.0.0.1:{port}/hook", secret_token=SECRET)
        try:
            yield bot
        finally:
            await runner.cleanup()
            await bot.session.close()
        return
    polling = asyncio.create_task(dp.start_polling(bot, handle_signals=False, polling_timeout=1))
    try:
        yield bot
    finally:
        with contextlib.suppress(RuntimeError):
            await dp.stop_polling()
        await polling
        await bot.session.close()
