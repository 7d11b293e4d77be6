"""/deadline: the Organizing Committee moves a close or closes early, with a reason all read."""

from datetime import UTC, datetime, timedelta

from core.model import Role
from tests.bot.talk import bench
from tests.bot.test_flow_review import appointed, consented
from tests.builders import REGISTRATION_OPENS, election, group

DURING_REGISTRATION = REGISTRATION_OPENS + timedelta(hours=1)
ELECTION = election(
    group("PLHIV", title="People living with HIV"), group("SW", title="Sex workers")
)


async def test_the_committee_extends_registration_and_members_are_told_why() -> None:
    async with bench(ELECTION, DURING_REGISTRATION) as stage:
        member = await consented(stage, "en")
        await member.send("/register")
        committee = await appointed(stage, "SW", Role.COMMITTEE, language="en")
        await committee.send("/deadline")
        assert "Sex workers" in committee.last().text
        await committee.tap("Extend registration")
        assert "It closes now at 2024-08-19 09:00" in committee.last().text
        await committee.send("19 August, please")
        assert committee.last().text.startswith("I could not read that date")
        await committee.send("2024-08-20 18:00")
        await committee.send("Many members could not reach the bot during the power cut.")
        assert "move the close of registration later to 20 Aug 2024, 18:00" in committee.last().text
        await committee.tap("Confirm")
        assert committee.last().text.startswith("Done.")
        async with stage.uow() as uow:
            stored = await uow.groups.get("ccm-2024", "SW")
            log = await uow.audit.entries()
        assert stored is not None
        assert stored.calendar.registration_closes == datetime(2024, 8, 20, 13, 0, tzinfo=UTC)
        moved = [e for e in log if e.event.action == "calendar.extended"]
        assert moved and moved[-1].event.payload["reason"].startswith("Many members")
        assert moved[-1].event.actor.startswith("committee:")


async def test_someone_without_a_committee_role_changes_nothing() -> None:
    async with bench(ELECTION, DURING_REGISTRATION) as stage:
        person = await consented(stage, "en")
        await person.send("/deadline")
        assert "You do not hold the role member of the Organizing Committee" in person.last().text
        async with stage.uow() as uow:
            assert not [
                e for e in await uow.audit.entries() if e.event.action.startswith("calendar.")
            ]


async def test_closing_registration_early_is_confirmed_before_it_happens() -> None:
    async with bench(ELECTION, DURING_REGISTRATION) as stage:
        committee = await appointed(stage, "PLHIV", Role.COMMITTEE, language="ru")
        await committee.send("/deadline")
        await committee.tap("Закрыть регистрацию сейчас")
        await committee.send("Все члены сообщества уже зарегистрировались.")
        assert "закрыть регистрацию сейчас" in committee.last().text
        await committee.tap("Отмена")
        async with stage.uow() as uow:
            unchanged = await uow.groups.get("ccm-2024", "PLHIV")
        assert unchanged is not None and unchanged.calendar == ELECTION.group("PLHIV").calendar


async def test_times_are_typed_and_shown_in_the_configured_zone() -> None:
    async with bench(ELECTION, DURING_REGISTRATION, timezone="UTC") as stage:
        committee = await appointed(stage, "SW", Role.COMMITTEE, language="en")
        await committee.send("/deadline")
        await committee.tap("Extend registration")
        assert "UTC time. It closes now at 2024-08-19 04:00" in committee.last().text
        await committee.send("2024-08-20 18:00")
        await committee.send("Many members could not reach the bot during the power cut.")
        assert "later to 20 Aug 2024, 18:00" in committee.last().text
        await committee.tap("Confirm")
        async with stage.uow() as uow:
            stored = await uow.groups.get("ccm-2024", "SW")
        assert stored is not None
        assert stored.calendar.registration_closes == datetime(2024, 8, 20, 18, 0, tzinfo=UTC)
