"""How close a broadcast gets to Telegram's limit: 10,000 members, the emulator's flood control
on, the paced sender, python-telegram-bot's transport, SQLite.

Run: ``.venv/bin/python -m benchmarks.broadcast_bench [--members 10000] [--real-time]``.
By default the pacer and the emulator share the emulator's clock, which jumps over waits, so the
figure "per emulated second" is the rate Telegram would see and the wall time is what the
machine needed (its headroom). ``--real-time`` sleeps for real (10,000 take about six minutes).
Prints figures; asserts nothing.
"""

from __future__ import annotations

import argparse
import asyncio
import tempfile
import time
from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from sqlalchemy import func, insert, select
from telegram.ext import Application

from bot.composer import CatalogueComposer
from bot.delivery import Courier
from bot.flows.render import Renderer
from bot.handlers.ptb import PtbTransport
from bot.i18n.catalogue import Catalogue
from bot.pacing import Limits, Pacer, RealTimer, Timer
from bot.vault import Vault
from core.calendar import GroupCalendar
from core.election import CycleInfo, ElectionConfig, GroupConfig
from core.privacy import Pseudonymizer, Sealer
from core.regulation import Names, Regulation
from core.services.broadcasts import send_broadcast
from core.services.load_election import load_election
from sandbox.server import Emulator
from sandbox.testing import running_emulator
from sandbox.world import World
from storage.migrate import upgrade
from storage.tables import outbox, people, roles, voters
from storage.uow import SqlUnitOfWork, open_database

VAULT = Vault(Pseudonymizer(b"p" * 32), Sealer(b"d" * 32))
START = datetime(2024, 8, 1, 4, tzinfo=UTC)


class WorldTimer:
    def __init__(self, world: World) -> None:
        self.world = world

    def monotonic(self) -> float:
        return self.world.clock.now()

    async def sleep(self, seconds: float) -> None:
        self.world.clock.advance(seconds)
        await asyncio.sleep(0)


class WorldClock:
    def __init__(self, world: World) -> None:
        self.world = world
        self.offset = START.timestamp() + 21 * 86400 - world.clock.now()

    def now(self) -> datetime:
        return datetime.fromtimestamp(self.world.clock.now() + self.offset, UTC)


def _election() -> ElectionConfig:
    day = 86400.0
    names = Names(ru="ЛЖВ", kk="АИТВ", en="PLHIV")
    at = [
        datetime.fromtimestamp(START.timestamp() + n * day, UTC)
        for n in (0, 5, 10, 18, 20, 21, 28, 30)
    ]
    fields = [name for name in GroupCalendar.model_fields]
    calendar = GroupCalendar(**dict(zip(fields, at, strict=True)))
    cycle = CycleInfo(code="ccm-2024", names=names, year=2024, starts=START, ends=at[-1])
    group = GroupConfig(code="PLHIV", names=names, regulation=Regulation(), calendar=calendar)
    return ElectionConfig(cycle=cycle, groups=(group,))


async def _members(factory: Callable[[], SqlUnitOfWork], emulator: Emulator, count: int) -> None:
    """The committee member and admitted voters, inserted in bulk, each with the bot open."""
    bot = emulator.world.bot().id
    rows: list[dict[str, object]] = []
    registered: list[str] = []
    for n in range(count + 1):
        user = emulator.add_user(f"Member {n}")
        emulator.world.conversation(bot, user.id).started = True
        who = f"{n + 1:064x}"
        rows.append(
            {
                "pseudonym": who,
                "language": "ru",
                "contact": VAULT.seal_chat(user.id),
                "consent_at": START,
            }
        )
        registered.append(who)
    async with factory() as uow:
        group = await uow.groups.get("ccm-2024", "PLHIV")
        session = uow._session  # bulk inserts: the repositories add one row at a time
        assert session is not None and group is not None
        await session.execute(insert(people), rows)
        await session.execute(
            insert(roles),
            [
                {
                    "pseudonym": registered[0],
                    "role": "committee",
                    "group_id": group.id,
                    "granted_at": START,
                }
            ],
        )
        await session.execute(
            insert(voters),
            [
                {
                    "group_id": group.id,
                    "pseudonym": who,
                    "status": "admitted",
                    "registered_at": START,
                }
                for who in registered[1:]
            ],
        )
        await uow.commit()


