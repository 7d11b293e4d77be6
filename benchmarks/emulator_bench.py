"""How fast the Bot API emulator accepts and delivers updates and accepts sendMessage calls.

Run: ``.venv/bin/python -m benchmarks.emulator_bench``. The emulator runs in its own process,
pinned to one core when the machine has two or more; this process generates the load (pinned to
another core). Each phase prints a wall-clock rate and the emulator's own CPU time, from which the
rate one fully busy core would sustain follows.
"""

from __future__ import annotations

import argparse
import asyncio
import os
import sys
import time
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from pathlib import Path

import aiohttp
from aiohttp import web

from sandbox.control_client import RemoteSandbox
from sandbox.world import DEFAULT_TOKEN

ROOT = Path(__file__).resolve().parents[1]
CLOCK_TICKS = os.sysconf("SC_CLK_TCK")


@dataclass
class Measure:
    """One phase: operations done, wall time, and CPU seconds the emulator spent."""

    name: str
    operations: int
    wall: float
    emulator_cpu: float

    def report(self) -> str:
        rate = self.operations / self.wall
        per_core = self.operations / self.emulator_cpu if self.emulator_cpu else float("inf")
        return (
            f"{self.name:<38} {self.operations:>7} ops {self.wall:7.2f} s "
            f"{rate:>9.0f}/s wall {per_core:>9.0f}/s per emulator CPU-second"
        )


def cpu_seconds(pid: int) -> float:
    """Return user+system CPU time of a process (Linux /proc)."""
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / CLOCK_TICKS


async def measure(
    name: str, pid: int, operations: int, work: Callable[[], Awaitable[None]]
) -> Measure:
    """Time a phase and the emulator's CPU use during it."""
    cpu_before, started = cpu_seconds(pid), time.perf_counter()
    await work()
    return Measure(name, operations, time.perf_counter() - started, cpu_seconds(pid) - cpu_before)


async def start_emulator() -> tuple[asyncio.subprocess.Process, str]:
    """Start ``python -m sandbox`` without flood control on a free port."""
    process = await asyncio.create_subprocess_exec(
        sys.executable,
        "-m",
        "sandbox",
        "--port",
        "0",
        "--no-flood",
        cwd=ROOT,
        stdout=asyncio.subprocess.PIPE,
    )
    assert process.stdout is not None
    line = (await process.stdout.readline()).decode()
    if hasattr(os, "sched_setaffinity") and (os.cpu_count() or 1) >= 2:
        os.sched_setaffinity(process.pid, {0})
        os.sched_setaffinity(0, set(range(1, os.cpu_count() or 2)))
    return process, line.split(" on ")[1].split("/bot")[0]


async def inject(remote: RemoteSandbox, users: list[int], total: int, batch: int = 500) -> None:
    """Have the users send ``total`` messages through the control API."""
    items = [{"user_id": users[n % len(users)], "text": f"vote {n}"} for n in range(total)]
    for start in range(0, total, batch):
        await remote.bulk_send(items[start : start + batch])


async def inject_one_by_one(url: str, users: list[int], total: int, concurrency: int) -> None:
    """Have the users send ``total`` messages, one control request each, from parallel clients."""
    async with aiohttp.ClientSession(connector=aiohttp.TCPConnector(limit=concurrency)) as http:

        async def client(first: int) -> None:
            for n in range(first, total, concurrency):
                body = {"user_id": users[n % len(users)], "text": f"vote {n}"}
                async with http.post(f"{url}/sandbox/send", json=body) as answer:
                    await answer.read()

        await asyncio.gather(*(client(first) for first in range(concurrency)))


async def drain(http: aiohttp.ClientSession, api: str, total: int) -> None:
    """Fetch and confirm ``total`` updates by getUpdates, 100 at a time."""
    offset, received = 0, 0
    while received < total:
        async with http.post(
            f"{api}/getUpdates", data={"offset": str(offset), "limit": "100"}
        ) as answer:
            batch = (await answer.json())["result"]
        received += len(batch)
        offset = batch[-1]["update_id"] + 1 if batch else offset
    async with http.post(f"{api}/getUpdates", data={"offset": str(offset), "timeout": "0"}):
        pass


