"""/status: a person's registrations, applications, roles and next deadlines."""

from core.model import CandidateStatus, Role, VoterStatus
from core.services.review import decide_voter
from core.services.status import person_status
from tests.builders import group, pseudonym
from tests.services.registration_support import (
    ALICE,
    BOB,
    CHECKED,
    MEMBER,
    clock,
    draft,
    grant,
    register,
    send,
    setup,
)


async def test_status_gathers_everything_the_person_takes_part_in(any_uow_factory):
    await setup(any_uow_factory, group("PLHIV", rules=CHECKED), group("TB"), group("SW"))
    await grant(any_uow_factory, MEMBER, Role.COMMISSION, "PLHIV")
    await grant(any_uow_factory, ALICE, Role.OBSERVER, "SW", pledged=False)
    await register(any_uow_factory, ALICE, group_code="PLHIV")
    await register(any_uow_factory, ALICE, group_code="TB")
    await draft(any_uow_factory, ALICE, group_code="TB")
    await send(any_uow_factory, ALICE, group_code="TB")
    reason = "Регион не подтверждён."
    await decide_voter(
        any_uow_factory(),
        clock(),
        group_code="PLHIV",
        reviewer=MEMBER,
        voter=ALICE,
        admit=False,
        reason=reason,
    )

    status = await person_status(any_uow_factory(), clock(), person=ALICE)

    assert status.consented and status.language == "ru"
    assert [(r.group, r.status, r.reason) for r in status.registrations] == [
        ("PLHIV", VoterStatus.REFUSED, reason),
        ("TB", VoterStatus.ADMITTED, None),
    ]
    assert [(a.group, a.status, a.application_order) for a in status.applications] == [
        ("TB", CandidateStatus.SUBMITTED, 1)
    ]
    assert [(r.role, r.group, r.pledge_accepted) for r in status.roles] == [
        (Role.OBSERVER, "SW", False)
    ]
    assert [(d.group, d.instant) for d in status.deadlines] == [
        ("PLHIV", "registration_closes"),
        ("SW", "registration_closes"),
        ("TB", "registration_closes"),
    ]
    assert all(d.at > clock().now() for d in status.deadlines)


async def test_a_stranger_and_a_newcomer_have_nothing_yet(any_uow_factory):
    await setup(any_uow_factory)

    stranger = await person_status(any_uow_factory(), clock(), person=pseudonym(77))
    newcomer = await person_status(any_uow_factory(), clock(), person=BOB)

    assert (stranger.consented, stranger.registrations, stranger.deadlines) == (False, (), ())
    assert newcomer.consented and newcomer.registrations == () and newcomer.roles == ()
