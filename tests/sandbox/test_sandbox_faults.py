"""Fault injection: duplicate updates, lost confirmations, failing and slow methods, restarts."""

from __future__ import annotations

import asyncio
import time
from collections.abc import AsyncIterator

import aiohttp
import pytest
from aiogram.exceptions import TelegramServerError
from aiohttp import web
from sandbox_aiogram_bot import running_aiogram_bot
from sandbox_clients import caller
from sandbox_ptb_bot import running_ptb_bot
from sandbox_reference import SECRET, free_port
from telegram.error import NetworkError

from sandbox.server import Emulator

SERVER_ERRORS = {"ptb": NetworkError, "aiogram": TelegramServerError}


@pytest.mark.parametrize("webhook", [False, True], ids=["polling", "webhook"])
async def test_sandbox_duplicated_update_reaches_the_bot_twice(
    emulator: Emulator, webhook: bool
) -> None:
    async with running_aiogram_bot(emulator, webhook):
        phone = emulator.phone(emulator.add_user("Gulnar"))
        emulator.world.faults.duplicate_next_update()
        await phone.send("once")
        replies = [await phone.next_message(), await phone.next_message()]
    assert [reply.text for reply in replies] == ["Echo: once", "Echo: once"]


@pytest.mark.parametrize("webhook", [False, True], ids=["polling", "webhook"])
async def test_sandbox_lost_confirmation_redelivers(emulator: Emulator, webhook: bool) -> None:
    async with running_ptb_bot(emulator, webhook):
        phone = emulator.phone(emulator.add_user("Marat"))
        emulator.world.faults.drop_next_confirmation()
        await phone.send("hello")
        replies = [await phone.next_message(), await phone.next_message()]
        await phone.send("next")
        assert (await phone.next_message()).text == "Echo: next"
    assert [reply.text for reply in replies] == ["Echo: hello", "Echo: hello"]
    assert phone.unread() == []


@pytest.mark.parametrize("framework", ["aiogram", "ptb"])
async def test_sandbox_injected_500_fails_one_call_only(emulator: Emulator, framework: str) -> None:
    async with caller(emulator, framework) as bot:  # PTB calls getMe on opening
        emulator.world.faults.fail("getMe", status=500, times=1)
        with pytest.raises(SERVER_ERRORS[framework]):
            await bot("getMe")
        assert (await bot("getMe"))["is_bot"] is True


async def test_sandbox_injected_delay_slows_one_call(emulator: Emulator) -> None:
    async with caller(emulator, "ptb") as bot:
        emulator.world.faults.delay("getMe", 0.3)
        started = time.perf_counter()
        await bot("getMe")
        slow = time.perf_counter() - started
        started = time.perf_counter()
        await bot("getMe")
        fast = time.perf_counter() - started
    assert slow >= 0.3 > fast


async def test_sandbox_restart_keeps_chats_and_pending_updates(emulator: Emulator) -> None:
    async with running_ptb_bot(emulator):
        phone = emulator.phone(emulator.add_user("Saule"))
        await phone.send("before")
        assert (await phone.next_message()).text == "Echo: before"
        port = emulator.port
        await emulator.stop()
        await phone.send("while down")  # the update waits in the queue
        await emulator.start()
        assert emulator.port == port
        assert (await phone.next_message(timeout=10)).text == "Echo: while down"
        await emulator.restart(downtime=0.1)
        await phone.send("after")
        assert (await phone.next_message(timeout=10)).text == "Echo: after"
    assert phone.transcript().texts("me") == ["before", "while down", "after"]


@pytest.fixture
async def flaky_webhook() -> AsyncIterator[tuple[str, list[dict[str, object]]]]:
    """A webhook endpoint that fails twice with 500, then accepts; it records what it got."""
    received: list[dict[str, object]] = []

    async def hook(request: web.Request) -> web.Response:
        received.append(
            {
                "secret": request.headers.get("X-Telegram-Bot-Api-Secret-Token"),
                **await request.json(),
            }
        )
        return web.Response(status=500 if len(received) <= 2 else 200)

    app = web.Application()
    app.router.add_post("/hook", hook)
    runner = web.AppRunner(app, access_log=None)
    await runner.setup()
    port = free_port()
    await web.TCPSite(runner, "127.0.0.1", port).start()
    yield f"http://127.0.0.1:{port}/hook", received
    await runner.cleanup()


async def test_sandbox_webhook_retries_failed_deliveries(
    emulator: Emulator, flaky_webhook: tuple[str, list[dict[str, object]]]
) -> None:
    url, received = flaky_webhook
    async with caller(emulator, "aiogram") as bot:
        await bot("setWebhook", url=url, secret_token=SECRET)
        await emulator.phone(emulator.add_user("Timur")).send("vote")
        for _ in range(100):
            if len(received) == 3:
                break
            await asyncio.sleep(0.05)
        info = await bot("getWebhookInfo")
    assert [item["update_id"] for item in received] == [1, 1, 1]
    assert {item["secret"] for item in received} == {SECRET}
    assert info["pending_update_count"] == 0
    assert (
        info["last_error_message"] == "Wrong response from the webhook: 500 Internal Server Error"
    )


async def test_sandbox_webhook_answer_may_carry_a_method(emulator: Emulator) -> None:
    async def hook(request: web.Request) -> web.Response:
        update = await request.json()
        chat_id = update["message"]["chat"]["id"]
        return web.json_response(
            {"method": "sendMessage", "chat_id": chat_id, "text": "inline reply"}
        )

    app = web.Application()
    app.router.add_post("/hook", hook)
    runner = web.AppRunner(app, access_log=None)
    await runner.setup()
    port = free_port()
    await web.TCPSite(runner, "127.0.0.1", port).start()
    try:
        async with aiohttp.ClientSession() as http:
            await http.post(
                f"{emulator.url}/bot{emulator.token}/setWebhook",
                data={"url": f"http://127.0.0.1:{port}/hook"},
            )
        phone = emulator.phone(emulator.add_user("Asel"))
        await phone.send("hi")
        assert (await phone.next_message()).text == "inline reply"
    finally:
        await runner.cleanup()
