"""A candidate changes their mind: edits, withdraws, comes back later, or after a restart."""

from __future__ import annotations

from datetime import timedelta

from core.model import CandidateStatus
from tests.bot.talk import Bench, Person, bench
from tests.bot.test_flow_candidate import (
    ELECTION,
    NOW,
    REPORT_BACK,
    STATEMENT,
    answer_texts,
    applying,
    saved,
    status,
)
from tests.bot.test_flow_voter import restart

NEW_STATEMENT = "Бесплатная диагностика и юридическая помощь для сообщества."


async def submitted(stage: Bench) -> Person:
    """A candidate in the group without documents whose application is submitted."""
    person = await applying(stage, "PWID")
    await answer_texts(person)
    await person.tap("Подать")
    return person


async def test_editing_a_field_from_the_preview_goes_back_to_the_preview() -> None:
    async with bench(ELECTION, NOW) as stage:
        person = await applying(stage, "PWID")
        await answer_texts(person)
        await person.tap("Изменить")
        assert person.last().labels() == [
            "Имя",
            "Заявление о приоритетах",
            "Как вы будете отчитываться перед сообществом",
            "Декларация о конфликте интересов",
            "Назад к заявке",
        ]
        await person.tap("Заявление о приоритетах")
        await person.send(NEW_STATEMENT)
        assert NEW_STATEMENT in person.inbox()[-2].text
        assert person.last().labels() == ["Подать", "Изменить"]
        assert (await saved(stage, person, "PWID")).statement == NEW_STATEMENT


async def test_apply_again_after_submitting_shows_the_application_with_edit_and_withdraw() -> None:
    async with bench(ELECTION, NOW) as stage:
        person = await submitted(stage)
        before = len(person.inbox())
        await person.send("/apply ccm-2024_PWID")
        assert any(STATEMENT in sent.text for sent in person.inbox()[before:])
        assert person.last().labels() == ["Изменить", "Отозвать"]
        await person.tap("Изменить")
        await person.tap("Имя")
        await person.send("Дана Ержанова-Ким")
        assert "остаётся поданной" in person.said()
        assert await status(stage, person) is CandidateStatus.SUBMITTED
        assert (await saved(stage, person, "PWID")).name == "Дана Ержанова-Ким"


async def test_withdrawing_asks_to_confirm_and_can_be_undone_by_submitting_again() -> None:
    async with bench(ELECTION, NOW) as stage:
        person = await submitted(stage)
        await person.send("/apply ccm-2024_PWID")
        await person.tap("Отозвать")
        assert "действительно хотите отозвать" in person.last().text
        await person.tap("Нет, оставить")
        assert await status(stage, person) is CandidateStatus.SUBMITTED
        await person.tap("Отозвать")
        await person.tap("Да, отозвать")
        assert "отозвана" in person.last().text and "19 августа 2024, 09:00" in person.last().text
        assert await status(stage, person) is CandidateStatus.WITHDRAWN
        await person.send("/apply ccm-2024_PWID")
        await person.tap("Подать снова")
        assert await status(stage, person) is CandidateStatus.SUBMITTED


async def test_a_pause_resumes_at_the_first_unanswered_question() -> None:
    async with bench(ELECTION, NOW) as stage:
        person = await applying(stage)
        await person.send("Дана Ержанова")
        await person.send("/help")
        await person.send("/apply ccm-2024_SW")
        assert "С возвращением" in person.inbox()[-2].text
        assert "заявление о приоритетах" in person.last().text


async def test_the_application_in_progress_survives_a_restart_of_the_bot() -> None:
    async with bench(ELECTION, NOW) as stage:
        person = await applying(stage)
        await person.send("Дана Ержанова")
        await person.send(STATEMENT)
        restart(stage)
        await person.send(REPORT_BACK)
        assert "Конфликт интересов" in person.last().text
        form = await saved(stage, person)
        assert (form.name, form.statement, form.report_back) == (
            "Дана Ержанова",
            STATEMENT,
            REPORT_BACK,
        )


