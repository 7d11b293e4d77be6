"""/groups: the Secretariat sees every group's progress; nobody else does."""

from datetime import timedelta

from core.model import Role
from tests.bot.talk import bench
from tests.bot.test_flow_review import appointed, consented
from tests.builders import REGISTRATION_OPENS, election, group

DURING_REGISTRATION = REGISTRATION_OPENS + timedelta(hours=1)
ELECTION = election(
    group("PLHIV", title="People living with HIV"), group("SW", title="Sex workers")
)


async def test_the_secretariat_sees_each_groups_stage_deadline_and_counts() -> None:
    async with bench(ELECTION, DURING_REGISTRATION) as stage:
        for _ in range(2):
            voter = await consented(stage, "en")
            await voter.send("/start g-ccm-2024_SW")
            await voter.tap("Register to vote")
            await voter.tap("Almaty")
            await voter.tap("Register")
        officer = await appointed(stage, None, Role.SECRETARIAT, language="en")  # type: ignore[arg-type]
        await officer.send("/groups")
        said = officer.said()
        assert "Sex workers" in said and "People living with HIV" in said
        sw = next(s.text for s in officer.inbox() if s.text.startswith("<b>SW</b>"))
        assert "Stage: registration. Next: registration closes, 19 Aug 2024, 09:00." in sw
        assert "Voters: 2 registered, 2 admitted" in sw


async def test_a_community_member_cannot_see_the_monitoring() -> None:
    async with bench(ELECTION, DURING_REGISTRATION) as stage:
        person = await consented(stage, "en")
        await person.send("/groups")
        assert "You do not hold the role CCM Secretariat" in person.last().text


async def test_the_secretariats_status_is_the_monitoring_of_every_group() -> None:
    async with bench(ELECTION, DURING_REGISTRATION) as stage:
        officer = await appointed(stage, None, Role.SECRETARIAT, language="en")  # type: ignore[arg-type]
        await officer.send("/status")
        said = officer.said()
        assert "You hold the CCM Secretariat role" in said
        assert "<b>SW</b> Sex workers" in said and "<b>PLHIV</b> People living with HIV" in said
