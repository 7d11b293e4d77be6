"""What only a real database shows: raw rows, and bot replicas racing on the same update."""

import asyncio
import hashlib
import uuid
from dataclasses import replace
from datetime import UTC, datetime, timedelta

import pytest
from sqlalchemy import select

from core.dialogue import ConversationState, Delivery, OutgoingMessage
from core.errors import Refused
from core.model import Person, Role
from core.ports_dialogue import StaleConversation
from core.services.invites import create_invite, redeem_invite
from storage.db import create_engine
from storage.tables import invites, outbox
from storage.testing import fresh_database, sql_uow_factory
from tests.builders import START, pseudonym, seed
from tests.fakes import FakeClock

NOW = datetime(2024, 8, 12, 6, 0, tzinfo=UTC)
ALICE, BOB = pseudonym(1), pseudonym(2)


async def rows(database_url: str, statement):
    engine = create_engine(database_url)
    try:
        async with engine.connect() as connection:
            return (await connection.execute(statement)).all()
    finally:
        await engine.dispose()


@pytest.fixture
async def racing_uow_factory(request):
    """Units of work on PostgreSQL, where two transactions really run at once.

    SQLite starts every transaction with BEGIN IMMEDIATE, so its writers take turns and there
    is no race to lose; the same rules hold there one after the other (see test_storage_dialogue).
    """
    with fresh_database(request, "postgres") as url:
        async with sql_uow_factory(url) as factory:
            yield factory


async def test_a_sent_message_keeps_neither_chat_nor_body_in_the_table(database_url, uow_factory):
    sent = OutgoingMessage(uuid.uuid4().hex, b"sealed-chat", b"sealed-body", NOW)
    waiting = OutgoingMessage(uuid.uuid4().hex, b"sealed-chat", b"sealed-body", NOW)
    async with uow_factory() as uow:
        await uow.outbox.add(sent)
        await uow.outbox.add(waiting)
        await uow.outbox.settle(sent.id, Delivery.SENT, 1, None)
        await uow.commit()

    stored = await rows(database_url, select(outbox.c.id, outbox.c.chat, outbox.c.body))
    assert sorted(stored) == sorted(
        [(sent.id, None, None), (waiting.id, b"sealed-chat", b"sealed-body")]
    )


async def test_an_invite_token_is_kept_only_as_its_hash(database_url, uow_factory):
    await seed(uow_factory, ALICE)
    clock = FakeClock(START)
    token = await create_invite(
        uow_factory(),
        clock,
        group_code="PLHIV",
        cycle_code="ccm-2024",
        role=Role.OBSERVER,
        valid_for=timedelta(days=2),
    )

    [row] = await rows(database_url, select(invites))
    assert row.token_hash == hashlib.sha256(token.encode()).hexdigest()
    assert not [value for value in row if isinstance(value, str) and token[2:] in value]


@pytest.mark.postgres
async def test_concurrent_replicas_handle_one_update_exactly_once(racing_uow_factory):
    uow_factory, barrier = racing_uow_factory, asyncio.Barrier(2)

    async def handle() -> bool:
        async with uow_factory() as uow:
            await uow.conversations.get(ALICE)  # the transaction is really open
            await barrier.wait()
            first = await uow.updates.first_time(42)
            await uow.conversations.save(ConversationState(pseudonym(3 if first else 4)))
            await uow.commit()  # the loser's transaction is still usable
            return first

    outcomes = await asyncio.wait_for(asyncio.gather(handle(), handle()), timeout=30)

    assert sorted(outcomes) == [False, True]


@pytest.mark.postgres
async def test_concurrent_turns_of_one_conversation_one_wins(racing_uow_factory):
    uow_factory, barrier = racing_uow_factory, asyncio.Barrier(2)

    async def turn(step: str) -> str:
        async with uow_factory() as uow:
            state = await uow.conversations.get(ALICE) or ConversationState(ALICE)
            await barrier.wait()
            try:
                await uow.conversations.save(replace(state, flow="start", step=step))
                await uow.commit()
            except StaleConversation:
                return "stale"
            return "saved"

    started = await asyncio.wait_for(asyncio.gather(turn("a"), turn("b")), timeout=30)
    advanced = await asyncio.wait_for(asyncio.gather(turn("c"), turn("d")), timeout=30)

    assert sorted(started) == sorted(advanced) == ["saved", "stale"]
    async with uow_factory() as uow:
        assert (await uow.conversations.get(ALICE)).version == 2


@pytest.mark.postgres
async def test_two_redemptions_of_one_invite_grant_one_role(racing_uow_factory):
    uow_factory = racing_uow_factory
    await seed(uow_factory, ALICE, BOB)
    async with uow_factory() as uow:
        for person in (ALICE, BOB):
            await uow.people.save(Person(person, consent_at=START))
        await uow.commit()
    clock = FakeClock(START)
    token = await create_invite(
        uow_factory(),
        clock,
        group_code="PLHIV",
        cycle_code="ccm-2024",
        role=Role.COMMISSION,
        valid_for=timedelta(days=2),
    )

    async def redeem(person: str) -> str:
        try:
            await redeem_invite(uow_factory(), clock, token, person)
        except Refused as refusal:
            return refusal.reason.code
        return "granted"

    outcomes = await asyncio.wait_for(asyncio.gather(redeem(ALICE), redeem(BOB)), timeout=30)

    assert sorted(outcomes) == ["granted", "invite.used"]
    async with uow_factory() as uow:
        holders = [g.pseudonym for p in (ALICE, BOB) for g in await uow.roles.for_person(p)]
    assert len(holders) == 1
