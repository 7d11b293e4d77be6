"""The Mandate Commission over real HTTP, with both frameworks: appointed by an invitation link,
it admits one candidate and refuses another with a reason; each is told; an observer reads the log.
"""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path

import pytest

from bot.launch import Framework
from core.application import NO_CONFLICTS, Application, DocumentRef
from core.model import Role
from core.services.candidacy import save_draft, submit
from core.services.context import candidate_code
from core.services.invites import create_invite
from sandbox.phone import Phone
from tests.builders import REGISTRATION_OPENS, election, group
from tests.e2e.scene import Scene, migrated_sqlite, scene
from tests.waiting import seen, shown

pytestmark = pytest.mark.slow
DURING_REGISTRATION = REGISTRATION_OPENS + timedelta(hours=1)
ELECTION = election(group("SW", title="Sex workers"))
REASON = "Нет рекомендательного письма сообщества."


async def consent(phone: Phone, payload: str) -> None:
    await phone.start(payload)
    await shown(phone, "Согласен(на)")
    await phone.tap("Согласен(на)")


async def applicant(stage: Scene, name: str) -> Phone:
    """A person who joined through the group link and submitted an application with a letter."""
    phone = stage.phone(name.split()[0])
    await consent(phone, "g-ccm-2024_SW")
    await shown(phone, "что вы хотите сделать")
    letter = stage.emulator.world.files.add(b"%PDF-1.4 letter", "document", "letter.pdf")
    reference = DocumentRef("recommendation", letter.file_id, "letter.pdf", "application/pdf", 15)
    form = Application(
        name=name,
        statement="Доступ к тестированию и лечению в каждом регионе.",
        report_back="Ежемесячные встречи в чате сообщества.",
        conflicts=NO_CONFLICTS,
        accepted_duties=True,
        documents=(reference,),
    )
    person, sealer = stage.pseudonym(phone), stage.vault.sealer
    await save_draft(
        stage.uow_factory(),
        stage.clock,
        group_code="SW",
        person=person,
        application=form,
        sealer=sealer,
        name_key=stage.vault.name_key(name),
    )
    await submit(stage.uow_factory(), stage.clock, group_code="SW", person=person, sealer=sealer)
    return phone


async def appointed(stage: Scene, first_name: str, role: Role) -> tuple[Phone, str]:
    """A person who opened the invitation link the Secretariat made; and the link's token."""
    token = await create_invite(
        stage.uow_factory(),
        stage.clock,
        group_code="SW",
        cycle_code="ccm-2024",
        role=role,
        valid_for=timedelta(days=2),
    )
    phone = stage.phone(first_name)
    await consent(phone, token)
    await shown(phone, "Теперь вы")
    return phone, token


async def commission_decides(stage: Scene) -> tuple[Phone, Phone, Phone, str]:
    """Pledge, admit the first applicant, refuse the second with a reason."""
    admitted = await applicant(stage, "Aida Bekova")
    refused = await applicant(stage, "Bota Nurlanova")
    member, token = await appointed(stage, "Madina", Role.COMMISSION)
    await member.send("/review")
    await shown(member, "Заявляю и принимаю")
    await member.tap("Заявляю и принимаю")
    await shown(member, "Кандидаты ждут решения: 2")
    await member.tap(candidate_code(stage.pseudonym(admitted)))
    await shown(member, "Ваше решение по кандидату")
    await member.tap("✅ Допустить")
    await shown(member, "Кандидаты ждут решения: 1")
    await member.tap(candidate_code(stage.pseudonym(refused)))
    await member.wait_until(lambda: seen(member, "Ваше решение") == 2)
    await member.tap("❌ Отказать")
    await shown(member, "Напишите причину")
    await member.send(REASON)
    await shown(member, "Сейчас ничего не ждёт решения")
    return member, admitted, refused, token


@pytest.mark.parametrize("framework", list(Framework))
async def test_the_commission_admits_and_refuses_candidates_and_an_observer_reads_the_log(
    framework: Framework, database_url: str
) -> None:
    async with scene(framework, database_url, ELECTION, DURING_REGISTRATION) as stage:
        member, admitted, refused, _ = await commission_decides(stage)
        await shown(admitted, "допустила вас как кандидата")
        await shown(refused, "не допустила вашу заявку")
        assert REASON in refused.transcript().render()
        assert "[letter.pdf]" in member.transcript().render()
        assert "Aida Bekova" in member.transcript().render()
        observer, _ = await appointed(stage, "Olzhas", Role.OBSERVER)
        await observer.send("/observe")
        await shown(observer, "Журнал выборов")
        await observer.tap("Журнал выборов")
        await shown(observer, "Цепочка хешей цела")
        log = observer.transcript().render()
        assert f"отказал(а) кандидату {candidate_code(stage.pseudonym(refused))}" in log
        assert f"допустил(а) кандидата {candidate_code(stage.pseudonym(admitted))}" in log
        assert "Aida" not in log and "Bota" not in log


async def test_the_commission_members_phone_reads_the_same_with_both_frameworks(
    tmp_path: Path,
) -> None:
    transcripts = []
    for framework in Framework:
        database_url = migrated_sqlite(tmp_path / f"{framework.value}.db")
        async with scene(framework, database_url, ELECTION, DURING_REGISTRATION) as stage:
            member, _, _, token = await commission_decides(stage)
            transcripts.append(member.transcript().render().replace(token, "<invitation>"))
    assert transcripts[0] == transcripts[1]
