"""Complaints reach the group's commission; only a pledged member of it answers, once."""

from datetime import timedelta

import pytest

from core.errors import Refused
from core.model import Person, Role, RoleGrant
from core.privacy import readable_code
from core.services.complaints import (
    answer_complaint,
    complaints_for,
    complaints_seen_by,
    file_complaint,
)
from core.services.load_election import load_election
from tests.builders import START, election, group, name_key, pseudonym
from tests.fakes import FakeClock

VOTER, MEMBER, UNPLEDGED, OTHER_MEMBER, OBSERVER, SECRETARY = (pseudonym(n) for n in range(1, 7))
TEXT, ANSWER = b"sealed complaint text", b"sealed answer text"


async def setup(make_uow) -> FakeClock:
    """PLHIV: a pledged and an unpledged commission member, an observer; SW: one member."""
    clock = FakeClock(START)
    await load_election(election(group("PLHIV"), group("SW")), make_uow(), clock, name_key)
    async with make_uow() as uow:
        plhiv = await uow.groups.get("ccm-2024", "PLHIV")
        sw = await uow.groups.get("ccm-2024", "SW")
        for person in (VOTER, MEMBER, UNPLEDGED, OTHER_MEMBER, OBSERVER, SECRETARY):
            await uow.people.save(Person(person, consent_at=START))
        for person, role, group_id, pledge in (
            (MEMBER, Role.COMMISSION, plhiv.id, START),
            (UNPLEDGED, Role.COMMISSION, plhiv.id, None),
            (OTHER_MEMBER, Role.COMMISSION, sw.id, START),
            (OBSERVER, Role.OBSERVER, plhiv.id, None),
            (SECRETARY, Role.SECRETARIAT, None, None),
        ):
            await uow.roles.grant(RoleGrant(person, role, group_id, START, None, pledge))
        await uow.commit()
    clock.advance(days=12)
    return clock


async def file(make_uow, clock, person=VOTER, group_code="PLHIV"):
    return await file_complaint(make_uow(), clock, group_code=group_code, person=person, text=TEXT)


async def answer(make_uow, clock, complaint_id, member=MEMBER, group_code="PLHIV"):
    return await answer_complaint(
        make_uow(),
        clock,
        group_code=group_code,
        complaint_id=complaint_id,
        commission_member=member,
        answer=ANSWER,
    )


async def refusal(work) -> str:
    with pytest.raises(Refused) as caught:
        await work
    return caught.value.reason.code


async def test_a_complaint_is_filed_and_answered_by_a_pledged_member(any_uow_factory):
    clock = await setup(any_uow_factory)
    filed = await file(any_uow_factory, clock)
    clock.advance(hours=3)

    answered = await answer(any_uow_factory, clock, filed.id)

    assert (answered.author, answered.text, answered.answer) == (VOTER, TEXT, ANSWER)
    assert (answered.answered_by, answered.answered_at) == (MEMBER, clock.now())
    assert await complaints_for(any_uow_factory(), "PLHIV") == [answered]
    assert await complaints_for(any_uow_factory(), "SW") == []
    async with any_uow_factory() as uow:
        entries = (await uow.audit.entries())[-2:]
    assert [(e.event.action, e.event.group, e.event.payload) for e in entries] == [
        ("complaint.filed", "PLHIV", {"complaint": filed.id}),
        ("complaint.answered", "PLHIV", {"complaint": filed.id}),
    ]
    assert entries[1].event.actor == f"commission:{readable_code(MEMBER, 'M')}"
    assert entries[1].at == clock.now()
    assert "sealed" not in repr([e.event for e in entries])


async def test_only_a_pledged_commission_member_of_that_group_may_answer(any_uow_factory):
    clock = await setup(any_uow_factory)
    filed = await file(any_uow_factory, clock)

    assert await refusal(answer(any_uow_factory, clock, filed.id, member=VOTER)) == (
        "complaint.not_commission"
    )
    assert await refusal(answer(any_uow_factory, clock, filed.id, member=OBSERVER)) == (
        "complaint.not_commission"
    )
    assert await refusal(answer(any_uow_factory, clock, filed.id, member=OTHER_MEMBER)) == (
        "complaint.not_commission"
    )
    assert await refusal(answer(any_uow_factory, clock, filed.id, member=UNPLEDGED)) == (
        "complaint.pledge_required"
    )
    [still_open] = await complaints_for(any_uow_factory(), "PLHIV")
    assert (still_open.answer, still_open.answered_at) == (None, None)


async def test_a_complaint_is_answered_once_and_only_in_its_own_group(any_uow_factory):
    clock = await setup(any_uow_factory)
    filed = await file(any_uow_factory, clock)
    first = await answer(any_uow_factory, clock, filed.id)
    clock.advance(minutes=1)

    with pytest.raises(Refused) as caught:
        await answer(any_uow_factory, clock, filed.id)
    assert caught.value.reason.code == "complaint.already_answered"
    assert caught.value.reason.params == {"answered_at": first.answered_at}
    assert (
        await refusal(
            answer(any_uow_factory, clock, filed.id, member=OTHER_MEMBER, group_code="SW")
        )
        == "complaint.unknown"
    )
    assert await refusal(answer(any_uow_factory, clock, "0" * 32)) == "complaint.unknown"


async def test_filing_needs_consent_and_a_known_group(any_uow_factory):
    clock = await setup(any_uow_factory)

    assert await refusal(file(any_uow_factory, clock, person=pseudonym(99))) == (
        "person.no_consent"
    )
    assert await refusal(file(any_uow_factory, clock, group_code="NOPE")) == "group.unknown"
    assert await complaints_for(any_uow_factory(), "PLHIV") == []


async def test_the_commission_and_observers_read_complaints_others_do_not(any_uow_factory):
    clock = await setup(any_uow_factory)
    older = await file(any_uow_factory, clock)
    clock.advance(timedelta(minutes=1))
    newer = await file(any_uow_factory, clock, person=OBSERVER)

    for viewer in (MEMBER, OBSERVER, SECRETARY):
        seen = await complaints_seen_by(any_uow_factory(), group_code="PLHIV", viewer=viewer)
        assert [c.id for c in seen] == [older.id, newer.id]
    for viewer in (VOTER, UNPLEDGED, OTHER_MEMBER):
        assert (
            await refusal(complaints_seen_by(any_uow_factory(), group_code="PLHIV", viewer=viewer))
            == "complaint.no_access"
        )
