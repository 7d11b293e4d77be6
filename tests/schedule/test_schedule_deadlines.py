"""Reminders go only to those with something left to do; a moved deadline is announced,
audited with who and why, and reminded of anew."""

from __future__ import annotations

from datetime import timedelta

import pytest

from core.calendar import Stage
from core.errors import Refused
from core.model import Candidate, CandidateStatus
from core.services.deadlines import close_stage_now, extend_deadline
from core.services.reminders import send_due_reminders
from core.stages import can_vote
from tests.builders import START, calendar
from tests.fakes import FakeClock
from tests.schedule.support import CHATS, COMPOSER, cast_uow, member, outbox, setup, texts

PLHIV = calendar(START)


async def test_reminders_reach_only_who_has_something_to_do(any_uow_factory) -> None:
    make_uow = cast_uow(any_uow_factory)
    ids = await setup(make_uow)
    drafter, drafter_chat = member(0, 1)
    _, voter_chat = member(0, 2)
    async with make_uow() as uow:
        await uow.candidates.add(
            Candidate(ids["PLHIV"], drafter, CandidateStatus.DRAFT, START, START)
        )
        await uow.commit()
    clock = FakeClock(PLHIV.registration_closes - timedelta(hours=23))

    first = await send_due_reminders(make_uow(), COMPOSER, clock)
    again = await send_due_reminders(make_uow(), COMPOSER, clock)
    clock.set(PLHIV.registration_closes - timedelta(minutes=30))
    last_hour = await send_due_reminders(make_uow(), COMPOSER, clock)

    assert [(r.group, r.deadline, r.sent) for r in first] == [("PLHIV", "registration_closes", 1)]
    assert again == []
    assert [(r.deadline, r.lead) for r in last_hour] == [
        ("registration_closes", timedelta(hours=1))
    ]
    messages = await outbox(make_uow, clock.now())
    reminders = texts(messages, drafter_chat)
    assert len(reminders) == 2 and "через 24 ч." in reminders[0] and "через 1 ч." in reminders[1]
    assert texts(messages, voter_chat) == []  # a voter has nothing to do before voting
    assert texts(messages, CHATS["PLHIV"]) == []  # reminders are personal


async def test_a_bot_down_for_a_day_sends_only_the_most_urgent_reminder(any_uow_factory) -> None:
    make_uow = cast_uow(any_uow_factory)
    await setup(make_uow)
    clock = FakeClock(PLHIV.voting_closes - timedelta(minutes=20))

    sent = await send_due_reminders(make_uow(), COMPOSER, clock)

    assert [(r.group, r.deadline, r.lead, r.sent) for r in sent] == [
        ("PLHIV", "voting_closes", timedelta(hours=1), 2)  # both voters, who have not voted
    ]
    _, voter_chat = member(0, 1)
    assert len(texts(await outbox(make_uow, clock.now()), voter_chat)) == 1


async def test_an_extended_deadline_mid_stage(any_uow_factory) -> None:
    make_uow = cast_uow(any_uow_factory)
    await setup(make_uow)
    committee, committee_chat = member(0, 0)
    clock = FakeClock(PLHIV.voting_opens + timedelta(days=1))
    later = PLHIV.voting_closes + timedelta(days=1)

    with pytest.raises(Refused) as no_reason:
        await extend_deadline(
            make_uow(),
            COMPOSER,
            clock,
            group_code="PLHIV",
            instant="voting_closes",
            to=later,
            reason="  ",
            by=committee,
        )
    outsider, _ = member(1, 0)  # the SW committee has no say over PLHIV
    with pytest.raises(Refused) as not_theirs:
        await extend_deadline(
            make_uow(),
            COMPOSER,
            clock,
            group_code="PLHIV",
            instant="voting_closes",
            to=later,
            reason="internet outage in Kostanay",
            by=outsider,
        )
    changed = await extend_deadline(
        make_uow(),
        COMPOSER,
        clock,
        group_code="PLHIV",
        instant="voting_closes",
        to=later,
        reason="internet outage in Kostanay",
        by=committee,
    )

    assert no_reason.value.reason.code == "schedule.reason_required"
    assert not_theirs.value.reason.code == "role.not_held"
    assert can_vote(changed.calendar, PLHIV.voting_closes + timedelta(hours=1)) is None
    async with make_uow() as uow:
        [entry] = [e for e in await uow.audit.entries() if e.event.action == "calendar.extended"]
    assert entry.event.actor.startswith("committee:P-")
    assert entry.event.payload["reason"] == "internet outage in Kostanay"
    messages = await outbox(make_uow, clock.now())
    [notice] = texts(messages, committee_chat)
    assert "the close of voting has been moved to <b>30 Aug 2024, 09:00</b>" in notice
    assert "Reason: internet outage in Kostanay" in notice
    assert len(texts(messages, CHATS["PLHIV"])) == 1

    # The old deadline's last hour passes without a reminder; the new one's does not.
    clock.set(PLHIV.voting_closes - timedelta(minutes=30))
    assert [
        r for r in await send_due_reminders(make_uow(), COMPOSER, clock) if r.group == "PLHIV"
    ] == []
    clock.set(later - timedelta(minutes=30))
    reminded = await send_due_reminders(make_uow(), COMPOSER, clock)
    assert [(r.lead, r.sent) for r in reminded if r.group == "PLHIV"] == [(timedelta(hours=1), 2)]


async def test_the_secretariat_closes_voting_early_from_the_command_line(any_uow_factory) -> None:
    make_uow = cast_uow(any_uow_factory)
    await setup(make_uow)
    moment = PLHIV.voting_opens + timedelta(days=2)
    clock = FakeClock(moment)

    closed = await close_stage_now(
        make_uow(),
        COMPOSER,
        clock,
        group_code="PLHIV",
        stage=Stage.VOTING,
        reason="every voter has voted",
    )

    assert can_vote(closed.calendar, moment) is not None
    async with make_uow() as uow:
        [entry] = [
            e for e in await uow.audit.entries() if e.event.action == "calendar.closed_early"
        ]
    assert entry.event.actor == "secretariat:cli"
    [notice] = texts(await outbox(make_uow, moment), CHATS["PLHIV"])
    assert "voting was closed early" in notice
