"""Stages open at their calendar's instants, group by group, once, announced to chat and members."""

from __future__ import annotations

from datetime import timedelta

from core.calendar import Stage
from core.services.schedule import advance_due_stages
from tests.builders import START, calendar
from tests.fakes import FakeClock
from tests.schedule.support import (
    CHATS,
    COMPOSER,
    OFFSETS,
    VAULT,
    cast_uow,
    member,
    outbox,
    setup,
    texts,
)


def _instants() -> list:
    """Every stage start of every group, in time order, each with its group and stage."""
    found = []
    for code, offset in OFFSETS.items():
        for stage in Stage:
            found.append((calendar(START + offset).starts(stage), code, stage))
    return sorted(found)


async def test_a_whole_calendar_runs_for_three_groups_in_order(any_uow_factory) -> None:
    make_uow = cast_uow(any_uow_factory)
    await setup(make_uow)
    clock = FakeClock(START - timedelta(hours=1))
    assert await advance_due_stages(make_uow(), COMPOSER, clock, sealer=VAULT.sealer) == []

    seen_order = []
    for instant, code, stage in _instants():
        clock.set(instant - timedelta(seconds=1))
        before = await advance_due_stages(make_uow(), COMPOSER, clock, sealer=VAULT.sealer)
        assert (code, stage) not in [(t.group, t.stage) for t in before]
        clock.set(instant)
        done = await advance_due_stages(make_uow(), COMPOSER, clock, sealer=VAULT.sealer)
        assert (code, stage) in [(t.group, t.stage) for t in done]
        seen_order += [(t.group, t.stage) for t in done]

    # Each group's six stages, each once, in the calendar's order.
    for code in OFFSETS:
        assert [s for g, s in seen_order if g == code] == list(Stage)
    async with make_uow() as uow:
        stored = {g.code: g.stage_recorded for g in await uow.groups.for_cycle("ccm-2024")}
        started = [e for e in await uow.audit.entries() if e.event.action == "stage.started"]
    assert stored == dict.fromkeys(OFFSETS, Stage.RESULTS)
    assert len(started) == 3 * len(Stage)

    messages = await outbox(make_uow, clock.now())
    chat = texts(messages, CHATS["SW"])
    assert [t.splitlines()[0] for t in chat] == [
        "📣 <b>Elections to the CCM: Group SW</b>",
        "🗳 <b>Group SW: registration is open</b>",
        "📋 <b>Group SW: the candidate list</b>",
        "🗳 <b>Group SW: voting is open</b>",
        "🏁 <b>Group SW: voting closed on 30 Aug 2024, 21:00</b>",
    ]
    assert "until <b>20 Aug 2024, 21:00</b>" in chat[1]  # SW closes registration 1.5 days later
    _, voter_chat = member(1, 1)
    assert "регистрация открыта" in texts(messages, voter_chat)[1]  # in the voter's language


async def test_a_scheduler_down_across_instants_catches_up_once(any_uow_factory) -> None:
    make_uow = cast_uow(any_uow_factory)
    await setup(make_uow)
    registration_open = calendar(START).registration_opens + timedelta(hours=1)
    clock = FakeClock(registration_open)
    await advance_due_stages(make_uow(), COMPOSER, clock, sealer=VAULT.sealer)

    # Down from then until after voting opened in PLHIV: the list and voting are missed.
    clock.set(calendar(START).voting_opens + timedelta(hours=2))
    caught_up = await advance_due_stages(make_uow(), COMPOSER, clock, sealer=VAULT.sealer)
    again = await advance_due_stages(make_uow(), COMPOSER, clock, sealer=VAULT.sealer)

    plhiv = [(t.stage, t.announced > 0) for t in caught_up if t.group == "PLHIV"]
    assert plhiv == [(Stage.CANDIDATE_LIST, False), (Stage.VOTING, True)]
    assert again == []
    chat = texts(await outbox(make_uow, clock.now()), CHATS["PLHIV"])
    assert sum("voting is open" in text for text in chat) == 1
    assert not any("candidate list" in text for text in chat)  # superseded, recorded silently
