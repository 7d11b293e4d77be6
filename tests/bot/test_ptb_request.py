"""python-telegram-bot's requests go through aiohttp (bot.handlers.ptb_request): messages and
uploads arrive, and a slow, failing or absent Telegram becomes "retry later", as with httpx."""

from __future__ import annotations

import pytest
from telegram.ext import Application

from bot.delivery import RetryLater
from bot.handlers.ptb import PtbTransport
from bot.handlers.ptb_request import AiohttpRequest
from bot.launch import Connection
from bot.launch_ptb import application_for
from sandbox.server import Emulator
from sandbox.testing import running_emulator

PDF = b"%PDF-1.4 protocol of the PLHIV group"


async def test_messages_edits_and_uploads_reach_the_chat() -> None:
    async with (
        running_emulator() as emulator,
        application_for(Connection(emulator.token, emulator.url)) as application,
    ):
        phone = emulator.phone(emulator.add_user("Aigul"))
        await phone.start()
        transport = PtbTransport(application)
        keyboard = [[{"text": "Растау", "data": "t1"}]]
        await transport.send(phone.chat.id, "<b>Сәлем</b>, Айгүл", keyboard, None)
        sent = phone.last_message
        assert sent is not None
        await transport.send(phone.chat.id, "Ваш голос записан", [], sent.message_id)
        await transport.send_upload(phone.chat.id, "protocol.pdf", PDF, "Протокол")
        text, document = phone.conversation.bot_messages
    assert (text.text, text.buttons) == ("Ваш голос записан", ())
    assert document.caption == "Протокол"
    assert document.document is not None and document.document["file_name"] == "protocol.pdf"
    assert await phone.download(document) == PDF


def _impatient(emulator: Emulator) -> Application:  # type: ignore[type-arg]
    request = AiohttpRequest(connections=2, read_timeout=0.3)
    builder = Application.builder().token(emulator.token).base_url(f"{emulator.url}/bot")
    return builder.request(request).get_updates_request(AiohttpRequest(connections=1)).build()


@pytest.mark.parametrize("fault", ["slow", "server error", "unreachable"])
async def test_a_slow_failing_or_unreachable_telegram_is_retried_later(fault: str) -> None:
    async with running_emulator() as emulator:
        phone = emulator.phone(emulator.add_user("Marat"))
        await phone.start()
        if fault == "slow":
            emulator.world.faults.delay("sendMessage", 2.0)
        elif fault == "server error":
            emulator.world.faults.fail("sendMessage", status=502)
        async with _impatient(emulator) as application:
            if fault == "unreachable":
                await emulator.stop()
            with pytest.raises(RetryLater):
                await PtbTransport(application).send(phone.chat.id, "Сәлем", [], None)
