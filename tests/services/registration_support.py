"""A loaded election, consenting people and role holders for the registration use-case tests."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from dataclasses import replace
from datetime import timedelta
from typing import Any

import pytest

from core.application import NO_CONFLICTS, Application, DocumentRef
from core.application_rules import MEGABYTE
from core.election import GroupConfig
from core.errors import Refused
from core.model import Role, RoleGrant
from core.ports import UnitOfWork
from core.privacy import Pseudonymizer, Sealer
from core.regulation import Admission, Declaration, Regulation, VoterKind
from core.services.candidacy import read_application, save_draft, submit
from core.services.load_election import load_election
from core.services.people import consent
from core.services.registration import register_voter
from tests.builders import REGISTRATION_OPENS, START, election, name_key, pseudonym
from tests.fakes import FakeClock

MakeUow = Callable[[], UnitOfWork]
CYCLE = "ccm-2024"
BEFORE = REGISTRATION_OPENS - timedelta(hours=1)
DURING = REGISTRATION_OPENS + timedelta(days=1)
CLOSED = REGISTRATION_OPENS + timedelta(days=8, hours=1)  # after closing, before the list
LIST_PUBLISHED = REGISTRATION_OPENS + timedelta(days=10, hours=1)
ALICE, BOB, CAROL, DANA, MEMBER, WATCHER = (pseudonym(n) for n in range(1, 7))
sealer = Sealer(b"s" * 32)
keys = Pseudonymizer(b"k" * 32)
assert keys.name_key("x") == name_key("x")  # the loader hashed past holders with this key


async def setup(make_uow: MakeUow, *groups: GroupConfig) -> None:
    """Load a cycle of these groups (one default PLHIV group when none) and let all consent."""
    await load_election(election(*groups), make_uow(), FakeClock(START), name_key)
    for person in (ALICE, BOB, CAROL, DANA, MEMBER, WATCHER):
        await consent(make_uow(), FakeClock(START), person=person, language="ru", contact=b"c")


async def grant(
    make_uow: MakeUow, person: str, role: Role, group_code: str | None, pledged: bool = True
) -> None:
    """Give a role directly, as a redeemed invite would."""
    async with make_uow() as uow:
        group_id = None
        if group_code is not None:
            stored = await uow.groups.get(CYCLE, group_code)
            assert stored is not None
            group_id = stored.id
        pledge = START if pledged else None
        await uow.roles.grant(RoleGrant(person, role, group_id, START, pledge_accepted_at=pledge))
        await uow.commit()


def clock(at=DURING) -> FakeClock:
    return FakeClock(at)


async def audit_actions(make_uow: MakeUow) -> list[str]:
    async with make_uow() as uow:
        return [entry.event.action for entry in await uow.audit.entries()]


LETTER = DocumentRef("recommendation", "file-1", "letter.pdf", "application/pdf", 200_000)
PHOTO = DocumentRef("passport", "file-2", "id.jpg", "image/jpeg", 2 * MEGABYTE)


NGO_UNION = Regulation(
    voter_kind=VoterKind.ORGANIZATION,
    admission=Admission.COMMISSION,
    declarations=frozenset({Declaration.ORGANIZATION}),
)
CHECKED = Regulation(admission=Admission.COMMISSION, regions=("AST", "ALA", "KOS"))


def complete(**changes) -> Application:
    application = Application(
        name="Айгуль Сейткали",
        statement="Доступ к терапии в каждом районе, без очередей и без стигмы.",
        report_back="Ежемесячные встречи и отчёт в чате сообщества.",
        conflicts=NO_CONFLICTS,
        accepted_duties=True,
        documents=(LETTER, PHOTO),
    )
    return replace(application, **changes)


async def register(make_uow, person=ALICE, group_code="PLHIV", region="AST", org=None, at=DURING):
    return await register_voter(
        make_uow(), clock(at), group_code=group_code, person=person, region=region, organisation=org
    )


async def draft(make_uow, person=ALICE, application=None, group_code="PLHIV", at=DURING):
    form = application or complete(name=f"Кандидат {person[-2:]}", documents=())
    return await save_draft(
        make_uow(),
        clock(at),
        group_code=group_code,
        person=person,
        application=form,
        sealer=sealer,
        name_key=name_key(form.name),
    )


async def send(make_uow, person=ALICE, group_code="PLHIV", at=DURING):
    return await submit(make_uow(), clock(at), group_code=group_code, person=person, sealer=sealer)


async def read(make_uow, person=ALICE):
    return await read_application(make_uow(), group_code="PLHIV", person=person, sealer=sealer)


async def refused(call: Awaitable[Any]) -> tuple[str, dict[str, Any]]:
    """Await a use case that must refuse, and give its reason code and params."""
    with pytest.raises(Refused) as refusal:
        await call
    return refusal.value.reason.code, refusal.value.reason.params


async def send_refusal(make_uow, person):
    return await refused(send(make_uow, person))
