"""`saylau` as a real process: its commands, and `saylau run` beside an in-process emulator.

For the kill and restart tests, the bot is started, killed with SIGKILL at a chosen instant (say,
the moment Telegram shows a voter "Your vote is recorded") and started again on the same database,
so that a test sees what a voter would see across a crash. tests/e2e/test_e2e_serving.py runs
the commands, and the bot, against an emulator that is a process too. No tests here.
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
from typing import IO, Any

from sandbox.server import Emulator
from tests.waiting import poll_until

ROOT = str(Path(__file__).resolve().parents[2])
# The keys of tests.e2e.scene.VAULT, so that the test can read what the process sealed.
KEYS = {
    "PSEUDONYM_KEY": base64.urlsafe_b64encode(b"p" * 32).decode(),
    "DATA_KEY": base64.urlsafe_b64encode(b"d" * 32).decode(),
}


def saylau_environment(database_url: str, api_url: str, token: str) -> dict[str, str]:
    """What `saylau` reads, over this process's environment: the test keys, and no webhook."""
    env = {
        **os.environ,
        "PYTHONPATH": ROOT,
        "DATABASE_URL": database_url,
        "BOT_TOKEN": token,
        "TELEGRAM_API_BASE_URL": api_url,
        **KEYS,
    }
    for unwanted in ("WEBHOOK_URL", "WEBHOOK_SECRET"):
        env.pop(unwanted, None)
    return env


async def start_saylau(
    env: dict[str, str], folder: Path, *args: str, output: IO[bytes] | int
) -> asyncio.subprocess.Process:
    """Start `saylau *args` in `folder` (so no .env of the checkout), its output to `output`."""
    return await asyncio.create_subprocess_exec(
        sys.executable,
        "-m",
        "admin_cli",
        *args,
        cwd=folder,
        env=env,
        stdout=output,
        stderr=asyncio.subprocess.STDOUT,
    )


async def saylau(env: dict[str, str], folder: Path, *args: str) -> str:
    """Run `saylau *args` to its end, which must be a success; return what it wrote."""
    process = await start_saylau(env, folder, *args, output=asyncio.subprocess.PIPE)
    output, _ = await process.communicate()
    assert process.returncode == 0, output.decode()
    return output.decode()


class BotProcess:
    """`saylau run` on `database_url`, talking to `emulator`; its log is kept in `log_path`."""

    def __init__(
        self, emulator: Emulator, database_url: str, folder: Path, framework: str = "ptb"
    ) -> None:
        self.emulator = emulator
        self.framework = framework
        self.folder = folder
        self.log_path = folder / "bot.log"
        self.env = saylau_environment(database_url, emulator.url, emulator.token)
        self.process: asyncio.subprocess.Process | None = None
        self._polls_before = 0

    async def start(self, timeout: float = 60) -> None:  # noqa: ASYNC109
        """Start the bot and return once it polls for updates."""
        await self.spawn()
        await self.ready(timeout)

    async def spawn(self) -> None:
        """Start the process; it takes seconds to import its frameworks before it polls."""
        self._polls_before = self._polls()
        arguments = ("run", "--log-level", "INFO", "--framework", self.framework)
        with self.log_path.open("ab") as log:
            self.process = await start_saylau(self.env, self.folder, *arguments, output=log)

    async def ready(self, timeout: float = 60) -> None:  # noqa: ASYNC109
        """Wait until the process spawned last polls for updates."""
        process = self.process
        assert process is not None

        def polling() -> bool:  # both frameworks ask who the bot is, then start polling
            return self._polls() != self._polls_before

        with suppress(TimeoutError):
            await poll_until(lambda: polling() or process.returncode is not None, timeout, 0.05)
        if not polling():
            raise AssertionError(f"the bot did not start:\n{self.log()}")

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
