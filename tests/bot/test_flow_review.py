"""The Mandate Commission's /review: pledge first, the queue, admitting and refusing applicants.

The helpers at the top are shared with the observer and complaint tests: applicants consent
through the bot (so they can be told of decisions), then register or apply through the use cases,
which the voter and candidate conversations call the same way.
"""

from __future__ import annotations

from datetime import timedelta

from core.application import NO_CONFLICTS, Application, DocumentRef
from core.model import CandidateStatus, Role, VoterStatus
from core.regions import region_name
from core.regulation import Admission, CrossGroupPolicy, Permission, Regulation
from core.services.candidacy import save_draft, submit
from core.services.context import candidate_code, voter_code
from core.services.invites import create_invite
from core.services.registration import OrganisationClaim, register_voter
from core.services.registration_checks import organisation_purpose
from tests.bot.talk import VAULT, Bench, Person, bench
from tests.builders import REGISTRATION_OPENS, START, election, group
from tests.services.registration_support import NGO_UNION

NOW = REGISTRATION_OPENS + timedelta(hours=1)
AGREE = {"ru": "Согласен(на)", "kk": "Келісемін", "en": "I agree"}
PLEDGE = {
    "ru": "Заявляю и принимаю",
    "kk": "Мәлімдеймін және қабылдаймын",
    "en": "I declare and accept",
}
CHECKED = Regulation(admission=Admission.COMMISSION, regions=("KOS", "TUR", "AST"))
ELECTION = election(
    group("SW", rules=CHECKED, title="Sex workers"),
    group("NGO", rules=NGO_UNION, title="Union of HIV NGOs"),
)
EMPTY_QUEUE = "Сейчас ничего не ждёт решения"
STATEMENT = "I will defend access to testing and treatment in every region."


async def consented(stage: Bench, language: str = "ru") -> Person:
    """A person who opened the bot and gave consent, so the bot can write to them."""
    person = stage.person(language)
    await person.send("/start")
    await person.tap(AGREE[language])
    return person


async def appointed(
    stage: Bench, group_code: str = "SW", role: Role = Role.COMMISSION, language: str = "ru"
) -> Person:
    """A person who opened an invitation link to `role` in the group."""
    token = await create_invite(
        stage.uow(),
        stage.clock,
        group_code=group_code,
        cycle_code="ccm-2024",
        role=role,
        valid_for=timedelta(days=3),
    )
    person = stage.person(language)
    await person.send(f"/start {token}")
    await person.tap(AGREE[language])
    return person


async def pledged(stage: Bench, group_code: str = "SW", language: str = "ru") -> Person:
    """A commission member who accepted the pledge and sees the queue."""
    member = await appointed(stage, group_code, language=language)
    await member.send("/review")
    await member.tap(PLEDGE[language])
    return member


async def pending_voter(
    stage: Bench, group_code: str = "SW", language: str = "ru", organisation: str | None = None
) -> Person:
    """A voter registered in a group whose commission checks voters."""
    person = await consented(stage, language)
    claim = None
    if organisation is not None:
        sealed = VAULT.sealer.seal(organisation, organisation_purpose(person.pseudonym))
        claim = OrganisationClaim(sealed, VAULT.name_key(organisation))
    await register_voter(
        stage.uow(),
        stage.clock,
        group_code=group_code,
        person=person.pseudonym,
        region="KOS" if organisation is None else None,
        organisation=claim,
    )
    return person


async def submitted_candidate(
    stage: Bench, name: str, group_code: str = "SW", language: str = "ru"
) -> Person:
    """A person whose complete application, with one document, is submitted."""
    person = await consented(stage, language)
    letter = DocumentRef("recommendation", f"file-{name[:3]}", "letter.pdf", "application/pdf", 900)
    form = Application(
        name=name,
        statement=STATEMENT,
        report_back="Monthly meetings in the community chat.",
        conflicts=NO_CONFLICTS,
        accepted_duties=True,
        documents=(letter,),
    )
    await save_draft(
        stage.uow(),
        stage.clock,
        group_code=group_code,
        person=person.pseudonym,
        application=form,
        sealer=VAULT.sealer,
        name_key=VAULT.name_key(name),
    )
    await submit(
        stage.uow(),
        stage.clock,
        group_code=group_code,
        person=person.pseudonym,
        sealer=VAULT.sealer,
    )
    return person


async def voter_status(stage: Bench, person: Person) -> VoterStatus:
    async with stage.uow() as uow:
        [voter] = await uow.voters.for_person(person.pseudonym)
    return voter.status


async def audit_actions(stage: Bench) -> list[str]:
    async with stage.uow() as uow:
        return [entry.event.action for entry in await uow.audit.entries()]


def code_of(person: Person) -> str:
    return voter_code(person.pseudonym)


