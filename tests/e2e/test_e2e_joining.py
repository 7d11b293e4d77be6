"""Joining over real HTTP: the emulator, a real framework, a real database — both frameworks."""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path

import pytest

from bot.launch import Framework
from sandbox.phone import Phone
from tests.builders import REGISTRATION_OPENS, election, group
from tests.e2e.scene import migrated_sqlite, scene
from tests.waiting import shown

pytestmark = pytest.mark.slow
DURING_REGISTRATION = REGISTRATION_OPENS + timedelta(hours=1)
ELECTION = election(
    group("PLHIV", title="People living with HIV"), group("SW", title="Sex workers")
)


def buttons(phone: Phone) -> tuple[tuple[str, ...], ...]:
    """The buttons under the bot's newest message."""
    last = phone.last_message
    return last.buttons if last is not None else ()


async def join_through_group_link(phone: Phone) -> None:
    await phone.start("g-ccm-2024_SW")
    await phone.wait_until(lambda: buttons(phone) != ())
    await phone.tap("Согласен(на)")
    await shown(phone, "что вы хотите сделать")


async def switch_to_english(phone: Phone) -> None:
    await phone.send("/language")
    await shown(phone, "Выберите язык")
    await phone.tap("English")
    await shown(phone, "what would you like to do")


@pytest.mark.parametrize("framework", list(Framework))
async def test_a_person_joins_through_the_group_link_after_consenting(
    framework: Framework, database_url: str
) -> None:
    async with scene(framework, database_url, ELECTION, DURING_REGISTRATION) as stage:
        phone = stage.phone("Aida")
        await join_through_group_link(phone)
        transcript = phone.transcript().render()
        assert "Сайлау" in transcript and "Согласны участвовать" in transcript
        assert "Ваш псевдоним — V-" in transcript
        assert "Sex workers" in transcript
        assert buttons(phone) == (
            ("Зарегистрироваться избирателем",),
            ("Подать заявку кандидата",),
            ("Направить жалобу в комиссию",),
        )
        async with stage.uow_factory() as uow:
            person = await uow.people.get(stage.pseudonym(phone))
        assert person is not None and person.consent_at is not None
        assert person.contact is not None and str(phone.user.id).encode() not in person.contact


@pytest.mark.parametrize("framework", list(Framework))
async def test_declining_keeps_nothing_about_the_person(
    framework: Framework, database_url: str
) -> None:
    async with scene(framework, database_url, ELECTION, DURING_REGISTRATION) as stage:
        phone = stage.phone("Bota", language="kk")
        await phone.start()
        await phone.wait_until(lambda: buttons(phone) != ())
        await phone.tap("Жоқ, рақмет")
        await shown(phone, "ештеңе сақталмады")
        async with stage.uow_factory() as uow:
            assert await uow.people.get(stage.pseudonym(phone)) is None


async def test_both_frameworks_give_the_same_transcript(tmp_path: Path) -> None:
    transcripts = []
    for framework in Framework:
        database_url = migrated_sqlite(tmp_path / f"{framework.value}.db")
        async with scene(framework, database_url, ELECTION, DURING_REGISTRATION) as stage:
            phone = stage.phone("Aida")
            await join_through_group_link(phone)
            await switch_to_english(phone)
            transcripts.append(phone.transcript().render())
    assert transcripts[0] == transcripts[1]
