"""A scripted election, played through the core use cases, for the Secretariat's command tests.

PLHIV admits voters automatically and has 24 of them in four regions (two in KOS, too few to
show); TB's commission checks its three voters. Roles come from redeemed invites, candidates
apply, are admitted, refused or withdraw, and some voters vote. People are real pseudonyms of
Telegram ids under the test keys, with sealed chat ids, so that any leak would show.
`finish_election` plays on: a complaint and its answer, a late ballot, the close, confirmation.
"""

from __future__ import annotations

import base64
import contextlib
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import timedelta
from typing import cast as cast_to

from core.application import DocumentRef
from core.complaints import answer_purpose, complaint_purpose
from core.errors import Refused
from core.model import Role
from core.ports import UnitOfWork
from core.ports_dialogue import ComplaintsUnitOfWork
from core.privacy import Pseudonymizer, Sealer
from core.services.candidacy import save_draft, submit, withdraw
from core.services.closing import close_voting
from core.services.complaints import answer_complaint, file_complaint
from core.services.context import candidate_code
from core.services.invites import create_invite, redeem_invite
from core.services.load_election import load_election
from core.services.people import consent
from core.services.registration import register_voter
from core.services.results import confirm_results
from core.services.review_decisions import decide_candidate, decide_voter
from core.services.roles import accept_pledge
from core.services.voting import cast_ballot
from tests.builders import REGISTRATION_OPENS, START, election, group
from tests.fakes import FakeClock
from tests.services.registration_support import CHECKED, complete

# The admitted candidate's one uploaded document: Telegram keeps the file, Saylau its id.
LETTER = DocumentRef(
    "recommendation", "BQACAgIAAxkBAAIBZ2letter", "рекомендация.pdf", "application/pdf", 200_000
)
# 17 ballots: 14 for the admitted candidate, 2 blank, 1 for the refused one (invalid).
BLANK_BALLOTS = 2
INVALID_BALLOTS = 1
COMPLAINT = "Не смогла зарегистрироваться с первого раза, бот не отвечал."
ANSWER = "Сбой устранён 13 августа, регистрация продлилась без потерь."
CLOSED = START + timedelta(days=28, hours=1)  # voting closed an hour earlier

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


async def _voter(make_uow: MakeUow, cast: Cast, group_code: str, region: str) -> str:
    """A new person who consented and registered to vote in the group, from `region`."""
    person = cast.person()
    await join(make_uow, cast, person)
    await register_voter(
        make_uow(),
        FakeClock(DURING),
        group_code=group_code,
        person=person,
        region=region,
        organisation=None,
    )
    return person


async def _register_plhiv(make_uow: MakeUow, cast: Cast) -> None:
    for region, count in PLHIV_VOTERS.items():
        cast.voters[region] = [await _voter(make_uow, cast, "PLHIV", region) for _ in range(count)]


async def _register_tb(make_uow: MakeUow, cast: Cast) -> None:
    people = [await _voter(make_uow, cast, "TB", region) for region in ("AST", "AST", "ALA")]
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
        documents = (LETTER,) if outcome == "admitted" else ()
        form = complete(name=f"Кандидат {outcome}", documents=documents)
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
    admitted = candidate_code(cast.candidates["admitted"])
    refused = candidate_code(cast.candidates["refused"])
    async with make_uow() as uow:
        stored = await uow.groups.get(CYCLE, "PLHIV")
        assert stored is not None and stored.id is not None
        [contest] = await uow.contests.for_group(stored.id)
        assert contest.id is not None
    voting = [v for region, n in PLHIV_VOTED.items() for v in cast.voters[region][:n]]
    for number, voter in enumerate(voting):
        marked = [admitted]
        if number < BLANK_BALLOTS:
            marked = []
        elif number < BLANK_BALLOTS + INVALID_BALLOTS:
            marked = [refused]
        await cast_ballot(
            make_uow(),
            FakeClock(VOTING),
            group_code="PLHIV",
            person=voter,
            choices={contest.id: marked},
            sealer=sealer,
        )


async def finish_election(make_uow: MakeUow, cast: Cast, *, confirm: bool = True) -> None:
    """Play on from the middle of the vote: a complaint, a late ballot, the close, confirmation."""
    author = cast.voters["AST"][0]
    member = cast.commission["PLHIV"]
    complaints = cast_complaints(make_uow)
    complaint = await file_complaint(
        complaints(),
        FakeClock(VOTING),
        group_code="PLHIV",
        person=author,
        text=sealer.seal(COMPLAINT, complaint_purpose(author)),
    )
    await answer_complaint(
        complaints(),
        FakeClock(VOTING + timedelta(hours=2)),
        group_code="PLHIV",
        complaint_id=complaint.id,
        commission_member=member,
        answer=sealer.seal(ANSWER, answer_purpose(complaint.id)),
    )
    late = cast.voters["AST"][-1]  # one of the three in Astana who had not voted
    with contextlib.suppress(Refused):
        await cast_ballot(
            make_uow(),
            FakeClock(CLOSED),
            group_code="PLHIV",
            person=late,
            choices={},
            sealer=sealer,
        )
    await close_voting(make_uow(), FakeClock(CLOSED), group_code="PLHIV", sealer=sealer)
    if confirm:
        await confirm_results(make_uow(), FakeClock(CLOSED), group_code="PLHIV", member=member)


def cast_complaints(make_uow: MakeUow) -> Callable[[], ComplaintsUnitOfWork]:
    """The same units of work, as the complaint use cases name them (both stores keep them)."""
    return lambda: cast_to(ComplaintsUnitOfWork, make_uow())
