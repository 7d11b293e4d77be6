"""A scripted election, played through the core use cases, for the Secretariat's command tests.

PLHIV admits voters automatically and has 24 of them in four regions (two in KOS, too few to
show); TB's commission checks its three voters. Roles come from redeemed invites, candidates
apply, are admitted, refused or withdraw, and some voters vote. People are real pseudonyms of
Telegram ids under the test keys, with sealed chat ids, so that any leak would show.
"""

from __future__ import annotations

import base64
import uuid
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import timedelta

from core.model import Ballot, BallotStatus, Role
from core.ports import UnitOfWork
from core.privacy import Pseudonymizer, Sealer
from core.services.candidacy import save_draft, submit, withdraw
from core.services.invites import create_invite, redeem_invite
from core.services.load_election import load_election
from core.services.people import consent
from core.services.registration import register_voter
from core.services.review_decisions import decide_candidate, decide_voter
from core.services.roles import accept_pledge
from tests.builders import REGISTRATION_OPENS, START, election, group
from tests.fakes import FakeClock
from tests.services.registration_support import CHECKED, complete

PSEUDONYM_KEY = base64.urlsafe_b64encode(b"p" * 32).decode()
DATA_KEY = base64.urlsafe_b64encode(b"d" * 32).decode()
pseudonymizer = Pseudonymizer(b"p" * 32)
sealer = Sealer(b"d" * 32)

CYCLE = "ccm-2024"
DURING = REGISTRATION_OPENS + timedelta(days=1)
LIST_DAY = START + timedelta(days=19)  # registration closed, commission still deciding
VOTING = START + timedelta(days=22)
AFTER_CYCLE = START + timedelta(days=121)
PLHIV_VOTERS = {"AST": 9, "ALA": 6, "SHY": 7, "KOS": 2}
PLHIV_VOTED = {"AST": 6, "ALA": 3, "SHY": 7, "KOS": 1}
REASON = "Не подтверждено членство в сообществе."

MakeUow = Callable[[], UnitOfWork]


@dataclass
class Cast:
    """Who is who in the script: pseudonym -> chat id, and the parts they play."""

    chats: dict[str, int] = field(default_factory=dict)
    voters: dict[str, list[str]] = field(default_factory=dict)  # region -> PLHIV voters
    commission: dict[str, str] = field(default_factory=dict)  # group -> member
    observer: str = ""
    candidates: dict[str, str] = field(default_factory=dict)  # admitted/refused/withdrawn

    def person(self) -> str:
        """Bring a new person into the script: a pseudonym with its own chat id."""
        telegram_id = 7_000_100 + len(self.chats)
        pseudonym = pseudonymizer.pseudonym(telegram_id)
        self.chats[pseudonym] = 5_550_900 + len(self.chats)
        return pseudonym


async def play_election(make_uow: MakeUow) -> Cast:
    """Load the cycle and play it up to the middle of the vote."""
    cast = Cast()
    config = election(group("PLHIV"), group("TB", rules=CHECKED))
    await load_election(config, make_uow(), FakeClock(START), pseudonymizer.name_key)
    await _appoint(make_uow, cast)
    await _register_plhiv(make_uow, cast)
    await _register_tb(make_uow, cast)
    await _candidates(make_uow, cast)
    await _vote(make_uow, cast)
    return cast


async def join(make_uow: MakeUow, cast: Cast, pseudonym: str) -> None:
    """Let the person consent, leaving their chat id sealed."""
    contact = sealer.seal(str(cast.chats[pseudonym]), "chat")
    await consent(make_uow(), FakeClock(START), person=pseudonym, language="ru", contact=contact)


async def invite(make_uow: MakeUow, cast: Cast, role: Role, group_code: str) -> str:
    """Appoint a new person to the role through a redeemed invite."""
    clock = FakeClock(START + timedelta(days=1))
    person = cast.person()
    await join(make_uow, cast, person)
    token = await create_invite(
        make_uow(),
        clock,
        group_code=group_code,
        cycle_code=CYCLE,
        role=role,
        valid_for=timedelta(days=3),
    )
    await redeem_invite(make_uow(), clock, token, person)
    return person


async def _appoint(make_uow: MakeUow, cast: Cast) -> None:
    for code in ("PLHIV", "TB"):
        member = await invite(make_uow, cast, Role.COMMISSION, code)
        await accept_pledge(make_uow(), FakeClock(START + timedelta(days=2)), code, member)
        cast.commission[code] = member
    cast.observer = await invite(make_uow, cast, Role.OBSERVER, "PLHIV")


async def _register_plhiv(make_uow: MakeUow, cast: Cast) -> None:
    for region, count in PLHIV_VOTERS.items():
        cast.voters[region] = []
        for _ in range(count):
            person = cast.person()
            await join(make_uow, cast, person)
            await register_voter(
                make_uow(),
                FakeClock(DURING),
                group_code="PLHIV",
                person=person,
                region=region,
                organisation=None,
            )
            cast.voters[region].append(person)


async def _register_tb(make_uow: MakeUow, cast: Cast) -> None:
    people = []
    for region in ("AST", "AST", "ALA"):
        person = cast.person()
        await join(make_uow, cast, person)
        await register_voter(
            make_uow(),
            FakeClock(DURING),
            group_code="TB",
            person=person,
            region=region,
            organisation=None,
        )
        people.append(person)
    member = cast.commission["TB"]
    for person, admit in ((people[0], True), (people[1], False)):
        await decide_voter(
            make_uow(),
            FakeClock(DURING),
            group_code="TB",
            reviewer=member,
            voter=person,
            admit=admit,
            reason=None if admit else REASON,
        )


async def _candidates(make_uow: MakeUow, cast: Cast) -> None:
    clock = FakeClock(DURING)
    for outcome in ("admitted", "refused", "withdrawn"):
        person = cast.person()
        await join(make_uow, cast, person)
        form = complete(name=f"Кандидат {outcome}", documents=())
        await save_draft(
            make_uow(),
            clock,
            group_code="PLHIV",
            person=person,
            application=form,
            sealer=sealer,
            name_key=pseudonymizer.name_key(form.name),
        )
        cast.candidates[outcome] = person
        if outcome == "withdrawn":
            await withdraw(make_uow(), clock, group_code="PLHIV", person=person)
            continue
        await submit(make_uow(), clock, group_code="PLHIV", person=person, sealer=sealer)
        await decide_candidate(
            make_uow(),
            FakeClock(LIST_DAY),
            group_code="PLHIV",
            reviewer=cast.commission["PLHIV"],
            candidate=person,
            admit=outcome == "admitted",
            reason=None if outcome == "admitted" else REASON,
        )


async def _vote(make_uow: MakeUow, cast: Cast) -> None:
    async with make_uow() as uow:
        stored = await uow.groups.get(CYCLE, "PLHIV")
        assert stored is not None and stored.id is not None
        [contest] = await uow.contests.for_group(stored.id)
        assert contest.id is not None
        for region, count in PLHIV_VOTED.items():
            for voter in cast.voters[region][:count]:
                ballot = Ballot(
                    uuid.uuid4().hex, contest.id, (), BallotStatus.COUNTED, uuid.uuid4().hex * 2
                )
                await uow.ballots.cast(ballot, voter)
        await uow.commit()
