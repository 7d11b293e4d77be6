"""/announce: the Organizing Committee writes to everyone in its group and to its chat.

```mermaid
stateDiagram-v2
    [*] --> pick: /announce (committee of several groups)
    [*] --> text: /announce (one group)
    pick --> text: a group is chosen
    text --> confirm: a text is typed or a message forwarded (preview with the count)
    confirm --> [*]: Send (progress and a summary follow) / Cancel
```
"""

from __future__ import annotations

from typing import cast

from bot.composer import CatalogueComposer
from bot.flows.flow import Flow
from bot.flows.groups import group_ref
from bot.flows.review_groups import ask_for_group, groups_with_role
from bot.flows.turn import Turn
from bot.flows.vocabulary import Button
from core.errors import Refused
from core.model import Role
from core.ports_schedule import ScheduleUnitOfWork
from core.reasons import Reason
from core.services.broadcasts import preview_broadcast, send_broadcast
from core.services.context import find_group
from core.services.roles import NOT_HELD_ANYWHERE

MAX_TEXT = 3500  # Telegram takes 4096 characters; the header needs the rest


class Announce(Flow):
    name = "announce"
    commands = ("announce",)

    async def begin(self, turn: Turn) -> None:
        """Find the sender's committee group, or ask which one."""
        groups = await groups_with_role(turn.uow, turn.person, {Role.COMMITTEE})
        if not groups:
            turn.finish()
            raise Refused(Reason(NOT_HELD_ANYWHERE, {"role": Role.COMMITTEE.value}))
        if len(groups) > 1:
            ask_for_group(turn, "announce.which_group", groups)
            return
        self._ask_text(turn, groups[0].code)

    def _ask_text(self, turn: Turn, group_code: str) -> None:
        turn.data["group"] = group_code
        turn.goto("text")
        turn.say("announce.ask_text")

    async def on_action(self, turn: Turn, action: str) -> None:
        """A group picked, or the preview answered."""
        kind, _, value = action.partition(":")
        if kind == "group" and turn.step == "pick":
            groups = await groups_with_role(turn.uow, turn.person, {Role.COMMITTEE})
            chosen = next((g for g in groups if group_ref(g) == value), None)
            if chosen is not None:
                self._ask_text(turn, chosen.code)
                return
        if kind == "send" and turn.step == "confirm":
            await self._send(turn)
            return
        if kind == "cancel" and turn.step == "confirm":
            turn.finish()
            turn.say("announce.cancelled", replace=True)
            return
        turn.say("common.button_expired")

    async def on_text(self, turn: Turn) -> None:
        """The announcement itself: typed, or forwarded from elsewhere."""
        if turn.step != "text":
            turn.say("common.use_buttons")
            return
        text = turn.event.text.strip()
        if not text:
            turn.say("announce.ask_text")
            return
        if len(text) > MAX_TEXT:
            turn.say("announce.too_long", length=len(text), max=MAX_TEXT)
            return
        uow = cast(ScheduleUnitOfWork, turn.uow)
        preview = await preview_broadcast(uow, turn.data["group"], turn.person)
        turn.data["text"] = text
        turn.goto("confirm")
        group = await find_group(uow, preview.group)
        key = "announce.preview_with_chat" if preview.chat else "announce.preview"
        buttons = ((Button("send", "announce.send"), Button("cancel", "announce.cancel")),)
        turn.say(key, buttons=buttons, group=group.names.get(turn.language), people=preview.people)
        turn.say("announce.preview_text", text=text)

    async def on_document(self, turn: Turn) -> None:
        turn.say("announce.text_only")

    async def _send(self, turn: Turn) -> None:
        uow = cast(ScheduleUnitOfWork, turn.uow)
        composer = CatalogueComposer(turn.renderer, turn.vault)
        broadcast = await send_broadcast(
            uow,
            composer,
            turn.clock,
            group_code=turn.data["group"],
            author=turn.person,
            text=turn.data["text"],
        )
        turn.finish()
        turn.say("announce.sending", replace=True, total=broadcast.total)
