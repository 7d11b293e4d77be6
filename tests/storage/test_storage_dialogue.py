"""The bot's memory on the fakes, SQLite and PostgreSQL alike: conversations, outbox, updates."""

import uuid
from dataclasses import replace
from datetime import UTC, datetime, timedelta

import pytest

from core.audit import AuditEvent
from core.dialogue import ConversationState, Delivery, OutgoingMessage
from core.errors import NotFound
from core.ports_dialogue import StaleConversation
from tests.builders import pseudonym
from tests.fakes import FakeDatabase, FakeUnitOfWork

NOW = datetime(2024, 8, 12, 6, 0, tzinfo=UTC)
ALICE = pseudonym(1)


def message(created: datetime, not_before: datetime | None = None) -> OutgoingMessage:
    return OutgoingMessage(
        id=uuid.uuid4().hex,
        chat=b"sealed-chat",
        body=b"sealed-body",
        created_at=created,
        not_before=not_before,
    )


async def test_a_conversation_comes_back_as_saved_with_its_version_bumped(any_uow_factory):
    state = ConversationState(ALICE, "start", "menu", b"sealed-notes", {"t1": "start:agree"}, "kk")
    async with any_uow_factory() as uow:
        assert await uow.conversations.get(ALICE) is None
        saved = await uow.conversations.save(state)
        again = await uow.conversations.save(replace(saved, step="pick"))
        await uow.commit()

    async with any_uow_factory() as uow:
        stored = await uow.conversations.get(ALICE)
    assert (saved.version, again.version) == (1, 2)
    assert stored == replace(state, step="pick", version=2)


async def test_two_saves_from_the_same_read_the_second_is_stale(any_uow_factory):
    async with any_uow_factory() as uow:
        await uow.conversations.save(ConversationState(ALICE, "start", "consent"))
        await uow.commit()
    async with any_uow_factory() as uow:
        read = await uow.conversations.get(ALICE)

    async with any_uow_factory() as uow:
        await uow.conversations.save(replace(read, step="menu"))
        await uow.commit()
    async with any_uow_factory() as uow:
        with pytest.raises(StaleConversation):
            await uow.conversations.save(replace(read, step="pick"))
        # The loser's transaction stays usable: the bot can still record what happened.
        await uow.audit.append(AuditEvent("turn.redone"), NOW)
        await uow.commit()

    async with any_uow_factory() as uow:
        stored = await uow.conversations.get(ALICE)
        assert [e.event.action for e in await uow.audit.entries()] == ["turn.redone"]
    assert (stored.step, stored.version) == ("menu", 2)


async def test_a_second_first_save_of_a_conversation_is_stale(any_uow_factory):
    async with any_uow_factory() as uow:
        await uow.conversations.save(ConversationState(ALICE, "start"))
        await uow.commit()

    async with any_uow_factory() as uow:
        with pytest.raises(StaleConversation):
            await uow.conversations.save(ConversationState(ALICE, "help"))
        await uow.updates.first_time(7)  # the transaction is still usable
        await uow.commit()

    async with any_uow_factory() as uow:
        assert (await uow.conversations.get(ALICE)).flow == "start"
        assert not await uow.updates.first_time(7)


async def test_an_update_is_handled_only_the_first_time(any_uow_factory):
    async with any_uow_factory() as uow:
        assert await uow.updates.first_time(2**40)  # update ids outgrow 32 bits
        assert not await uow.updates.first_time(2**40)
        await uow.commit()

    async with any_uow_factory() as uow:
        assert not await uow.updates.first_time(2**40)
        assert await uow.updates.first_time(2**40 + 1)


async def test_an_update_left_uncommitted_counts_as_never_handled(any_uow_factory):
    async with any_uow_factory() as uow:
        assert await uow.updates.first_time(5)
    async with any_uow_factory() as uow:
        assert await uow.updates.first_time(5)


async def test_the_outbox_hands_out_due_messages_oldest_first(any_uow_factory):
    second = message(NOW - timedelta(minutes=1))
    first = message(NOW - timedelta(minutes=5))
    later = message(NOW - timedelta(minutes=9), not_before=NOW + timedelta(seconds=30))
    third = message(NOW, not_before=NOW)
    async with any_uow_factory() as uow:
        for item in (second, later, third, first):
            await uow.outbox.add(item)
        await uow.commit()

    async with any_uow_factory() as uow:
        due = await uow.outbox.pending(NOW, limit=10)
        top = await uow.outbox.pending(NOW, limit=2)
        after_wait = await uow.outbox.pending(NOW + timedelta(minutes=1), limit=10)
    assert [m.id for m in due] == [first.id, second.id, third.id]
    assert due[0] == first
    assert [m.id for m in top] == [first.id, second.id]
    assert [m.id for m in after_wait] == [later.id, first.id, second.id, third.id]


async def test_a_settled_message_leaves_the_outbox_without_chat_or_text(any_uow_factory):
    sent, blocked, retried = (message(NOW - timedelta(minutes=n)) for n in (3, 2, 1))
    retry_at = NOW + timedelta(seconds=20)
    async with any_uow_factory() as uow:
        for item in (sent, blocked, retried):
            await uow.outbox.add(item)
        await uow.outbox.settle(sent.id, Delivery.SENT, 1, None)
        await uow.outbox.settle(blocked.id, Delivery.BLOCKED, 1, None)
        await uow.outbox.settle(retried.id, Delivery.PENDING, 1, retry_at)
        with pytest.raises(NotFound):
            await uow.outbox.settle(uuid.uuid4().hex, Delivery.SENT, 1, None)
        await uow.commit()

    async with any_uow_factory() as uow:
        gone = [await uow.outbox.get(m.id) for m in (sent, blocked)]
        waiting = await uow.outbox.get(retried.id)
        assert await uow.outbox.pending(NOW, limit=10) == []
        assert [m.id for m in await uow.outbox.pending(retry_at, limit=10)] == [retried.id]
    assert [(m.status, m.chat, m.body) for m in gone] == [
        (Delivery.SENT, b"", b""),
        (Delivery.BLOCKED, b"", b""),
    ]
    assert (waiting.chat, waiting.body, waiting.attempts) == (b"sealed-chat", b"sealed-body", 1)
    assert waiting.not_before == retry_at


async def test_the_fake_refuses_a_save_another_open_unit_committed_before_it():
    # Databases make the second writer wait (see test_storage_dialogue_sql); the fakes, whose
    # units of work do not block each other, must still refuse the stale save.
    database = FakeDatabase()
    async with FakeUnitOfWork(database) as first, FakeUnitOfWork(database) as second:
        assert await first.updates.first_time(1)
        mine = await first.conversations.save(ConversationState(ALICE, "start"))
        await first.commit()
        with pytest.raises(StaleConversation):
            await second.conversations.save(ConversationState(ALICE, "help"))
        assert not await second.updates.first_time(1)
    assert database.state.dialogue.conversations[ALICE] == mine
