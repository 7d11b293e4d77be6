"""Random elections on the fakes: registrations, votes, revotes, late votes, the close, withdrawals.

After every step the stored vote must agree with a simple model kept alongside: one ballot per
voter who voted (the last one), markers = ballots = receipts, never more ballots than voters,
and after the close a tally equal to the model's own count.
"""

from __future__ import annotations

import asyncio
from collections import Counter
from typing import Any

from hypothesis import HealthCheck, settings
from hypothesis import strategies as st
from hypothesis.stateful import RuleBasedStateMachine, invariant, precondition, rule

from core.errors import Refused
from core.model import BallotStatus, Role
from core.result_codec import result_from_json
from core.services.context import candidate_code
from core.services.people import consent
from core.services.registration import register_voter
from core.services.results import withdraw_elected
from core.tally import ContestKind
from tests.builders import START
from tests.fakes import FakeClock, FakeDatabase, FakeUnitOfWork
from tests.services.registration_support import DURING
from tests.services.voting_support import (
    AFTER,
    COMMISSIONER,
    CYCLE,
    VOTING,
    ballots_in_box,
    candidate_pseudonym,
    close,
    grant,
    populate,
    setup,
    single_group,
    vote,
    voters,
)

PEOPLE = voters(6)
NAMES = ["Aigul", "Bolat", "Dana", "Erlan"]
GHOST = "C-0000-0000"  # an id nobody stands under
CHOICES = 2


def public(name: str) -> str:
    return candidate_code(candidate_pseudonym("PLHIV", name))


def model_status(marks: tuple[str, ...], standing: set[str]) -> str:
    if len(set(marks)) != len(marks) or len(marks) > CHOICES or not set(marks) <= standing:
        return BallotStatus.INVALID.value
    return BallotStatus.COUNTED.value


class VotingMachine(RuleBasedStateMachine):
    def __init__(self) -> None:
        super().__init__()
        self.loop = asyncio.new_event_loop()
        self.database = FakeDatabase()
        self.run(setup(self.make, single_group(revote=True, choices=CHOICES)))
        for person in PEOPLE:
            self.run(
                consent(self.make(), FakeClock(START), person=person, language="ru", contact=b"c")
            )
        self.run(grant(self.make, COMMISSIONER, Role.COMMISSION, "PLHIV"))
        self.phase = "registration"
        self.registered: set[str] = set()
        self.standing: list[str] = []  # public ids
        self.ballots: dict[str, tuple[str, ...]] = {}  # the model: each voter's last ballot
        self.late: set[str] = set()
        self.withdrawn: set[str] = set()

    def make(self) -> FakeUnitOfWork:
        return FakeUnitOfWork(self.database)

    def run(self, work: Any) -> Any:
        return self.loop.run_until_complete(work)

    def teardown(self) -> None:
        self.loop.close()

    @precondition(lambda self: self.phase == "registration")
    @rule(person=st.sampled_from(PEOPLE))
    def register(self, person: str) -> None:
        call = register_voter(
            self.make(),
            FakeClock(DURING),
            group_code="PLHIV",
            person=person,
            region="AST",
            organisation=None,
        )
        try:
            self.run(call)
        except Refused as refusal:
            assert person in self.registered and refusal.reason.code == "voter.already_registered"
            return
        assert person not in self.registered
        self.registered.add(person)

    @precondition(lambda self: self.phase == "registration")
    @rule(name=st.sampled_from(NAMES))
    def admit_candidate(self, name: str) -> None:
        if public(name) in self.standing:
            return
        self.run(populate(self.make, "PLHIV", [], [name]))
        self.standing.append(public(name))

    @precondition(lambda self: self.phase == "registration")
    @rule()
    def open_voting(self) -> None:
        self.phase = "voting"

    @precondition(lambda self: self.phase in {"voting", "closed"})
    @rule(
        person=st.sampled_from(PEOPLE),
        marks=st.lists(st.sampled_from([*NAMES, GHOST]), max_size=3),
    )
    def cast(self, person: str, marks: list[str]) -> None:
        ids = tuple(public(m) if m in NAMES else m for m in marks)
        [contest] = self.contests()
        at = VOTING if self.phase == "voting" else AFTER
        try:
            receipt = self.run(vote(self.make, person, {contest: ids}, at=at))
        except Refused as refusal:
            if person not in self.registered:
                assert refusal.reason.code == "ballot.not_voter"
            else:
                assert (self.phase, refusal.reason.code) == ("closed", "voting.closed")
                self.late.add(person)
            return
        assert self.phase == "voting" and person in self.registered
        assert receipt.replaced_earlier == (person in self.ballots)
        assert receipt.contests[0].status.value == model_status(ids, set(self.standing))
        self.ballots[person] = ids

    @precondition(lambda self: self.phase == "voting")
    @rule()
    def close_the_vote(self) -> None:
        closing = self.run(close(self.make))
        assert closing.closed_now
        self.phase = "closed"

    @precondition(lambda self: self.phase == "closed")
    @rule()
    def close_again(self) -> None:
        assert not self.run(close(self.make)).closed_now

    @precondition(lambda self: self.phase == "closed")
    @rule(name=st.sampled_from([*NAMES, "Nobody"]))
    def withdraw(self, name: str) -> None:
        candidate = public(name)
        call = withdraw_elected(
            self.make(),
            FakeClock(AFTER),
            group_code="PLHIV",
            candidate=candidate,
            actor=COMMISSIONER,
        )
        try:
            self.run(call)
        except Refused as refusal:
            expected = (
                "withdrawal.already_withdrawn"
                if candidate in self.withdrawn
                else "withdrawal.not_standing"
            )
            assert refusal.reason.code == expected
            assert candidate in self.withdrawn or candidate not in self.standing
            return
        assert candidate in self.standing and candidate not in self.withdrawn
        self.withdrawn.add(candidate)

    def contests(self) -> list[int]:
        async def read() -> list[int]:
            async with self.make() as uow:
                group = await uow.groups.get(CYCLE, "PLHIV")
                return [c.id for c in await uow.contests.for_group(group.id)]

        return self.run(read())

    @invariant()
    def the_store_agrees_with_the_model(self) -> None:
        [contest] = self.contests()

        async def read() -> tuple[Any, ...]:
            async with self.make() as uow:
                group = await uow.groups.get(CYCLE, "PLHIV")
                return (
                    await uow.votes.count_markers(contest),
                    await ballots_in_box(uow, contest),
                    await uow.votes.receipts(contest),
                    await uow.votes.count_late(contest),
                    await uow.results.versions(group.id),
                )

        markers, ballots, receipts, late, versions = self.run(read())
        assert len(ballots) <= len(self.registered)
        assert markers == len(ballots) == len(receipts) == len(self.ballots)
        assert Counter(b.choices for b in ballots) == Counter(self.ballots.values())
        assert late == len(self.late)
        if self.phase != "closed":
            assert versions == []
            return
        latest = result_from_json(versions[-1].result)
        assert latest.withdrawn == self.withdrawn
        counted = latest.contest(ContestKind.SINGLE)
        standing = set(self.standing)
        valid = [m for m in self.ballots.values() if model_status(m, standing) == "counted"]
        votes = Counter(c for marks in valid for c in marks)
        assert counted.votes == {c: votes[c] for c in self.standing}
        assert counted.blank == sum(1 for m in valid if not m)
        assert counted.valid == sum(1 for m in valid if m)
        assert counted.invalid_total == len(self.ballots) - len(valid)


VotingMachine.TestCase.settings = settings(
    max_examples=40,
    stateful_step_count=25,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow],
)
TestVotingMachine = VotingMachine.TestCase
