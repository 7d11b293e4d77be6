"""The Mandate Commission: who may review, decisions with reasons, audit, representative change."""

from core.model import CandidateStatus, Role, VoterStatus
from core.regulation import Admission
from core.services.registration import OrganisationClaim
from core.services.review import decide_candidate, decide_voter, review_queue
from core.services.review_access import MAX_REASON_LENGTH
from tests.builders import group
from tests.services.registration_support import (
    ALICE,
    BOB,
    CAROL,
    CHECKED,
    CLOSED,
    DURING,
    LIST_PUBLISHED,
    MEMBER,
    NGO_UNION,
    clock,
    draft,
    grant,
    refused,
    register,
    sealer,
    send,
    setup,
)

ORG = "k" * 64
REASON = "Нет подтверждения членства в сообществе ЛЖВ; рекомендательное письмо не приложено."


async def decide_on_voter(make_uow, voter, admit=True, reason=None, at=DURING, reviewer=MEMBER):
    return await decide_voter(
        make_uow(),
        clock(at),
        group_code="PLHIV",
        reviewer=reviewer,
        voter=voter,
        admit=admit,
        reason=reason,
    )


async def queue(make_uow, reviewer=MEMBER):
    return await review_queue(
        make_uow(), clock(), group_code="PLHIV", reviewer=reviewer, sealer=sealer
    )


async def test_only_a_pledged_commission_member_of_the_group_may_review(any_uow_factory):
    await setup(any_uow_factory, group("PLHIV"), group("TB"))
    await grant(any_uow_factory, BOB, Role.COMMISSION, "PLHIV", pledged=False)
    await grant(any_uow_factory, CAROL, Role.COMMISSION, "TB")

    assert (await refused(queue(any_uow_factory, ALICE)))[0] == "review.not_commission"
    assert await refused(queue(any_uow_factory, CAROL)) == (
        "review.not_commission",
        {"group": "PLHIV"},
    )
    assert await refused(queue(any_uow_factory, BOB)) == (
        "review.pledge_required",
        {"group": "PLHIV"},
    )
    pending = refused(decide_on_voter(any_uow_factory, ALICE, reviewer=BOB))
    assert (await pending)[0] == "review.pledge_required"


async def test_the_queue_lists_pending_voters_and_submitted_candidates(any_uow_factory):
    await setup(any_uow_factory, group("PLHIV", rules=CHECKED))
    await grant(any_uow_factory, MEMBER, Role.COMMISSION, "PLHIV")
    await register(any_uow_factory, ALICE, region="KOS")
    await register(any_uow_factory, BOB)
    await draft(any_uow_factory, CAROL)
    await send(any_uow_factory, CAROL)
    await draft(any_uow_factory, ALICE)  # a draft is not for the commission yet

    seen = await queue(any_uow_factory)

    assert [(v.pseudonym, v.region) for v in seen.voters] == [(ALICE, "KOS"), (BOB, "AST")]
    assert seen.voters[0].code.startswith("V-")
    [candidate] = seen.candidates
    assert (candidate.pseudonym, candidate.application_order) == (CAROL, 1)
    assert candidate.application is not None and candidate.application.name == "Кандидат 03"
    assert seen.voters_by_status == {"pending": 2}
    assert seen.candidates_by_status == {"draft": 1, "submitted": 1}


async def test_decisions_are_audited_with_the_reason_and_returned_for_notices(any_uow_factory):
    await setup(any_uow_factory, group("PLHIV", rules=CHECKED))
    await grant(any_uow_factory, MEMBER, Role.COMMISSION, "PLHIV")
    await register(any_uow_factory, ALICE)
    await register(any_uow_factory, BOB)
    await draft(any_uow_factory, CAROL)
    await send(any_uow_factory, CAROL)

    admitted = await decide_on_voter(any_uow_factory, ALICE)
    refused_voter = await decide_on_voter(any_uow_factory, BOB, admit=False, reason=f"  {REASON} ")
    refused_candidate = await decide_candidate(
        any_uow_factory(),
        clock(),
        group_code="PLHIV",
        reviewer=MEMBER,
        candidate=CAROL,
        admit=False,
        reason=REASON,
    )

    assert (admitted.voter, admitted.status, admitted.reason) == (ALICE, VoterStatus.ADMITTED, None)
    assert (refused_voter.status, refused_voter.reason) == (VoterStatus.REFUSED, REASON)
    assert refused_candidate.status is CandidateStatus.REFUSED
    async with any_uow_factory() as uow:
        entries = (await uow.audit.entries())[-3:]
        stored = await uow.voters.for_person(BOB)
    assert [e.event.action for e in entries] == [
        "voter.admitted",
        "voter.refused",
        "candidate.refused",
    ]
    assert {e.event.actor for e in entries} == {entries[0].event.actor}
    assert entries[0].event.actor.startswith("commission:M-")
    assert entries[2].event.payload["reason"] == REASON
    assert entries[2].event.payload["candidate"].startswith("C-")
    assert all(p not in str(e.event) for e in entries for p in (ALICE, BOB, CAROL, MEMBER))
    assert (stored[0].status, stored[0].reason) == (VoterStatus.REFUSED, REASON)


