"""An election at the voting stage: groups, admitted voters and candidates, and helpers to vote.

People and candidacies are written straight into the repositories (the registration use cases
have their own tests), so that fifty voters take milliseconds, on fakes and on both databases.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Sequence
from datetime import timedelta
from typing import Any

import pytest

from core.application import Application, SealedForm, application_purpose, to_json
from core.ballot_box import open_ballot
from core.election import GroupConfig
from core.errors import Refused
from core.model import (
    Ballot,
    Candidate,
    CandidateStatus,
    Person,
    Role,
    RoleGrant,
    Voter,
    VoterStatus,
)
from core.ports import UnitOfWork
from core.privacy import Sealer
from core.regulation import Competition, CompetitionRule, Regulation, Seats
from core.services.ballot import BallotPaper, ballot_paper
from core.services.closing import close_voting
from core.services.load_election import load_election
from core.services.results import confirm_results, withdraw_elected
from core.services.voting import Receipt, cast_ballot
from tests.builders import START, election, name_key, pseudonym
from tests.builders import group as group_config
from tests.fakes import FakeClock

MakeUow = Callable[[], UnitOfWork]
CYCLE = "ccm-2024"
VOTING = START + timedelta(days=22)  # voting runs from day 21 to day 28
CLOSES = START + timedelta(days=28)
AFTER = CLOSES + timedelta(hours=1)
sealer = Sealer(b"s" * 32)


def rules(
    rule: CompetitionRule = CompetitionRule.SINGLE_CONTEST,
    members: int = 1,
    alternates: int = 1,
    choices: int = 1,
    **changes: Any,
) -> Regulation:
    competition = Competition(
        rule=rule, seats=Seats(members=members, alternates=alternates), choices=choices
    )
    return Regulation(competition=competition, **changes)


def candidate_pseudonym(group_code: str, name: str) -> str:
    """A pseudonym whose readable code (its first 16 hex digits) differs between candidates."""
    return hashlib.sha256(f"{group_code}:{name}".encode()).hexdigest()


def voters(count: int, start: int = 100) -> list[str]:
    """Pseudonyms shaped like real ones (HMAC-like hex), so a leak in any form is noticed."""
    return [hashlib.sha256(f"voter:{start + n}".encode()).hexdigest() for n in range(count)]


async def setup(make_uow: MakeUow, *groups: GroupConfig) -> None:
    await load_election(election(*groups), make_uow(), FakeClock(START), name_key)


async def populate(
    make_uow: MakeUow,
    group_code: str,
    electors: Sequence[str],
    candidates: Sequence[str],
    *,
    status: VoterStatus = VoterStatus.ADMITTED,
) -> dict[str, str]:
    """Add voters and admitted candidates (named as given); return name -> pseudonym."""
    people: dict[str, str] = {}
    async with make_uow() as uow:
        group = await uow.groups.get(CYCLE, group_code)
        assert group is not None and group.id is not None
        known = await uow.candidates.for_group(group.id)
        for person in electors:
            if await uow.people.get(person) is None:
                await uow.people.save(Person(person, consent_at=START))
            await uow.voters.add(Voter(group.id, person, status, START))
        for order, name in enumerate(candidates, start=len(known) + 1):
            person = candidate_pseudonym(group_code, name)
            await uow.people.save(Person(person, consent_at=START))
            form = Application(name=name, statement=f"{name} will speak for us")
            sealed = sealer.seal(
                to_json(SealedForm(form, name_key(name))), application_purpose(person)
            )
            candidate = Candidate(
                group.id, person, CandidateStatus.ADMITTED, START, START, sealed, order
            )
            await uow.candidates.add(candidate)
            people[name] = person
        await uow.commit()
    return people


async def grant(
    make_uow: MakeUow, person: str, role: Role, group_code: str | None, pledged: bool = True
) -> None:
    async with make_uow() as uow:
        group_id = None
        if group_code is not None:
            group = await uow.groups.get(CYCLE, group_code)
            assert group is not None
            group_id = group.id
        if await uow.people.get(person) is None:
            await uow.people.save(Person(person, consent_at=START))
        await uow.roles.grant(
            RoleGrant(person, role, group_id, START, pledge_accepted_at=START if pledged else None)
        )
        await uow.commit()


async def paper(
    make_uow: MakeUow, person: str, group_code: str = "PLHIV", at=VOTING
) -> BallotPaper:
    return await ballot_paper(
        make_uow(), FakeClock(at), group_code=group_code, person=person, sealer=sealer
    )


async def ids_by_name(make_uow: MakeUow, person: str, group_code: str = "PLHIV") -> dict[str, str]:
    """Read the public candidate ids off the person's ballot paper."""
    shown = await paper(make_uow, person, group_code)
    return {c.name: c.id for c in shown.contests[0].candidates}


