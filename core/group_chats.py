"""A group's community chat, linked by its Organizing Committee so that announcements reach it.

The chat id itself is sealed like every other contact; `chat_key` is a keyed hash of it, so the
bot can recognise a chat it already knows without anything readable being stored.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Protocol


@dataclass(frozen=True)
class GroupChat:
    group_id: int
    chat: bytes  # the chat id, sealed by the edge
    chat_key: str  # keyed hash of the chat id, to recognise the chat again
    language: str  # the language announcements are written in for this chat
    linked_at: datetime
    linked_by: str  # readable code of the committee member, as in the audit log


class GroupChatRepository(Protocol):
    async def get(self, group_id: int) -> GroupChat | None: ...
    async def link(self, chat: GroupChat) -> GroupChat | None:
        """Make `chat` the group's chat; return the one it replaced, if any."""
        ...
