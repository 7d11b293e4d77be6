"""Announcements: who in a group hears of what happens, written into the outbox in the caller's
transaction, so that nothing is announced that was not committed and nothing committed goes
unannounced.

The core decides what is said and to whom; a `Composer` at the edge renders it into a sealed
message in each reader's language (and opens the candidates' sealed statements to quote them).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any, Protocol

from core.dialogue import OutgoingMessage
from core.model import CandidateStatus, Group, Person
from core.ports_schedule import ScheduleUnitOfWork
from core.regulation import Names
from core.services.context import group_id
from core.services.holdings import STANDING_VOTERS

# Everyone with a stake in the group: refused, replaced and withdrawn people are left in peace.
_MEMBER_CANDIDATES = frozenset(
    {CandidateStatus.DRAFT, CandidateStatus.SUBMITTED, CandidateStatus.ADMITTED}
)


@dataclass(frozen=True)
class SealedStatement:
    """An admitted candidate's application, still sealed; only the edge can open it."""

    person: str
    application: bytes


@dataclass(frozen=True)
class Announcement:
    key: str  # catalogue key, e.g. "schedule.voting_opened"
    group: Names
    params: Mapping[str, Any] = field(default_factory=dict)
    statements: tuple[SealedStatement, ...] = ()


@dataclass(frozen=True)
class Recipient:
    chat: bytes  # sealed
    language: str
    person: str | None = None  # None for the group's community chat


class Composer(Protocol):
    def compose(
        self, announcement: Announcement, recipient: Recipient, group_id: int, now: datetime
    ) -> list[OutgoingMessage]:
        """Render `announcement` for one recipient as one or more sealed outbox messages."""
        ...


async def members(uow: ScheduleUnitOfWork, group: Group) -> list[Person]:
    """The group's voters, candidates and role holders who can be reached, each once."""
    gid = group_id(group)
    pseudonyms = [
        v.pseudonym for v in await uow.voters.for_group(gid) if v.status in STANDING_VOTERS
    ]
    pseudonyms += [
        c.pseudonym for c in await uow.candidates.for_group(gid) if c.status in _MEMBER_CANDIDATES
    ]
    pseudonyms += [r.pseudonym for r in await uow.roles.for_group(gid) if r.revoked_at is None]
    return await reachable(uow, pseudonyms)


async def reachable(uow: ScheduleUnitOfWork, pseudonyms: Sequence[str]) -> list[Person]:
    """The people among `pseudonyms` the bot can write to, in the given order, without repeats."""
    found: list[Person] = []
    for pseudonym in dict.fromkeys(pseudonyms):
        person = await uow.people.get(pseudonym)
        if person is not None and person.contact is not None:
            found.append(person)
    return found


def to_people(people: Sequence[Person]) -> list[Recipient]:
    return [
        Recipient(person.contact, person.language, person.pseudonym)
        for person in people
        if person.contact is not None
    ]


async def community_chat(uow: ScheduleUnitOfWork, group: Group) -> list[Recipient]:
    """The group's linked community chat as a recipient, or nobody if none is linked."""
    chat = await uow.group_chats.get(group_id(group))
    return [] if chat is None else [Recipient(chat.chat, chat.language)]


async def post(
    uow: ScheduleUnitOfWork,
    composer: Composer,
    group: Group,
    announcement: Announcement,
    recipients: Sequence[Recipient],
    now: datetime,
) -> list[str]:
    """Write the announcement to every recipient's outbox; return the message ids."""
    ids: list[str] = []
    for recipient in recipients:
        for message in composer.compose(announcement, recipient, group_id(group), now):
            await uow.outbox.add(message)
            ids.append(message.id)
    return ids


async def announce_to_group(
    uow: ScheduleUnitOfWork,
    composer: Composer,
    group: Group,
    announcement: Announcement,
    now: datetime,
) -> list[str]:
    """Tell the community chat and every member of the group."""
    recipients = await community_chat(uow, group) + to_people(await members(uow, group))
    return await post(uow, composer, group, announcement, recipients, now)
