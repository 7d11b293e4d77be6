"""The repository contracts, run on the fakes, SQLite and PostgreSQL alike."""

import uuid
from dataclasses import replace
from datetime import UTC, datetime

import pytest

from core.errors import NotFound
from core.model import (
    Ballot,
    BallotStatus,
    Candidate,
    CandidateStatus,
    Person,
    Role,
    RoleGrant,
    Voter,
    VoterStatus,
)
from core.ports import AlreadyExists, AlreadyVoted
from core.ports_voting import VoteMarker
from tests.builders import pseudonym, seed

AT = datetime(2024, 8, 12, 6, 0, tzinfo=UTC)
ALICE, BOB = pseudonym(1), pseudonym(2)


async def test_a_unit_of_work_left_without_commit_keeps_nothing(any_uow_factory):
    async with any_uow_factory() as uow:
        await uow.people.save(Person(ALICE, "kk", contact=b"sealed"))

    async with any_uow_factory() as uow:
        assert await uow.people.get(ALICE) is None


async def test_saving_a_person_again_overwrites_language_and_contact(any_uow_factory):
    async with any_uow_factory() as uow:
        await uow.people.save(Person(ALICE, "ru", contact=b"old"))
        await uow.people.save(Person(ALICE, "kk", contact=b"new", consent_at=AT))
        await uow.commit()

    async with any_uow_factory() as uow:
        assert await uow.people.get(ALICE) == Person(ALICE, "kk", b"new", AT)


async def test_a_role_is_held_once_per_group_and_once_in_the_secretariat(any_uow_factory):
    group_id, _ = await seed(any_uow_factory, ALICE)
    async with any_uow_factory() as uow:
        await uow.roles.grant(RoleGrant(ALICE, Role.COMMISSION, group_id, AT))
        await uow.roles.grant(RoleGrant(ALICE, Role.SECRETARIAT, None, AT))
        with pytest.raises(AlreadyExists):
            await uow.roles.grant(RoleGrant(ALICE, Role.COMMISSION, group_id, AT))
        with pytest.raises(AlreadyExists):
            await uow.roles.grant(RoleGrant(ALICE, Role.SECRETARIAT, None, AT))
        await uow.roles.revoke(ALICE, Role.SECRETARIAT, None, AT)
        with pytest.raises(NotFound):
            await uow.roles.revoke(ALICE, Role.OBSERVER, group_id, AT)
        await uow.commit()

    async with any_uow_factory() as uow:
        held = {(g.role, g.revoked_at) for g in await uow.roles.for_person(ALICE)}
        in_group = await uow.roles.for_group(group_id)
    assert held == {(Role.COMMISSION, None), (Role.SECRETARIAT, AT)}
    assert [g.role for g in in_group] == [Role.COMMISSION]


async def test_a_voter_and_an_organisation_register_once_per_group(any_uow_factory):
    group_id, _ = await seed(any_uow_factory, ALICE, BOB)
    ngo = Voter(group_id, ALICE, VoterStatus.PENDING, AT, "KST", b"sealed", organisation_key="k1")
    async with any_uow_factory() as uow:
        await uow.voters.add(ngo)
        with pytest.raises(AlreadyExists):
            await uow.voters.add(replace(ngo, organisation_key="k2"))
        with pytest.raises(AlreadyExists):
            await uow.voters.add(replace(ngo, pseudonym=BOB))
        await uow.voters.add(replace(ngo, pseudonym=BOB, organisation_key=None))
        await uow.voters.update(replace(ngo, status=VoterStatus.ADMITTED, decided_at=AT))
        await uow.commit()

    async with any_uow_factory() as uow:
        stored = await uow.voters.get(group_id, ALICE)
        everyone = await uow.voters.for_group(group_id)
    assert stored == replace(ngo, status=VoterStatus.ADMITTED, decided_at=AT)
    assert sorted(v.pseudonym for v in everyone) == [ALICE, BOB]


async def test_candidates_apply_once_and_list_in_application_order(any_uow_factory):
    group_id, _ = await seed(any_uow_factory, ALICE, BOB)
    draft = Candidate(group_id, ALICE, CandidateStatus.DRAFT, AT, AT)
    async with any_uow_factory() as uow:
        await uow.candidates.add(draft)
        await uow.candidates.add(replace(draft, pseudonym=BOB, application_order=1))
        with pytest.raises(AlreadyExists):
            await uow.candidates.add(draft)
        with pytest.raises(AlreadyExists):
            await uow.candidates.update(replace(draft, application_order=1))
        await uow.candidates.update(
            replace(draft, status=CandidateStatus.SUBMITTED, application_order=2)
        )
        await uow.commit()

    async with any_uow_factory() as uow:
        listed = await uow.candidates.for_group(group_id)
    assert [(c.pseudonym, c.application_order) for c in listed] == [(BOB, 1), (ALICE, 2)]


async def test_a_voter_is_marked_once_per_contest(any_uow_factory):
    _, contest = await seed(any_uow_factory, ALICE, BOB)
    async with any_uow_factory() as uow:
        await uow.votes.mark(VoteMarker(contest, BOB))
        await uow.votes.mark(VoteMarker(contest, ALICE))
        with pytest.raises(AlreadyVoted):
            await uow.votes.mark(VoteMarker(contest, BOB))
        await uow.commit()

    async with any_uow_factory() as uow:
        assert await uow.ballots.voters(contest) == [ALICE, BOB]
        assert await uow.votes.count_markers(contest) == 2


async def test_counted_ballots_come_back_in_id_order_not_in_writing_order(any_uow_factory):
    _, contest = await seed(any_uow_factory)
    written = [Ballot(uuid.uuid4().hex, contest, c, BallotStatus.COUNTED) for c in [("x",), ()]]
    async with any_uow_factory() as uow:
        await uow.votes.rewrite_ballots(contest, sorted(written, key=lambda b: b.id, reverse=True))
        await uow.commit()

    async with any_uow_factory() as uow:
        kept = await uow.votes.ballots(contest)
    assert kept == sorted(written, key=lambda b: b.id)
