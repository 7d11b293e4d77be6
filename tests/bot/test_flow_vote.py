"""Voting in a private chat: the candidates, a selection per contest, confirmation, receipt."""

from __future__ import annotations

from typing import Any

from core.model import BallotStatus
from core.receipts import RECEIPT_PATTERN
from core.regulation import CompetitionRule
from tests.bot.talk import VAULT, Bench, Person, bench
from tests.bot.test_flow_vote_support import (
    CYCLE,
    RECEIPT,
    VOTING,
    add_candidates,
    admit_voter,
    voting_group,
)
from tests.builders import REGISTRATION_OPENS, election
from tests.services.voting_support import ballots_in_box

NAMES = ["Aigul", "Bolat", "Dana"]
PARALLEL = CompetitionRule.PARALLEL_CONTESTS


async def voter(stage: Bench, group_code: str = "SW", language: str = "en") -> Person:
    """An admitted voter of the group, with the bot open."""
    person = stage.person(language)
    await admit_voter(
        stage.uow, VAULT, group_code, person.pseudonym, person.user_id, language or "ru"
    )
    return person


async def prepared(stage: Bench, group_code: str = "SW", **statements: str) -> dict[str, str]:
    return await add_candidates(stage.uow, VAULT, group_code, NAMES, statements or None)


async def ballots(stage: Bench, group_code: str = "SW") -> dict[str, list[Any]]:
    """The stored ballots of each contest of the group, by contest kind."""
    async with stage.uow() as uow:
        stored = await uow.groups.get(CYCLE, group_code)
        found = {}
        for contest in await uow.contests.for_group(stored.id):
            found[contest.kind.value] = await ballots_in_box(uow, contest.id, VAULT.sealer)
    return found


async def test_a_voter_reads_the_candidates_marks_one_confirms_and_gets_a_receipt() -> None:
    async with bench(election(voting_group()), VOTING) as stage:
        ids = await prepared(stage, Bolat="Free testing in every region.")
        person = await voter(stage)
        await person.send("/vote")
        said = person.said()
        assert "Sex workers: the ballot" in said
        assert f"2. Bolat ({ids['Bolat']})\nFree testing in every region." in said
        assert person.last().labels() == [
            "☐ Aigul",
            "☐ Bolat",
            "☐ Dana",
            "Abstain (blank)",
            "Check and send ▶",
        ]
        assert "You may mark up to 1. Marked: 0." in person.last().text

        await person.tap("☐ Bolat")
        assert "☑ Bolat" in person.last().labels()
        assert "Marked: 1." in person.last().text
        await person.tap("Check and send ▶")
        assert "Your choice: Bolat" in person.last().text
        assert not ballots_cast(await ballots(stage))

        await person.tap("✅ Confirm and send")
        recorded = person.last().text
        assert recorded.startswith("✅ <b>Your vote is recorded</b>")
        [code] = RECEIPT.findall(recorded)
        assert RECEIPT_PATTERN.match(code)
        [ballot] = (await ballots(stage))["single"]
        assert (ballot.choices, ballot.status) == ((ids["Bolat"],), BallotStatus.COUNTED)


def ballots_cast(found: dict[str, list[Any]]) -> int:
    return sum(len(stored) for stored in found.values())


async def test_parallel_contests_ask_for_the_member_then_the_alternate() -> None:
    group = voting_group(rule=PARALLEL)
    async with bench(election(group), VOTING) as stage:
        ids = await prepared(stage)
        person = await voter(stage, language="ru")
        await person.send("/vote")
        assert "голосование 1 из 2: <b>член СКК</b>" in person.last().text
        await person.tap("☐ Aigul")
        await person.tap("Далее ▶")
        assert "голосование 2 из 2: <b>альтернат</b>" in person.last().text
        assert "☐ Aigul" in person.last().labels()  # marks are per contest
        await person.tap("☐ Dana")
        await person.tap("Проверить и отправить ▶")
        assert "Член СКК: Aigul\nАльтернат: Dana" in person.last().text
        await person.tap("✅ Подтвердить и отправить")
        assert "Ваш голос записан" in person.last().text
        found = await ballots(stage)
        assert [b.choices for b in found["member"]] == [(ids["Aigul"],)]
        assert [b.choices for b in found["alternate"]] == [(ids["Dana"],)]


async def test_a_mark_beyond_the_allowed_number_is_refused_and_the_marks_are_kept() -> None:
    async with bench(election(voting_group(members=2, choices=2)), VOTING) as stage:
        ids = await prepared(stage)
        person = await voter(stage)
        await person.send("/vote")
        await person.tap("☐ Aigul")
        await person.tap("☐ Bolat")
        await person.tap("☐ Dana")
        assert "You can mark at most 2." in person.said()
        assert person.last().labels()[:3] == ["☑ Aigul", "☑ Bolat", "☐ Dana"]
        await person.tap("☑ Aigul")  # unmarking frees a place
        await person.tap("☐ Dana")
        await person.tap("Check and send ▶")
        assert "Your choice: Bolat, Dana" in person.last().text
        await person.tap("✅ Confirm and send")
        [ballot] = (await ballots(stage))["single"]
        assert ballot.choices == (ids["Bolat"], ids["Dana"])


