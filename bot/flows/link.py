"""/link, sent in a community chat: the Organizing Committee makes it the group's chat, so that
announcements and the committee's messages reach it. The one command allowed in group chats.

```mermaid
stateDiagram-v2
    [*] --> [*]: /link [GROUP] [ru|kk|en] in a group chat (confirmed there and in private)
    [*] --> [*]: /link in a private chat (explains where to send it)
```
"""

from __future__ import annotations

from typing import cast

from bot.flows.flow import Flow
from bot.flows.review_groups import groups_with_role
from bot.flows.turn import Turn
from bot.i18n.catalogue import LANGUAGES
from core.errors import Refused
from core.model import Role
from core.ports_schedule import ScheduleUnitOfWork
from core.reasons import Reason
from core.services.chat_links import link_chat
from core.services.context import find_group
from core.services.roles import NOT_HELD_ANYWHERE


class Link(Flow):
    name = "link"
    commands = ("link",)
    takes_over = False  # a committee member's private conversation carries on untouched
    group_chat = True

    async def begin(self, turn: Turn) -> None:
        """Link the chat the command came from to the sender's group."""
        if turn.event.private:
            turn.say("link.in_group_only")
            return
        words = turn.argument.split()
        language = next((w.lower() for w in words if w.lower() in LANGUAGES), turn.language)
        codes = [w.upper() for w in words if w.lower() not in LANGUAGES]
        group_code = codes[0] if codes else await self._only_group(turn)
        if group_code is None:
            return
        chat_id = turn.vault.open_chat(turn.event.contact)
        uow = cast(ScheduleUnitOfWork, turn.uow)
        await link_chat(
            uow,
            turn.clock,
            person=turn.person,
            group_code=group_code,
            chat=turn.event.contact,
            chat_key=turn.vault.pseudonym(chat_id),
            language=language,
        )
        group = await find_group(uow, group_code)
        turn.say("link.linked", group=group.names.get(language))
        turn.notify(turn.person, "link.linked_private", group=group.names.get(turn.language))

    async def _only_group(self, turn: Turn) -> str | None:
        """The sender's one committee group; ask for a code when there are several."""
        groups = await groups_with_role(turn.uow, turn.person, {Role.COMMITTEE})
        if not groups:
            raise Refused(Reason(NOT_HELD_ANYWHERE, {"role": Role.COMMITTEE.value}))
        if len(groups) > 1:
            turn.say("link.which", codes=", ".join(g.code for g in groups))
            return None
        return groups[0].code
