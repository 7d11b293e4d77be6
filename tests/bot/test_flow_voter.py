"""Registering as a voter: regions page by page, organisations, refusals a person can meet."""

from __future__ import annotations

from datetime import timedelta
from typing import cast

from bot.assembly import BotParts, assemble
from core.model import VoterStatus
from core.ports_dialogue import DialogueUnitOfWork
from core.privacy import readable_code
from core.regulation import Admission, CrossGroupPolicy, Permission, Regulation
from tests.bot.talk import VAULT, Bench, Person, bench
from tests.builders import REGISTRATION_OPENS, election, group
from tests.fakes import FakeUnitOfWork
from tests.services.registration_support import NGO_UNION

NOW = REGISTRATION_OPENS + timedelta(hours=1)
THREE_REGIONS = Regulation(admission=Admission.COMMISSION, regions=("KOS", "TUR", "AST"))
ONE_GROUP_ONLY = Regulation(
    cross_group=CrossGroupPolicy(voter_in_several_groups=Permission.FORBIDDEN)
)
ELECTION = election(
    group("SW", title="Sex workers"),
    group("PWID", rules=ONE_GROUP_ONLY, title="People who use drugs"),
    group("TB", rules=THREE_REGIONS, title="People affected by TB"),
    group("NGO", rules=NGO_UNION, title="Union of HIV NGOs"),
)


async def joined(stage: Bench, group_code: str, language: str = "ru") -> Person:
    """A person who followed the group's link, consented and pressed Register to vote."""
    person = stage.person(language)
    await person.send(f"/start g-ccm-2024_{group_code}")
    await person.tap({"ru": "Согласен(на)", "kk": "Келісемін", "en": "I agree"}[language])
    register = {"ru": "Зарегистрироваться избирателем", "en": "Register to vote"}
    await person.tap(register.get(language, register["ru"]))
    return person


async def voters(stage: Bench, person: Person) -> list:
    async with stage.uow() as uow:
        return list(await uow.voters.for_person(person.pseudonym))


def restart(stage: Bench) -> None:
    """Replace the running bot by a fresh one over the same database, as after a redeploy."""
    parts = BotParts(
        uow_factory=lambda: cast(DialogueUnitOfWork, FakeUnitOfWork(stage.database)),
        vault=VAULT,
        clock=stage.clock,
    )
    stage.runtime = assemble(parts, "https://t.me/saylau_bot")


async def test_a_voter_turns_the_page_picks_a_region_and_gets_their_code_and_status() -> None:
    async with bench(ELECTION, NOW) as stage:
        person = await joined(stage, "SW")
        first_page = person.last()
        assert "Sex workers" in first_page.text and "страница 1 из 3" in first_page.text
        assert first_page.labels()[:2] == ["Астана", "Алматы"] and first_page.labels()[-1] == "▶"
        await person.tap("▶")
        assert person.last().edit is not None  # the page turns in place
        assert "Костанайская область" in person.last().labels()
        assert person.last().labels()[-2:] == ["◀", "▶"]
        await person.tap("Костанайская область")
        assert "Регион: Костанайская область" in person.last().text
        await person.tap("Зарегистрироваться")
        reply = person.last().text
        assert "вы избиратель в группе <b>Sex workers</b>" in reply
        assert readable_code(person.pseudonym) in reply and "допущен(а)" in reply
        [voter] = await voters(stage, person)
        assert (voter.region, voter.status) == ("KOS", VoterStatus.ADMITTED)


async def test_only_the_groups_regions_are_offered_in_the_persons_language() -> None:
    async with bench(ELECTION, NOW) as stage:
        person = await joined(stage, "TB", language="en")
        assert person.last().labels() == ["Kostanay Region", "Turkistan Region", "Astana"]
        await person.tap("Turkistan Region")
        await person.tap("Register")
        assert "awaiting the commission's check" in person.last().text
        [voter] = await voters(stage, person)
        assert voter.status is VoterStatus.PENDING


async def test_a_region_typed_by_name_is_understood_and_one_outside_the_group_is_refused() -> None:
    async with bench(ELECTION, NOW) as stage:
        person = await joined(stage, "TB")
        await person.send("Алматы")
        refusal = person.inbox()[-2].text
        assert "нельзя выбрать в этой группе" in refusal
        assert "Костанайская область, Туркестанская область, Астана" in refusal
        assert person.last().labels() == ["Костанайская область", "Туркестанская область", "Астана"]
        await person.send("абракадабра")
        assert "Не нашёл такой регион" in person.inbox()[-2].text
        assert "Астана" in person.last().labels()  # the buttons are offered again
        await person.send("костанайская  ОБЛАСТЬ")
        assert "Регион: Костанайская область" in person.last().text