async def test_a_refusal_needs_a_reason_of_reasonable_length(any_uow_factory):
    await setup(any_uow_factory, group("PLHIV", rules=CHECKED))
    await grant(any_uow_factory, MEMBER, Role.COMMISSION, "PLHIV")
    await register(any_uow_factory, ALICE)

    no_reason = await refused(decide_on_voter(any_uow_factory, ALICE, admit=False, reason="  "))
    rambling = "Причина. " * 100
    too_long = await refused(decide_on_voter(any_uow_factory, ALICE, admit=False, reason=rambling))

    assert no_reason == ("review.reason_required", {})
    assert too_long == ("review.reason_too_long", {"max": MAX_REASON_LENGTH, "length": 899})
    async with any_uow_factory() as uow:
        [voter] = await uow.voters.for_person(ALICE)
    assert voter.status is VoterStatus.PENDING


async def test_decisions_only_while_admissions_are_open_and_only_once(any_uow_factory):
    await setup(any_uow_factory, group("PLHIV", rules=CHECKED))
    await grant(any_uow_factory, MEMBER, Role.COMMISSION, "PLHIV")
    await register(any_uow_factory, ALICE)
    await register(any_uow_factory, BOB)

    await decide_on_voter(any_uow_factory, ALICE, at=CLOSED)  # vetting goes on after closing
    twice = await refused(decide_on_voter(any_uow_factory, ALICE, admit=False, reason=REASON))
    late = await refused(decide_on_voter(any_uow_factory, BOB, at=LIST_PUBLISHED))
    stranger = await refused(decide_on_voter(any_uow_factory, CAROL))

    assert twice == ("review.already_decided", {"status": "admitted"})
    assert late[0] == "admissions.closed"
    assert stranger == ("review.unknown_applicant", {"group": "PLHIV"})


async def test_admitting_a_new_ngo_representative_takes_the_vote_from_the_old(any_uow_factory):
    automatic = NGO_UNION.model_copy(update={"admission": Admission.AUTOMATIC})
    await setup(any_uow_factory, group("PLHIV", rules=automatic))
    await grant(any_uow_factory, MEMBER, Role.COMMISSION, "PLHIV")
    first = await register(any_uow_factory, ALICE, org=OrganisationClaim(b"old", ORG))
    change = await register(any_uow_factory, BOB, org=OrganisationClaim(b"new", ORG))
    assert first.status is VoterStatus.ADMITTED  # automatic admission for a first claim ...
    assert change.status is VoterStatus.PENDING  # ... but a change is the commission's call
    assert [v.representative_change for v in (await queue(any_uow_factory)).voters] == [True]

    decision = await decide_on_voter(any_uow_factory, BOB)

    assert (decision.status, decision.replaced) == (VoterStatus.ADMITTED, ALICE)
    async with any_uow_factory() as uow:
        [old] = await uow.voters.for_person(ALICE)
        [new] = await uow.voters.for_person(BOB)
        [*_, entry] = await uow.audit.entries()
    assert (old.status, old.organisation_key) == (VoterStatus.REPLACED, None)
    assert (new.status, new.organisation_key, new.organisation) == (
        VoterStatus.ADMITTED,
        ORG,
        b"new",
    )
    assert entry.event.payload["replaced"].startswith("V-")


async def test_a_refused_representative_change_leaves_the_organisation_as_it_was(any_uow_factory):
    await setup(any_uow_factory, group("PLHIV", rules=NGO_UNION))
    await grant(any_uow_factory, MEMBER, Role.COMMISSION, "PLHIV")
    await register(any_uow_factory, ALICE, org=OrganisationClaim(b"old", ORG))
    await decide_on_voter(any_uow_factory, ALICE)
    await register(any_uow_factory, BOB, org=OrganisationClaim(b"new", ORG))

    decision = await decide_on_voter(any_uow_factory, BOB, admit=False, reason="Нет доверенности.")

    assert decision.replaced is None
    async with any_uow_factory() as uow:
        [old] = await uow.voters.for_person(ALICE)
    assert (old.status, old.organisation_key) == (VoterStatus.ADMITTED, ORG)
