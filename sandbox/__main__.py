"""Run the emulator as its own process: ``python -m sandbox --port 8081``."""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import logging
import signal

from sandbox.flood import FloodLimits
from sandbox.server import Emulator
from sandbox.world import World


def parse_args(argv: list[str] | None = None) -> argparse.Namespace:
    """Read the command line."""
    parser = argparse.ArgumentParser(prog="python -m sandbox", description=__doc__)
    parser.add_argument("--host", default="127.0.0.1")
    parser.add_argument("--port", type=int, default=8081, help="0 picks a free port")
    parser.add_argument("--no-flood", action="store_true", help="switch flood control off")
    parser.add_argument("--per-bot-per-second", type=float, default=30.0)
    parser.add_argument("--per-chat-per-second", type=float, default=1.0)
    parser.add_argument("--per-chat-burst", type=int, default=3)
    parser.add_argument("--per-group-per-minute", type=float, default=20.0)
    parser.add_argument("--log-level", default="WARNING")
    return parser.parse_args(argv)


async def serve(args: argparse.Namespace) -> None:
    """Serve until interrupted."""
    limits = FloodLimits(
        enabled=not args.no_flood,
        per_bot_per_second=args.per_bot_per_second,
        per_chat_per_second=args.per_chat_per_second,
        per_chat_burst=args.per_chat_burst,
        per_group_per_minute=args.per_group_per_minute,
    )
    emulator = Emulator(World(flood=limits), host=args.host, port=args.port)
    await emulator.start()
    print(f"Bot API emulator listening on {emulator.url}/bot<token>/<method>", flush=True)
    stop = asyncio.Event()
    loop = asyncio.get_running_loop()
    for signum in (signal.SIGINT, signal.SIGTERM):
        with contextlib.suppress(NotImplementedError):
            loop.add_signal_handler(signum, stop.set)
    try:
        await stop.wait()
    finally:
        await emulator.stop()


def main(argv: list[str] | None = None) -> None:
    """Entry point."""
    args = parse_args(argv)
    logging.basicConfig(level=args.log_level.upper())
    asyncio.run(serve(args))


if __name__ == "__main__":
    main()