async def contest_ids(make_uow: MakeUow, group_code: str = "PLHIV") -> list[int]:
    async with make_uow() as uow:
        group = await uow.groups.get(CYCLE, group_code)
        assert group is not None and group.id is not None
        contests = await uow.contests.for_group(group.id)
    return [
        c.id
        for c in sorted(
            contests, key=lambda c: ["single", "member", "alternate"].index(c.kind.value)
        )
        if c.id
    ]


async def vote(
    make_uow: MakeUow,
    person: str,
    choices: dict[int, Sequence[str]],
    group_code: str = "PLHIV",
    at=VOTING,
) -> Receipt:
    return await cast_ballot(
        make_uow(),
        FakeClock(at),
        group_code=group_code,
        person=person,
        choices=choices,
        sealer=sealer,
    )


async def close(make_uow: MakeUow, group_code: str = "PLHIV", at=AFTER):
    return await close_voting(make_uow(), FakeClock(at), group_code=group_code, sealer=sealer)


def single_group(code: str = "PLHIV", **changes: Any) -> GroupConfig:
    return group_config(code, rules=rules(**changes))


COMMISSIONER = pseudonym(7)
OBSERVER = pseudonym(9)


async def counted_election(make_uow: MakeUow, **changes: Any) -> dict[str, str]:
    """A whole vote in one PLHIV group: counted, blank, invalid and late ballots, a revote, the
    close, a confirmation, a withdrawal and its confirmation. Return the candidates' ids."""
    await setup(make_uow, single_group(revote=True, **changes))
    electorate = voters(8)
    await populate(make_uow, "PLHIV", electorate, ["Aigul", "Bolat", "Dana"])
    await grant(make_uow, COMMISSIONER, Role.COMMISSION, "PLHIV")
    await grant(make_uow, OBSERVER, Role.OBSERVER, "PLHIV")
    contests = await contest_ids(make_uow)
    ids = await ids_by_name(make_uow, electorate[0])
    marks = [["Aigul"], ["Aigul"], ["Aigul"], ["Bolat"], ["Bolat"], ["Dana"], [], ["Aigul", "Dana"]]
    for person, marked in zip(electorate, marks, strict=True):
        await vote(make_uow, person, {c: [ids[m] for m in marked] for c in contests})
    await vote(make_uow, electorate[5], {c: [ids["Bolat"]] for c in contests})  # a revote
    with_late = voters(1, start=900)
    await populate(make_uow, "PLHIV", with_late, [])
    await close(make_uow)
    with pytest.raises(Refused, match=r"voting\.closed"):  # counted once as late, kept nowhere
        await vote(make_uow, with_late[0], {c: [ids["Dana"]] for c in contests}, at=AFTER)
    clock = FakeClock(AFTER)
    await confirm_results(make_uow(), clock, group_code="PLHIV", member=COMMISSIONER)
    await withdraw_elected(
        make_uow(), clock, group_code="PLHIV", candidate=ids["Aigul"], actor=COMMISSIONER
    )
    await confirm_results(make_uow(), clock, group_code="PLHIV", member=COMMISSIONER)
    return ids


async def ballots_in_box(uow: UnitOfWork, contest: int, key: Sealer = sealer) -> list[Ballot]:
    """The contest's ballots at any stage: sealed in the box while the vote is open, in clear
    (and counted) once the close has emptied the box into them."""
    opened = [open_ballot(key, b) for b in await uow.votes.sealed_ballots(contest)]
    return [*await uow.votes.ballots(contest), *opened]
