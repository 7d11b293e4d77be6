"""The Organizing Committee's own announcements: a preview with the count, the sending, and
progress and a summary (delivered, blocked the bot, failed) reported back to the author.

Refusals: role.not_held {role, group} for anyone but a committee member of the group; cycle.none
and group.unknown passed through from core.services.context.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass, replace

from core.audit import AuditEvent
from core.model import Group, Role
from core.ports import Clock
from core.ports_schedule import Broadcast, BroadcastCounts, ScheduleUnitOfWork
from core.services.announcements import (
    Announcement,
    Composer,
    community_chat,
    members,
    post,
    reachable,
    to_people,
)
from core.services.context import find_group, group_id
from core.services.roles import held_grant, role_actor

PROGRESS_STEP = 4  # report progress each quarter of the way


@dataclass(frozen=True)
class Preview:
    group: str
    people: int
    chat: bool  # whether the community chat is linked and gets it too


async def _committee_group(uow: ScheduleUnitOfWork, group_code: str, author: str) -> Group:
    group = await find_group(uow, group_code)
    await held_grant(uow, author, Role.COMMITTEE, group)
    return group


async def preview_broadcast(uow: ScheduleUnitOfWork, group_code: str, author: str) -> Preview:
    """Count who would receive an announcement, before the committee member confirms it."""
    async with uow:
        group = await _committee_group(uow, group_code, author)
        people = await members(uow, group)
        chat = await community_chat(uow, group)
    return Preview(group.code, len(people), bool(chat))


async def send_broadcast(
    uow: ScheduleUnitOfWork,
    composer: Composer,
    clock: Clock,
    *,
    group_code: str,
    author: str,
    text: str,
) -> Broadcast:
    """Write the announcement to every member and the chat, and follow its delivery."""
    now = clock.now()
    async with uow:
        group = await _committee_group(uow, group_code, author)
        recipients = await community_chat(uow, group) + to_people(await members(uow, group))
        announcement = Announcement("announce.broadcast", group.names, {"text": text})
        ids = await post(uow, composer, group, announcement, recipients, now)
        broadcast = Broadcast(uuid.uuid4().hex, group_id(group), author, len(ids), now)
        await uow.broadcasts.add(broadcast, ids)
        actor = role_actor(Role.COMMITTEE, author)
        event = AuditEvent("broadcast.sent", actor, group.code, {"recipients": len(ids)})
        await uow.audit.append(event, now)
        await uow.commit()
    return broadcast


async def report_broadcasts(
    uow: ScheduleUnitOfWork, composer: Composer, clock: Clock
) -> list[tuple[Broadcast, BroadcastCounts]]:
    """Tell authors how far their announcements got; the summary once all are settled."""
    now = clock.now()
    reported = []
    async with uow:
        for broadcast in await uow.broadcasts.unfinished():
            counts = await uow.broadcasts.counts(broadcast.id)
            finished = counts.pending == 0
            step = max(1, broadcast.total // PROGRESS_STEP)
            if not finished and counts.settled - broadcast.reported < step:
                continue
            key = "announce.summary" if finished else "announce.progress"
            params = {
                "total": broadcast.total,
                "done": counts.settled,
                "sent": counts.sent,
                "blocked": counts.blocked,
                "failed": counts.failed,
            }
            group = next(g for g in await _groups(uow) if g.id == broadcast.group_id)
            author = to_people(await reachable(uow, [broadcast.author]))
            await post(uow, composer, group, Announcement(key, group.names, params), author, now)
            updated = replace(
                broadcast, reported=counts.settled, finished_at=now if finished else None
            )
            await uow.broadcasts.update(updated)
            reported.append((updated, counts))
        await uow.commit()
    return reported


async def _groups(uow: ScheduleUnitOfWork) -> list[Group]:
    found: list[Group] = []
    for cycle in await uow.cycles.all():
        found += await uow.groups.for_cycle(cycle.code)
    return found
