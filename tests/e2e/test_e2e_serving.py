"""Serving for real: webhook secrets enforced, and `saylau run` as a process that leaks nothing."""

from __future__ import annotations

import asyncio
import signal
import sys
from datetime import UTC, datetime, timedelta
from pathlib import Path

import aiohttp
import pytest

from bot.launch import Framework
from sandbox.control_client import RemoteSandbox
from tests.builders import REGISTRATION_OPENS, election
from tests.e2e.scene import free_port, scene
from tests.faults.process_support import saylau, saylau_environment, start_saylau
from tests.waiting import shown

pytestmark = pytest.mark.slow
SECRET = "s3cret-token_for-webhooks"


@pytest.mark.parametrize("framework", list(Framework))
async def test_webhook_calls_without_the_secret_are_refused(
    framework: Framework, database_url: str
) -> None:
    now = REGISTRATION_OPENS + timedelta(hours=1)
    async with scene(framework, database_url, election(), now, webhook_secret=SECRET) as stage:
        emulator, hook = stage.emulator, stage.hook
        assert hook is not None
        phone = emulator.phone(emulator.add_user("Dana"))
        await phone.start()
        await shown(phone, "Согласны участвовать")
        forged = {
            "update_id": 99,
            "message": {
                "message_id": 5,
                "date": 0,
                "chat": {"id": 42, "type": "private"},
                "from": {"id": 42, "is_bot": False, "first_name": "Mallory"},
                "text": "/start",
            },
        }
        async with aiohttp.ClientSession() as http:
            for headers in ({}, {"X-Telegram-Bot-Api-Secret-Token": "wrong"}):
                async with http.post(hook, json=forged, headers=headers) as answer:
                    assert answer.status in (401, 403)
        await asyncio.sleep(0.2)
        assert 42 not in emulator.world.chats or not emulator.world.conversations.get(
            (emulator.world.bot().id, 42)
        )


ELECTION_YAML = """
cycle:
  code: ccm-now
  names: {{ru: Выборы, kk: Сайлау, en: Elections}}
  year: {year}
  timezone: UTC
  starts: {starts}
  ends: {ends}
defaults:
  calendar:
    preparation: {starts}
    announcement: {starts}
    registration: {{opens: {starts}, closes: {closes}}}
    candidate_list: {closes}
    voting: {{opens: {closes}, closes: {ends}}}
    results: {ends}
groups:
  - code: PLHIV
    names: {{ru: ЛЖВ, kk: АИТВ-мен өмір сүретін адамдар, en: People living with HIV}}
"""


async def test_saylau_run_serves_until_terminated_and_logs_no_identity(tmp_path: Path) -> None:
    now = datetime.now(UTC).replace(second=0, microsecond=0)
    fmt = "%Y-%m-%d %H:%M"
    (tmp_path / "election.yaml").write_text(
        ELECTION_YAML.format(
            year=now.year,
            starts=(now - timedelta(days=1)).strftime(fmt),
            closes=(now + timedelta(days=1)).strftime(fmt),
            ends=(now + timedelta(days=2)).strftime(fmt),
        ),
        encoding="utf-8",
    )
    port = free_port()
    emulator = await asyncio.create_subprocess_exec(
        sys.executable,
        "-m",
        "sandbox",
        "--port",
        str(port),
        "--no-flood",
        stdout=asyncio.subprocess.DEVNULL,
        stderr=asyncio.subprocess.DEVNULL,
    )
    token = "123456:TEST-token-never-logged"
    database_url = f"sqlite+aiosqlite:///{tmp_path / 'saylau.db'}"
    env = saylau_environment(database_url, f"http://127.0.0.1:{port}", token)
    bot = None
    try:
        await saylau(env, tmp_path, "db", "upgrade")
        await saylau(env, tmp_path, "election", "load", str(tmp_path / "election.yaml"))
        bot = await start_saylau(
            env, tmp_path, "run", "--log-level", "INFO", output=asyncio.subprocess.PIPE
        )
        remote = RemoteSandbox(f"http://127.0.0.1:{port}")
        async with remote:
            user = await _retry(lambda: remote.add_user("Erlan"))
            await remote.send(user, "/start", token=token)
            reply = await remote.next_message(user, timeout=40, token=token)
            assert "Согласны участвовать" in reply["text"]
        bot.send_signal(signal.SIGTERM)
        output, _ = await asyncio.wait_for(bot.communicate(), timeout=20)
        assert bot.returncode == 0, output.decode()
        log = output.decode()
        assert token not in log and token.split(":")[0] not in log
        assert str(user) not in log
    finally:
        for process in (bot, emulator):
            if process is not None and process.returncode is None:
                process.kill()
                await process.wait()


async def _retry(call, attempts: int = 50):  # type: ignore[no-untyped-def]
    for _ in range(attempts - 1):
        try:
            return await call()
        except aiohttp.ClientConnectionError:
            await asyncio.sleep(0.1)
    return await call()