async def send_messages(api: str, users: list[int], total: int, concurrency: int) -> None:
    """Call sendMessage ``total`` times from ``concurrency`` parallel clients, form-encoded."""
    connector = aiohttp.TCPConnector(limit=concurrency)
    async with aiohttp.ClientSession(connector=connector) as http:

        async def client(first: int) -> None:
            for n in range(first, total, concurrency):
                data = {"chat_id": str(users[n % len(users)]), "text": f"Ballot {n} received"}
                async with http.post(f"{api}/sendMessage", data=data) as answer:
                    if answer.status != 200:
                        raise RuntimeError(await answer.text())
                    await answer.read()

        await asyncio.gather(*(client(first) for first in range(concurrency)))


async def webhook_delivery(
    remote: RemoteSandbox, pid: int, api: str, users: list[int], total: int
) -> Measure:
    """Deliver ``total`` updates to a webhook in this process."""
    done, received = asyncio.Event(), 0

    async def hook(request: web.Request) -> web.Response:
        nonlocal received
        await request.read()
        received += 1
        if received >= total:
            done.set()
        return web.Response()

    app = web.Application()
    app.router.add_post("/hook", hook)
    runner = web.AppRunner(app, access_log=None)
    await runner.setup()
    site = web.TCPSite(runner, "127.0.0.1", 0)
    await site.start()
    port = runner.addresses[0][1]
    async with aiohttp.ClientSession() as http:
        await http.post(f"{api}/setWebhook", data={"url": f"http://127.0.0.1:{port}/hook"})

        async def deliver() -> None:
            await inject(remote, users, total)
            await asyncio.wait_for(done.wait(), 120)

        result = await measure("updates accepted + POSTed to webhook", pid, total, deliver)
        await http.post(f"{api}/deleteWebhook")
    await runner.cleanup()
    return result


async def main(updates: int, messages: int, concurrency: int, users_count: int) -> None:
    process, url = await start_emulator()
    api = f"{url}/bot{DEFAULT_TOKEN}"
    pid = process.pid
    try:
        async with RemoteSandbox(url) as remote, aiohttp.ClientSession() as http:
            users = [await remote.add_user(f"Voter {n}") for n in range(users_count)]
            phases: list[tuple[str, int, Callable[[], Awaitable[None]]]] = [
                ("updates accepted, 500/request", updates, lambda: inject(remote, users, updates)),
                ("updates delivered by getUpdates", updates, lambda: drain(http, api, updates)),
                (
                    f"updates accepted, 1/request x{concurrency}",
                    updates,
                    lambda: inject_one_by_one(url, users, updates, concurrency),
                ),
                ("updates delivered by getUpdates", updates, lambda: drain(http, api, updates)),
            ]
            results = [await measure(name, pid, count, work) for name, count, work in phases]
            results += [
                await measure(
                    f"sendMessage accepted x{concurrency}",
                    pid,
                    messages,
                    lambda: send_messages(api, users, messages, concurrency),
                ),
                await webhook_delivery(remote, pid, api, users, min(updates, 5000)),
            ]
            stats = await remote.stats()
    finally:
        process.terminate()
        await process.wait()
    print(f"Bot API emulator benchmark (python {sys.version.split()[0]}, {os.cpu_count()} CPUs)")
    for result in results:
        print(result.report())
    print(
        f"emulator counters: accepted {stats['accepted_total']}, rejected {stats['rejected_total']}"
    )


def cli() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--updates", type=int, default=20_000)
    parser.add_argument("--messages", type=int, default=20_000)
    parser.add_argument("--concurrency", type=int, default=16)
    parser.add_argument("--users", type=int, default=1_000)
    args = parser.parse_args()
    asyncio.run(main(args.updates, args.messages, args.concurrency, args.users))


if __name__ == "__main__":
    cli()
