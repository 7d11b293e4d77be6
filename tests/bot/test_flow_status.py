"""/status: a person's own registrations, applications and roles, with the next deadline."""

from __future__ import annotations

from datetime import timedelta

from core.model import Role, RoleGrant
from core.privacy import readable_code
from core.regulation import Admission, Regulation
from core.services.review_decisions import decide_voter
from tests.bot.talk import Bench, Person, bench
from tests.builders import REGISTRATION_OPENS, START, election, group

NOW = REGISTRATION_OPENS + timedelta(hours=1)
CHECKED = Regulation(admission=Admission.COMMISSION, regions=("AST", "KOS"))
ELECTION = election(
    group("SW", title="Sex workers"),
    group("TB", rules=CHECKED, title="People affected by TB"),
)


async def consented(stage: Bench, language: str = "ru") -> Person:
    person = stage.person(language)
    await person.send("/start g-ccm-2024_SW")
    await person.tap({"ru": "Согласен(на)", "kk": "Келісемін", "en": "I agree"}[language])
    return person


async def registered(stage: Bench, group_code: str, language: str = "ru") -> Person:
    person = await consented(stage, language)
    await person.send(f"/register ccm-2024_{group_code}")
    await person.tap({"ru": "Астана", "kk": "Астана", "en": "Astana"}[language])
    await person.tap({"ru": "Зарегистрироваться", "kk": "Тіркелу", "en": "Register"}[language])
    return person


async def grant(
    stage: Bench, person: Person, role: Role, group_code: str, pledged: bool = False
) -> None:
    async with stage.uow() as uow:
        stored = await uow.groups.get("ccm-2024", group_code)
        assert stored is not None
        pledge = START if pledged else None
        grant = RoleGrant(person.pseudonym, role, stored.id, START, pledge_accepted_at=pledge)
        await uow.roles.grant(grant)
        await uow.commit()


async def test_someone_who_has_not_joined_is_sent_to_start() -> None:
    async with bench(ELECTION, NOW) as stage:
        person = stage.person("en")
        await person.send("/status")
        assert person.last().text.startswith("You have not joined yet. Send /start")


async def test_a_person_with_nothing_yet_is_shown_how_to_begin() -> None:
    async with bench(ELECTION, NOW) as stage:
        person = await consented(stage, "en")
        await person.send("/status")
        answer = person.inbox()[-2].text  # then the group menu the person was at, again
        assert readable_code(person.pseudonym) in answer
        assert "/register to vote, /apply to stand" in answer
        assert "what would you like to do?" in person.last().text


async def test_a_voter_sees_their_status_and_the_next_deadline_in_almaty_time() -> None:
    async with bench(ELECTION, NOW) as stage:
        person = await registered(stage, "SW", language="kk")
        await person.send("/status")
        said = person.said().split("/status")[-1]
        assert "<b>Sex workers</b> тобының сайлаушысы: рұқсат берілді" in said
        assert "тіркеу 2024 ж. 19 тамыз, 09:00 жабылады" in said


async def test_a_refused_voter_reads_the_commissions_reason() -> None:
    async with bench(ELECTION, NOW) as stage:
        person = await registered(stage, "TB", language="en")
        member = await consented(stage)
        await grant(stage, member, Role.COMMISSION, "TB", pledged=True)
        await decide_voter(
            stage.uow(),
            stage.clock,
            group_code="TB",
            reviewer=member.pseudonym,
            voter=person.pseudonym,
            admit=False,
            reason="Not a member of the TB community <per the list>",
        )
        await person.send("/status")
        assert (
            "Voter in <b>People affected by TB</b>: refused. The commission's reason: "
            "Not a member of the TB community &lt;per the list&gt;"
        ) in person.said()


async def test_a_candidate_draft_says_what_to_do_next() -> None:
    async with bench(ELECTION, NOW) as stage:
        person = await consented(stage, "en")
        await person.send("/apply ccm-2024_SW")
        await person.send("Dana Yerzhanova")
        await person.send("/status")
        said = person.said()
        assert "Candidate in <b>Sex workers</b>: draft, not submitted. Finish it" in said


async def test_a_commission_member_without_the_pledge_is_pointed_to_review() -> None:
    async with bench(ELECTION, NOW) as stage:
        person = await consented(stage, "en")
        await grant(stage, person, Role.COMMISSION, "TB")
        await person.send("/status")
        assert "you are member of the Mandate Commission. Send /review" in person.said()


async def test_nothing_about_anyone_else_is_shown() -> None:
    async with bench(ELECTION, NOW) as stage:
        other = await registered(stage, "TB", language="en")
        person = await registered(stage, "SW", language="en")
        await person.send("/status")
        mine = [sent.text for sent in person.inbox() if "Voter in" in sent.text]
        assert mine and all("People affected by TB" not in text for text in mine)
        assert readable_code(other.pseudonym) not in person.said()


async def test_status_in_the_middle_of_registering_carries_on_with_the_same_question() -> None:
    async with bench(ELECTION, NOW) as stage:
        person = await consented(stage)
        await person.send("/register ccm-2024_TB")
        await person.send("/status")
        assert person.last().labels() == ["Астана", "Костанайская область"]
        await person.tap("Костанайская область")
        await person.tap("Зарегистрироваться")
        await person.send("/status")
        assert "ожидает проверки комиссии" in person.said().split("/status")[-1]
