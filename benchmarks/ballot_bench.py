"""What casting a ballot costs the bot next to a bare echo bot, under each framework, and how
long a voter waits for the receipt when 100 ballots come every second.

Run: ``.venv/bin/python -m benchmarks.ballot_bench [--ratio-ballots 200] [--latency-ballots 200]
[--rate 100] [--concurrency 16]``. Prints a table; asserts nothing.

Per framework, one in-process emulator (as in tests/e2e: its work weighs on both bots alike)
serves two bots, which take turns so that the shared machine's changing load hits both alike:
- echo, written below and built as Saylau's runners build theirs (PTB: 16 concurrent updates, a
  pool of 32, polling without pause, but PTB's default httpx transport, as a bare bot has;
  aiogram: Saylau's KeptModelsSession and a default dispatcher; 1 s long polls), answers a
  button press as Saylau answers Confirm: answerCallbackQuery, then editMessageText of the
  pressed message. Each phone presses once, 16 presses in flight (a closed loop at PTB's
  concurrency).
- Saylau's bot with its scheduler and paced sender, on a new PostgreSQL database. Voters are
  admitted in the store and brought to the confirmation screen through the bot (/vote, a mark,
  Review: not timed); the same closed loop taps Confirm and waits until the pressed message
  says "Ваш голос записан" with the receipt. Ratio = ballots per second / presses per second.
- Latency: other voters at Confirm tap 100 times a second whatever the answers (open loop);
  p50 and p99 from tap to receipt. Where the bot takes fewer than 100 ballots a second, a queue
  grows and these figures grow with --latency-ballots.
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import os
import sys
import time
from collections.abc import AsyncIterator, Awaitable
from contextlib import asynccontextmanager
from dataclasses import dataclass, field
from datetime import timedelta
from functools import partial

from aiogram import Bot, Dispatcher, Router
from aiogram.client.telegram import TelegramAPIServer
from aiogram.types import CallbackQuery, Message, Update
from aiogram.types import InlineKeyboardButton as AiogramButton
from aiogram.types import InlineKeyboardMarkup as AiogramMarkup
from telegram import InlineKeyboardButton, InlineKeyboardMarkup
from telegram import Update as PtbUpdate
from telegram.ext import Application, ContextTypes, TypeHandler

from benchmarks import bot_bench_support as bench
from bot.aiogram_adapter.session import KeptModelsSession
from bot.launch import Framework
from sandbox.phone import Phone
from sandbox.testing import running_emulator
from storage.uow import open_database

ECHO_TOKEN = "7000000002:echo-bench-token"  # the emulator makes this second bot on first use
PRESS = "Echo"
ROUND = 100  # round trips per turn of each bot


@asynccontextmanager
async def ptb_echo(server: str) -> AsyncIterator[None]:
    builder = Application.builder().token(ECHO_TOKEN).base_url(f"{server}/bot")
    builder = builder.base_file_url(f"{server}/file/bot").concurrent_updates(16)
    application = builder.connection_pool_size(32).build()
    markup = InlineKeyboardMarkup([[InlineKeyboardButton(PRESS, callback_data="echo")]])

    async def on_update(update: PtbUpdate, context: ContextTypes.DEFAULT_TYPE) -> None:
        query, chat = update.callback_query, update.effective_chat
        assert chat is not None
        if query is None or query.message is None:  # /start: the message with the button
            await context.bot.send_message(chat.id, "echo", parse_mode="HTML", reply_markup=markup)
            return
        await query.answer()
        text, pressed = f"echo <b>{update.update_id}</b>", query.message.message_id
        await context.bot.edit_message_text(
            text, chat.id, pressed, parse_mode="HTML", reply_markup=markup
        )

    application.add_handler(TypeHandler(PtbUpdate, on_update))
    async with application:  # initialize ... shutdown
        await application.start()
        assert application.updater is not None
        await application.updater.start_polling(poll_interval=0.0, timeout=1)
        try:
            yield
        finally:
            await application.updater.stop()
            await application.stop()


@asynccontextmanager
async def aiogram_echo(server: str) -> AsyncIterator[None]:
    bot = Bot(ECHO_TOKEN, session=KeptModelsSession(api=TelegramAPIServer.from_base(server)))
    markup = AiogramMarkup(inline_keyboard=[[AiogramButton(text=PRESS, callback_data="echo")]])
    router = Router()

    @router.message()
    async def on_message(message: Message) -> None:
        await bot.send_message(message.chat.id, "echo", parse_mode="HTML", reply_markup=markup)

    @router.callback_query()
    async def on_button(query: CallbackQuery, event_update: Update) -> None:
        await query.answer()
        assert query.message is not None
        chat, pressed = query.message.chat.id, query.message.message_id
        text = f"echo <b>{event_update.update_id}</b>"
        await bot.edit_message_text(
            text=text, chat_id=chat, message_id=pressed, parse_mode="HTML", reply_markup=markup
        )

    dispatcher = Dispatcher()
    dispatcher.include_router(router)
    polling = asyncio.create_task(
        dispatcher.start_polling(
            bot, handle_signals=False, polling_timeout=1, close_bot_session=False
        )
    )
    try:
        yield
    finally:
        with contextlib.suppress(RuntimeError):  # polling may not have started yet
            await dispatcher.stop_polling()
        await polling
        await bot.session.close()


ECHO_BOTS = {Framework.PTB: ptb_echo, Framework.AIOGRAM: aiogram_echo}


async def start_echo(phone: Phone) -> None:
    await phone.send("/start")
    await phone.next_message(bench.WAIT)


async def press(phone: Phone) -> float:
    """Press Echo; return the seconds until the pressed message is edited."""
    pressed = phone.last_message
    assert pressed is not None
    before, started = pressed.text, time.perf_counter()
    await phone.tap(PRESS, pressed)
    await phone.wait_until(lambda: pressed.text != before, bench.WAIT)
    return time.perf_counter() - started


@dataclass
class Figures:
    echo: list[float] = field(default_factory=lambda: [0.0, 0.0])  # wall, CPU seconds
    ballots: list[float] = field(default_factory=lambda: [0.0, 0.0])  # CPU: this process only
    latencies: list[float] = field(default_factory=list)  # open loop, tap to receipt
    answered_per_second: float = 0.0  # ballots answered per second while `rate` were offered
    no_receipt: int = 0  # refused or unanswered: then the figures are not to be trusted


async def timed(totals: list[float], work: Awaitable[float]) -> None:
    """Add the wall seconds `work` returns, and this process's CPU seconds, to `totals`."""
    cpu = time.process_time()
    totals[0] += await work
    totals[1] += time.process_time() - cpu


