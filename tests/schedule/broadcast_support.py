"""A broadcast on stage: the emulator with flood control, a real framework's transport, a real
database, and the pacer on the emulator's clock so that flood waits are jumped, not slept."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator, Callable
from contextlib import asynccontextmanager
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any, cast

from telegram.ext import Application

from bot.delivery import Courier
from bot.handlers.ptb import PtbTransport
from bot.pacing import Limits, Pacer
from core.model import Person, Role, RoleGrant, Voter, VoterStatus
from core.ports_schedule import ScheduleUnitOfWork
from core.services.broadcasts import send_broadcast
from core.services.load_election import load_election
from sandbox.server import Emulator
from sandbox.world import World
from tests.builders import START, calendar, election, name_key, pseudonym
from tests.fakes import FakeClock
from tests.schedule.support import COMPOSER, VAULT

COMMITTEE = pseudonym(1)
DURING_VOTING = calendar(START).voting_opens


class WorldTimer:
    """Time as the emulator counts it; sleeping jumps its clock instead of waiting."""

    def __init__(self, world: World) -> None:
        self.world = world

    def monotonic(self) -> float:
        return self.world.clock.now()

    async def sleep(self, seconds: float) -> None:
        self.world.clock.advance(seconds)
        await asyncio.sleep(0)


class WorldClock:
    """The election's clock, running on the emulator's: a 429's wait passes when it is jumped."""

    def __init__(self, world: World, start: datetime) -> None:
        self.world = world
        self.offset = start.timestamp() - world.clock.now()

    def now(self) -> datetime:
        return datetime.fromtimestamp(self.world.clock.now() + self.offset, UTC)


@dataclass
class Stage:
    emulator: Emulator
    make_uow: Callable[[], ScheduleUnitOfWork]
    courier: Courier
    clock: WorldClock
    members: list[int]  # private chat ids

    def pacer(self, limits: Limits | None = None) -> Pacer:
        return Pacer(self.courier, self.make_uow, limits, WorldTimer(self.emulator.world))

    async def broadcast(self, text: str = "Общее собрание в субботу") -> None:
        await send_broadcast(
            self.make_uow(), COMPOSER, self.clock, group_code="PLHIV", author=COMMITTEE, text=text
        )

    def received(self) -> dict[int, int]:
        """How many messages each member got from the bot."""
        world = self.emulator.world
        bot = world.bot().id
        return {
            chat: len(world.conversations[(bot, chat)].bot_messages)
            if (bot, chat) in world.conversations
            else 0
            for chat in self.members
        }


async def _people(make_uow: Callable[[], Any], emulator: Emulator, count: int) -> list[int]:
    """The committee member and `count` admitted voters, each having opened the bot."""
    world, chats = emulator.world, []
    bot = world.bot().id
    async with make_uow() as uow:
        group = await uow.groups.get("ccm-2024", "PLHIV")
        for n in range(count + 1):
            user = emulator.add_user(f"Member {n}")
            world.conversation(bot, user.id).started = True
            who = COMMITTEE if n == 0 else pseudonym(1000 + n)
            await uow.people.save(Person(who, "ru", VAULT.seal_chat(user.id), START))
            if n == 0:
                await uow.roles.grant(RoleGrant(who, Role.COMMITTEE, group.id, START))
            else:
                await uow.voters.add(Voter(group.id, who, VoterStatus.ADMITTED, START))
            chats.append(user.id)
        await uow.commit()
    return chats


@asynccontextmanager
async def stage(
    emulator: Emulator, make_uow: Callable[[], Any], members: int
) -> AsyncIterator[Stage]:
    """Load one group with `members` voters, and a python-telegram-bot transport."""
    clock = WorldClock(emulator.world, DURING_VOTING)
    await load_election(election(), make_uow(), FakeClock(START), name_key)
    chats = await _people(make_uow, emulator, members)
    application = (
        Application.builder()
        .token(emulator.token)
        .base_url(f"{emulator.url}/bot")
        .connection_pool_size(16)
        .build()
    )
    await application.initialize()
    try:
        courier = Courier(make_uow, VAULT, PtbTransport(application), clock)
        yield Stage(
            emulator, cast(Callable[[], ScheduleUnitOfWork], make_uow), courier, clock, chats
        )
    finally:
        await application.shutdown()


async def drain_all(pacer: Pacer, make_uow: Callable[[], Any], clock: WorldClock) -> int:
    """Drain until nothing is pending, letting retry waits pass; return the drains it took."""
    for rounds in range(1, 200):
        await pacer.drain()
        async with make_uow() as uow:
            left = await uow.outbox.pending(datetime.max.replace(tzinfo=UTC), 1)
        if not left:
            return rounds
        await pacer.timer.sleep(1.0)
    raise AssertionError("the outbox never emptied")
