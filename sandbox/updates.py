"""A bot's queue of pending updates: ids, offset confirmation and allowed update types."""

from __future__ import annotations

from collections import deque
from typing import Any

from sandbox.notify import Notifier

# Telegram leaves these out unless a bot asks for them explicitly
NOT_SENT_BY_DEFAULT = frozenset({"chat_member", "message_reaction", "message_reaction_count"})


class UpdateQueue:
    """Updates wait here until the bot confirms them with a higher offset (or a webhook 2xx)."""

    def __init__(self) -> None:
        self._pending: deque[dict[str, Any]] = deque()
        self._last_id = 0
        self.allowed: frozenset[str] | None = None
        self.changed = Notifier()

    @property
    def pending_count(self) -> int:
        """Return how many updates are waiting."""
        return len(self._pending)

    def set_allowed(self, kinds: list[str] | None) -> None:
        """Remember allowed_updates; None keeps the previous choice, [] restores the default."""
        if kinds is not None:
            self.allowed = frozenset(kinds) if kinds else None

    def accepts(self, kind: str) -> bool:
        """Tell whether updates of this kind are generated for the bot."""
        if self.allowed is None:
            return kind not in NOT_SENT_BY_DEFAULT
        return kind in self.allowed

    def push(
        self, kind: str, payload: dict[str, Any], twice: bool = False
    ) -> dict[str, Any] | None:
        """Create an update with the next id; optionally queue it twice (a duplicate delivery)."""
        if not self.accepts(kind):
            return None
        self._last_id += 1
        update = {"update_id": self._last_id, kind: payload}
        self._pending.append(update)
        if twice:
            self._pending.append(update)
        self.changed.notify()
        return update

    def confirms_any(self, offset: int) -> bool:
        """Tell whether ``offset`` would forget at least one pending update."""
        if offset < 0:
            return len(self._pending) > -offset
        return bool(self._pending) and self._pending[0]["update_id"] < offset

    def confirm(self, offset: int) -> None:
        """Forget updates below ``offset``; a negative offset keeps only the last ``-offset``."""
        pending = self._pending
        if offset < 0:
            while len(pending) > -offset:
                pending.popleft()
            return
        while pending and pending[0]["update_id"] < offset:
            pending.popleft()

    def peek(self, limit: int) -> list[dict[str, Any]]:
        """Return up to ``limit`` pending updates without confirming them."""
        batch = [update for _, update in zip(range(limit), self._pending, strict=False)]
        # a duplicated update is never split across batches, else its confirmation would hide it
        if batch and len(self._pending) > len(batch) and self._pending[len(batch)] is batch[-1]:
            batch.append(batch[-1])
        return batch

    def drop_first(self) -> None:
        """Forget the oldest pending update (a webhook delivery succeeded)."""
        if self._pending:
            self._pending.popleft()

    def clear(self) -> None:
        """Drop every pending update (drop_pending_updates)."""
        self._pending.clear()
