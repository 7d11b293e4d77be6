"""Three groups with different calendars, their members and linked chats, and a way to read
the outbox as people would see it."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any, cast

from bot.composer import CatalogueComposer
from bot.flows.render import Renderer, decode
from bot.i18n.catalogue import Catalogue
from bot.vault import Vault
from core.dialogue import Delivery
from core.group_chats import GroupChat
from core.model import Person, Role, RoleGrant, Voter, VoterStatus
from core.ports_schedule import ScheduleUnitOfWork
from core.privacy import Pseudonymizer, Sealer
from core.services.load_election import load_election
from tests.builders import START, election, group, name_key, pseudonym
from tests.fakes import FakeClock

VAULT = Vault(Pseudonymizer(b"p" * 32), Sealer(b"d" * 32))
COMPOSER = CatalogueComposer(Renderer(Catalogue.load()), VAULT)
CYCLE = "ccm-2024"
# Each group runs on its own calendar, a day and a half apart.
OFFSETS = {"PLHIV": timedelta(0), "SW": timedelta(days=1, hours=12), "TB": timedelta(days=3)}
CHATS = {"PLHIV": -1001, "SW": -1002, "TB": -1003}
MakeUow = Callable[[], ScheduleUnitOfWork]


@dataclass(frozen=True)
class Seen:
    chat_id: int
    text: str
    group_id: int | None


def three_groups() -> Any:
    return election(*(group(code, start=START + offset) for code, offset in OFFSETS.items()))


def member(group_index: int, n: int) -> tuple[str, int]:
    """A member's pseudonym and (private) chat id."""
    number = 100 * (group_index + 1) + n
    return pseudonym(number), 500_000 + number


async def setup(make_uow: Callable[[], Any], voters: int = 2) -> dict[str, int]:
    """Load the three groups; give each a committee member, voters and a linked chat."""
    await load_election(three_groups(), make_uow(), FakeClock(START), name_key)
    ids: dict[str, int] = {}
    async with make_uow() as uow:
        for index, code in enumerate(OFFSETS):
            stored = await uow.groups.get(CYCLE, code)
            ids[code] = stored.id
            committee, chat = member(index, 0)
            await _person(uow, committee, chat, "en")
            await uow.roles.grant(RoleGrant(committee, Role.COMMITTEE, stored.id, START))
            for n in range(1, voters + 1):
                voter, chat = member(index, n)
                await _person(uow, voter, chat, "ru" if n % 2 else "kk")
                await uow.voters.add(Voter(stored.id, voter, VoterStatus.ADMITTED, START))
            sealed = VAULT.seal_chat(CHATS[code])
            key = VAULT.pseudonym(CHATS[code])
            await uow.group_chats.link(GroupChat(stored.id, sealed, key, "en", START, "P-TEST"))
        await uow.commit()
    return ids


async def _person(uow: Any, who: str, chat: int, language: str) -> None:
    await uow.people.save(Person(who, language, VAULT.seal_chat(chat), START))


async def outbox(make_uow: MakeUow, now: datetime) -> list[Seen]:
    """Every message waiting to be sent, opened as its reader will see it."""
    async with make_uow() as uow:
        pending = await uow.outbox.pending(now + timedelta(days=365), 100_000)
    return [
        Seen(
            VAULT.open_chat(m.chat),
            decode(VAULT.open_body(m.body, m.id))["text"],
            m.group_id,
        )
        for m in pending
        if m.status is Delivery.PENDING
    ]


def texts(seen: list[Seen], chat_id: int) -> list[str]:
    return [s.text for s in seen if s.chat_id == chat_id]


def cast_uow(factory: Callable[[], Any]) -> MakeUow:
    return cast(MakeUow, factory)
