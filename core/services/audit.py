"""Checking the election log end to end, as an observer or the Secretariat would."""

from __future__ import annotations

from core.audit import ChainBreak, first_break
from core.ports import UnitOfWork


async def verify_audit(uow: UnitOfWork) -> ChainBreak | None:
    """Read the whole log and name its first broken entry, or return None if it is intact."""
    async with uow:
        return first_break(await uow.audit.entries())
