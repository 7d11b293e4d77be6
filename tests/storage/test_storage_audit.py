"""The audit log: a chain that verifies, names an edited row, and does not fork under load."""

import asyncio
from datetime import timedelta

from sqlalchemy import text

from core.audit import AuditEvent, first_break
from core.services.audit import verify_audit
from storage.db import create_engine
from tests.builders import START


async def append(uow_factory, action: str, minutes: int = 0) -> None:
    async with uow_factory() as uow:
        event = AuditEvent(action, group="PLHIV", payload={"count": minutes, "codes": ("a", "b")})
        await uow.audit.append(event, START + timedelta(minutes=minutes))
        await uow.commit()


async def test_an_intact_log_verifies_and_an_edited_row_is_named(database_url, uow_factory):
    for minute, action in enumerate(["registration.opened", "voter.admitted", "voting.opened"]):
        await append(uow_factory, action, minute)
    assert await verify_audit(uow_factory()) is None

    engine = create_engine(database_url)
    try:
        async with engine.begin() as connection:
            edit = text("UPDATE audit_log SET action = 'voter.refused' WHERE seq = 2")
            await connection.execute(edit)
    finally:
        await engine.dispose()

    broken = await verify_audit(uow_factory())
    assert broken is not None
    assert broken.seq == 2
    assert "changed" in broken.why


async def test_an_entry_rolled_back_leaves_no_gap(uow_factory):
    await append(uow_factory, "first")
    async with uow_factory() as uow:
        await uow.audit.append(AuditEvent("abandoned"), START)
    await append(uow_factory, "second")

    async with uow_factory() as uow:
        entries = await uow.audit.entries()
    assert [(e.seq, e.event.action) for e in entries] == [(1, "first"), (2, "second")]
    assert first_break(entries) is None


async def test_concurrent_appends_do_not_fork_the_chain(uow_factory):
    writers = 12
    await asyncio.wait_for(
        asyncio.gather(*(append(uow_factory, f"action.{n}", n) for n in range(writers))),
        timeout=60,
    )

    async with uow_factory() as uow:
        entries = await uow.audit.entries()
    assert [e.seq for e in entries] == list(range(1, writers + 1))
    assert sorted(e.event.action for e in entries) == sorted(f"action.{n}" for n in range(writers))
    assert first_break(entries) is None
