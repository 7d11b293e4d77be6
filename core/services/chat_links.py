"""Linking a group's community chat: only the group's Organizing Committee may do it.

Refusals: role.not_held {role, group}; cycle.none and group.unknown from core.services.context.
"""

from __future__ import annotations

from core.audit import AuditEvent
from core.group_chats import GroupChat
from core.model import Role
from core.ports import Clock
from core.ports_schedule import ScheduleUnitOfWork
from core.services.context import find_group, group_id
from core.services.roles import held_grant, holder_code, role_actor


async def link_chat(
    uow: ScheduleUnitOfWork,
    clock: Clock,
    *,
    person: str,
    group_code: str,
    chat: bytes,
    chat_key: str,
    language: str,
) -> GroupChat:
    """Make `chat` the group's community chat (replacing any earlier one) and audit it."""
    now = clock.now()
    async with uow:
        group = await find_group(uow, group_code)
        await held_grant(uow, person, Role.COMMITTEE, group)
        linked = GroupChat(
            group_id(group), chat, chat_key, language, now, holder_code(Role.COMMITTEE, person)
        )
        replaced = await uow.group_chats.link(linked)
        payload = {"replaced": replaced is not None and replaced.chat_key != chat_key}
        event = AuditEvent("chat.linked", role_actor(Role.COMMITTEE, person), group.code, payload)
        await uow.audit.append(event, now)
        await uow.commit()
    return linked
