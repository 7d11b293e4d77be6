"""/complaint: written, previewed, sent sealed to the commission, answered back in the chat."""

from __future__ import annotations

from tests.bot.talk import Bench, Person, bench
from tests.bot.test_flow_review import (
    ELECTION,
    NOW,
    appointed,
    audit_actions,
    consented,
    pending_voter,
    pledged,
)

COMPLAINT = "В нашем городе регистрацию объявили только в закрытом чате, многие не узнали."
ANSWER = "Спасибо, мы попросили Оргкомитет повторить объявление во всех чатах."


async def complained_from_the_menu(stage: Bench, text: str = COMPLAINT) -> Person:
    """A person who followed the group link and wrote a complaint, up to the preview."""
    author = stage.person("ru")
    await author.send("/start g-ccm-2024_SW")
    await author.tap("Согласен(на)")
    await author.tap("Направить жалобу в комиссию")
    await author.send(text)
    return author


async def test_a_complaint_reaches_the_commission_and_the_answer_reaches_the_author() -> None:
    async with bench(ELECTION, NOW) as stage:
        member = await pledged(stage)
        unpledged = await appointed(stage)
        author = await complained_from_the_menu(stage)
        assert COMPLAINT in author.last().text
        await author.tap("Отправить")
        assert "получена мандатной комиссией группы <b>Sex workers</b>" in author.last().text
        assert "новая жалоба" in member.last().text and "/review" in member.last().text
        assert "новая жалоба" not in unpledged.said()
        await member.send("/review")
        assert "Жалобы без ответа: 1" in member.last().text
        [label] = member.last().labels()
        await member.tap(label)
        assert COMPLAINT in member.last().text
        await member.tap("Ответить")
        await member.send(ANSWER)
        assert "ответила на вашу жалобу" in author.last().text
        assert ANSWER in author.last().text
        assert "Сейчас ничего не ждёт решения" in member.last().text
        assert {"complaint.filed", "complaint.answered"} <= set(await audit_actions(stage))


async def test_complaints_and_answers_are_stored_sealed() -> None:
    async with bench(ELECTION, NOW) as stage:
        member = await pledged(stage)
        author = await complained_from_the_menu(stage)
        await author.tap("Отправить")
        await member.send("/review")
        await member.tap(member.last().labels()[0])
        await member.tap("Ответить")
        await member.send(ANSWER)
        async with stage.uow() as uow:
            [stored] = await uow.complaints.for_group(1)
        assert stored.answered_at is not None and stored.answer is not None
        assert COMPLAINT.encode() not in stored.text
        assert ANSWER.encode() not in stored.answer


async def test_a_too_short_or_too_long_complaint_is_asked_again_and_nothing_is_sent() -> None:
    async with bench(ELECTION, NOW) as stage:
        member = await pledged(stage)
        author = await complained_from_the_menu(stage, "плохо")
        assert "Слишком коротко (5 симв.)" in author.last().text
        await author.send("я" * 3001)
        assert "3001 симв., можно не больше 3000" in author.last().text
        await author.send(COMPLAINT)
        await author.tap("Написать заново")
        assert "от 10 до 3000 символов" in author.last().text
        assert "complaint.filed" not in await audit_actions(stage)
        assert "новая жалоба" not in member.said()


async def test_a_cancelled_complaint_is_not_sent() -> None:
    async with bench(ELECTION, NOW) as stage:
        member = await pledged(stage)
        author = await complained_from_the_menu(stage)
        await author.tap("Отмена")
        assert author.last().text == "Ничего не отправлено."
        assert "complaint.filed" not in await audit_actions(stage)
        assert "новая жалоба" not in member.said()


async def test_the_complaint_command_offers_the_groups_the_person_takes_part_in() -> None:
    async with bench(ELECTION, NOW) as stage:
        voter = await pending_voter(stage, "SW")
        await voter.send("/complaint")
        assert "<b>Sex workers</b>" in voter.last().text  # their only group: no question asked
        newcomer = await consented(stage)
        await newcomer.send("/complaint")
        assert sorted(newcomer.last().labels()) == ["Sex workers", "Union of HIV NGOs"]
        await newcomer.tap("Union of HIV NGOs")
        assert "<b>Union of HIV NGOs</b>" in newcomer.last().text


async def test_a_person_who_has_not_consented_is_asked_to_start_first() -> None:
    async with bench(ELECTION, NOW) as stage:
        stranger = stage.person("en")
        await stranger.send("/complaint")
        assert "give your consent: send /start" in stranger.last().text
