"""Asking before declaring anything: may this person register as a voter in the group now?"""

import pytest

from core.errors import Refused
from core.regulation import CrossGroupPolicy, Permission, Regulation
from core.services.registration_checks import check_can_register
from tests.builders import group
from tests.services.registration_support import (
    ALICE,
    BEFORE,
    CLOSED,
    DURING,
    clock,
    register,
    setup,
)

ONE_GROUP_ONLY = Regulation(
    cross_group=CrossGroupPolicy(voter_in_several_groups=Permission.FORBIDDEN)
)


async def refusal(make_uow, group_code="PLHIV", at=DURING) -> tuple[str, dict]:
    with pytest.raises(Refused) as refused:
        await check_can_register(make_uow(), clock(at), group_code=group_code, person=ALICE)
    return refused.value.reason.code, refused.value.reason.params


async def test_a_consenting_person_may_register_while_registration_is_open(any_uow_factory):
    await setup(any_uow_factory)
    found = await check_can_register(
        any_uow_factory(), clock(DURING), group_code="PLHIV", person=ALICE
    )
    assert found.code == "PLHIV"


async def test_outside_registration_the_exact_instant_is_given(any_uow_factory):
    await setup(any_uow_factory)
    assert (await refusal(any_uow_factory, at=BEFORE))[0] == "registration.not_open"
    code, params = await refusal(any_uow_factory, at=CLOSED)
    assert code == "registration.closed" and params["closed_at"] < CLOSED


async def test_a_registered_voter_is_told_their_status(any_uow_factory):
    await setup(any_uow_factory)
    await register(any_uow_factory)
    assert await refusal(any_uow_factory) == (
        "voter.already_registered",
        {"group": "PLHIV", "status": "admitted"},
    )


async def test_a_second_group_is_refused_where_one_group_per_person_is_the_rule(any_uow_factory):
    await setup(any_uow_factory, group("PLHIV", rules=ONE_GROUP_ONLY), group("SW"))
    await register(any_uow_factory, group_code="SW")
    code, params = await refusal(any_uow_factory, group_code="PLHIV")
    assert code == "cross_group.votes_elsewhere" and params["group"] == "SW"


async def test_nothing_is_written_by_asking(any_uow_factory):
    await setup(any_uow_factory)
    await check_can_register(any_uow_factory(), clock(DURING), group_code="PLHIV", person=ALICE)
    async with any_uow_factory() as uow:
        assert await uow.voters.for_person(ALICE) == []