async def test_a_missing_required_document_is_named_when_submitting() -> None:
    async with bench(ELECTION, NOW) as stage:
        person = await applying(stage)
        await answer_texts(person)
        await person.send("/apply ccm-2024_SW")  # comes back before sending the letter
        assert "Ещё не хватает: Письмо-согласие" in person.said()
        await person.tap("Подать")
        assert person.inbox()[-2].text == "Не хватает обязательного документа: Письмо-согласие."
        assert person.last().labels() == ["Подать", "Изменить"]
        assert await status(stage, person) is CandidateStatus.DRAFT
        await person.tap("Изменить")
        await person.tap("Документы")
        await person.upload("letter.pdf", 5000, "application/pdf", file_id="f-2")
        await person.tap("Пропустить")
        await person.tap("Подать")
        assert await status(stage, person) is CandidateStatus.SUBMITTED


async def test_a_file_sent_before_can_be_kept_or_replaced() -> None:
    async with bench(ELECTION, NOW) as stage:
        person = await applying(stage)
        await answer_texts(person)
        await person.upload("old.pdf", 5000, "application/pdf", file_id="f-old")
        await person.tap("Пропустить")
        await person.tap("Изменить")
        await person.tap("Документы")
        await person.tap("Оставить old.pdf")
        await person.upload("recommendation.png", 5000, "image/png", file_id="f-rec")
        documents = {d.requirement_code: d.file_id for d in (await saved(stage, person)).documents}
        assert documents == {"consent_letter": "f-old", "recommendation": "f-rec"}


async def test_a_language_switch_asks_the_current_question_again_in_the_new_language() -> None:
    async with bench(ELECTION, NOW) as stage:
        person = await applying(stage)
        await person.send("Дана Ержанова")
        await person.send("/language")
        await person.tap("English")
        assert "statement of priorities" in person.last().text
        await person.send(STATEMENT)
        assert "How will you report back" in person.last().text


async def test_editing_stops_when_registration_closes() -> None:
    async with bench(ELECTION, NOW) as stage:
        person = await submitted(stage)
        stage.clock.advance(days=9)
        await person.send("/apply ccm-2024_PWID")
        assert person.last().text == "Регистрация закрыта с 19 августа 2024, 09:00."
        assert person.last().buttons == []


async def test_a_stale_withdraw_button_after_closing_changes_nothing() -> None:
    async with bench(ELECTION, NOW) as stage:
        person = await submitted(stage)
        await person.send("/apply ccm-2024_PWID")
        await person.tap("Отозвать")
        stage.clock.advance(timedelta(days=9))
        await person.tap("Да, отозвать")
        assert "Регистрация закрыта" in person.last().text
        assert await status(stage, person) is CandidateStatus.SUBMITTED


async def test_an_overlong_conflict_declaration_keeps_the_no_conflict_button_at_hand() -> None:
    async with bench(ELECTION, NOW) as stage:
        person = await applying(stage, "PWID")
        for text in ("Дана Ержанова", STATEMENT, REPORT_BACK):
            await person.send(text)
        await person.send("х" * 2001)
        assert "2001" in person.inbox()[-2].text and "2000" in person.inbox()[-2].text
        await person.tap("Конфликта интересов нет")
        assert "Права и обязанности члена СКК" in person.last().text


async def test_text_typed_at_the_preview_points_to_its_buttons_again() -> None:
    async with bench(ELECTION, NOW) as stage:
        person = await applying(stage, "PWID")
        await answer_texts(person)
        await person.send("готово?")
        assert "воспользуйтесь кнопками" in person.inbox()[-2].text
        assert person.last().labels() == ["Подать", "Изменить"]
        await person.tap("Подать")
        assert await status(stage, person) is CandidateStatus.SUBMITTED
