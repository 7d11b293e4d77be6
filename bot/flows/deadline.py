"""/deadline: the Organizing Committee or the Secretariat moves a close later, or closes early.

```mermaid
stateDiagram-v2
    [*] --> pick: /deadline (several groups; the Secretariat sees them all)
    [*] --> what: /deadline (one group)
    pick --> what: a group is chosen
    what --> when: extend registration / voting
    what --> why: close registration / voting now
    when --> why: a new date and time (in the bot's time zone, TIMEZONE)
    why --> confirm: the reason, which members will read
    confirm --> [*]: Confirm (members and the chat are told; audited) / Cancel
```
"""

from __future__ import annotations

from datetime import datetime
from typing import cast
from zoneinfo import ZoneInfo

from bot.composer import CatalogueComposer
from bot.flows.flow import Flow
from bot.flows.groups import group_ref
from bot.flows.review_groups import ask_for_group, cycle_groups, groups_with_role, holds_role
from bot.flows.turn import Turn, rows
from bot.flows.vocabulary import Button
from core.calendar import Stage
from core.errors import Refused
from core.model import Group, Role
from core.ports_schedule import ScheduleUnitOfWork
from core.reasons import Reason
from core.services.context import find_group
from core.services.deadlines import close_stage_now, extend_deadline
from core.services.roles import NOT_HELD_ANYWHERE

# What may change, and which instant or stage each choice touches.
CHOICES = {
    "extend_registration": "registration_closes",
    "close_registration": Stage.REGISTRATION.value,
    "extend_voting": "voting_closes",
    "close_voting": Stage.VOTING.value,
}
TIME_FORMAT = "%Y-%m-%d %H:%M"


async def groups_in_charge(turn: Turn) -> list[Group]:
    """The Secretariat acts for every group; a committee member for their own."""
    if await holds_role(turn.uow, turn.person, Role.SECRETARIAT):
        return await cycle_groups(turn.uow)
    return await groups_with_role(turn.uow, turn.person, {Role.COMMITTEE})


class Deadline(Flow):
    name = "deadline"
    commands = ("deadline",)

    async def begin(self, turn: Turn) -> None:
        """Find the groups the person is in charge of."""
        groups = await groups_in_charge(turn)
        if not groups:
            turn.finish()
            raise Refused(Reason(NOT_HELD_ANYWHERE, {"role": Role.COMMITTEE.value}))
        if len(groups) > 1:
            ask_for_group(turn, "deadline.which_group", groups)
        else:
            self._ask_what(turn, groups[0])

    def _ask_what(self, turn: Turn, group: Group) -> None:
        turn.data["group"] = group.code
        turn.goto("what")
        buttons = [Button(choice, key=f"deadline.{choice}") for choice in CHOICES]
        buttons.append(Button("cancel", key="deadline.cancel"))
        turn.say(
            "deadline.what", buttons=rows(buttons, width=1), group=group.names.get(turn.language)
        )

    async def on_action(self, turn: Turn, action: str) -> None:
        """A group, a change, or the final confirmation."""
        kind, _, value = action.partition(":")
        if kind == "group" and turn.step == "pick":
            chosen = [g for g in await groups_in_charge(turn) if group_ref(g) == value]
            if chosen:
                self._ask_what(turn, chosen[0])
                return
        elif kind in CHOICES and turn.step == "what":
            turn.data["change"] = kind
            if kind.startswith("extend"):
                turn.goto("when")
                zone = str(self._zone(turn))
                turn.say("deadline.ask_when", example=await self._example(turn), zone=zone)
            else:
                turn.goto("why")
                turn.say("deadline.ask_why")
            return
        elif kind == "confirm" and turn.step == "confirm":
            await self._apply(turn)
            return
        elif kind == "cancel":
            turn.finish()
            turn.say("deadline.cancelled")
            return
        turn.say("common.button_expired")

    async def on_text(self, turn: Turn) -> None:
        """The new date and time, or the reason."""
        text = turn.event.text.strip()
        if turn.step == "when":
            zone = self._zone(turn)
            try:
                moment = datetime.strptime(text, TIME_FORMAT).replace(tzinfo=zone)
            except ValueError:
                turn.say("deadline.bad_time", example=await self._example(turn))
                return
            turn.data["to"] = moment.isoformat()
            turn.goto("why")
            turn.say("deadline.ask_why")
        elif turn.step == "why" and text:
            turn.data["reason"] = text
            turn.goto("confirm")
            buttons = (
                (
                    Button("confirm", key="deadline.confirm"),
                    Button("cancel", key="deadline.cancel"),
                ),
            )
            params = {"change": turn.data["change"], "reason": text}
            if "to" in turn.data:
                turn.say(
                    "deadline.preview_extend",
                    buttons=buttons,
                    at=datetime.fromisoformat(turn.data["to"]),
                    **params,
                )
            else:
                turn.say("deadline.preview_close", buttons=buttons, **params)
        else:
            turn.say("common.use_buttons")

    async def _apply(self, turn: Turn) -> None:
        uow = cast(ScheduleUnitOfWork, turn.uow)
        composer = CatalogueComposer(turn.renderer, turn.vault)
        group, change, reason = turn.data["group"], turn.data["change"], turn.data["reason"]
        common = {"group_code": group, "reason": reason, "by": turn.person}
        if "to" in turn.data:
            to = datetime.fromisoformat(turn.data["to"])
            await extend_deadline(
                uow, composer, turn.clock, instant=CHOICES[change], to=to, **common
            )
        else:
            await close_stage_now(uow, composer, turn.clock, stage=Stage(CHOICES[change]), **common)
        turn.finish()
        turn.say("deadline.done")

    def _zone(self, turn: Turn) -> ZoneInfo:
        # The zone every time is shown in (TIMEZONE), so that what is typed is what is shown.
        return turn.renderer.catalogue.zone

    async def _example(self, turn: Turn) -> str:
        group = await find_group(turn.uow, turn.data["group"])
        instant = CHOICES[turn.data["change"]]
        current: datetime = getattr(group.calendar, instant)
        return current.astimezone(self._zone(turn)).strftime(TIME_FORMAT)
