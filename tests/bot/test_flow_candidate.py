"""Applying as a candidate: each step of the form, and every refusal an applicant can meet."""

from __future__ import annotations

from datetime import timedelta

from core.application import NO_CONFLICTS
from core.application_rules import MEGABYTE
from core.model import CandidateStatus
from core.regulation import CrossGroupPolicy, DocumentRequirement, Permission, Regulation
from core.services.candidacy import read_application
from tests.bot.talk import VAULT, Bench, Person, bench
from tests.builders import REGISTRATION_OPENS, election, group, holder, names

NOW = REGISTRATION_OPENS + timedelta(hours=1)
CONSENT_LETTER = DocumentRequirement(
    code="consent_letter", names=names("Письмо-согласие"), types=("pdf",), max_megabytes=10
)
RECOMMENDATION = Regulation().documents[0]
WITH_LETTER = Regulation(documents=(CONSENT_LETTER, RECOMMENDATION))
NO_DOCUMENTS = Regulation(
    documents=(),
    cross_group=CrossGroupPolicy(candidate_votes_elsewhere=Permission.FORBIDDEN),
)
SERVED_TWICE = "Айгуль Сейткали"
ELECTION = election(
    group(
        "SW",
        rules=WITH_LETTER,
        title="Sex workers",
        past_holders=(holder(SERVED_TWICE, 2018, 2021),),
    ),
    group("PWID", rules=NO_DOCUMENTS, title="People who use drugs"),
)
STATEMENT = "Доступ к терапии в каждом районе, без очередей и без стигмы."
REPORT_BACK = "Ежемесячные встречи и отчёт в чате сообщества."


async def applying(stage: Bench, group_code: str = "SW", language: str = "ru") -> Person:
    """A person who consented through the group's link and opened the application form."""
    person = stage.person(language)
    await person.send(f"/start g-ccm-2024_{group_code}")
    await person.tap({"ru": "Согласен(на)", "en": "I agree"}[language])
    await person.tap({"ru": "Подать заявку кандидата", "en": "Apply as a candidate"}[language])
    return person


async def answer_texts(person: Person, name: str = "Дана Ержанова") -> None:
    for text in (name, STATEMENT, REPORT_BACK):
        await person.send(text)
    await person.tap("Конфликта интересов нет")
    await person.tap("Принимаю")


async def saved(stage: Bench, person: Person, group_code: str = "SW"):
    return await read_application(
        stage.uow(), group_code=group_code, person=person.pseudonym, sealer=VAULT.sealer
    )


async def status(stage: Bench, person: Person) -> CandidateStatus | None:
    async with stage.uow() as uow:
        [candidate] = await uow.candidates.for_person(person.pseudonym) or [None]
    return candidate.status if candidate else None


async def test_the_form_is_explained_then_asks_for_the_public_name_first() -> None:
    async with bench(ELECTION, NOW) as stage:
        person = await applying(stage)
        said = person.said()
        assert "станут публичными, только если мандатная комиссия вас допустит" in said
        assert "под каким именем вы выдвигаетесь" in person.last().text
        assert await status(stage, person) is None


async def test_each_answer_is_saved_as_a_draft_at_once() -> None:
    async with bench(ELECTION, NOW) as stage:
        person = await applying(stage)
        await person.send("Дана Ержанова")
        assert "заявление о приоритетах" in person.last().text
        assert (await saved(stage, person)).name == "Дана Ержанова"
        await person.send(STATEMENT)
        await person.send(REPORT_BACK)
        assert "Конфликт интересов" in person.last().text
        await person.tap("Конфликта интересов нет")
        assert "Права и обязанности члена СКК" in person.last().text
        form = await saved(stage, person)
        assert (form.statement, form.report_back, form.conflicts) == (
            STATEMENT,
            REPORT_BACK,
            NO_CONFLICTS,
        )
        assert await status(stage, person) is CandidateStatus.DRAFT


async def test_a_declared_conflict_of_interest_is_kept_as_typed() -> None:
    async with bench(ELECTION, NOW) as stage:
        person = await applying(stage, "PWID")
        for text in ("Дана Ержанова", STATEMENT, REPORT_BACK):
            await person.send(text)
        await person.send("Работаю в НПО, которое получает грант Глобального фонда.")
        await person.tap("Принимаю")
        assert "Работаю в НПО, которое получает грант" in person.said()
        assert (await saved(stage, person, "PWID")).conflicts.startswith("Работаю в НПО")


