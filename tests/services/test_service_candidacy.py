"""Applying as a candidate: eligibility, drafts, submission order, edits, withdrawal."""

from dataclasses import replace

import pytest

from core.application import Application
from core.model import CandidateStatus, Role
from core.privacy import SealError
from core.regulation import CrossGroupPolicy, Permission, Regulation
from core.services.candidacy import (
    check_can_apply,
    withdraw,
)
from core.services.registration import register_voter
from tests.builders import group, holder, name_key
from tests.services.registration_support import (
    ALICE,
    BOB,
    CAROL,
    CLOSED,
    MEMBER,
    audit_actions,
    clock,
    complete,
    draft,
    grant,
    read,
    refused,
    sealer,
    send,
    send_refusal,
    setup,
)

SERVED_TWICE = "Айгуль Сейткали"


async def test_draft_then_submit_gives_places_in_the_application_order(any_uow_factory):
    await setup(any_uow_factory)
    await draft(any_uow_factory, BOB)
    saved = await draft(any_uow_factory, ALICE)
    assert saved.status is CandidateStatus.DRAFT

    first = await send(any_uow_factory, ALICE)
    second = await send(any_uow_factory, BOB)

    assert (first.status, first.application_order) == (CandidateStatus.SUBMITTED, 1)
    assert second.application_order == 2
    assert await audit_actions(any_uow_factory) == [
        "election.loaded",
        *["person.consented"] * 6,
        "candidate.draft_saved",
        "candidate.draft_saved",
        "candidate.submitted",
        "candidate.submitted",
    ]
    assert (await send_refusal(any_uow_factory, ALICE))[0] == "candidate.already_submitted"


async def test_the_application_is_stored_sealed_and_opens_only_for_its_owner(any_uow_factory):
    await setup(any_uow_factory)
    form = complete(statement="Права человека 🏳️‍🌈 — حقوق الإنسان для всех сообществ.", documents=())
    await draft(any_uow_factory, ALICE, form)

    assert await read(any_uow_factory) == form
    assert await read(any_uow_factory, BOB) is None
    async with any_uow_factory() as uow:
        [stored] = await uow.candidates.for_person(ALICE)
    assert stored.application is not None
    assert "Права".encode() not in stored.application
    with pytest.raises(SealError):
        sealer.open(stored.application, f"application:{BOB}")


async def test_an_incomplete_draft_cannot_be_submitted(any_uow_factory):
    await setup(any_uow_factory)
    await draft(any_uow_factory, application=Application(name="Айгуль Сейткали"))

    code, params = await send_refusal(any_uow_factory, ALICE)

    assert (code, params) == ("application.empty", {"field": "statement"})
    assert (await send_refusal(any_uow_factory, BOB))[0] == "candidate.not_applied"


async def test_a_malformed_draft_is_refused_and_nothing_is_kept(any_uow_factory):
    await setup(any_uow_factory)

    code, params = await refused(draft(any_uow_factory, application=complete(statement="я" * 5000)))

    assert (code, params["length"]) == ("application.too_long", 5000)
    assert await read(any_uow_factory) is None


async def test_a_person_who_served_two_terms_in_a_row_cannot_stand(any_uow_factory):
    await setup(any_uow_factory, group("PLHIV", past_holders=(holder(SERVED_TWICE, 2018, 2021),)))

    call = check_can_apply(
        any_uow_factory(),
        clock(),
        group_code="PLHIV",
        person=ALICE,
        name_key=name_key("  айгуль   СЕЙТКАЛИ "),
    )
    assert await refused(call) == ("candidate.term_limit", {"terms": 2, "last_cycle_year": 2021})
    form = complete(name=SERVED_TWICE, documents=())
    assert (await refused(draft(any_uow_factory, application=form)))[0] == "candidate.term_limit"
    await check_can_apply(
        any_uow_factory(), clock(), group_code="PLHIV", person=BOB, name_key=name_key("Другая")
    )


async def test_a_commission_member_cannot_stand_in_their_group(any_uow_factory):
    await setup(any_uow_factory)
    await grant(any_uow_factory, MEMBER, Role.COMMISSION, "PLHIV")

    call = check_can_apply(
        any_uow_factory(), clock(), group_code="PLHIV", person=MEMBER, name_key=None
    )
    assert await refused(call) == ("eligibility.commission_member_cannot_stand", {})


async def test_a_voter_elsewhere_cannot_stand_where_the_policy_forbids_it(any_uow_factory):
    strict = Regulation(
        cross_group=CrossGroupPolicy(candidate_votes_elsewhere=Permission.FORBIDDEN)
    )
    await setup(any_uow_factory, group("PLHIV", rules=strict), group("TB"))
    await register_voter(
        any_uow_factory(), clock(), group_code="TB", person=CAROL, region="AST", organisation=None
    )

    code, params = await refused(draft(any_uow_factory, CAROL))

    assert (code, params) == ("cross_group.votes_elsewhere", {"group": "TB", "role": "voter"})


async def test_a_submitted_application_may_be_edited_and_stays_submitted(any_uow_factory):
    await setup(any_uow_factory)
    await draft(any_uow_factory)
    await send(any_uow_factory)
    edited = complete(
        name="Кандидат 01", statement="Новые приоритеты сообщества на три года.", documents=()
    )

    outcome = await draft(any_uow_factory, application=edited)

    assert (outcome.status, outcome.application_order) == (CandidateStatus.SUBMITTED, 1)
    assert (await read(any_uow_factory)).statement == edited.statement
    incomplete = replace(edited, report_back="")
    assert (await refused(draft(any_uow_factory, application=incomplete)))[0] == (
        "application.empty"
    )
    assert (await audit_actions(any_uow_factory))[-1] == "candidate.edited"


async def test_withdrawal_until_registration_closes_and_a_later_resubmission(any_uow_factory):
    await setup(any_uow_factory)
    await draft(any_uow_factory, ALICE)
    await send(any_uow_factory, ALICE)
    await draft(any_uow_factory, BOB)
    await send(any_uow_factory, BOB)

    gone = await withdraw(any_uow_factory(), clock(), group_code="PLHIV", person=ALICE)
    again = await refused(withdraw(any_uow_factory(), clock(), group_code="PLHIV", person=ALICE))
    back = await send(any_uow_factory, ALICE)

    assert gone.status is CandidateStatus.WITHDRAWN
    assert again == ("candidate.already_withdrawn", {"group": "PLHIV"})
    assert (back.status, back.application_order) == (CandidateStatus.SUBMITTED, 3)
    late = withdraw(any_uow_factory(), clock(CLOSED), group_code="PLHIV", person=BOB)
    assert (await refused(late))[0] == "registration.closed"
    assert (await refused(draft(any_uow_factory, CAROL, at=CLOSED)))[0] == "registration.closed"