async def test_the_queue_opens_only_after_the_pledge_is_accepted() -> None:
    async with bench(ELECTION, NOW) as stage:
        await pending_voter(stage)
        member = await appointed(stage)
        await member.send("/review")
        assert "нет конфликта интересов" in member.last().text
        assert member.last().labels() == ["Заявляю и принимаю"]
        await member.send("/review")  # asking again does not skip the pledge
        assert member.last().labels() == ["Заявляю и принимаю"]
        assert "role.pledge_accepted" not in await audit_actions(stage)
        await member.tap("Заявляю и принимаю")
        assert "Избиратели ждут проверки: 1" in member.last().text
        assert "role.pledge_accepted" in await audit_actions(stage)
        await member.send("/review")
        assert "Избиратели ждут проверки: 1" in member.last().text


async def test_the_queue_counts_what_waits_and_shows_applicants_only_by_code() -> None:
    async with bench(ELECTION, NOW) as stage:
        first, second = await pending_voter(stage), await pending_voter(stage)
        candidate = await submitted_candidate(stage, "Aigerim Sadykova")
        member = await pledged(stage)
        text = member.last().text
        assert "Избиратели ждут проверки: 2" in text
        assert "Кандидаты ждут решения: 1" in text
        assert "Жалобы без ответа: 0" in text
        assert member.last().labels() == [
            code_of(first),
            code_of(second),
            candidate_code(candidate.pseudonym),
        ]
        assert "Aigerim" not in member.said()


async def test_a_long_queue_is_shown_a_page_at_a_time() -> None:
    async with bench(ELECTION, NOW) as stage:
        voters = [await pending_voter(stage) for _ in range(10)]
        member = await pledged(stage)
        assert member.last().labels() == [code_of(v) for v in voters[:8]] + ["Дальше ▶"]
        await member.tap("Дальше ▶")
        assert member.last().labels() == [code_of(v) for v in voters[8:]] + ["◀ Назад"]
        await member.tap("◀ Назад")
        assert member.last().labels()[0] == code_of(voters[0])


async def test_an_admitted_voter_is_told_and_the_decision_is_audited() -> None:
    async with bench(ELECTION, NOW) as stage:
        voter = await pending_voter(stage)
        member = await pledged(stage)
        await member.tap(code_of(voter))
        assert region_name("KOS", "ru") in member.last().text
        assert "ожидает проверки комиссии" in member.last().text
        await member.tap("✅ Допустить")
        assert "Вы допущены как избиратель" in voter.last().text
        assert "Sex workers" in voter.last().text
        assert f"Записано: {code_of(voter)} — допущен(а)" in member.said()
        assert EMPTY_QUEUE in member.last().text
        assert await voter_status(stage, voter) is VoterStatus.ADMITTED
        assert "voter.admitted" in await audit_actions(stage)


async def test_a_refusal_needs_a_reason_and_the_applicant_reads_it_in_their_language() -> None:
    async with bench(ELECTION, NOW) as stage:
        voter = await pending_voter(stage, language="en")
        member = await pledged(stage)
        await member.tap(code_of(voter))
        await member.tap("❌ Отказать")
        assert "Напишите причину" in member.last().text
        await member.send("   ")
        assert "Для отказа нужна причина" in member.said()
        assert await voter_status(stage, voter) is VoterStatus.PENDING
        await member.send("Не член сообщества по данным аутрич-работника.")
        assert "did not admit your registration" in voter.last().text
        assert "Не член сообщества по данным аутрич-работника." in voter.last().text
        assert await voter_status(stage, voter) is VoterStatus.REFUSED
        assert "voter.refused" in await audit_actions(stage)


async def test_an_overlong_reason_is_refused_with_the_limit_and_can_be_typed_again() -> None:
    async with bench(ELECTION, NOW) as stage:
        voter = await pending_voter(stage)
        member = await pledged(stage)
        await member.tap(code_of(voter))
        await member.tap("❌ Отказать")
        await member.send("x" * 501)
        assert "501 знаков, не больше 500" in member.said()
        assert "Напишите причину" in member.last().text
        assert await voter_status(stage, voter) is VoterStatus.PENDING
        await member.send("Документы не подтверждают членство.")
        assert await voter_status(stage, voter) is VoterStatus.REFUSED


async def test_back_from_the_reason_leaves_the_applicant_waiting() -> None:
    async with bench(ELECTION, NOW) as stage:
        voter = await pending_voter(stage)
        member = await pledged(stage)
        told = len(voter.inbox())
        await member.tap(code_of(voter))
        await member.tap("❌ Отказать")
        await member.tap("К очереди")
        assert "Избиратели ждут проверки: 1" in member.last().text
        assert await voter_status(stage, voter) is VoterStatus.PENDING
        assert len(voter.inbox()) == told


