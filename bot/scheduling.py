"""What the runners enter beside the bot: the election scheduler and the paced sender.

Every replica runs this; the lease decides which one acts. The one that leads wakes at the
calendar's instants and drains the outbox at Telegram's pace; the others stand by, ready to take
over when its lease runs out.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
from collections.abc import AsyncIterator, Callable
from contextlib import asynccontextmanager
from typing import cast

from bot.assembly import BotParts
from bot.composer import CatalogueComposer
from bot.delivery import Courier
from bot.flows.render import Renderer
from bot.i18n.catalogue import Catalogue
from bot.pacing import Pacer
from bot.scheduler import ElectionScheduler
from core.ports_schedule import ScheduleUnitOfWork
from core.services.broadcasts import report_broadcasts

log = logging.getLogger(__name__)
DRAIN_EVERY = 1.0  # seconds between two looks into the outbox


def composer_for(parts: BotParts) -> CatalogueComposer:
    """The composer that renders announcements with the bot's catalogue and keys."""
    renderer = Renderer(Catalogue.load(parts.timezone, parts.default_language))
    return CatalogueComposer(renderer, parts.vault)


@asynccontextmanager
async def scheduling(postman: Courier, parts: BotParts) -> AsyncIterator[ElectionScheduler]:
    """Run the scheduler and, while this replica leads, the paced sender."""
    uow_factory = cast(Callable[[], ScheduleUnitOfWork], parts.uow_factory)
    composer = composer_for(parts)
    scheduler = ElectionScheduler(uow_factory, parts.clock, composer, parts.vault.sealer)

    async def report() -> None:
        await report_broadcasts(uow_factory(), composer, parts.clock)

    pacer = Pacer(postman, uow_factory, after_batch=report)

    async def drain_while_leading() -> None:
        while True:
            try:
                if scheduler.leading():
                    await pacer.drain()
            except Exception as error:  # the database or Telegram may be away for a while
                log.warning("paced drain failed: %s", type(error).__name__)
            await asyncio.sleep(DRAIN_EVERY)

    await scheduler.start()
    task = asyncio.create_task(drain_while_leading())
    try:
        yield scheduler
    finally:
        task.cancel()
        with contextlib.suppress(asyncio.CancelledError):
            await task
        await scheduler.stop()
