"""Appointing people by one-time deep links, revoking them, and the commission's pledge."""

import re
from datetime import timedelta

import pytest

from core.errors import Refused
from core.invites import invite_token_hash
from core.model import Candidate, CandidateStatus, Person, Role
from core.privacy import readable_code
from core.regulation import CrossGroupPolicy, Permission, Regulation
from core.services.invites import create_invite, redeem_invite
from core.services.load_election import load_election
from core.services.roles import accept_pledge, list_roles, revoke_role
from tests.builders import START, election, group, name_key, pseudonym
from tests.fakes import FakeClock

ALICE, BOB, CAROL = pseudonym(1), pseudonym(2), pseudonym(3)
DAY = timedelta(days=1)


async def setup(make_uow, rules: Regulation | None = None) -> FakeClock:
    """Two groups (PLHIV and SW) and three people who consented."""
    clock = FakeClock(START)
    config = election(group("PLHIV", rules=rules), group("SW", rules=rules))
    await load_election(config, make_uow(), clock, name_key)
    async with make_uow() as uow:
        for person in (ALICE, BOB, CAROL):
            await uow.people.save(Person(person, consent_at=START))
        await uow.commit()
    return clock


async def invite(make_uow, clock, role=Role.COMMISSION, group_code="PLHIV", valid_for=DAY):
    return await create_invite(
        make_uow(),
        clock,
        group_code=group_code,
        cycle_code="ccm-2024",
        role=role,
        valid_for=valid_for,
    )


async def refusal(work) -> str:
    with pytest.raises(Refused) as caught:
        await work
    return caught.value.reason.code


async def test_an_invite_is_a_short_deep_link_payload_that_grants_its_role_once(any_uow_factory):
    clock = await setup(any_uow_factory)
    token = await invite(any_uow_factory, clock)

    grant = await redeem_invite(any_uow_factory(), clock, token, ALICE)

    assert re.fullmatch(r"r-[A-Za-z0-9_-]+", token) and len(token) <= 64
    assert (grant.pseudonym, grant.role, grant.pledge_accepted_at) == (
        ALICE,
        Role.COMMISSION,
        None,
    )
    async with any_uow_factory() as uow:
        plhiv = await uow.groups.get("ccm-2024", "PLHIV")
        assert [g.role for g in await uow.roles.for_group(plhiv.id)] == [Role.COMMISSION]
        entries = await uow.audit.entries()
    assert [e.event.action for e in entries][-2:] == ["role.invited", "role.granted"]
    granted = entries[-1].event
    assert granted.actor == f"commission:{readable_code(ALICE, 'M')}"
    assert granted.group == "PLHIV"
    text = repr([e.event for e in entries])
    assert ALICE not in text and token not in text and invite_token_hash(token) not in text


async def test_a_used_invite_is_refused_to_everyone_afterwards(any_uow_factory):
    clock = await setup(any_uow_factory)
    token = await invite(any_uow_factory, clock)
    await redeem_invite(any_uow_factory(), clock, token, ALICE)

    assert await refusal(redeem_invite(any_uow_factory(), clock, token, BOB)) == "invite.used"
    assert await refusal(redeem_invite(any_uow_factory(), clock, token, ALICE)) == "invite.used"
    async with any_uow_factory() as uow:
        assert await uow.roles.for_person(BOB) == []


async def test_an_expired_invite_is_refused_and_says_since_when(any_uow_factory):
    clock = await setup(any_uow_factory)
    token = await invite(any_uow_factory, clock, valid_for=2 * DAY)
    clock.advance(days=2)

    with pytest.raises(Refused) as caught:
        await redeem_invite(any_uow_factory(), clock, token, ALICE)

    assert caught.value.reason.code == "invite.expired"
    assert caught.value.reason.params == {"expired_at": START + 2 * DAY}


@pytest.mark.parametrize("token", ["r-" + "A" * 32, "hello", "", "r-short"])
async def test_a_wrong_token_is_refused_as_unknown(any_uow_factory, token):
    clock = await setup(any_uow_factory)
    real = await invite(any_uow_factory, clock)

    assert await refusal(redeem_invite(any_uow_factory(), clock, token, ALICE)) == "invite.unknown"
    assert await refusal(redeem_invite(any_uow_factory(), clock, real[:-1], ALICE)) == (
        "invite.unknown"
    )


async def test_an_invite_waits_for_the_persons_consent(any_uow_factory):
    clock = await setup(any_uow_factory)
    token = await invite(any_uow_factory, clock)
    stranger = pseudonym(9)

    assert await refusal(redeem_invite(any_uow_factory(), clock, token, stranger)) == (
        "person.no_consent"
    )
    async with any_uow_factory() as uow:
        await uow.people.save(Person(stranger, consent_at=START))
        await uow.commit()
    grant = await redeem_invite(any_uow_factory(), clock, token, stranger)
    assert grant.pseudonym == stranger


