"""What voters do and see, around a crash too, and the ballot box as the product counts it.

Voters vote in English (for Bolat, unless told otherwise) through the buttons, as people do. A
receipt is what a voter holds: the code shown in "Your vote is recorded" or, when they open the
ballot again, in "You have already voted". The box is read the way the commission reads it:
close the vote, count, and export (ballots, receipts and has-voted markers). No tests here.
"""

from __future__ import annotations

import asyncio
from collections.abc import Awaitable, Iterable
from datetime import datetime
from typing import Any

from core.services.closing import close_voting
from core.services.export import export_group
from core.services.verify import verify_export
from sandbox.phone import Phone
from storage.testing import sql_uow_factory
from tests.bot.test_flow_vote_support import CYCLE, RECEIPT, public_id
from tests.e2e.scene import VAULT
from tests.faults.open_election import GROUP, after_the_close
from tests.waiting import act, seen

PICK, PICKED = "☐ Bolat", "☑ Bolat"
BOLAT = public_id(GROUP, "Bolat")
CHECK = "Check and send ▶"
CONFIRM = "✅ Confirm and send"
RECORDED = "Your vote is recorded"
ALREADY = "You have already voted"
# A tap on "Confirm and send" is answered by one of these: recorded, recorded by an earlier tap
# (its receipt again), or a screen no longer valid.
CONFIRMED = (RECORDED, "is already recorded", "no longer valid")
SORRY = "This could not be saved"  # common.try_again_later: the turn failed, nothing kept


class Stumbled(Exception):
    """The bot said it could not save the step: the voter starts again."""


def receipts(phone: Phone) -> set[str]:
    """Every receipt code the voter has been shown."""
    return set(RECEIPT.findall(phone.transcript().render()))


async def step(
    phone: Phone,
    action: Awaitable[Any],
    expected: Iterable[str],
    timeout: float = 30,  # noqa: ASYNC109
) -> None:
    """Act, then wait until one of `expected` shows once more; Stumbled on an apology."""
    apologies = seen(phone, SORRY)
    await act(phone, action, *expected, SORRY, timeout=timeout)
    if seen(phone, SORRY) > apologies:
        raise Stumbled(phone.transcript().render())


async def to_confirmation(
    phone: Phone,
    name: str = "Bolat",
    timeout: float = 30,  # noqa: ASYNC109
) -> None:
    """Open the ballot, mark `name` and reach the "Confirm and send" screen."""
    await step(phone, phone.send("/vote"), (f"☐ {name}", ALREADY), timeout)
    await step(phone, phone.tap(f"☐ {name}"), (f"☑ {name}",), timeout)
    await step(phone, phone.tap(CHECK), (CONFIRM,), timeout)


async def vote_until_receipt(
    phone: Phone,
    patience: float = 90,
    timeout: float = 10,  # noqa: ASYNC109
    pause: float = 1,
) -> None:
    """Vote until a receipt is shown, starting again after silence, or a moment after an apology
    ("please try again in a minute": a voter does not retry in the same instant)."""
    loop = asyncio.get_running_loop()
    deadline = loop.time() + patience
    while not receipts(phone) and loop.time() < deadline:
        try:
            await step(phone, phone.send("/vote"), (PICK, ALREADY), timeout)
            if receipts(phone):
                return
            await step(phone, phone.tap(PICK), (PICKED,), timeout)
            await step(phone, phone.tap(CHECK), (CONFIRM,), timeout)
            await step(phone, phone.tap(CONFIRM), CONFIRMED, timeout)
        except Stumbled:
            await asyncio.sleep(pause)
        except (TimeoutError, LookupError):
            continue
    assert receipts(phone), f"no receipt within {patience} s:\n{phone.transcript()}"


async def confirm_again(phone: Phone, timeout: float = 30) -> None:  # noqa: ASYNC109
    """A voter whose tap went unanswered taps "Confirm and send" again (or votes anew)."""
    try:
        await phone.tap(CONFIRM)
        await phone.wait_until(lambda: bool(receipts(phone)), timeout=timeout)
    except (LookupError, TimeoutError):
        await vote_until_receipt(phone, timeout=timeout)


async def ask_for_receipt(phone: Phone, timeout: float = 30) -> None:  # noqa: ASYNC109
    """Open the ballot again: a voter whose ballot is saved is shown their receipt."""
    await step(phone, phone.send("/vote"), (ALREADY,), timeout)


async def has_voted(url: str, phones: Iterable[Phone]) -> set[int]:
    """The user ids of those whose has-voted marker is in the database."""
    async with sql_uow_factory(url) as factory, factory() as uow:
        stored = await uow.groups.get(CYCLE, GROUP)
        [contest] = await uow.contests.for_group(stored.id)
        return {
            phone.user.id
            for phone in phones
            if await uow.votes.marker(contest.id, VAULT.pseudonym(phone.user.id)) is not None
        }


async def counted_box(url: str, now: datetime) -> dict[str, Any]:
    """Close the vote after its end, count it, and return the contest's export (it verifies)."""
    clock = after_the_close(now)
    async with sql_uow_factory(url) as factory:
        await close_voting(
            factory(), clock, group_code=GROUP, cycle_code=CYCLE, sealer=VAULT.sealer
        )
        export = await export_group(factory(), group_code=GROUP, cycle_code=CYCLE)
    assert verify_export(export) == []
    [contest] = export["contests"]
    return dict(contest)


def assert_box_matches(box: dict[str, Any], phones: Iterable[Phone]) -> None:
    """Each voter holds one receipt; the box holds exactly those receipts and one ballot each."""
    held = {phone.user.id: receipts(phone) for phone in phones}
    doubles = {user: codes for user, codes in held.items() if len(codes) > 1}
    assert not doubles, f"voters shown two receipts: {doubles}"
    shown = [code for codes in held.values() for code in codes]
    assert len(set(shown)) == len(shown), "two voters were shown the same receipt"
    assert sorted(box["receipts"]) == sorted(shown)
    assert len(box["ballots"]) == box["markers"] == len(shown)
    assert all(ballot["choices"] == [BOLAT] for ballot in box["ballots"])
