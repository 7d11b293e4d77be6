"""Old traffic is forgotten: handled updates after a week, settled messages after a month."""

from __future__ import annotations

import uuid
from dataclasses import replace
from datetime import UTC, datetime, timedelta

from core.dialogue import Delivery, OutgoingMessage
from core.ports_schedule import Broadcast
from core.services.housekeeping import forget_old_traffic
from core.services.load_election import load_election
from tests.builders import START, election, group, name_key
from tests.fakes import FakeClock

NOW = datetime.now(UTC)


def message(created: datetime, status: Delivery = Delivery.SENT) -> OutgoingMessage:
    fresh = OutgoingMessage(id=uuid.uuid4().hex, chat=b"chat", body=b"body", created_at=created)
    return replace(fresh, status=status)


async def kept_messages(make_uow, *messages: OutgoingMessage) -> set[str]:
    async with make_uow() as uow:
        return {m.id for m in messages if await uow.outbox.get(m.id) is not None}


async def test_an_update_is_forgotten_after_a_week_and_not_before(any_uow_factory):
    async with any_uow_factory() as uow:
        assert await uow.updates.first_time(101)
        await uow.commit()

    within = await forget_old_traffic(any_uow_factory(), FakeClock(NOW + timedelta(days=6)))
    async with any_uow_factory() as uow:
        assert not await uow.updates.first_time(101)  # still known: a redelivery is ignored
    after = await forget_old_traffic(any_uow_factory(), FakeClock(NOW + timedelta(days=8)))

    assert (within.updates, after.updates) == (0, 1)
    async with any_uow_factory() as uow:
        assert await uow.updates.first_time(101)


async def test_settled_messages_go_after_a_month_and_waiting_ones_stay(any_uow_factory):
    old = NOW - timedelta(days=31)
    sent, failed = message(old), message(old, Delivery.FAILED)
    waiting, recent = message(old, Delivery.PENDING), message(NOW - timedelta(days=2))
    async with any_uow_factory() as uow:
        for each in (sent, failed, waiting, recent):
            await uow.outbox.add(each)
        await uow.commit()

    forgotten = await forget_old_traffic(any_uow_factory(), FakeClock(NOW))

    assert forgotten.messages == 2
    assert await kept_messages(any_uow_factory, sent, failed, waiting, recent) == {
        waiting.id,
        recent.id,
    }


async def test_a_broadcast_still_followed_keeps_its_messages(uow_factory):
    await load_election(election(group("SW")), uow_factory(), FakeClock(START), name_key)
    old = NOW - timedelta(days=40)
    followed, finished = message(old), message(old)
    async with uow_factory() as uow:
        [stored] = await uow.groups.for_cycle("ccm-2024")
        for each in (followed, finished):
            await uow.outbox.add(each)
        await uow.broadcasts.add(Broadcast("b1", stored.id, "author", 1, old), [followed.id])
        done = Broadcast("b2", stored.id, "author", 1, old, 1, old + timedelta(hours=1))
        await uow.broadcasts.add(done, [finished.id])
        await uow.commit()

    await forget_old_traffic(uow_factory(), FakeClock(NOW))

    assert await kept_messages(uow_factory, followed, finished) == {followed.id}
