"""`saylau run` as a real process beside an in-process emulator, for the kill and restart tests.

The bot is started, killed with SIGKILL at a chosen instant (say, the moment Telegram shows a
voter "Your vote is recorded") and started again on the same database, so that a test sees
what a voter would see across a crash. No tests here.
"""

from __future__ import annotations

import asyncio
import base64
import os
import signal
import sys
from collections.abc import Callable
from contextlib import suppress
from pathlib import Path
from typing import Any

from sandbox.server import Emulator

ROOT = str(Path(__file__).resolve().parents[2])
# The keys of tests.e2e.scene.VAULT, so that the test can read what the process sealed.
KEYS = {
    "PSEUDONYM_KEY": base64.urlsafe_b64encode(b"p" * 32).decode(),
    "DATA_KEY": base64.urlsafe_b64encode(b"d" * 32).decode(),
}


class BotProcess:
    """`saylau run` on `database_url`, talking to `emulator`; its log is kept in `log_path`."""

    def __init__(
        self, emulator: Emulator, database_url: str, folder: Path, framework: str = "ptb"
    ) -> None:
        self.emulator = emulator
        self.framework = framework
        self.folder = folder
        self.log_path = folder / "bot.log"
        self.env = {
            **os.environ,
            "PYTHONPATH": ROOT,
            "DATABASE_URL": database_url,
            "BOT_TOKEN": emulator.token,
            "TELEGRAM_API_BASE_URL": emulator.url,
            **KEYS,
        }
        for unwanted in ("WEBHOOK_URL", "WEBHOOK_SECRET"):
            self.env.pop(unwanted, None)
        self.process: asyncio.subprocess.Process | None = None
        self._polls_before = 0

    async def start(self, timeout: float = 60) -> None:  # noqa: ASYNC109
        """Start the bot and return once it polls for updates."""
        await self.spawn()
        await self.ready(timeout)

    async def spawn(self) -> None:
        """Start the process; it takes seconds to import its frameworks before it polls."""
        self._polls_before = self._polls()
        with self.log_path.open("ab") as log:
            self.process = await asyncio.create_subprocess_exec(
                sys.executable,
                "-m",
                "admin_cli",
                "run",
                "--log-level",
                "INFO",
                "--framework",
                self.framework,
                cwd=self.folder,  # no .env from the working tree
                env=self.env,
                stdout=log,
                stderr=asyncio.subprocess.STDOUT,
            )

    async def ready(self, timeout: float = 60) -> None:  # noqa: ASYNC109
        """Wait until the process spawned last polls for updates."""
        assert self.process is not None
        loop = asyncio.get_running_loop()
        deadline = loop.time() + timeout
        # Both frameworks ask who the bot is, then start polling.
        while self._polls() == self._polls_before:
            if self.process.returncode is not None or loop.time() > deadline:
                raise AssertionError(f"the bot did not start:\n{self.log()}")
            await asyncio.sleep(0.05)

    def _polls(self) -> int:
        return int(self.emulator.world.stats.accepted.get("getMe", 0))

    def kill_now(self) -> None:
        """SIGKILL, at once and from anywhere: no shutdown, no lease handed over."""
        assert self.process is not None
        with suppress(ProcessLookupError):
            os.kill(self.process.pid, signal.SIGKILL)

    async def kill(self) -> None:
        """SIGKILL, and wait until the process is gone."""
        assert self.process is not None
        self.kill_now()
        await self.process.wait()

    async def stop(self) -> None:
        """Stop the bot as an operator would (SIGTERM), or kill it if it does not stop."""
        if self.process is None or self.process.returncode is not None:
            return
        self.process.send_signal(signal.SIGTERM)
        try:
            await asyncio.wait_for(self.process.wait(), timeout=15)
        except TimeoutError:
            await self.kill()

    def log(self) -> str:
        return self.log_path.read_text(encoding="utf-8", errors="replace")


class WhenShown(list[tuple[str, Any]]):
    """The emulator's record of answered calls, armed to act as Telegram shows a text.

    Installed as the dispatcher's live result list, it sees each call once the emulator has
    applied it and before the bot has its answer: when the `count`-th message showing `text` is
    on a voter's screen, `then` runs at once (say, kills the bot, which is still waiting for
    Telegram's answer) and `fired` is set.
    """

    def __init__(
        self, emulator: Emulator, text: str, count: int, then: Callable[[], None] = lambda: None
    ) -> None:
        super().__init__()
        self.text, self.left, self.then = text, count, then
        self.fired = asyncio.Event()
        emulator.dispatcher.recorded = self

    def append(self, item: tuple[str, Any]) -> None:
        super().append(item)
        _, result = item
        shown = isinstance(result, dict) and self.text in str(result.get("text", ""))
        if shown and not self.fired.is_set():
            self.left -= 1
            if self.left <= 0:
                self.then()
                self.fired.set()


async def until(condition: Callable[[], bool], timeout: float = 20) -> None:  # noqa: ASYNC109
    """Wait for a condition on the emulator's counters, which have no event to wait on."""
    async with asyncio.timeout(timeout):
        while not condition():  # noqa: ASYNC110
            await asyncio.sleep(0.005)