async def test_text_typed_on_the_confirm_screen_shows_the_buttons_again() -> None:
    async with bench(ELECTION, NOW) as stage:
        person = await joined(stage, "TB")
        await person.tap("Астана")
        await person.send("да")
        assert "воспользуйтесь кнопками" in person.inbox()[-2].text
        await person.tap("Зарегистрироваться")
        assert len(await voters(stage, person)) == 1


async def test_change_on_the_confirm_screen_asks_again_and_nothing_is_registered_before() -> None:
    async with bench(ELECTION, NOW) as stage:
        person = await joined(stage, "TB")
        await person.tap("Астана")
        await person.tap("Изменить")
        assert await voters(stage, person) == []
        await person.tap("Туркестанская область")
        await person.tap("Зарегистрироваться")
        [voter] = await voters(stage, person)
        assert voter.region == "TUR"


async def test_register_command_offers_the_open_groups() -> None:
    async with bench(ELECTION, NOW) as stage:
        person = await joined(stage, "SW")
        await person.send("/register")
        assert "В какой группе" in person.last().text
        assert sorted(person.last().labels()) == [
            "People affected by TB",
            "People who use drugs",
            "Sex workers",
            "Union of HIV NGOs",
        ]
        await person.tap("People affected by TB")
        assert person.last().labels()[0] == "Костанайская область"


async def test_after_registration_closes_the_person_is_told_the_exact_instant() -> None:
    async with bench(ELECTION, NOW) as stage:
        person = stage.person("ru")
        await person.send("/start g-ccm-2024_SW")
        await person.tap("Согласен(на)")
        stage.clock.advance(days=9)
        await person.tap("Зарегистрироваться избирателем")
        assert person.last().text == "Регистрация закрыта с 19 августа 2024, 09:00."
        await person.send("Астана")
        assert await voters(stage, person) == []


async def test_registering_twice_shows_the_status_instead() -> None:
    async with bench(ELECTION, NOW) as stage:
        person = await joined(stage, "SW")
        await person.tap("Астана")
        await person.tap("Зарегистрироваться")
        await person.send("/register ccm-2024_SW")
        assert "Вы уже зарегистрированы в группе Sex workers" in person.last().text
        assert "допущен(а)" in person.last().text


async def test_a_second_group_is_refused_with_the_explanation_where_one_group_is_allowed() -> None:
    async with bench(ELECTION, NOW) as stage:
        person = await joined(stage, "SW")
        await person.tap("Астана")
        await person.tap("Зарегистрироваться")
        await person.send("/register ccm-2024_PWID")
        assert "Вы уже участвуете в группе Sex workers" in person.last().text
        assert "одной группе" in person.last().text
        assert len(await voters(stage, person)) == 1
        assert person.last().buttons == []


async def test_an_ngo_registers_and_a_new_representative_waits_for_the_commission() -> None:
    async with bench(ELECTION, NOW) as stage:
        first = await joined(stage, "NGO")
        assert "избиратель — организация" in first.last().text
        await first.send("ОФ «Шаг вперёд»")
        assert "Организация: ОФ «Шаг вперёд»" in first.last().text
        await first.tap("Зарегистрироваться")
        assert "ожидает проверки комиссии" in first.last().text

        successor = await joined(stage, "NGO", language="en")
        await successor.send("оф «шаг  ВПЕРЁД»")
        await successor.tap("Register")
        assert "already registered in <b>Union of HIV NGOs</b>" in successor.last().text
        assert "The Mandate Commission decides on the change" in successor.last().text
        [held] = await voters(stage, first)
        [claim] = await voters(stage, successor)
        assert claim.replacement_for == held.organisation_key is not None
        assert claim.organisation is not None and "Шаг".encode() not in claim.organisation


async def test_an_overlong_organisation_name_is_asked_again() -> None:
    async with bench(ELECTION, NOW) as stage:
        person = await joined(stage, "NGO", language="en")
        await person.send("x" * 201)
        assert "That is 201 characters" in person.last().text
        await person.send("Healthy Steppe Foundation")
        assert "Organisation: Healthy Steppe Foundation" in person.last().text


async def test_a_half_done_registration_survives_a_restart_of_the_bot() -> None:
    async with bench(ELECTION, NOW) as stage:
        person = await joined(stage, "TB")
        await person.tap("Астана")
        restart(stage)
        await person.tap("Зарегистрироваться")
        [voter] = await voters(stage, person)
        assert voter.region == "AST"
