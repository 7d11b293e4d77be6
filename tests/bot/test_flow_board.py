"""The bulletin board: receipts anyone can check, totals once confirmed, and the anonymised
ballots for those who watch the election."""

from __future__ import annotations

import re

from core.model import Role
from core.regulation import CompetitionRule, Secrecy
from tests.bot.talk import VAULT, Bench, Person, bench
from tests.bot.test_flow_vote import NAMES
from tests.bot.test_flow_vote_support import (
    AFTER,
    VOTING,
    add_candidates,
    admit_voter,
    cast,
    grant_role,
    voting_group,
)
from tests.builders import election


async def electorate(stage: Bench, marks: list[list[str]]) -> tuple[list[Person], list[str]]:
    """Voters who voted `marks` (candidate names) in every contest; return them and receipts."""
    ids = await add_candidates(stage.uow, VAULT, "SW", NAMES)
    people, receipts = [], []
    for marked in marks:
        person = stage.person("en")
        await admit_voter(stage.uow, VAULT, "SW", person.pseudonym, person.user_id, "en")
        receipts.append(
            await cast(stage.uow, VAULT, "SW", person.pseudonym, [ids[m] for m in marked])
        )
        people.append(person)
    return people, receipts


async def watcher(stage: Bench, role: Role) -> Person:
    person = stage.person("en")
    await grant_role(stage.uow, VAULT, "SW", person.pseudonym, person.user_id, role, "en")
    return person


async def test_receipts_are_listed_sorted_a_page_at_a_time_and_a_voter_finds_theirs() -> None:
    async with bench(election(voting_group()), VOTING) as stage:
        voters, receipts = await electorate(stage, [["Aigul"]] * 25)
        me = voters[7]
        await me.send("/board")
        first = me.last()
        assert "Receipts: vote</b> — 25 in all, page 1 of 2" in first.text
        assert first.text.splitlines()[1:] == sorted(receipts)[:20]
        assert first.labels() == ["▶"]
        await me.tap("▶")
        assert me.last().edit is not None  # the page turns in place
        assert me.last().text.splitlines()[1:] == sorted(receipts)[20:]

        typed = receipts[7].lower().replace("-", " ")
        await me.send(typed)
        assert me.last().text.startswith(
            f"✅ Receipt <b>{receipts[7]}</b> is on the bulletin board"
        )
        await me.send("R-0000-0000-0000")
        assert me.last().text.startswith("❌ Receipt <b>R-0000-0000-0000</b> is not on")
        await me.send("hello")
        assert "type its code" in me.last().text


async def test_totals_appear_only_once_the_commission_has_confirmed_them() -> None:
    async with bench(election(voting_group()), VOTING) as stage:
        voters, _ = await electorate(stage, [["Aigul"], ["Bolat"], ["Aigul"], []])
        commission = await watcher(stage, Role.COMMISSION)
        stage.clock.set(AFTER)
        await commission.send("/results")
        await voters[0].send("/board")
        assert "Totals" not in voters[0].said()
        await commission.tap("✅ Confirm results")
        await voters[0].send("/board")
        totals = next(s.text for s in reversed(voters[0].inbox()) if "Totals" in s.text)
        assert "(result version 1, confirmed by the Mandate Commission)" in totals
        assert "Aigul (C-" in totals and "): 2\nBolat (C-" in totals
        assert "Ballots counted: 3; blank: 1; invalid: 0; late, not counted: 0" in totals


async def test_observers_recount_from_anonymised_ballots_that_voters_do_not_see() -> None:
    async with bench(election(voting_group(members=1, choices=2)), VOTING) as stage:
        marks = [["Aigul"], ["Aigul", "Dana"], [], ["Bolat"], ["Aigul"]]
        voters, _ = await electorate(stage, marks)
        observer = await watcher(stage, Role.OBSERVER)
        await observer.send("/board")
        assert "Anonymised ballots" not in observer.last().labels()  # not before the count
        stage.clock.set(AFTER)
        commission = await watcher(stage, Role.COMMISSION)
        await commission.send("/results")

        await voters[0].send("/board")
        assert "Anonymised ballots" not in voters[0].last().labels()
        await observer.send("/board")
        await observer.tap("Anonymised ballots")
        page = observer.last().text
        assert "Anonymised ballots: vote</b> — 5 in all, page 1 of 1" in page
        lines = [re.sub(r" \(C-[0-9A-Z-]+\)", "", line) for line in page.splitlines()[1:]]
        assert sorted(line.split(". ", 1)[1] for line in lines) == [
            "Aigul",
            "Aigul",
            "Aigul, Dana",
            "Bolat",
            "blank",
        ]
        assert "R-" not in page and "voter V-" not in page
        await observer.tap("Receipts")
        assert "Receipts: vote</b>" in observer.last().text


async def test_an_open_vote_shows_each_ballots_voter_code() -> None:
    async with bench(election(voting_group(secrecy=Secrecy.OPEN)), VOTING) as stage:
        await electorate(stage, [["Aigul"]])
        commission = await watcher(stage, Role.COMMISSION)
        stage.clock.set(AFTER)
        await commission.send("/results")
        await commission.send("/board")
        await commission.tap("Anonymised ballots")
        assert "— voter V-" in commission.last().text


async def test_with_two_contests_the_board_switches_between_them() -> None:
    group = voting_group(rule=CompetitionRule.PARALLEL_CONTESTS)
    async with bench(election(group), VOTING) as stage:
        voters, receipts = await electorate(stage, [["Aigul"], ["Bolat"]])
        await voters[0].send("/board")
        assert "Receipts: member vote</b> — 2 in all" in voters[0].last().text
        await voters[0].tap("The other vote")
        assert "Receipts: alternate vote</b> — 2 in all" in voters[0].last().text
        assert voters[0].last().text.splitlines()[1:] == sorted(receipts)
        await voters[0].send(receipts[0])
        assert "(member vote, alternate vote)" in voters[0].last().text
