"""Forgetting the bot's old traffic: updates handled and messages that have left the outbox.

Neither says who was told what (a message's chat and text are wiped once it leaves), but both
grow with every tap for as long as the bot runs. An update id is kept for as long as Telegram
could still deliver it again (a day at most); a settled message for as long as someone might
look into a delivery problem. A broadcast still being followed keeps its messages.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import timedelta

from core.ports import Clock
from core.ports_dialogue import DialogueUnitOfWork

KEEP_UPDATES = timedelta(days=7)
KEEP_MESSAGES = timedelta(days=30)


@dataclass(frozen=True)
class Forgotten:
    updates: int
    messages: int


async def forget_old_traffic(
    uow: DialogueUnitOfWork,
    clock: Clock,
    keep_updates: timedelta = KEEP_UPDATES,
    keep_messages: timedelta = KEEP_MESSAGES,
) -> Forgotten:
    """Delete handled updates and settled messages older than what is worth keeping."""
    now = clock.now()
    async with uow:
        updates = await uow.updates.forget_before(now - keep_updates)
        messages = await uow.outbox.forget_settled_before(now - keep_messages)
        await uow.commit()
    return Forgotten(updates, messages)
