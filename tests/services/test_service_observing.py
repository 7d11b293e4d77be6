"""What observers, the commission and the Secretariat see of a group, and who sees nothing."""

from core.calendar import Stage
from core.model import Role
from core.services.observing import group_overview
from core.services.review import decide_voter
from tests.builders import group
from tests.services.registration_support import (
    ALICE,
    BOB,
    CAROL,
    CHECKED,
    DANA,
    DURING,
    MEMBER,
    WATCHER,
    clock,
    draft,
    grant,
    refused,
    register,
    send,
    setup,
)

REASON = "Не состоит в сообществе по данным организации-заявителя."


async def overview(make_uow, viewer, group_code="PLHIV"):
    return await group_overview(make_uow(), clock(), group_code=group_code, viewer=viewer)


async def test_an_observer_sees_counts_decisions_and_the_groups_audit_by_code_only(
    any_uow_factory,
):
    await setup(any_uow_factory, group("PLHIV", rules=CHECKED), group("TB"))
    await grant(any_uow_factory, MEMBER, Role.COMMISSION, "PLHIV")
    await grant(any_uow_factory, WATCHER, Role.OBSERVER, "PLHIV")
    await register(any_uow_factory, ALICE)
    await register(any_uow_factory, BOB)
    await register(any_uow_factory, DANA, group_code="TB")
    await draft(any_uow_factory, CAROL)
    await send(any_uow_factory, CAROL)
    await decide_voter(
        any_uow_factory(),
        clock(),
        group_code="PLHIV",
        reviewer=MEMBER,
        voter=BOB,
        admit=False,
        reason=REASON,
    )

    seen = await overview(any_uow_factory, WATCHER)

    assert seen.stage is Stage.REGISTRATION
    assert dict(seen.instants)["registration_opens"] < DURING
    assert seen.voters_by_status == {"pending": 1, "refused": 1}
    assert seen.candidates_by_status == {"submitted": 1}
    [decision] = seen.decisions
    assert (decision.kind, decision.status, decision.reason) == ("voter", "refused", REASON)
    assert decision.code.startswith("V-")
    actions = [entry.event.action for entry in seen.audit]
    assert actions == [
        "voter.registered",
        "voter.registered",
        "candidate.draft_saved",
        "candidate.submitted",
        "voter.refused",
    ]
    assert all(entry.event.group == "PLHIV" for entry in seen.audit)
    everything = repr(seen)
    assert all(p not in everything for p in (ALICE, BOB, CAROL, DANA, MEMBER, WATCHER))


async def test_the_commission_committee_and_secretariat_may_look_too(any_uow_factory):
    await setup(any_uow_factory, group("PLHIV"), group("TB"))
    await grant(any_uow_factory, MEMBER, Role.COMMISSION, "PLHIV", pledged=False)
    await grant(any_uow_factory, ALICE, Role.COMMITTEE, "PLHIV")
    await grant(any_uow_factory, BOB, Role.SECRETARIAT, None)

    for viewer in (MEMBER, ALICE, BOB):
        assert (await overview(any_uow_factory, viewer)).group == "PLHIV"
    assert (await overview(any_uow_factory, BOB, "TB")).group == "TB"


async def test_anyone_without_a_role_in_the_group_is_refused(any_uow_factory):
    await setup(any_uow_factory, group("PLHIV"), group("TB"))
    await grant(any_uow_factory, WATCHER, Role.OBSERVER, "TB")
    await register(any_uow_factory, ALICE)

    assert await refused(overview(any_uow_factory, WATCHER)) == (
        "overview.no_access",
        {"group": "PLHIV"},
    )
    assert (await refused(overview(any_uow_factory, ALICE)))[0] == "overview.no_access"
