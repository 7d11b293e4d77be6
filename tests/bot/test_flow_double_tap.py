"""A double tap: the second press of a button already acted on is a repeat, not a stale button.

Both presses come from the same message, one after the other, as when a voter taps Confirm twice
before the receipt has replaced the ballot. The first acts; the second must neither act again
(one ballot, never a revote) nor tell the person that the button "is no longer valid".
"""

from __future__ import annotations

import json
from datetime import timedelta
from typing import Any

import pytest

from bot.flows.presses import SPENT
from core.services.closing import close_voting
from tests.bot.talk import VAULT, Bench, bench
from tests.bot.test_flow_vote import prepared, voter
from tests.bot.test_flow_vote_guards import button, late_marks, up_to_confirm
from tests.bot.test_flow_vote_support import CLOSES, CYCLE, RECEIPT, VOTING, voting_group
from tests.builders import REGISTRATION_OPENS, election

CONFIRM = "✅ Confirm and send"
AGAIN = (
    "✅ Your vote in <b>Sex workers</b> is already recorded; pressing again sent nothing more. "
    "Receipt: <b>{receipt}</b>"
)
PRESSED = "This button has already been pressed; its answer is above."


async def counted(stage: Bench) -> dict[str, Any]:
    """Close SW's vote as the scheduler does; say the votes each candidate got, blank, invalid."""
    stage.clock.set(CLOSES + timedelta(minutes=5))
    closing = await close_voting(
        stage.uow(), stage.clock, group_code="SW", cycle_code=CYCLE, sealer=VAULT.sealer
    )
    [contest] = closing.result.contests
    votes = {candidate: n for candidate, n in contest.votes.items() if n}
    return {"votes": votes, "blank": contest.blank, "invalid": contest.invalid_total}


@pytest.mark.parametrize("revote", [False, True], ids=["no-revote", "revote"])
async def test_confirm_tapped_twice_keeps_one_ballot_and_shows_its_receipt_again(
    revote: bool,
) -> None:
    async with bench(election(voting_group(revote=revote)), VOTING) as stage:
        ids = await prepared(stage)
        person = await voter(stage)
        await up_to_confirm(person, "Dana")
        confirm = button(person, CONFIRM)
        await person.press(confirm)
        await person.press(confirm)
        await person.press(confirm)  # a third tap is a repeat too
        texts = [sent.text for sent in person.inbox()]
        [receipt] = RECEIPT.findall(next(t for t in texts if "Your vote is recorded" in t))
        assert texts[-2:] == [AGAIN.format(receipt=receipt)] * 2
        assert not [t for t in texts if "no longer valid" in t or "new vote" in t]
        assert await counted(stage) == {"votes": {ids["Dana"]: 1}, "blank": 0, "invalid": 0}


async def test_a_repeat_leaves_the_screen_it_answers_over_valid() -> None:
    async with bench(election(voting_group(members=2, choices=2)), VOTING) as stage:
        ids = await prepared(stage)
        person = await voter(stage)
        await person.send("/vote")
        aigul = button(person, "☐ Aigul")
        await person.press(aigul)
        await person.press(aigul)  # not toggled back: the mark stays
        assert person.last().text == PRESSED
        await person.tap("☐ Bolat")  # the screen the first press drew still works
        await person.tap("Check and send ▶")
        assert "Your choice: Aigul, Bolat" in person.last().text
        await person.tap(CONFIRM)
        both = {ids["Aigul"]: 1, ids["Bolat"]: 1}
        assert await counted(stage) == {"votes": both, "blank": 0, "invalid": 0}


async def test_a_confirm_refused_as_late_is_refused_again_and_counted_late_once() -> None:
    async with bench(election(voting_group()), VOTING) as stage:
        await prepared(stage)
        person = await voter(stage)
        await up_to_confirm(person)
        stage.clock.set(CLOSES + timedelta(minutes=1))
        confirm = button(person, CONFIRM)
        await person.press(confirm)
        await person.press(confirm)
        closed = [sent.text for sent in person.inbox() if sent.text.startswith("Voting is closed")]
        assert len(closed) == 2
        assert await late_marks(stage) == 1
        assert await counted(stage) == {"votes": {}, "blank": 0, "invalid": 0}


async def test_other_flows_answer_a_repeat_by_pointing_to_the_first_answer() -> None:
    async with bench(election(voting_group()), REGISTRATION_OPENS + timedelta(hours=1)) as stage:
        person = stage.person("en")
        await person.send("/start g-ccm-2024_SW")
        agree = button(person, "I agree")
        await person.press(agree)
        menu = person.last()
        await person.press(agree)
        assert person.last().text == PRESSED
        await person.tap("Register to vote")  # the menu the first press showed still works
        assert person.inbox()[-1] is not menu and "no longer valid" not in person.said()


async def test_which_button_was_pressed_is_not_stored_in_the_clear() -> None:
    async with bench(election(voting_group()), VOTING) as stage:
        ids = await prepared(stage)
        person = await voter(stage)
        await person.send("/vote")
        pressed = button(person, "☐ Bolat")
        await person.press(pressed)
        async with stage.uow() as uow:
            state = await uow.conversations.get(person.pseudonym)
        assert pressed not in json.dumps(state.buttons)
        assert "mark" not in state.buttons[SPENT]  # sealed: a fresh nonce every time
        live = sorted(v for k, v in state.buttons.items() if k != SPENT)
        # Every candidate once: nothing in the clear singles out the one marked.
        assert [v for v in live if ":mark:" in v] == sorted(f"vote:mark:{i}" for i in ids.values())


async def test_a_button_never_pressed_is_still_stale() -> None:
    async with bench(election(voting_group()), VOTING) as stage:
        await prepared(stage)
        person = await voter(stage)
        await up_to_confirm(person)
        change = button(person, "Change")
        await person.tap(CONFIRM)
        await person.press(change)
        assert person.last().text.startswith("This button is no longer valid")
