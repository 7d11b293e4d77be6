"""What erasing a finished cycle's contact data needs beyond the other ports.

The outbox is otherwise read only for what is due, and conversations are otherwise only ever
saved; a purge must see every waiting message and remove a conversation outright.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Protocol

from core.ports_dialogue import DialogueUnitOfWork


class Erasure(Protocol):
    async def waiting_messages(self) -> list[tuple[str, bytes]]:
        """Return (id, sealed chat) of every message still pending, however late it is due."""
        ...

    async def drop_messages(self, message_ids: Sequence[str]) -> int:
        """Delete these outbox messages; return how many there were."""
        ...

    async def drop_conversation(self, person: str) -> bool:
        """Delete the person's conversation state; False if there was none."""
        ...


class ErasureUnitOfWork(DialogueUnitOfWork, Protocol):
    @property
    def erasure(self) -> Erasure: ...
