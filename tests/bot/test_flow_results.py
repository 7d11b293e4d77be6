"""After the close: the commission confirms the count, which publishes it to the group in each
member's language; withdrawals of the elected; what everyone else may see, and when."""

from __future__ import annotations

from collections import defaultdict
from datetime import timedelta

from bot.composer import CatalogueComposer
from bot.flows.render import Renderer, decode
from bot.i18n.catalogue import Catalogue
from core.model import Role
from core.regulation import TieRule, WithdrawalRule
from core.services.schedule import advance_due_stages
from tests.bot.talk import VAULT, Bench, Person, bench
from tests.bot.test_flow_vote import NAMES
from tests.bot.test_flow_vote_support import (
    AFTER,
    CLOSES,
    VOTING,
    add_candidates,
    admit_voter,
    cast,
    grant_role,
    link_chat,
    voting_group,
)
from tests.builders import START, election

CHAT = -100_777
RESULTS = START + timedelta(days=30)  # the results stage of tests.builders.calendar
# Five voters in three languages; Aigul 3 votes, Bolat 2, Dana none.
VOTES = [("ru", "Aigul"), ("kk", "Aigul"), ("en", "Aigul"), ("ru", "Bolat"), ("en", "Bolat")]


async def voted(stage: Bench, votes: list[tuple[str, str]] = VOTES) -> tuple[dict, list[Person]]:
    """Candidates, voters who voted, the commission, an observer and the linked chat."""
    ids = await add_candidates(stage.uow, VAULT, "SW", NAMES)
    people = []
    for language, name in votes:
        person = stage.person(language)
        await admit_voter(stage.uow, VAULT, "SW", person.pseudonym, person.user_id, language)
        await cast(stage.uow, VAULT, "SW", person.pseudonym, [ids[name]])
        people.append(person)
    await link_chat(stage.uow, VAULT, "SW", CHAT, "kk")
    return ids, people


async def member(stage: Bench, role: Role = Role.COMMISSION, pledged: bool = True) -> Person:
    person = stage.person("en")
    await grant_role(stage.uow, VAULT, "SW", person.pseudonym, person.user_id, role, "en", pledged)
    return person


async def announced(stage: Bench) -> dict[int, list[str]]:
    """Messages waiting in the outbox for the paced sender, by chat, as their readers see them."""
    async with stage.uow() as uow:
        pending = await uow.outbox.pending(stage.clock.now() + timedelta(days=365), 10_000)
    found: dict[int, list[str]] = defaultdict(list)
    for message in pending:
        body = decode(VAULT.open_body(message.body, message.id))
        found[VAULT.open_chat(message.chat)].append(body["text"])
    return found


async def test_the_commission_confirms_the_count_and_every_member_reads_it_in_their_language() -> (
    None
):
    async with bench(election(voting_group()), VOTING) as stage:
        ids, voters = await voted(stage)
        commission = await member(stage)
        stage.clock.set(AFTER)
        await voters[0].send("/results")
        assert "Мандатная комиссия проверяет подсчёт" in voters[0].last().text

        await commission.send("/results")
        count = commission.last().text
        assert "awaiting the Mandate Commission's confirmation" in count
        assert f"Aigul ({ids['Aigul']}): 3\nBolat ({ids['Bolat']}): 2\nDana ({ids['Dana']}): 0" in (
            count
        )
        assert "Ballots counted: 5; blank: 0; invalid: 0; late, not counted: 0" in count
        assert f"CCM member: Aigul ({ids['Aigul']}), votes: 3" in count
        assert f"Alternate: Bolat ({ids['Bolat']}), votes: 2" in count
        assert await announced(stage) == {}  # nothing is published before the confirmation

        await commission.tap("✅ Confirm results")
        assert "are confirmed (version 1) and published: 7 messages" in commission.last().text
        out = await announced(stage)
        winner = f"Aigul ({ids['Aigul']})"
        assert (
            f"итоги выборов</b>\nИзбраны:\nЧлен СКК: {winner}, голосов: 3"
            in out[voters[0].user_id][0]
        )
        assert f"сайлау қорытындысы</b>\nСайланғандар:\nЕҮМ мүшесі: {winner}" in out[CHAT][0]
        assert (
            f"election results</b>\nElected:\nCCM member: {winner}, votes: 3"
            in (out[commission.user_id][0])
        )
        assert {len(texts) for texts in out.values()} == {1}
        assert len(out) == 7  # five voters, the commission member, the community chat

        await voters[2].send("/results")
        assert "(version 1, confirmed by the Mandate Commission)" in voters[2].last().text
        assert voters[2].last().labels() == []


async def test_a_withdrawal_gives_the_seat_to_the_next_and_is_announced_once_confirmed() -> None:
    rules = voting_group(alternates=1, withdrawal_rule=WithdrawalRule.NEXT_BY_VOTES)
    async with bench(election(rules), VOTING) as stage:
        ids, voters = await voted(stage, [*VOTES, ("kk", "Dana")])
        commission = await member(stage)
        stage.clock.set(AFTER)
        await commission.send("/results")
        await commission.tap("✅ Confirm results")
        before = await announced(stage)

        await commission.send("/results")
        await commission.tap("Record a withdrawal")
        assert commission.last().labels() == [
            f"Aigul ({ids['Aigul']})",
            f"Bolat ({ids['Bolat']})",
            "◀ Back",
        ]
        await commission.tap(f"Aigul ({ids['Aigul']})")
        assert "the next candidate by votes takes the seat" in commission.last().text
        await commission.tap("Record the withdrawal")
        said = commission.said()
        assert f"New version 2:\nAigul ({ids['Aigul']}) withdrew." in said
        assert f"Member seat: Aigul ({ids['Aigul']}) → Bolat ({ids['Bolat']})" in said
        assert f"Alternate seat: Bolat ({ids['Bolat']}) → Dana ({ids['Dana']})" in said
        assert await announced(stage) == before  # not yet: the new version awaits confirmation

        await commission.tap("✅ Confirm results")
        out = await announced(stage)
        [update] = [t for t in out[voters[2].user_id] if "the composition has changed" in t]
        assert f"Aigul ({ids['Aigul']}) withdrew." in update
        assert f"CCM member: Bolat ({ids['Bolat']}), votes: 2" in update


