"""An election at its voting stage, for the voting, results and board conversations.

Voters, candidates and roles are written straight into the repositories (registration has its own
tests), with candidates' applications sealed under the bot's key, so that the ballot shows their
names and statements. Works on the fakes (tests/bot/talk.py) and on SQL (tests/e2e/scene.py).
No tests here: helpers only.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Callable, Sequence
from typing import Any

from bot.vault import Vault
from core.application import Application, SealedForm, application_purpose, to_json
from core.election import GroupConfig
from core.group_chats import GroupChat
from core.model import Candidate, CandidateStatus, Person, Role, RoleGrant, Voter, VoterStatus
from core.privacy import readable_code
from core.services.voting import cast_ballot
from tests.builders import START, group
from tests.fakes import FakeClock
from tests.services.voting_support import AFTER as AFTER
from tests.services.voting_support import CLOSES as CLOSES
from tests.services.voting_support import CYCLE, VOTING, rules

MakeUow = Callable[[], Any]
# A receipt code wherever it shows in a text (core.receipts.RECEIPT_PATTERN checks a whole code).
RECEIPT = re.compile(r"R-[0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]{4}")


def voting_group(code: str = "SW", title: str = "Sex workers", **changes: Any) -> GroupConfig:
    return group(code, rules=rules(**changes), title=title)


def candidate_pseudonym(group_code: str, name: str) -> str:
    return hashlib.sha256(f"candidate:{group_code}:{name}".encode()).hexdigest()


def public_id(group_code: str, name: str) -> str:
    """The id the ballot shows for a candidate added by `add_candidates`."""
    return readable_code(candidate_pseudonym(group_code, name), "C")


async def _group_id(uow: Any, group_code: str) -> int:
    stored = await uow.groups.get(CYCLE, group_code)
    assert stored is not None and stored.id is not None
    return int(stored.id)


async def add_candidates(
    make_uow: MakeUow,
    vault: Vault,
    group_code: str,
    names: Sequence[str],
    statements: dict[str, str] | None = None,
) -> dict[str, str]:
    """Admit candidates with sealed applications; return name -> public id."""
    async with make_uow() as uow:
        gid = await _group_id(uow, group_code)
        for order, name in enumerate(names, start=1):
            person = candidate_pseudonym(group_code, name)
            statement = (statements or {}).get(name, f"{name} will speak for the community.")
            form = Application(name=name, statement=statement)
            sealed = vault.sealer.seal(
                to_json(SealedForm(form, vault.name_key(name))), application_purpose(person)
            )
            await uow.people.save(Person(person, consent_at=START))
            await uow.candidates.add(
                Candidate(gid, person, CandidateStatus.ADMITTED, START, START, sealed, order)
            )
        await uow.commit()
    return {name: public_id(group_code, name) for name in names}


async def add_person(
    make_uow: MakeUow, vault: Vault, pseudonym: str, chat: int, language: str
) -> None:
    """Someone who consented and can be written to."""
    async with make_uow() as uow:
        if await uow.people.get(pseudonym) is None:
            await uow.people.save(Person(pseudonym, language, vault.seal_chat(chat), START))
        await uow.commit()


async def admit_voter(
    make_uow: MakeUow, vault: Vault, group_code: str, pseudonym: str, chat: int, language: str
) -> None:
    await add_person(make_uow, vault, pseudonym, chat, language)
    async with make_uow() as uow:
        gid = await _group_id(uow, group_code)
        await uow.voters.add(Voter(gid, pseudonym, VoterStatus.ADMITTED, START, region="ALA"))
        await uow.commit()


async def grant_role(
    make_uow: MakeUow,
    vault: Vault,
    group_code: str,
    pseudonym: str,
    chat: int,
    role: Role,
    language: str = "ru",
    pledged: bool = True,
) -> None:
    await add_person(make_uow, vault, pseudonym, chat, language)
    async with make_uow() as uow:
        gid = await _group_id(uow, group_code)
        pledge = START if pledged else None
        await uow.roles.grant(RoleGrant(pseudonym, role, gid, START, pledge_accepted_at=pledge))
        await uow.commit()


async def cast(
    make_uow: MakeUow, vault: Vault, group_code: str, person: str, marks: Sequence[str]
) -> str:
    """Vote for `marks` in every contest of the group, through the use case; return the receipt."""
    async with make_uow() as uow:
        contests = await uow.contests.for_group(await _group_id(uow, group_code))
    choices = {contest.id: list(marks) for contest in contests}
    receipt = await cast_ballot(
        make_uow(),
        FakeClock(VOTING),
        group_code=group_code,
        cycle_code=CYCLE,
        person=person,
        choices=choices,
        sealer=vault.sealer,
    )
    return receipt.code


async def link_chat(
    make_uow: MakeUow, vault: Vault, group_code: str, chat: int, language: str
) -> None:
    """Link the group's community chat, as /link does."""
    async with make_uow() as uow:
        gid = await _group_id(uow, group_code)
        sealed, key = vault.seal_chat(chat), vault.pseudonym(chat)
        await uow.group_chats.link(GroupChat(gid, sealed, key, language, START, "P-TEST"))
        await uow.commit()
