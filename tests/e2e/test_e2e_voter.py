"""Registering to vote over real HTTP: the emulator, both frameworks, a real database."""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path

import pytest

from bot.launch import Framework
from core.model import VoterStatus
from sandbox.phone import Phone
from tests.bot.test_flow_voter import ONE_GROUP_ONLY
from tests.builders import REGISTRATION_OPENS, election, group
from tests.e2e.scene import Scene, migrated_sqlite, scene
from tests.services.registration_support import NGO_UNION
from tests.waiting import act, shown

pytestmark = pytest.mark.slow
DURING_REGISTRATION = REGISTRATION_OPENS + timedelta(hours=1)
ELECTION = election(
    group("SW", title="Sex workers"),
    group("PWID", rules=ONE_GROUP_ONLY, title="People who use drugs"),
    group("NGO", rules=NGO_UNION, title="Union of HIV NGOs"),
)


async def join(phone: Phone, group_code: str) -> None:
    """Follow the group's link, consent, and open voter registration."""
    await act(phone, phone.start(f"g-ccm-2024_{group_code}"), "Согласны участвовать")
    await act(phone, phone.tap("Согласен(на)"), "что вы хотите сделать")


async def register_in_sw(phone: Phone) -> None:
    await join(phone, "SW")
    await act(phone, phone.tap("Зарегистрироваться избирателем"), "в каком регионе")
    await act(phone, phone.tap("Алматы"), "Регион: Алматы")
    await act(phone, phone.tap("Зарегистрироваться"), "вы избиратель")


async def turn_page(phone: Phone, expect: str) -> None:
    """Press ▶: the page turns in place, editing the same message rather than adding one."""
    await phone.tap("▶")
    await shown(phone, expect)


async def voters(stage: Scene, phone: Phone) -> list:
    async with stage.uow_factory() as uow:
        return list(await uow.voters.for_person(stage.pseudonym(phone)))


@pytest.mark.parametrize("framework", list(Framework))
async def test_a_voter_registers_and_is_refused_a_second_group(
    framework: Framework, database_url: str
) -> None:
    async with scene(framework, database_url, ELECTION, DURING_REGISTRATION) as stage:
        phone = stage.phone("Aida")
        await register_in_sw(phone)
        assert "допущен(а)" in phone.transcript().texts("bot")[-1]
        await act(
            phone, phone.send("/register ccm-2024_PWID"), "Вы уже участвуете в группе Sex workers"
        )
        [voter] = await voters(stage, phone)
        assert (voter.region, voter.status) == ("ALA", VoterStatus.ADMITTED)


@pytest.mark.parametrize("framework", list(Framework))
async def test_an_ngo_registers_and_its_new_representative_waits_for_the_commission(
    framework: Framework, database_url: str
) -> None:
    async with scene(framework, database_url, ELECTION, DURING_REGISTRATION) as stage:
        first, successor = stage.phone("Aida"), stage.phone("Bota", language="en")
        await join(first, "NGO")
        await act(first, first.tap("Зарегистрироваться избирателем"), "избиратель — организация")
        await act(first, first.send("ОФ «Шаг вперёд»"), "Организация: ОФ «Шаг вперёд»")
        await act(first, first.tap("Зарегистрироваться"), "ожидает проверки комиссии")

        await act(successor, successor.start("g-ccm-2024_NGO"), "Do you agree")
        await act(successor, successor.tap("I agree"), "what would you like to do")
        await act(successor, successor.tap("Register to vote"), "the organisation is the voter")
        await act(successor, successor.send("оф «шаг вперёд»"), "Organisation:")
        await act(successor, successor.tap("Register"), "The Mandate Commission decides")
        [held], [claim] = await voters(stage, first), await voters(stage, successor)
        assert claim.replacement_for == held.organisation_key is not None


async def test_both_frameworks_give_the_same_voter_transcript(tmp_path: Path) -> None:
    transcripts = []
    for framework in Framework:
        database_url = migrated_sqlite(tmp_path / f"{framework.value}.db")
        async with scene(framework, database_url, ELECTION, DURING_REGISTRATION) as stage:
            phone = stage.phone("Aida")
            await join(phone, "SW")
            await act(phone, phone.tap("Зарегистрироваться избирателем"), "в каком регионе")
            await turn_page(phone, "страница 2 из 3")
            await act(phone, phone.tap("Карагандинская область"), "Регион: Карагандинская")
            await act(phone, phone.tap("Изменить"), "в каком регионе")
            await act(phone, phone.tap("Астана"), "Регион: Астана")
            await act(phone, phone.tap("Зарегистрироваться"), "вы избиратель")
            await act(phone, phone.send("/status"), "Избиратель в группе")
            transcripts.append(phone.transcript().render())
    assert transcripts[0] == transcripts[1]
