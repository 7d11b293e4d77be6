"""/observe: stage, counts, decisions and the audit log, read-only, for those with a role."""

from __future__ import annotations

from datetime import timedelta

from core.model import Role
from core.services.context import candidate_code
from core.services.invites import create_invite
from tests.bot.talk import Bench, Person, bench
from tests.bot.test_flow_review import (
    ELECTION,
    NOW,
    appointed,
    audit_actions,
    code_of,
    pending_voter,
    pledged,
    submitted_candidate,
)

# Every label an observer may meet: views and pages, nothing that acts.
READING = {
    "Решения комиссии",
    "Журнал выборов",
    "К обзору",
    "◀ Новее",
    "Раньше ▶",
    "Sex workers",
    "Union of HIV NGOs",
}


async def decided_group(stage: Bench) -> tuple[Person, Person, Person]:
    """A group where the commission admitted a voter and refused a candidate with a reason."""
    voter = await pending_voter(stage)
    candidate = await submitted_candidate(stage, "Aigerim Sadykova")
    member = await pledged(stage)
    await member.tap(code_of(voter))
    await member.tap("✅ Допустить")
    await member.tap(candidate_code(candidate.pseudonym))
    await member.tap("❌ Отказать")
    await member.send("Нет рекомендации сообщества.")
    return voter, candidate, member


def labels(person: Person) -> set[str]:
    return {label for sent in person.inbox() for label in sent.labels()}


async def test_an_observer_sees_stage_counts_decisions_and_the_audit_log_and_changes_nothing() -> (
    None
):
    async with bench(ELECTION, NOW) as stage:
        voter, candidate, _ = await decided_group(stage)
        observer = await appointed(stage, role=Role.OBSERVER)
        before = await audit_actions(stage)
        await observer.send("/observe")
        overview = observer.said()
        assert "Текущий этап: <b>регистрация</b>" in overview
        assert "Регистрация закрывается: 19 августа 2024, 09:00" in overview
        assert "допущены: 1" in overview and "отказано: 1" in overview
        await observer.tap("Решения комиссии")
        decisions = observer.said()
        assert f"{code_of(voter)} — допущен(а)" in decisions
        assert f"{candidate_code(candidate.pseudonym)} — отказано" in decisions
        assert "Причина: Нет рекомендации сообщества." in decisions
        await observer.tap("К обзору")
        await observer.tap("Журнал выборов")
        log = observer.said()
        assert "Цепочка хешей цела" in log
        assert f"допустил(а) избирателя {code_of(voter)}" in log
        assert "Aigerim" not in observer.said()
        assert labels(observer) <= READING | {"Согласен(на)", "Нет, спасибо"}
        assert await audit_actions(stage) == before


async def test_the_audit_log_shows_the_latest_entries_first_a_page_at_a_time() -> None:
    async with bench(ELECTION, NOW) as stage:
        await decided_group(stage)
        observer = await appointed(stage, role=Role.OBSERVER)
        await observer.send("/observe")
        await observer.tap("Журнал выборов")
        first_page = [sent.text for sent in observer.inbox()[-6:]]
        assert "принял(а) приглашение: независимый наблюдатель" in first_page[0]
        assert "страница 1 из" in first_page[-1]
        await observer.tap("Раньше ▶")
        assert "страница 2 из" in observer.last().text
        assert "◀ Новее" in observer.last().labels()


async def test_the_commission_may_observe_its_group_too() -> None:
    async with bench(ELECTION, NOW) as stage:
        _, _, member = await decided_group(stage)
        await member.send("/observe")
        assert "Sex workers" in member.said().split("/observe")[-1]
        assert "Жалоб в комиссию: 0" in member.said()


async def test_the_secretariat_chooses_among_all_groups() -> None:
    async with bench(ELECTION, NOW) as stage:
        secretariat = await appointed_secretariat(stage)
        await secretariat.send("/observe")
        assert sorted(secretariat.last().labels()) == ["Sex workers", "Union of HIV NGOs"]
        await secretariat.tap("Union of HIV NGOs")
        assert "Текущий этап: <b>регистрация</b>" in secretariat.said()


async def test_a_voter_without_a_role_is_refused_the_overview() -> None:
    async with bench(ELECTION, NOW) as stage:
        voter = await pending_voter(stage)
        await voter.send("/observe")
        assert (
            voter.last().text
            == "У вас нет роли в группе Sex workers, поэтому её обзор вам недоступен."
        )
        assert voter.last().labels() == []


async def appointed_secretariat(stage: Bench) -> Person:
    token = await create_invite(
        stage.uow(),
        stage.clock,
        group_code=None,
        cycle_code="ccm-2024",
        role=Role.SECRETARIAT,
        valid_for=timedelta(days=1),
    )
    person = stage.person("ru")
    await person.send(f"/start {token}")
    await person.tap("Согласен(на)")
    return person