async def framework_figures(
    framework: Framework, ratio_ballots: int, latency_ballots: int, rate: float, in_flight: int
) -> Figures:
    found, total = Figures(), ratio_ballots + latency_ballots

    async def ballot(phone: Phone) -> float:
        done = await bench.cast(phone)
        found.no_receipt += not done.receipts()
        return done.seconds

    async with (
        running_emulator() as emulator,
        bench.database() as url,
        open_database(url) as make_uow,
    ):
        clock = bench.BenchClock(bench.VOTING)  # stands still, a day after the vote opened
        voters = await bench.prepare(
            make_uow, clock, emulator, total, bench.START + timedelta(days=28)
        )
        echoes = [
            emulator.phone(emulator.add_user("E"), token=ECHO_TOKEN) for _ in range(ratio_ballots)
        ]
        marks = [bench.CANDIDATES[n % len(bench.CANDIDATES)] for n in range(total)]
        async with (
            ECHO_BOTS[framework](emulator.url),
            bench.saylau(framework, emulator, make_uow, clock),
        ):
            # Not timed: the button each echo phone presses, and each voter's way to Confirm.
            await bench.closed_loop([partial(start_echo, p) for p in echoes], in_flight)
            ready = [partial(bench.to_confirmation, *v) for v in zip(voters, marks, strict=True)]
            await bench.closed_loop(ready, in_flight)
            for first in range(0, ratio_ballots, ROUND):  # echo and ballot take turns
                turn = slice(first, min(first + ROUND, ratio_ballots))
                presses = [partial(press, phone) for phone in echoes[turn]]
                await timed(found.echo, bench.closed_loop(presses, in_flight))
                casts = [partial(ballot, phone) for phone in voters[turn]]
                await timed(found.ballots, bench.closed_loop(casts, in_flight))
            started = time.perf_counter()
            offered = [partial(ballot, phone) for phone in voters[ratio_ballots:]]
            found.latencies = await bench.open_loop(offered, rate)
            found.answered_per_second = latency_ballots / (time.perf_counter() - started)
    return found


async def run(
    ratio_ballots: int = 200, latency_ballots: int = 200, rate: float = 100.0, in_flight: int = 16
) -> dict[str, Figures]:
    figures = {}
    for framework in Framework:
        figures[framework.value] = await framework_figures(
            framework, ratio_ballots, latency_ballots, rate, in_flight
        )
    return figures


async def measure(**options: int | float) -> dict[str, float | int]:
    """The figures for benchmarks/results.json (options as for `run`)."""
    figures: dict[str, float | int] = {}
    for name, found in (await run(**options)).items():  # type: ignore[arg-type]
        figures[f"ballot_ratio_{name}"] = found.echo[0] / found.ballots[0]  # as many of each
        figures[f"ballot_p50_ms_{name}"] = bench.percentile(found.latencies, 50)
        figures[f"ballot_p99_ms_{name}"] = bench.percentile(found.latencies, 99)
    return figures


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--ratio-ballots", type=int, default=200)
    parser.add_argument("--latency-ballots", type=int, default=200)
    parser.add_argument("--rate", type=float, default=100.0, help="ballots offered per second")
    parser.add_argument("--concurrency", type=int, default=16, help="round trips in flight")
    options = parser.parse_args()
    count = options.ratio_ballots
    results = asyncio.run(run(count, options.latency_ballots, options.rate, options.concurrency))
    print(f"ballot vs echo round trip (python {sys.version.split()[0]}, {os.cpu_count()} CPUs, "
          f"load average {os.getloadavg()[0]:.2f}); {count} each in a closed loop "
          f"x{options.concurrency}; latency at {options.rate:g} ballots/s offered")  # fmt: skip
    print("         echo/s ballot/s  ratio  CPU ms: echo ballot  p50 ms  p99 ms answered/s "
          "no receipt")  # fmt: skip
    for name, found in results.items():
        echo, ballots = found.echo, found.ballots
        p50, p99 = (bench.percentile(found.latencies, share) for share in (50, 99))
        print(f"{name:<8} {count / echo[0]:7.0f} {count / ballots[0]:8.1f} "
              f"{echo[0] / ballots[0]:6.2f} {1000 * echo[1] / count:12.1f} "
              f"{1000 * ballots[1] / count:6.1f} {p50:7.0f} {p99:7.0f} "
              f"{found.answered_per_second:10.1f} {found.no_receipt:10}")  # fmt: skip


if __name__ == "__main__":
    main()
