"""What protects a ballot: one cast per confirmation, the receipt only after the commit, revote
rules, the close, open-ballot warnings, forged buttons, and marks forgotten after the cast."""

from __future__ import annotations

from datetime import timedelta

import pytest

from core.regulation import Secrecy
from tests.bot.talk import VAULT, Bench, Person, bench
from tests.bot.test_flow_vote import ballots, ballots_cast, prepared, voter
from tests.bot.test_flow_vote_support import (
    CLOSES,
    CYCLE,
    RECEIPT,
    VOTING,
    admit_voter,
    voting_group,
)
from tests.builders import election
from tests.fakes_voting import FakeVotingRecords


def button(person: Person, label: str) -> str:
    """The callback data of the newest button labelled `label`."""
    for sent in reversed(person.inbox()):
        for row in sent.buttons:
            for pressed in row:
                if pressed["text"] == label and "data" in pressed:
                    return pressed["data"]
    raise LookupError(label)


async def up_to_confirm(person: Person, name: str = "Aigul") -> None:
    await person.send("/vote")
    await person.tap(f"☐ {name}")
    await person.tap("Check and send ▶")


async def late_marks(stage: Bench) -> int:
    async with stage.uow() as uow:
        stored = await uow.groups.get(CYCLE, "SW")
        [contest] = await uow.contests.for_group(stored.id)
        return int(await uow.votes.count_late(contest.id))


async def test_a_failed_cast_sends_no_receipt_and_keeps_no_ballot(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    async with bench(election(voting_group()), VOTING) as stage:
        await prepared(stage)
        person = await voter(stage)
        await up_to_confirm(person)

        async def broken(self: FakeVotingRecords, contest_id: int, code: str) -> None:
            raise RuntimeError("the database went away")

        monkeypatch.setattr(FakeVotingRecords, "add_receipt", broken)
        await person.tap("✅ Confirm and send")
        assert person.last().text.startswith("This could not be saved")
        assert "recorded" not in person.said()
        async with stage.uow() as uow:
            pending = await uow.outbox.pending(VOTING + timedelta(days=1), 100)
        assert not any("recorded" in VAULT.open_body(m.body, m.id) for m in pending)
        assert ballots_cast(await ballots(stage)) == 0


async def test_with_revote_the_voter_may_vote_again_and_only_the_last_ballot_counts() -> None:
    async with bench(election(voting_group(revote=True)), VOTING) as stage:
        ids = await prepared(stage)
        person = await voter(stage)
        await up_to_confirm(person, "Aigul")
        await person.tap("✅ Confirm and send")
        [first] = RECEIPT.findall(person.last().text)
        await person.send("/vote")
        notice = next(s.text for s in person.inbox() if "You have already voted" in s.text)
        assert f"(receipt <b>{first}</b>). You may vote again until <b>" in notice
        assert "only your last ballot counts" in notice
        await person.tap("☐ Dana")
        await person.tap("Check and send ▶")
        await person.tap("✅ Confirm and send")
        assert "Your new vote is recorded" in person.last().text
        [second] = RECEIPT.findall(person.last().text)
        assert second != first
        [ballot] = (await ballots(stage))["single"]
        assert ballot.choices == (ids["Dana"],)


async def test_without_revote_a_second_vote_is_refused_with_the_receipt_shown_again() -> None:
    async with bench(election(voting_group()), VOTING) as stage:
        await prepared(stage)
        person = await voter(stage)
        await up_to_confirm(person)
        await person.tap("✅ Confirm and send")
        [receipt] = RECEIPT.findall(person.last().text)
        await person.send("/vote")
        assert person.last().text == (
            f"You have already voted in <b>Sex workers</b>. Your receipt: <b>{receipt}</b>. "
            "This election does not allow voting again."
        )
        assert person.last().labels() == []
        assert ballots_cast(await ballots(stage)) == 1


async def test_a_ballot_confirmed_after_the_close_is_refused_and_counted_as_late() -> None:
    async with bench(election(voting_group()), VOTING) as stage:
        await prepared(stage)
        person = await voter(stage)
        await up_to_confirm(person)
        stage.clock.set(CLOSES + timedelta(minutes=1))
        await person.tap("✅ Confirm and send")
        assert person.last().text.startswith("Voting is closed since ")
        assert "A ballot sent later is not counted." in person.last().text
        assert ballots_cast(await ballots(stage)) == 0
        assert await late_marks(stage) == 1
        await person.send("/vote ccm-2024_SW")
        assert person.last().text.startswith("Voting is closed since ")


async def test_an_open_ballot_is_announced_before_confirming_and_a_secret_one_is_not() -> None:
    groups = election(voting_group(secrecy=Secrecy.OPEN), voting_group("MSM", title="MSM"))
    async with bench(groups, VOTING) as stage:
        await prepared(stage, "SW")
        await prepared(stage, "MSM")
        open_voter, secret_voter = await voter(stage), await voter(stage, "MSM")
        await up_to_confirm(open_voter)
        warning = open_voter.inbox()[-2].text
        assert "the vote is open, not secret" in warning
        assert "your pseudonym <b>V-" in warning
        await up_to_confirm(secret_voter)
        assert "not secret" not in secret_voter.said()


async def test_forged_and_stale_buttons_change_nothing() -> None:
    groups = election(voting_group(), voting_group("MSM", title="MSM"))
    async with bench(groups, VOTING) as stage:
        await prepared(stage, "SW")
        await prepared(stage, "MSM")
        person = await voter(stage)
        await admit_in(stage, person, "MSM")
        await person.send("/vote ccm-2024_MSM")
        other_group = button(person, "☐ Bolat")
        await person.send("/vote ccm-2024_SW")
        first_screen = button(person, "☐ Aigul")
        await person.tap("☐ Aigul")
        before = await notes(stage, person)
        for forged in (other_group, first_screen, "vote:mark:C-0000-0000", "x" * 64):
            await person.press(forged)
            assert person.last().text.startswith("This button is no longer valid")
        assert await notes(stage, person) == before
        await person.send("where was I?")  # the current step is shown again, marks intact
        await person.tap("Check and send ▶")
        assert "Your choice: Aigul" in person.last().text
        assert ballots_cast(await ballots(stage)) + ballots_cast(await ballots(stage, "MSM")) == 0


async def notes(stage: Bench, person: Person) -> tuple[str | None, dict]:
    async with stage.uow() as uow:
        state = await uow.conversations.get(person.pseudonym)
    return state.step, VAULT.open_notes(state.data, person.pseudonym)


async def admit_in(stage: Bench, person: Person, group_code: str) -> None:
    await admit_voter(stage.uow, VAULT, group_code, person.pseudonym, person.user_id, "en")


async def test_after_the_cast_the_conversation_keeps_no_trace_of_the_choice() -> None:
    async with bench(election(voting_group()), VOTING) as stage:
        ids = await prepared(stage)
        person = await voter(stage)
        await up_to_confirm(person, "Bolat")
        async with stage.uow() as uow:
            during = await uow.conversations.get(person.pseudonym)
        assert ids["Bolat"] in str(VAULT.open_notes(during.data, person.pseudonym))
        await person.tap("✅ Confirm and send")
        async with stage.uow() as uow:
            after = await uow.conversations.get(person.pseudonym)
        assert (after.flow, VAULT.open_notes(after.data, person.pseudonym)) == (None, {})
