"""A known-answer election over real HTTP: scripted voters vote through the bot, one too late,
the vote is closed and counted, the commission confirms, and the result published to the group
is exactly the expected one; the voter's transcript is the same under PTB and aiogram."""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path
from typing import Any

import pytest

from bot.composer import CatalogueComposer
from bot.flows.render import Renderer
from bot.i18n.catalogue import Catalogue
from bot.launch import Framework
from core.model import Role
from core.result_codec import result_from_json
from core.services.schedule import advance_due_stages
from sandbox.phone import Phone
from tests.bot.test_flow_vote_support import (
    CLOSES,
    CYCLE,
    RECEIPT,
    add_candidates,
    admit_voter,
    grant_role,
    voting_group,
)
from tests.builders import election
from tests.e2e.scene import Scene, migrated_sqlite, scene
from tests.waiting import act

pytestmark = pytest.mark.slow
ELECTION = election(voting_group())
NAMES = ["Aigul", "Bolat", "Dana"]
# Ten voters and their choice (None: a blank ballot): Aigul 5, Bolat 3, Dana 1, blank 1.
CHOICES = ["Aigul", "Bolat", "Aigul", None, "Aigul", "Dana", "Bolat", "Aigul", "Bolat", "Aigul"]
# The election's clock stands still while people vote, a second before the close; it then moves
# two seconds on, so that the running scheduler's lease (30 s on that clock) stays valid and its
# paced sender delivers the published result at once.
VOTING = CLOSES - timedelta(seconds=1)
AFTER = CLOSES + timedelta(seconds=1)


async def elector(stage: Scene, name: str) -> Phone:
    phone = stage.phone(name)
    person = stage.pseudonym(phone)
    await admit_voter(stage.uow_factory, stage.vault, "SW", person, phone.chat.id, "ru")
    return phone


async def commission_member(stage: Scene, language: str = "ru") -> Phone:
    """Zhanna, a pledged member of SW's Mandate Commission, with the bot open."""
    phone = stage.phone("Zhanna", language)
    person = stage.pseudonym(phone)
    await grant_role(
        stage.uow_factory, stage.vault, "SW", person, phone.chat.id, Role.COMMISSION, language
    )
    return phone


async def to_confirmation(phone: Phone, choice: str | None) -> None:
    """Open the ballot, mark `choice` (or abstain) and reach the confirmation screen."""
    await act(phone, phone.send("/vote"), "Нажмите на имя")
    if choice is None:
        await act(phone, phone.tap("Воздержаться (пустой бюллетень)"), "Отправить?")
        return
    await act(phone, phone.tap(f"☐ {choice}"), f"☑ {choice}")
    await act(phone, phone.tap("Проверить и отправить ▶"), "Отправить?")


async def vote(phone: Phone, choice: str | None) -> None:
    await to_confirmation(phone, choice)
    await act(phone, phone.tap("✅ Подтвердить и отправить"), "Ваш голос записан")


async def count_and_confirm(stage: Scene, commission: Phone, close_in_bot: bool) -> str:
    """Close (the scheduler's step, or the commission's first look), confirm, return the count."""
    stage.clock.set(AFTER)
    if not close_in_bot:
        composer = CatalogueComposer(Renderer(Catalogue.load()), stage.vault)
        await advance_due_stages(
            stage.uow_factory(), composer, stage.clock, sealer=stage.vault.sealer
        )
    await act(commission, commission.send("/results"), "ждёт подтверждения")
    count = commission.transcript().texts("bot")[-1]
    await act(commission, commission.tap("✅ Подтвердить итоги"), "подтверждены")
    return count


async def stored_votes(stage: Scene) -> dict[str, Any]:
    async with stage.uow_factory() as uow:
        group = await uow.groups.get(CYCLE, "SW")
        [latest] = await uow.results.versions(group.id)
    contest = result_from_json(latest.result).contests[0]
    return {"votes": contest.votes, "blank": contest.blank, "confirmed": bool(latest.confirmed_at)}


async def known_answer_election(framework: Framework, database_url: str) -> str:
    """Run the whole election; check the answer; return the first voter's masked transcript."""
    async with scene(framework, database_url, ELECTION, VOTING) as stage:
        ids = await add_candidates(stage.uow_factory, stage.vault, "SW", NAMES)
        commission = await commission_member(stage)
        voters = [await elector(stage, f"Voter{n}") for n in range(len(CHOICES))]
        for phone, choice in zip(voters, CHOICES, strict=True):
            await vote(phone, choice)
        latecomer = await elector(stage, "Late")
        await to_confirmation(latecomer, "Dana")

        stage.clock.set(AFTER)
        await act(latecomer, latecomer.tap("✅ Подтвердить и отправить"), "Голосование закрыто")
        count = await count_and_confirm(stage, commission, close_in_bot=False)
        aigul, bolat, dana = (f"{n} ({ids[n]})" for n in NAMES)
        assert f"{aigul}: 5\n{bolat}: 3\n{dana}: 1\n" in count
        assert (
            "Учтено бюллетеней: 9; пустых: 1; недействительных: 0; опоздавших, не учтённых: 1"
            in (count)
        )
        published = (
            "🏁 Sex workers: итоги выборов\nИзбраны:\n"
            f"Член СКК: {aigul}, голосов: 5\nАльтернат: {bolat}, голосов: 3\n\n"
            "Подтверждено мандатной комиссией. Полный подсчёт: /results; "
            "квитанции всех бюллетеней: /board."
        )
        for phone in (voters[0], voters[3], latecomer, commission):
            await phone.wait_until(lambda p=phone: published in p.transcript().texts("bot"))
        assert await stored_votes(stage) == {
            "votes": {ids["Aigul"]: 5, ids["Bolat"]: 3, ids["Dana"]: 1},
            "blank": 1,
            "confirmed": True,
        }
        return RECEIPT.sub("R-XXXX-XXXX-XXXX", voters[0].transcript().render())


async def test_both_frameworks_run_the_known_answer_election_with_the_same_transcript(
    tmp_path: Path,
) -> None:
    transcripts = []
    for framework in Framework:
        database_url = migrated_sqlite(tmp_path / f"{framework.value}.db")
        transcripts.append(await known_answer_election(framework, database_url))
    assert "Ваш голос записан" in transcripts[0]
    assert transcripts[0] == transcripts[1]


async def test_voting_and_counting_in_the_bot_on_each_database(database_url: str) -> None:
    async with scene(Framework.AIOGRAM, database_url, ELECTION, VOTING) as stage:
        ids = await add_candidates(stage.uow_factory, stage.vault, "SW", NAMES)
        commission = await commission_member(stage)
        voters = [await elector(stage, f"Voter{n}") for n in range(3)]
        for phone, choice in zip(voters, ["Dana", "Dana", "Bolat"], strict=True):
            await vote(phone, choice)
        await act(voters[0], voters[0].send("/vote"), "Вы уже проголосовали")
        await count_and_confirm(stage, commission, close_in_bot=True)
        assert (await stored_votes(stage))["votes"] == {
            ids["Dana"]: 2,
            ids["Bolat"]: 1,
            ids["Aigul"]: 0,
        }