async def test_abstaining_casts_a_blank_ballot_after_saying_so() -> None:
    async with bench(election(voting_group(rule=PARALLEL)), VOTING) as stage:
        ids = await prepared(stage)
        person = await voter(stage)
        await person.send("/vote")
        await person.tap("☐ Bolat")
        await person.tap("Next ▶")
        await person.tap("Abstain (blank)")
        assert "CCM member: Bolat\nAlternate: blank (you abstain)" in person.last().text
        await person.tap("✅ Confirm and send")
        found = await ballots(stage)
        assert [b.choices for b in found["member"]] == [(ids["Bolat"],)]
        assert [(b.choices, b.status) for b in found["alternate"]] == [((), BallotStatus.COUNTED)]


async def test_change_goes_back_to_the_first_contest_with_the_marks_kept() -> None:
    async with bench(election(voting_group()), VOTING) as stage:
        ids = await prepared(stage)
        person = await voter(stage)
        await person.send("/vote")
        await person.tap("☐ Aigul")
        await person.tap("Check and send ▶")
        await person.tap("Change")
        assert person.last().labels()[:2] == ["☑ Aigul", "☐ Bolat"]
        await person.tap("☑ Aigul")
        await person.tap("☐ Dana")
        await person.tap("Check and send ▶")
        await person.tap("✅ Confirm and send")
        [ballot] = (await ballots(stage))["single"]
        assert ballot.choices == (ids["Dana"],)


async def test_long_statements_are_split_into_messages_telegram_accepts() -> None:
    long = {name: f"{name} says: " + "prevention and care. " * 140 for name in NAMES}
    async with bench(election(voting_group()), VOTING) as stage:
        await prepared(stage, **long)
        person = await voter(stage)
        await person.send("/vote")
        listing = [s.text for s in person.inbox() if "says:" in s.text]
        assert len(listing) == 3  # one ~2,900-character statement a message
        assert all(len(text) <= 4096 for text in listing)
        assert [name for name in NAMES if any(f"{name} says:" in t for t in listing)] == NAMES


async def test_the_group_menu_offers_vote_only_while_voting_is_open() -> None:
    async with bench(election(voting_group()), VOTING) as stage:
        await prepared(stage)
        person = await voter(stage)
        await person.send("/start g-ccm-2024_SW")
        assert person.last().labels() == ["🗳 Vote", "Send a complaint to the commission"]
        await person.tap("🗳 Vote")
        assert "Sex workers: the ballot" in person.said()
        assert "☐ Aigul" in person.last().labels()
        stage.clock.set(REGISTRATION_OPENS)
        await person.send("/start g-ccm-2024_SW")
        assert person.last().labels() == [
            "Register to vote",
            "Apply as a candidate",
            "Send a complaint to the commission",
        ]


async def test_a_person_who_is_not_an_admitted_voter_gets_no_ballot() -> None:
    async with bench(election(voting_group()), VOTING) as stage:
        await prepared(stage)
        stranger = stage.person("en")
        await stranger.send("/vote ccm-2024_SW")
        assert "Only admitted voters of group Sex workers can vote" in stranger.last().text
        assert stranger.last().labels() == []
        await stranger.send("/vote")
        assert "Voting is not open in any of your groups" in stranger.last().text


async def test_a_name_with_markup_is_shown_as_typed_and_escaped_exactly_once() -> None:
    async with bench(election(voting_group()), VOTING) as stage:
        await add_candidates(stage.uow, VAULT, "SW", ["Ali <b>& Co"], {"Ali <b>& Co": "<i>hi</i>"})
        person = await voter(stage)
        await person.send("/vote")
        assert "1. Ali &lt;b&gt;&amp; Co (C-" in person.said()
        assert "&lt;i&gt;hi&lt;/i&gt;" in person.said()
        await person.tap("☐ Ali <b>& Co")  # a button label is plain text on Telegram's side
        await person.tap("Check and send ▶")
        assert "Your choice: Ali &lt;b&gt;&amp; Co\n" in person.last().text


async def test_start_without_a_link_offers_the_groups_that_are_voting() -> None:
    async with bench(election(voting_group()), VOTING) as stage:
        await prepared(stage)
        person = await voter(stage)
        await person.send("/start")
        assert person.last().labels() == ["Sex workers"]
        await person.tap("Sex workers")
        assert "🗳 Vote" in person.last().labels()