async def test_one_commission_member_cannot_serve_two_groups_by_default(any_uow_factory):
    clock = await setup(any_uow_factory)
    await redeem_invite(any_uow_factory(), clock, await invite(any_uow_factory, clock), ALICE)
    second = await invite(any_uow_factory, clock, group_code="SW")

    with pytest.raises(Refused) as caught:
        await redeem_invite(any_uow_factory(), clock, second, ALICE)

    assert caught.value.reason.code == "cross_group.commission_member_elsewhere"
    assert caught.value.reason.params == {"group": "PLHIV", "role": "commission"}
    # Refused before it was used: the invite still works for someone who may hold the role.
    assert (await redeem_invite(any_uow_factory(), clock, second, BOB)).pseudonym == BOB


async def test_groups_that_allow_it_share_a_commission_member(any_uow_factory):
    policy = CrossGroupPolicy(commission_member_serves_several_groups=Permission.ALLOWED)
    clock = await setup(any_uow_factory, Regulation(cross_group=policy))
    for code in ("PLHIV", "SW"):
        token = await invite(any_uow_factory, clock, group_code=code)
        await redeem_invite(any_uow_factory(), clock, token, ALICE)

    holders = await list_roles(any_uow_factory())
    assert sorted(h.group_code for h in holders if h.pseudonym == ALICE) == ["PLHIV", "SW"]


async def test_a_candidate_cannot_join_the_commission_of_their_group(any_uow_factory):
    clock = await setup(any_uow_factory)
    async with any_uow_factory() as uow:
        plhiv = await uow.groups.get("ccm-2024", "PLHIV")
        submitted = Candidate(plhiv.id, ALICE, CandidateStatus.SUBMITTED, START, START)
        await uow.candidates.add(submitted)
        await uow.commit()
    token = await invite(any_uow_factory, clock)

    assert await refusal(redeem_invite(any_uow_factory(), clock, token, ALICE)) == (
        "eligibility.commission_member_cannot_stand"
    )


async def test_a_revoked_member_can_be_appointed_again_with_a_new_invite(any_uow_factory):
    clock = await setup(any_uow_factory)
    await redeem_invite(any_uow_factory(), clock, await invite(any_uow_factory, clock), ALICE)
    clock.advance(hours=1)
    revoked = await revoke_role(
        any_uow_factory(), clock, person=ALICE, role=Role.COMMISSION, group_code="PLHIV"
    )
    assert await list_roles(any_uow_factory(), group_code="PLHIV") == []
    assert (
        await refusal(
            revoke_role(
                any_uow_factory(), clock, person=ALICE, role=Role.COMMISSION, group_code="PLHIV"
            )
        )
        == "role.not_held"
    )

    clock.advance(hours=1)
    again = await redeem_invite(
        any_uow_factory(), clock, await invite(any_uow_factory, clock), ALICE
    )

    assert revoked.revoked_at == START + timedelta(hours=1)
    assert (again.granted_at, again.revoked_at) == (START + timedelta(hours=2), None)
    [holder] = await list_roles(any_uow_factory(), group_code="PLHIV", include_revoked=True)
    assert (holder.code, holder.role, holder.revoked_at) == (
        readable_code(ALICE, "M"),
        Role.COMMISSION,
        None,
    )


async def test_the_secretariat_is_invited_without_a_group(any_uow_factory):
    clock = await setup(any_uow_factory)
    token = await invite(any_uow_factory, clock, role=Role.SECRETARIAT, group_code=None)

    grant = await redeem_invite(any_uow_factory(), clock, token, CAROL)

    assert (grant.role, grant.group_id) == (Role.SECRETARIAT, None)
    [holder] = await list_roles(any_uow_factory())
    assert (holder.pseudonym, holder.group_code) == (CAROL, None)
    with pytest.raises(ValueError):
        await invite(any_uow_factory, clock, role=Role.SECRETARIAT, group_code="SW")
    with pytest.raises(ValueError):
        await invite(any_uow_factory, clock, role=Role.OBSERVER, group_code=None)


async def test_an_invite_to_an_unknown_group_is_refused(any_uow_factory):
    clock = await setup(any_uow_factory)

    assert await refusal(invite(any_uow_factory, clock, group_code="NOPE")) == "group.unknown"


async def test_a_commission_member_accepts_the_pledge_once(any_uow_factory):
    clock = await setup(any_uow_factory)
    await redeem_invite(any_uow_factory(), clock, await invite(any_uow_factory, clock), ALICE)
    clock.advance(minutes=5)

    pledged = await accept_pledge(any_uow_factory(), clock, "PLHIV", ALICE)
    clock.advance(minutes=5)
    repeated = await accept_pledge(any_uow_factory(), clock, "PLHIV", ALICE)

    pledge_time = START + timedelta(minutes=5)
    assert pledged.pledge_accepted_at == repeated.pledge_accepted_at == pledge_time
    async with any_uow_factory() as uow:
        [stored] = await uow.roles.for_person(ALICE)
        actions = [e.event.action for e in await uow.audit.entries()]
    assert stored.pledge_accepted_at == pledged.pledge_accepted_at
    assert actions.count("role.pledge_accepted") == 1
    assert await refusal(accept_pledge(any_uow_factory(), clock, "PLHIV", BOB)) == "role.not_held"
