"""Applying as a candidate over HTTP: documents, edits, withdrawal, a restart, both frameworks."""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path

import pytest

from bot.launch import Framework
from core.model import CandidateStatus
from core.regulation import DocumentRequirement, Regulation
from sandbox.phone import Phone
from tests.builders import REGISTRATION_OPENS, election, group, holder, names
from tests.e2e.scene import Scene, migrated_sqlite, scene
from tests.waiting import act

pytestmark = pytest.mark.slow
DURING_REGISTRATION = REGISTRATION_OPENS + timedelta(hours=1)
CONSENT_LETTER = DocumentRequirement(
    code="consent_letter", names=names("Письмо-согласие"), types=("pdf",), max_megabytes=10
)
WITH_LETTER = Regulation(documents=(CONSENT_LETTER, *Regulation().documents))
ELECTION = election(
    group(
        "SW",
        rules=WITH_LETTER,
        title="Sex workers",
        past_holders=(holder("Айгуль Сейткали", 2018, 2021),),
    )
)
STATEMENT = "Доступ к терапии в каждом районе, без очередей и без стигмы 🌷"
PDF = b"%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n"


async def open_form(phone: Phone) -> None:
    await act(phone, phone.start("g-ccm-2024_SW"), "Согласны участвовать")
    await act(phone, phone.tap("Согласен(на)"), "что вы хотите сделать")
    await act(phone, phone.tap("Подать заявку кандидата"), "под каким именем")


async def fill_and_submit(phone: Phone) -> None:
    await act(phone, phone.send("Дана Ержанова"), "заявление о приоритетах")
    await act(phone, phone.send(STATEMENT), "Как вы будете отчитываться")
    await act(phone, phone.send("Ежемесячные встречи в чате сообщества."), "Конфликт интересов")
    await act(phone, phone.tap("Конфликта интересов нет"), "Права и обязанности члена СКК")
    await act(phone, phone.tap("Принимаю"), "отправьте файлом Письмо-согласие")
    upload = phone.send_document("soglasie.pdf", PDF, "application/pdf")
    await act(phone, upload, "Это по желанию")
    await act(phone, phone.tap("Пропустить"), "Статус: черновик")
    await act(phone, phone.tap("Подать"), "подана")


async def edit_and_withdraw(phone: Phone) -> None:
    await act(phone, phone.send("/apply"), "В какой группе")
    await act(phone, phone.tap("Sex workers"), "Статус: подана")
    await act(phone, phone.tap("Изменить"), "Что вы хотите изменить")
    await act(phone, phone.tap("Заявление о приоритетах"), "заявление о приоритетах")
    await act(phone, phone.send("Бесплатная диагностика для всех 🌍"), "Статус: подана")
    await act(phone, phone.tap("Отозвать"), "действительно хотите отозвать")
    await act(phone, phone.tap("Да, отозвать"), "отозвана")


async def candidacy(stage: Scene, phone: Phone) -> CandidateStatus | None:
    async with stage.uow_factory() as uow:
        found = await uow.candidates.for_person(stage.pseudonym(phone))
    return found[0].status if found else None


@pytest.mark.parametrize("framework", list(Framework))
async def test_a_candidate_applies_with_a_document_edits_and_withdraws(
    framework: Framework, database_url: str
) -> None:
    async with scene(framework, database_url, ELECTION, DURING_REGISTRATION) as stage:
        phone = stage.phone("Dana")
        await open_form(phone)
        await fill_and_submit(phone)
        assert await candidacy(stage, phone) is CandidateStatus.SUBMITTED
        transcript = phone.transcript().render()
        assert "Документы: Письмо-согласие: soglasie.pdf" in transcript and STATEMENT in transcript
        await edit_and_withdraw(phone)
        assert "остаётся поданной" in phone.transcript().render()
        assert await candidacy(stage, phone) is CandidateStatus.WITHDRAWN

        limited = stage.phone("Aigul")
        await open_form(limited)
        await act(limited, limited.send("Айгуль Сейткали"), "вы отработали 2 срока подряд")
        assert await candidacy(stage, limited) is None


@pytest.mark.parametrize("framework", list(Framework))
async def test_an_application_resumes_after_the_bot_restarts(
    framework: Framework, database_url: str
) -> None:
    async with scene(framework, database_url, ELECTION, DURING_REGISTRATION) as stage:
        phone = stage.phone("Dana")
        await open_form(phone)
        await act(phone, phone.send("Дана Ержанова"), "заявление о приоритетах")
        await act(phone, phone.send(STATEMENT), "Как вы будете отчитываться")
        last_update = phone.bot.updates._last_id
    async with scene(framework, database_url, ELECTION, DURING_REGISTRATION) as stage:
        phone = stage.phone("Dana")  # the same person: the emulator gives the same user id
        # Telegram's update ids keep growing across a bot's restarts; a new emulator would start
        # again at 1, and the bot would rightly drop those as updates it has already handled.
        phone.bot.updates._last_id = last_update
        await act(phone, phone.send("Ежемесячные встречи в чате сообщества."), "Конфликт интересов")
        await act(phone, phone.tap("Конфликта интересов нет"), "Права и обязанности")
        assert await candidacy(stage, phone) is CandidateStatus.DRAFT


async def test_both_frameworks_give_the_same_candidate_transcript(tmp_path: Path) -> None:
    transcripts = []
    for framework in Framework:
        database_url = migrated_sqlite(tmp_path / f"{framework.value}.db")
        async with scene(framework, database_url, ELECTION, DURING_REGISTRATION) as stage:
            phone = stage.phone("Dana")
            await open_form(phone)
            await fill_and_submit(phone)
            await edit_and_withdraw(phone)
            transcripts.append(phone.transcript().render())
    assert transcripts[0] == transcripts[1]