async def bench(members: int, real_time: bool) -> dict[str, Any]:
    path = Path(tempfile.mkdtemp()) / "bench.db"
    url = f"sqlite+aiosqlite:///{path}"
    upgrade(url)
    async with running_emulator(flood=True) as emulator, open_database(url) as factory:
        world = emulator.world
        clock = WorldClock(world)
        await load_election(_election(), factory(), clock, VAULT.name_key)
        await _members(factory, emulator, members)
        application = (
            Application.builder()
            .token(emulator.token)
            .base_url(f"{emulator.url}/bot")
            .connection_pool_size(16)
            .build()
        )
        await application.initialize()
        composer = CatalogueComposer(Renderer(Catalogue.load()), VAULT)
        started = time.perf_counter()
        await send_broadcast(
            factory(),
            composer,
            clock,
            group_code="PLHIV",
            author=f"{1:064x}",
            text="Общее собрание в субботу",
        )
        written = time.perf_counter() - started
        timer: Timer = RealTimer() if real_time else WorldTimer(world)
        courier = Courier(factory, VAULT, PtbTransport(application), clock)
        pacer = Pacer(courier, factory, Limits(), timer)
        emulated, wall = world.clock.now(), time.perf_counter()
        tally = await pacer.drain()
        emulated, wall = world.clock.now() - emulated, time.perf_counter() - wall
        await application.shutdown()
        unsent = await _unsent(factory)
    duplicates = _duplicates(world)
    limit = world.flood.limits.per_bot_per_second
    sent, floods = tally.outcomes["sent"], sum(world.stats.flood_rejected.values())
    rate = sent / emulated
    print(f"members {members + 1}, flood control on ({limit:g}/s per bot)")
    print(f"pacer at {Limits().per_second:g}/s; outbox written in {written:.2f} s wall")
    print(f"sent {sent}, outcomes {dict(tally.outcomes)}, 429s {floods}")
    print(
        f"delivery: {emulated:8.1f} s emulated -> {rate:6.2f} msg/s = {rate / limit:.1%} of limit"
    )
    print(f"machine:  {wall:8.1f} s wall -> {sent / wall:6.0f} msg/s ({sent / wall / limit:.1f}x)")
    return {
        "broadcast_members": members + 1,
        "broadcast_fraction_of_limit": round(rate / limit, 3),
        "broadcast_429_answers": floods,
        "broadcast_429_unhandled": unsent,
        "broadcast_duplicates": duplicates,
        "broadcast_wall_seconds": round(wall, 1),
    }


async def _unsent(factory: Callable[[], SqlUnitOfWork]) -> int:
    """Messages left unsent after the drain: with flood control the only trouble, unhandled 429s."""
    statement = select(func.count()).select_from(outbox).where(outbox.c.status != "sent")
    async with factory() as uow:
        session = uow._session  # a count the repositories have no method for
        assert session is not None
        return int((await session.execute(statement)).scalar_one())


def _duplicates(world: World) -> int:
    """Messages a chat got from the bot beyond its first (each chat is owed exactly one)."""
    return sum(max(0, len(c.bot_messages) - 1) for c in world.conversations.values())


async def measure(quick: bool = False) -> dict[str, Any]:
    return await bench(1_000 if quick else 10_000, real_time=False)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--members", type=int, default=10_000)
    parser.add_argument("--real-time", action="store_true")
    arguments = parser.parse_args()
    asyncio.run(bench(arguments.members, arguments.real_time))


if __name__ == "__main__":
    main()
