"""The reference bot written with python-telegram-bot; only the server address is special."""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

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
from telegram import (
    BotCommand,
    InlineKeyboardButton,
    InlineKeyboardMarkup,
    ReplyKeyboardMarkup,
    ReplyKeyboardRemove,
    Update,
)
from telegram.constants import ChatAction, ParseMode
from telegram.ext import (
    Application,
    CallbackQueryHandler,
    CommandHandler,
    ContextTypes,
    MessageHandler,
    filters,
)

from sandbox.server import Emulator

Context = ContextTypes.DEFAULT_TYPE


async def start(update: Update, context: Context) -> None:
    keyboard = InlineKeyboardMarkup(
        [
            [
                InlineKeyboardButton("Yes", callback_data="vote:yes"),
                InlineKeyboardButton("No", callback_data="vote:no"),
            ]
        ]
    )
    payload = " ".join(context.args or []) or None
    text = welcome_html(update.effective_user.first_name, payload)
    await update.effective_message.reply_html(text, reply_markup=keyboard)


async def vote(update: Update, context: Context) -> None:
    choice = update.callback_query.data.removeprefix("vote:")
    await update.callback_query.answer(f"Noted {choice}")
    await update.callback_query.edit_message_text(f"You chose {choice}")


async def menu(update: Update, context: Context) -> None:
    keyboard = ReplyKeyboardMarkup([["Register", "Help"]], one_time_keyboard=True)
    await update.effective_message.reply_text("Pick one", reply_markup=keyboard)


async def register(update: Update, context: Context) -> None:
    await update.effective_message.reply_text(
        "Send your document", reply_markup=ReplyKeyboardRemove()
    )


async def document(update: Update, context: Context) -> None:
    received = update.effective_message.document
    content = bytes(await (await received.get_file()).download_as_bytearray())
    await update.effective_chat.send_action(ChatAction.UPLOAD_DOCUMENT)
    await update.effective_message.reply_document(
        echo_document(content),
        filename=f"echo-{received.file_name}",
        caption=f"size={len(content)}",
    )


async def photo(update: Update, context: Context) -> None:
    await update.effective_message.reply_photo(tiny_png(), caption="A photo")


async def edit(update: Update, context: Context) -> None:
    sent = await update.effective_message.reply_text("Step 1")
    await sent.edit_text("Step 2")


async def delete(update: Update, context: Context) -> None:
    sent = await update.effective_message.reply_text("temporary")
    await sent.delete()
    await update.effective_message.reply_text("deleted")


async def markdown(update: Update, context: Context) -> None:
    await update.effective_message.reply_text(MARKDOWN_V2, parse_mode=ParseMode.MARKDOWN_V2)


async def whoami(update: Update, context: Context) -> None:
    chat = await context.bot.get_chat(update.effective_chat.id)
    member = await context.bot.get_chat_member(chat.id, update.effective_user.id)
    await update.effective_message.reply_text(f"{chat.type} {member.status}")


async def edited(update: Update, context: Context) -> None:
    await update.effective_message.reply_text(f"Edited: {update.effective_message.text}")


async def forwarded(update: Update, context: Context) -> None:
    origin = update.effective_message.forward_origin
    name = origin.sender_user.first_name if origin.type == "user" else origin.sender_user_name
    await update.effective_message.reply_text(f"Forwarded from {name}")


async def echo(update: Update, context: Context) -> None:
    await update.effective_message.reply_text(f"Echo: {update.effective_message.text}")


def build(emulator: Emulator, token: str | None = None) -> Application:
    """Build the application against the emulator."""
    app = (
        Application.builder()
        .token(token or emulator.token)
        .base_url(f"{emulator.url}/bot")
        .base_file_url(f"{emulator.url}/file/bot")
        .build()
    )
    new_message = filters.UpdateType.MESSAGE
    app.add_handler(CommandHandler("start", start))
    app.add_handler(CallbackQueryHandler(vote, pattern="^vote:"))
    for name, handler in (("menu", menu), ("photo", photo), ("edit", edit), ("delete", delete)):
        app.add_handler(CommandHandler(name, handler))
    app.add_handler(CommandHandler("md", markdown))
    app.add_handler(CommandHandler("whoami", whoami))
    app.add_handler(MessageHandler(new_message & filters.Regex("^Register$"), register))
    app.add_handler(MessageHandler(new_message & filters.Document.ALL, document))
    app.add_handler(MessageHandler(filters.UpdateType.EDITED_MESSAGE & filters.TEXT, edited))
    app.add_handler(MessageHandler(new_message & filters.FORWARDED & filters.TEXT, forwarded))
    app.add_handler(MessageHandler(new_message & filters.TEXT & ~filters.COMMAND, echo))
    return app


@asynccontextmanager
async def running_ptb_bot(emulator: Emulator, webhook: bool = False) -> AsyncIterator[Application]:
    """Run the bot by long polling or by webhook, and stop it cleanly."""
    app = build(emulator)
    await app.initialize()
    await app.bot.set_my_commands([BotCommand(*pair) for pair in COMMANDS_EN])
    await app.bot.set_my_commands([BotCommand(*pair) for pair in COMMANDS_RU], language_code="ru")
    await app.start()
    if webhook:
        port = free_port()
        await app.updater.start_webhook(
            listen="127.0.0.1",
            port=port,
            url_path="hook",
            webhook_url=f"http://127.0.0.1:{port}/hook",
            secret_token=SECRET,
        )
    else:
        await app.updater.start_polling(poll_interval=0, timeout=1)
    try:
        yield app
    finally:
        await app.updater.stop()
        await app.stop()
        await app.shutdown()
