"""Many registered voters at once, as valid as registration would leave them, and quick to write.

Each voter is a person of the emulator with the bot open; their row holds the pseudonym the bot
derives from their Telegram id and their chat id sealed under the data key (core.privacy via
bot.vault), so the real bot recognises them and can write to them. Rows go in with multi-row
inserts through the storage tables, not one use case at a time: the fill is not what is measured.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime
from itertools import islice
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.ext.asyncio import AsyncEngine

from bot.vault import Vault
from core.model import VoterStatus
from core.regions import REGION_CODES
from sandbox.models import User
from sandbox.server import Emulator
from storage.tables import leases, people, schedule_marks, voters

BATCH = 5_000


def new_people(emulator: Emulator, count: int, first_name: str = "Voter") -> list[User]:
    """Add people to the emulator who have opened the bot (so that it may write to them)."""
    bot = emulator.world.bot().id
    added = []
    for n in range(count):
        user = emulator.add_user(f"{first_name} {n}")
        emulator.world.conversation(bot, user.id).started = True
        added.append(user)
    return added


async def register(
    engine: AsyncEngine, vault: Vault, group_id: int, users: Sequence[User], at: datetime
) -> None:
    """Store each user as a consenting person and an admitted voter of the group."""
    stream = iter(users)
    while batch := list(islice(stream, BATCH)):
        persons: list[dict[str, Any]] = []
        electors: list[dict[str, Any]] = []
        for n, user in enumerate(batch):
            pseudonym = vault.pseudonym(user.id)
            persons.append(
                {
                    "pseudonym": pseudonym,
                    "language": user.language_code or "ru",
                    "contact": vault.seal_chat(user.id),
                    "consent_at": at,
                }
            )
            electors.append(
                {
                    "group_id": group_id,
                    "pseudonym": pseudonym,
                    "region": REGION_CODES[n % len(REGION_CODES)],
                    "status": VoterStatus.ADMITTED.value,
                    "registered_at": at,
                    "decided_at": None,
                }
            )
        async with engine.begin() as connection:
            await connection.execute(people.insert(), persons)
            await connection.execute(voters.insert(), electors)


async def marked(engine: AsyncEngine, group_id: int, prefix: str) -> bool:
    """Whether the scheduler has committed work whose mark starts with `prefix`."""
    statement = (
        select(func.count())
        .select_from(schedule_marks)
        .where(schedule_marks.c.group_id == group_id, schedule_marks.c.mark.startswith(prefix))
    )
    async with engine.connect() as connection:
        return bool(await connection.scalar(statement))


async def scheduler_started(engine: AsyncEngine) -> bool:
    """Whether the bot's scheduler has taken its lease (it starts after the bot polls)."""
    async with engine.connect() as connection:
        return bool(await connection.scalar(select(func.count()).select_from(leases)))