async def test_a_tie_drawn_by_lot_is_shown_with_its_seed() -> None:
    tied = voting_group(alternates=0, tie_rule=TieRule.LOT)
    async with bench(election(tied), VOTING) as stage:
        await voted(stage, [("ru", "Aigul"), ("en", "Bolat")])
        commission = await member(stage)
        stage.clock.set(AFTER)
        await commission.send("/results")
        assert "(votes each: 1): decided by lot, in this order (seed " in commission.last().text


async def test_an_observer_sees_the_unconfirmed_count_but_cannot_confirm_it() -> None:
    async with bench(election(voting_group()), VOTING) as stage:
        await voted(stage)
        observer = await member(stage, Role.OBSERVER)
        stage.clock.set(AFTER)
        await observer.send("/results")
        assert "The Mandate Commission is checking the count" in observer.last().text
        commission = await member(stage)
        await commission.send("/results")  # counts the vote, should the scheduler lag
        await observer.send("/results")
        assert "awaiting the Mandate Commission's confirmation" in observer.last().text
        assert observer.last().labels() == []


async def test_a_member_who_has_not_pledged_is_sent_to_the_pledge_first() -> None:
    async with bench(election(voting_group()), VOTING) as stage:
        await voted(stage)
        commission = await member(stage, pledged=False)
        stage.clock.set(AFTER)
        await commission.send("/results")
        assert "confidentiality pledge" in commission.last().text
        assert commission.last().labels() == []


async def test_before_the_close_there_is_nothing_to_confirm() -> None:
    async with bench(election(voting_group()), VOTING) as stage:
        await voted(stage)
        commission = await member(stage)
        await commission.send("/results ccm-2024_SW")
        assert "is open until" in commission.last().text
        stage.clock.set(CLOSES)
        await commission.send("/results ccm-2024_SW")
        assert "✅ Confirm results" in commission.last().labels()


async def test_the_scheduler_counts_at_the_close_and_says_the_commission_is_confirming() -> None:
    composer = CatalogueComposer(Renderer(Catalogue.load()), VAULT)
    async with bench(election(voting_group()), VOTING) as stage:
        await voted(stage)
        observer = await member(stage, Role.OBSERVER)
        stage.clock.set(CLOSES + timedelta(minutes=1))
        await advance_due_stages(stage.uow(), composer, stage.clock, sealer=VAULT.sealer)
        await advance_due_stages(
            stage.uow(), composer, stage.clock, sealer=VAULT.sealer
        )  # a second look: no recount
        async with stage.uow() as uow:
            assert [v.version for v in await uow.results.versions(1)] == [1]
        await observer.send("/results")
        assert "(version 1, awaiting the Mandate Commission's confirmation)" in (
            observer.last().text
        )

        stage.clock.set(RESULTS)
        await advance_due_stages(stage.uow(), composer, stage.clock, sealer=VAULT.sealer)
        [said] = (await announced(stage))[CHAT]
        assert "Мандаттық комиссия дауыстарды санап жатыр" in said


async def test_results_confirmed_before_the_results_stage_are_not_announced_twice() -> None:
    composer = CatalogueComposer(Renderer(Catalogue.load()), VAULT)
    async with bench(election(voting_group()), VOTING) as stage:
        await voted(stage)
        commission = await member(stage)
        stage.clock.set(AFTER)
        await commission.send("/results")
        await commission.tap("✅ Confirm results")
        stage.clock.set(RESULTS)
        await advance_due_stages(stage.uow(), composer, stage.clock, sealer=VAULT.sealer)
        [said] = (await announced(stage))[CHAT]
        assert "сайлау қорытындысы" in said


async def test_under_the_repeat_vote_rule_a_withdrawn_members_seat_waits_for_a_new_vote() -> None:
    rules = voting_group(members=2, alternates=1, withdrawal_rule=WithdrawalRule.REPEAT_VOTE)
    async with bench(election(rules), VOTING) as stage:
        ids, _ = await voted(stage, [*VOTES, ("kk", "Dana")])
        commission = await member(stage)
        stage.clock.set(AFTER)
        await commission.send("/results")
        await commission.tap("✅ Confirm results")
        await commission.send("/results")
        await commission.tap("Record a withdrawal")
        assert commission.last().labels() == [
            *(f"{name} ({ids[name]})" for name in NAMES),
            "◀ Back",
        ]
        await commission.tap(f"Bolat ({ids['Bolat']})")
        assert "the seat waits for a repeat vote" in commission.last().text
        await commission.tap("Record the withdrawal")
        assert commission.last().text.endswith(
            "A repeat vote is needed (member seat) after a withdrawal"
        )
        assert f"CCM member: Aigul ({ids['Aigul']}), votes: 3" in commission.last().text
