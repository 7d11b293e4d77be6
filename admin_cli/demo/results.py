"""Results: the scheduler closes and counts the vote, the commission confirms it in the bot, an
elected member withdraws and the regulation's rule fills the seat, voters check their receipts.

The demo never closes a vote itself: it waits for the scheduler to count it after the close
(its sweep is the safety net when a wake-up is missed), and says so if that takes too long.
"""

from __future__ import annotations

import asyncio
from datetime import timedelta

from admin_cli.demo.appointing import Officials
from admin_cli.demo.casting import GroupPlan
from admin_cli.demo.person import Person
from admin_cli.demo.theatre import Theatre
from core.calendar import Stage
from core.services.context import find_group, group_id

SCHEDULER_GRACE = timedelta(seconds=90)  # the scheduler's sweep runs every minute
CHECKERS = 2  # voters per group who look their receipt up on the board
VIEW = ("results.view.awaiting", "results.view.confirmed")


async def counted(theatre: Theatre, group: str) -> bool:
    """Whether a result version exists: the scheduler has closed and counted the vote."""
    async with theatre.uow_factory() as uow:
        found = await find_group(uow, group)
        return bool(await uow.results.versions(group_id(found)))


async def wait_for_the_count(theatre: Theatre, group: str) -> bool:
    """Wait for the scheduler to count the vote after the close, within a grace period."""
    calendar = theatre.calendar(group)
    await theatre.until(calendar.voting_closes)
    deadline = calendar.results + SCHEDULER_GRACE
    while theatre.clock.now() < deadline:
        if await counted(theatre, group):
            return True
        await asyncio.sleep(0.5)
    return False


async def settle_results(theatre: Theatre, officials: Officials, plan: GroupPlan) -> None:
    """Confirm the count; record a withdrawal where the story has one, and confirm again."""
    if not await wait_for_the_count(theatre, plan.code):
        theatre.story.problems.append(
            f"{plan.code}: the scheduler had not counted the vote {SCHEDULER_GRACE.seconds} s "
            "after the results were due"
        )
        return
    theatre.story.count(plan.code, "counted by the scheduler")
    chair = officials.commission[0]
    await chair.send("/results", *VIEW)
    await chair.tap("results.confirm_button", "results.confirmed")
    if plan.withdrawal:
        await _withdraw_the_member(theatre, chair, plan.code)
    for who, receipt in list(theatre.story.receipts.get(plan.code, {}).items())[:CHECKERS]:
        await check_receipt(theatre, theatre.people[who], plan.code, receipt)
    if not await _results_stage_recorded(theatre, plan.code):
        theatre.story.problems.append(
            f"{plan.code}: the scheduler had not started the results stage in time"
        )


async def _results_stage_recorded(theatre: Theatre, group: str) -> bool:
    """Wait for the scheduler to record the results stage, as it records every stage."""
    deadline = theatre.calendar(group).results + SCHEDULER_GRACE
    while theatre.clock.now() < deadline:
        async with theatre.uow_factory() as uow:
            if (await find_group(uow, group)).stage_recorded is Stage.RESULTS:
                return True
        await asyncio.sleep(0.5)
    return False


async def _withdraw_the_member(theatre: Theatre, chair: Person, group: str) -> None:
    """The elected member withdraws; the commission records it and confirms the new seats."""
    await chair.send("/results", *VIEW)
    await chair.tap("results.withdraw_button", "results.pick_withdrawn")
    member = chair.buttons_of("results.pick_withdrawn")[0]  # the elected, members first
    await chair.press(member, "results.withdraw_sure")
    await chair.tap("results.record_withdrawal", "results.view.awaiting")
    await chair.tap("results.confirm_button", "results.confirmed")
    theatre.story.tell(
        f"{group}: the elected member withdrew after the results; the commission recorded it, "
        "the rule gave the seat to the next by votes, and the new seats were confirmed."
    )
    theatre.story.count(group, "withdrawals")


async def check_receipt(theatre: Theatre, voter: Person, group: str, receipt: str) -> None:
    """A voter types their receipt on the board and finds it listed."""
    await voter.send("/board", "board.header", "board.pick_group")
    if voter.last_says("board.pick_group"):
        name = theatre.config.group(group).names.get(voter.language)
        await voter.press(name, "board.header")
    await voter.send(receipt, "board.found", "board.not_found")
    theatre.story.count(
        group, "receipts found" if voter.says("board.found") else "receipts missing"
    )
