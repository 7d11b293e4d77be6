"""Group chats read alike by every member, and the emulator as its own process."""

from __future__ import annotations

import asyncio
import os
import sys
from collections.abc import AsyncIterator
from pathlib import Path

import aiohttp
import pytest
from sandbox_ptb_bot import running_ptb_bot

from sandbox.control_client import ControlError, RemoteSandbox
from sandbox.server import Emulator
from sandbox.world import DEFAULT_TOKEN

ROOT = Path(__file__).resolve().parents[2]


async def test_sandbox_group_members_see_the_same_chat(emulator: Emulator) -> None:
    aida, bolat = emulator.add_user("Aida"), emulator.add_user("Bolat", language_code="en")
    group = emulator.add_group("PLHIV community", [aida, bolat], supergroup=True)
    async with running_ptb_bot(emulator):
        aida_phone, bolat_phone = emulator.phone(aida, group), emulator.phone(bolat, group)
        await aida_phone.send("/whoami")
        assert (await bolat_phone.next_message()).text == "supergroup creator"
        await bolat_phone.send("/whoami")
        # every phone reads the group on its own: Aida has two unread answers
        assert (await aida_phone.next_message()).text == "supergroup creator"
        assert (await aida_phone.next_message()).text == "supergroup member"
    assert aida_phone.transcript().texts() == bolat_phone.transcript().texts()
    assert [line.sender for line in bolat_phone.transcript()] == ["Aida", "bot", "me", "bot"]
    with pytest.raises(ValueError, match="not a member"):
        emulator.phone(emulator.add_user("Outsider"), group)


@pytest.fixture
async def standalone() -> AsyncIterator[str]:
    """Run ``python -m sandbox --port 0`` and yield its URL."""
    process = await asyncio.create_subprocess_exec(
        sys.executable,
        "-m",
        "sandbox",
        "--port",
        "0",
        cwd=ROOT,
        stdout=asyncio.subprocess.PIPE,
        env={**os.environ, "PYTHONPATH": str(ROOT)},
    )
    assert process.stdout is not None
    line = (await asyncio.wait_for(process.stdout.readline(), 20)).decode()
    yield line.split(" on ")[1].split("/bot")[0]
    process.terminate()
    assert await asyncio.wait_for(process.wait(), 10) == 0


async def test_sandbox_standalone_process_with_control_api(standalone: str) -> None:
    api = f"{standalone}/bot{DEFAULT_TOKEN}"
    async with RemoteSandbox(standalone) as remote, aiohttp.ClientSession() as http:
        user_id = await remote.add_user("Dana", language_code="kk")
        await remote.send(user_id, "/start vote-2024")
        async with http.post(f"{api}/getUpdates", data={"timeout": "1"}) as answer:
            updates = (await answer.json())["result"]
        assert updates[0]["message"]["text"] == "/start vote-2024"
        keyboard = '{"inline_keyboard": [[{"text": "Join", "callback_data": "join"}]]}'
        reply = {"chat_id": str(user_id), "text": "<b>Hello</b>", "parse_mode": "HTML"}
        async with http.post(
            f"{api}/sendMessage", data={**reply, "reply_markup": keyboard}
        ) as answer:
            assert answer.status == 200
        seen = await remote.next_message(user_id)
        assert (seen["text"], seen["buttons"]) == ("Hello", [["Join"]])
        await remote.tap(user_id, "Join")
        async with http.post(
            f"{api}/getUpdates", data={"offset": str(updates[-1]["update_id"] + 1)}
        ) as answer:
            assert (await answer.json())["result"][0]["callback_query"]["data"] == "join"
        chat = await remote.transcript(user_id)
        assert chat["rendered"] == "me: /start vote-2024\nbot: Hello\n     [Join]"
        stats = await remote.stats()
        assert stats["accepted"]["sendMessage"] == 1
        assert stats["updates_created"] == 2
        with pytest.raises(ControlError, match="no button"):
            await remote.tap(user_id, "Missing")


async def test_sandbox_control_api_restart_keeps_state(emulator: Emulator) -> None:
    async with RemoteSandbox(emulator.url) as remote:
        user_id = await remote.add_user("Nurlan")
        await remote.send(user_id, "before restart")
        assert await remote.call("restart", downtime=0.2) is True
        for _ in range(100):
            if emulator.starts == 2:
                break
            await asyncio.sleep(0.05)
        for _ in range(100):  # the first request may meet the connection the restart closed
            try:
                chat = await remote.transcript(user_id)
                break
            except aiohttp.ClientError:
                await asyncio.sleep(0.05)
    assert emulator.starts == 2
    assert chat["rendered"] == "me: before restart"
    assert emulator.world.bot().updates.pending_count == 1