async def test_documents_are_asked_one_by_one_and_the_preview_lists_them_by_name() -> None:
    async with bench(ELECTION, NOW) as stage:
        person = await applying(stage)
        await answer_texts(person)
        assert "отправьте файлом <b>Письмо-согласие</b>: pdf, не больше 10 МБ" in person.last().text
        assert person.last().labels() == []  # a required document cannot be skipped
        await person.upload("soglasie.pdf", 300_000, "application/pdf", file_id="f-letter")
        assert "Получено для «Письмо-согласие»: soglasie.pdf" in person.said()
        assert "Это по желанию" in person.last().text
        await person.tap("Пропустить")
        said = person.said()
        assert "<b>Имя:</b> Дана Ержанова" in said and STATEMENT in said
        assert "<b>Документы:</b> Письмо-согласие: soglasie.pdf" in said
        assert person.last().labels() == ["Подать", "Изменить"]
        [document] = (await saved(stage, person)).documents
        assert (document.requirement_code, document.file_id) == ("consent_letter", "f-letter")


async def test_submitting_tells_until_when_it_can_still_be_changed() -> None:
    async with bench(ELECTION, NOW) as stage:
        person = await applying(stage, "PWID")
        await answer_texts(person)
        await person.tap("Подать")
        assert "заявка в группу <b>People who use drugs</b> подана" in person.last().text
        assert "До 19 августа 2024, 09:00" in person.last().text
        assert await status(stage, person) is CandidateStatus.SUBMITTED


async def test_a_term_limited_person_is_told_why_right_after_giving_the_name() -> None:
    async with bench(ELECTION, NOW) as stage:
        person = await applying(stage)
        await person.send("айгуль  СЕЙТКАЛИ")
        assert "вы отработали 2 срока подряд, последний — в цикле 2021 года" in person.last().text
        assert await status(stage, person) is None
        await person.send(STATEMENT)  # the form is over: this is not taken as a statement
        assert await status(stage, person) is None


async def test_a_5000_character_statement_is_refused_with_the_limit_and_nothing_is_lost() -> None:
    async with bench(ELECTION, NOW) as stage:
        person = await applying(stage)
        await person.send("Дана Ержанова")
        await person.send("а" * 5000)
        assert "5000" in person.last().text and "3000" in person.last().text
        await person.send("   ")
        assert "не может быть пустым" in person.last().text
        await person.send(STATEMENT)
        form = await saved(stage, person)
        assert (form.name, form.statement) == ("Дана Ержанова", STATEMENT)


async def test_emoji_and_right_to_left_text_come_back_intact() -> None:
    async with bench(ELECTION, NOW) as stage:
        person = await applying(stage, "PWID")
        statement = "Равный доступ 🌍❤️‍🩹 للجميع — الصحة حق"
        for text in ("Дана 🌷 Ержанова", statement, REPORT_BACK):
            await person.send(text)
        await person.tap("Конфликта интересов нет")
        await person.tap("Принимаю")
        assert statement in person.said() and "Дана 🌷 Ержанова" in person.said()
        assert (await saved(stage, person, "PWID")).statement == statement


async def test_a_30_mb_file_and_a_forbidden_type_are_refused_and_the_answers_kept() -> None:
    async with bench(ELECTION, NOW) as stage:
        person = await applying(stage)
        await answer_texts(person)
        await person.upload("big.pdf", 30 * MEGABYTE, "application/pdf")
        assert "30.0 МБ" in person.last().text and "Письмо-согласие" in person.last().text
        await person.upload("tool.exe", 1000, "application/x-msdownload")
        assert "exe" in person.last().text and "Письмо-согласие" in person.last().text
        form = await saved(stage, person)
        assert form.documents == () and form.accepted_duties and form.statement == STATEMENT
        await person.upload("letter.pdf", 1000, "application/pdf")
        assert len((await saved(stage, person)).documents) == 1


async def test_text_at_a_document_step_asks_for_a_file() -> None:
    async with bench(ELECTION, NOW) as stage:
        person = await applying(stage)
        await answer_texts(person)
        await person.send("вот мой документ")
        assert "отправьте документ файлом" in person.last().text


async def test_after_registration_closes_the_form_does_not_open() -> None:
    async with bench(ELECTION, NOW + timedelta(days=9)) as stage:
        person = stage.person("en")
        await person.send("/start")
        await person.tap("I agree")
        await person.send("/apply ccm-2024_SW")
        assert person.last().text == "Registration is closed since 19 Aug 2024, 09:00."


async def test_a_voter_elsewhere_is_refused_where_candidates_may_not_vote_elsewhere() -> None:
    async with bench(ELECTION, NOW) as stage:
        person = await applying(stage, "SW")
        await person.send("/register ccm-2024_SW")
        await person.tap("Астана")
        await person.tap("Зарегистрироваться")
        await person.send("/apply ccm-2024_PWID")
        assert "Вы уже участвуете в группе Sex workers как избиратель" in person.last().text
        assert await status(stage, person) is None


async def test_apply_without_a_group_offers_the_open_groups() -> None:
    async with bench(ELECTION, NOW) as stage:
        person = await applying(stage, language="en")
        await person.send("/apply")
        assert "In which group" in person.last().text
        await person.tap("People who use drugs")
        assert "<b>People who use drugs</b>: under what name" in person.last().text