async def test_a_candidates_application_and_documents_are_shown_then_decided() -> None:
    async with bench(ELECTION, NOW) as stage:
        admitted = await submitted_candidate(stage, "Aigerim Sadykova", language="kk")
        refused = await submitted_candidate(stage, "Dana Omarova")
        member = await pledged(stage)
        await member.tap(candidate_code(admitted.pseudonym))
        shown = member.said()
        assert "Aigerim Sadykova" in shown and STATEMENT in shown
        assert "Monthly meetings in the community chat." in shown
        assert "конфликта интересов нет" in shown
        [document] = [sent for sent in member.inbox() if sent.document is not None]
        assert document.document == "file-Aig"
        assert "Рекомендательное письмо сообщества: letter.pdf" in document.text
        await member.tap("✅ Допустить")
        assert "кандидат ретінде рұқсат берді" in admitted.last().text
        await member.tap(candidate_code(refused.pseudonym))
        await member.tap("❌ Отказать")
        await member.send("Нет рекомендации сообщества.")
        assert "не допустила вашу заявку кандидата" in refused.last().text
        assert "Нет рекомендации сообщества." in refused.last().text
        async with stage.uow() as uow:
            statuses = {c.pseudonym: c.status for c in await uow.candidates.for_group(1)}
        assert statuses[admitted.pseudonym] is CandidateStatus.ADMITTED
        assert statuses[refused.pseudonym] is CandidateStatus.REFUSED
        assert EMPTY_QUEUE in member.last().text


async def test_an_ngo_representative_change_is_decided_and_both_representatives_are_told() -> None:
    async with bench(ELECTION, NOW) as stage:
        old = await pending_voter(stage, "NGO", organisation="Шаг вперёд")
        member = await pledged(stage, "NGO")
        await member.tap(code_of(old))
        assert "Шаг вперёд" in member.last().text
        await member.tap("✅ Допустить")
        new = await pending_voter(stage, "NGO", language="en", organisation="шаг  Вперёд")
        await member.send("/review")
        await member.tap(code_of(new))
        assert "просит стать новым представителем" in member.said()
        await member.tap("✅ Допустить")
        assert "confirmed you as your organisation's new representative" in new.last().text
        assert "подтвердила нового представителя вашей организации" in old.last().text
        assert await voter_status(stage, old) is VoterStatus.REPLACED
        assert await voter_status(stage, new) is VoterStatus.ADMITTED


async def test_a_second_member_finds_an_item_another_member_decided_gone() -> None:
    async with bench(ELECTION, NOW) as stage:
        voter = await pending_voter(stage)
        first, second = await pledged(stage), await pledged(stage)
        await second.tap(code_of(voter))  # second has the voter open ...
        await first.tap(code_of(voter))
        await first.tap("✅ Допустить")  # ... when first admits them
        await second.tap("❌ Отказать")
        await second.send("Передумал(а).")
        assert "Решение уже принято: допущен(а)" in second.said()
        assert EMPTY_QUEUE in second.last().text
        assert await voter_status(stage, voter) is VoterStatus.ADMITTED
        assert "did not admit" not in voter.said() and "не допустила" not in voter.said()


async def test_an_item_decided_meanwhile_is_reported_gone_when_opened() -> None:
    async with bench(ELECTION, NOW) as stage:
        voter = await pending_voter(stage)
        first, second = await pledged(stage), await pledged(stage)
        await first.tap(code_of(voter))
        await first.tap("✅ Допустить")
        await second.tap(code_of(voter))  # a button on second's older queue screen
        assert "Это уже рассмотрено" in second.said()
        assert EMPTY_QUEUE in second.last().text


async def test_a_person_without_a_commission_role_gets_no_queue() -> None:
    async with bench(ELECTION, NOW) as stage:
        voter = await pending_voter(stage)
        await voter.send("/review")
        assert "только членам мандатной комиссии" in voter.last().text
        assert voter.last().labels() == []


async def test_a_member_of_two_commissions_picks_the_group_first() -> None:
    allowed = CrossGroupPolicy(commission_member_serves_several_groups=Permission.ALLOWED)
    rules = CHECKED.model_copy(update={"cross_group": allowed})
    two = election(group("SW", rules=rules, title="Sex workers"), group("MSM", rules=rules))
    async with bench(two, NOW) as stage:
        member = await appointed(stage, "SW")
        token = await create_invite(
            stage.uow(),
            stage.clock,
            group_code="MSM",
            cycle_code="ccm-2024",
            role=Role.COMMISSION,
            valid_for=timedelta(days=1),
        )
        await member.send(f"/start {token}")
        await member.send("/review")
        assert sorted(member.last().labels()) == ["Group MSM", "Sex workers"]
        await member.tap("Group MSM")
        assert "Group MSM: прежде чем открыть очередь" in member.last().text


async def test_once_the_candidate_list_is_published_a_decision_is_refused_with_the_date() -> None:
    async with bench(ELECTION, NOW) as stage:
        voter = await pending_voter(stage)
        told = len(voter.inbox())
        member = await pledged(stage)
        stage.clock.set(START + timedelta(days=20, hours=1))  # the list came out an hour ago
        await member.tap(code_of(voter))
        await member.tap("✅ Допустить")
        assert "21 августа 2024, 09:00" in member.said()
        assert "Избиратели ждут проверки: 1" in member.last().text
        assert await voter_status(stage, voter) is VoterStatus.PENDING
        assert len(voter.inbox()) == told
