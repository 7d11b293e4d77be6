"""The engine's open unit of work, lent to the use cases a flow calls.

Use cases are written to own their transaction (`async with uow:` ... `commit()`), which is right
when the CLI calls them. Inside a turn the engine owns it: the domain write, the conversation's new
state and the messages it caused must commit together. So the lent unit of work turns `async with`
into a savepoint — a refused use case leaves nothing half-written — and `commit` into a no-op.
"""

from __future__ import annotations

from types import TracebackType
from typing import Any, Protocol, Self


class Savepoint(Protocol):
    async def commit(self) -> None: ...
    async def rollback(self) -> None: ...


class Joined:
    def __init__(self, uow: Any) -> None:
        self._uow = uow
        self._savepoints: list[Savepoint | None] = []

    def __getattr__(self, name: str) -> Any:
        return getattr(self._uow, name)

    async def __aenter__(self) -> Self:
        begin = getattr(self._uow, "begin_savepoint", None)
        self._savepoints.append(await begin() if begin is not None else None)
        return self

    async def __aexit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        savepoint = self._savepoints.pop()
        if savepoint is None:
            return
        if exc_type is None:
            await savepoint.commit()
        else:
            await savepoint.rollback()

    async def commit(self) -> None:
        """Leave the commit to the engine, which commits the whole turn at once."""

    async def rollback(self) -> None:
        raise RuntimeError("a use case inside a turn cannot roll the turn back; raise instead")
