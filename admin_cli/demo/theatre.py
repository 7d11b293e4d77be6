"""Everything the simulated people share: the emulator, the database, the clock and the story.

The Theatre hands out phones, knows the stored calendar (the truth the scheduler follows), keeps
the demo's own notes on who is who (a candidate's readable code, which the commission needs to
find an application in its queue) and the story told at the end.
"""

from __future__ import annotations

import asyncio
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime

from admin_cli.demo.person import Person
from bot.vault import Vault
from core.calendar import GroupCalendar
from core.election import ElectionConfig
from core.ports import Clock
from sandbox.models import Chat
from sandbox.server import Emulator
from storage.uow import SqlUnitOfWork


@dataclass
class Story:
    """What happened, in plain lines, and the tallies the demo reconciles at the end."""

    lines: list[str] = field(default_factory=list)
    counts: Counter[str] = field(default_factory=Counter)
    receipts: dict[str, dict[str, str]] = field(default_factory=dict)  # group -> who -> last
    skipped: list[str] = field(default_factory=list)  # parts of the bot not there yet
    problems: list[str] = field(default_factory=list)  # anything that did not go as it should
    echo: Callable[[str], None] | None = None  # where to show a line as it happens

    def tell(self, line: str) -> None:
        self.lines.append(line)
        if self.echo is not None:
            self.echo(f"• {line}")

    def count(self, group: str, what: str, n: int = 1) -> None:
        self.counts[f"{group}:{what}"] += n

    def receipt(self, group: str, who: str, code: str) -> None:
        """Keep the receipt a voter was shown last: a revote replaces the earlier one."""
        self.receipts.setdefault(group, {})[who] = code


@dataclass
class Theatre:
    emulator: Emulator
    uow_factory: Callable[[], SqlUnitOfWork]
    vault: Vault
    clock: Clock
    config: ElectionConfig
    story: Story = field(default_factory=Story)
    codes: dict[str, str] = field(default_factory=dict)  # who -> pseudonym
    people: dict[str, Person] = field(default_factory=dict)  # who -> their phone
    chats: dict[str, Chat] = field(default_factory=dict)  # group -> its community chat

    def person(self, who: str, language: str, first_name: str) -> Person:
        """A new person with the bot open on their phone."""
        user = self.emulator.add_user(first_name, language_code=language)
        self.codes[who] = self.vault.pseudonym(user.id)
        self.people[who] = Person(self.emulator.phone(user), language, who)
        return self.people[who]

    def calendar(self, group: str) -> GroupCalendar:
        return self.config.group(group).calendar

    async def until(self, instant: datetime) -> None:
        """Wait for the wall clock to pass `instant` (the stored calendar is on the wall clock)."""
        delay = (instant - self.clock.now()).total_seconds()
        if delay > 0:
            await asyncio.sleep(delay)

    async def within(self, opens: datetime, closes: datetime, share: float) -> None:
        """Wait until `share` of the way from `opens` to `closes`."""
        await self.until(opens + (closes - opens) * share)
