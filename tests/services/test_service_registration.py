"""Voter registration: open groups, declarations, cross-group policy, NGO representatives."""

from datetime import timedelta

import pytest

from core.errors import Refused
from core.model import VoterStatus
from core.regulation import (
    CrossGroupPolicy,
    Permission,
    Regulation,
)
from core.services.registration import OrganisationClaim, open_groups
from tests.builders import START, group, pseudonym
from tests.services.registration_support import (
    ALICE,
    BEFORE,
    BOB,
    CHECKED,
    CLOSED,
    DURING,
    NGO_UNION,
    clock,
    register,
    setup,
)


async def refusal(make_uow, **kwargs) -> tuple[str, dict]:
    with pytest.raises(Refused) as refused:
        await register(make_uow, **kwargs)
    return refused.value.reason.code, refused.value.reason.params


async def test_only_groups_with_registration_open_now_are_offered(any_uow_factory):
    later = group("TB", start=START + timedelta(days=10))
    await setup(any_uow_factory, group("PLHIV"), later)

    assert [g.code for g in await open_groups(any_uow_factory(), clock(BEFORE))] == []
    assert [g.code for g in await open_groups(any_uow_factory(), clock(DURING))] == ["PLHIV"]
    ahead = DURING + timedelta(days=10)  # PLHIV has closed, TB has opened
    assert [g.code for g in await open_groups(any_uow_factory(), clock(ahead))] == ["TB"]


async def test_automatic_admission_registers_and_audits_without_the_region(any_uow_factory):
    await setup(any_uow_factory)

    outcome = await register(any_uow_factory, region="KOS")

    assert (outcome.group, outcome.status) == ("PLHIV", VoterStatus.ADMITTED)
    async with any_uow_factory() as uow:
        [voter] = await uow.voters.for_person(ALICE)
        [*_, entry] = await uow.audit.entries()
    assert voter.region == "KOS"
    assert entry.event.action == "voter.registered"
    assert entry.event.payload["status"] == "admitted"
    assert "KOS" not in str(entry.event) and ALICE not in str(entry.event)


async def test_commission_admission_leaves_the_voter_pending(any_uow_factory):
    await setup(any_uow_factory, group("PLHIV", rules=CHECKED))

    assert (await register(any_uow_factory)).status is VoterStatus.PENDING


async def test_registering_twice_says_where_the_first_registration_stands(any_uow_factory):
    await setup(any_uow_factory, group("PLHIV", rules=CHECKED))
    await register(any_uow_factory)

    assert await refusal(any_uow_factory) == (
        "voter.already_registered",
        {"group": "PLHIV", "status": "pending"},
    )


async def test_registration_outside_its_window_is_refused(any_uow_factory):
    await setup(any_uow_factory)

    assert (await refusal(any_uow_factory, at=BEFORE))[0] == "registration.not_open"
    assert (await refusal(any_uow_factory, at=CLOSED))[0] == "registration.closed"


async def test_no_consent_no_registration(any_uow_factory):
    await setup(any_uow_factory)

    assert (await refusal(any_uow_factory, person=pseudonym(99)))[0] == "person.no_consent"


async def test_the_region_is_required_and_must_be_one_of_the_groups(any_uow_factory):
    await setup(any_uow_factory, group("PLHIV", rules=CHECKED))

    code, params = await refusal(any_uow_factory, region=None)
    assert (code, params["regions"]) == ("voter.region_required", ["AST", "ALA", "KOS"])
    code, params = await refusal(any_uow_factory, region="TUR")
    assert (code, params["region"]) == ("voter.unknown_region", "TUR")


async def test_unknown_group_is_refused(any_uow_factory):
    await setup(any_uow_factory)

    assert await refusal(any_uow_factory, group_code="NOPE") == ("group.unknown", {"group": "NOPE"})


async def test_a_second_group_is_refused_when_a_policy_forbids_voting_in_several(any_uow_factory):
    strict = Regulation(cross_group=CrossGroupPolicy(voter_in_several_groups=Permission.FORBIDDEN))
    await setup(any_uow_factory, group("PLHIV"), group("SW", rules=strict), group("TB"))
    await register(any_uow_factory, group_code="PLHIV")

    await register(any_uow_factory, person=BOB, group_code="PLHIV")
    await register(any_uow_factory, person=BOB, group_code="TB")  # both allow it
    assert await refusal(any_uow_factory, group_code="SW") == (
        "cross_group.votes_elsewhere",
        {"group": "PLHIV", "role": "voter"},
    )


async def test_an_ngo_union_requires_the_organisation_and_keeps_no_region(any_uow_factory):
    await setup(any_uow_factory, group("NGO", rules=NGO_UNION))

    assert (await refusal(any_uow_factory, group_code="NGO"))[0] == "voter.organisation_required"
    org = OrganisationClaim(b"sealed name", "k" * 64)
    await register(any_uow_factory, group_code="NGO", org=org)

    async with any_uow_factory() as uow:
        [voter] = await uow.voters.for_person(ALICE)
    kept = (voter.region, voter.organisation, voter.organisation_key)
    assert kept == (None, b"sealed name", org.key)


async def test_a_second_person_for_a_registered_ngo_asks_for_a_representative_change(
    any_uow_factory,
):
    await setup(any_uow_factory, group("NGO", rules=NGO_UNION))
    org = OrganisationClaim(b"sealed", "k" * 64)
    await register(any_uow_factory, group_code="NGO", org=org)

    change = await register(any_uow_factory, person=BOB, group_code="NGO", org=org)

    assert (change.status, change.representative_change) == (VoterStatus.PENDING, True)
    async with any_uow_factory() as uow:
        [first] = await uow.voters.for_person(ALICE)
        [second] = await uow.voters.for_person(BOB)
        [*_, entry] = await uow.audit.entries()
    assert first.organisation_key == org.key  # the organisation still votes through Alice
    assert (second.organisation_key, second.replacement_for) == (None, org.key)
    assert entry.event.payload["representative_change"] is True
