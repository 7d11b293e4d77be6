"""The real bot as a separate process (`saylau run`), and its memory as the kernel counts it.

The process runs in an empty folder, so that no `.env` of the checkout leaks into it, with every
setting in its environment. Its output goes to a log file, shown when something goes wrong.
"""

from __future__ import annotations

import asyncio
import base64
import contextlib
import os
import signal
import sys
import tempfile
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


@dataclass(frozen=True)
class Memory:
    rss_mb: float  # VmRSS: resident now
    hwm_mb: float  # VmHWM: the most it was ever resident


class BotProcess:
    def __init__(self, process: asyncio.subprocess.Process, log: Path) -> None:
        self.process = process
        self.log = log

    @property
    def running(self) -> bool:
        return self.process.returncode is None

    def memory(self) -> Memory:
        fields = {}
        for line in Path(f"/proc/{self.process.pid}/status").read_text().splitlines():
            name, _, value = line.partition(":")
            if name in ("VmRSS", "VmHWM"):
                fields[name] = int(value.split()[0]) / 1024  # kB
        return Memory(fields["VmRSS"], fields["VmHWM"])

    def log_tail(self, lines: int = 20) -> str:
        text = self.log.read_text(encoding="utf-8", errors="replace").splitlines()
        return "\n".join(text[-lines:])


def bot_environment(
    database_url: str, api_url: str, token: str, pseudonym_key: bytes, data_key: bytes
) -> dict[str, str]:
    """What `saylau run` reads (app.settings), over a copy of this process's environment."""
    return {
        **os.environ,
        "PYTHONPATH": str(ROOT),
        "DATABASE_URL": database_url,
        "BOT_TOKEN": token,
        "TELEGRAM_API_BASE_URL": api_url,
        "PSEUDONYM_KEY": base64.urlsafe_b64encode(pseudonym_key).decode(),
        "DATA_KEY": base64.urlsafe_b64encode(data_key).decode(),
        "WEBHOOK_URL": "",  # polling: the emulator is on loopback
    }


@asynccontextmanager
async def bot_process(env: dict[str, str], framework: str = "ptb") -> AsyncIterator[BotProcess]:
    """Start `saylau run`; stop it with SIGTERM (as a service manager would) when done."""
    with tempfile.TemporaryDirectory(prefix="saylau-bench-bot-") as folder:
        log = Path(folder) / "bot.log"
        with log.open("wb") as output:
            process = await asyncio.create_subprocess_exec(
                sys.executable,
                "-m",
                "admin_cli",
                "run",
                "--framework",
                framework,
                "--log-level",
                "WARNING",
                cwd=folder,
                env=env,
                stdout=output,
                stderr=asyncio.subprocess.STDOUT,
            )
        bot = BotProcess(process, log)
        try:
            yield bot
        finally:
            if bot.running:
                process.send_signal(signal.SIGTERM)
                try:
                    await asyncio.wait_for(process.wait(), timeout=30)
                except TimeoutError:
                    with contextlib.suppress(ProcessLookupError):
                        process.kill()
                    await process.wait()
