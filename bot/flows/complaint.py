"""/complaint: write to a group's Mandate Commission; the answer comes back in this chat.

```mermaid
stateDiagram-v2
    [*] --> write: from the group menu, or /complaint with one group to choose from
    [*] --> pick: /complaint, several groups
    pick --> write: a group is chosen
    write --> write: too short or too long (nothing is kept)
    write --> preview: the complaint is typed
    preview --> write: Rewrite
    preview --> [*]: Send (the commission is told it waits in /review)
    preview --> [*]: Cancel
```
The text is sealed before it is stored, and kept with its answer for the group's protocol.
"""

from __future__ import annotations

from bot.flows.flow import Flow
from bot.flows.groups import find_group, group_ref
from bot.flows.review_decide import group_name_for
from bot.flows.review_groups import ask_for_group, groups_taken_part_in
from bot.flows.turn import Turn
from bot.flows.vocabulary import Button
from core.complaint_rules import MAX_TEXT, MIN_COMPLAINT, complaint_problem
from core.complaints import complaint_purpose
from core.errors import Refused
from core.model import Group, Role
from core.reasons import Reason
from core.services.complaints import file_complaint
from core.services.reason_codes import NO_CONSENT
from core.services.registration import open_groups
from core.services.roles import list_roles

CANCEL = Button("cancel", key="complaint.cancel")


class Complaint(Flow):
    name = "complaint"
    commands = ("complaint",)

    async def begin(self, turn: Turn) -> None:
        """Ask for the complaint in the group handed over, or ask which group first."""
        person = await turn.uow.people.get(turn.person)
        if person is None or person.consent_at is None:
            turn.finish()  # nothing typed is lost: nothing was asked yet
            raise Refused(Reason(NO_CONSENT))
        if turn.argument:
            await self._ask_text(turn, turn.argument)
            return
        groups = await groups_taken_part_in(turn.uow, turn.person)
        groups = groups or await open_groups(turn.uow, turn.clock)
        if not groups:
            turn.finish()
            turn.say("complaint.no_groups")
        elif len(groups) == 1:
            await self._ask_text(turn, group_ref(groups[0]))
        else:
            ask_for_group(turn, "complaint.pick_group", groups)

    async def resume(self, turn: Turn) -> None:
        """Show the current step again."""
        if turn.step == "preview":
            await self._preview(turn)
        elif turn.step == "write":
            await self._ask_text(turn, str(turn.data["group"]))
        else:
            await self.begin(turn)

    async def on_text(self, turn: Turn) -> None:
        """Take the complaint's text (again, at the preview) if its length is right."""
        if turn.step not in {"write", "preview"}:
            turn.say("common.use_buttons")
            return
        problem = complaint_problem(turn.event.text)
        if problem is not None:
            turn.say(problem.code, **problem.params)  # complaint.toml words these codes
            return
        turn.data["text"] = turn.event.text.strip()
        turn.goto("preview")
        await self._preview(turn)

    async def on_action(self, turn: Turn, action: str) -> None:
        """Follow a button of the current step."""
        kind, _, value = action.partition(":")
        if kind == "group" and turn.step == "pick":
            await self._ask_text(turn, value)
        elif kind == "rewrite" and turn.step == "preview":
            await self._ask_text(turn, str(turn.data["group"]))
        elif kind == "send" and turn.step == "preview":
            await self._send(turn)
        elif kind == "cancel" and turn.flow == self.name:
            turn.finish()
            turn.say("complaint.cancelled")
        else:
            turn.say("common.button_expired")

    async def _ask_text(self, turn: Turn, ref: str) -> None:
        group = await find_group(turn.uow, ref)
        turn.data["group"] = group_ref(group)
        turn.goto("write")
        name = group.names.get(turn.language)
        turn.say(
            "complaint.write", buttons=((CANCEL,),), group=name, min=MIN_COMPLAINT, max=MAX_TEXT
        )

    async def _preview(self, turn: Turn) -> None:
        send = Button("send", key="complaint.send")
        rewrite = Button("rewrite", key="complaint.rewrite")
        turn.say("complaint.preview", buttons=((send,), (rewrite, CANCEL)), text=turn.data["text"])

    async def _send(self, turn: Turn) -> None:
        """File the sealed complaint, thank the author, and alert the group's commission."""
        group = await find_group(turn.uow, str(turn.data["group"]))
        sealed = turn.vault.sealer.seal(str(turn.data["text"]), complaint_purpose(turn.person))
        await file_complaint(
            turn.uow,
            turn.clock,
            group_code=group.code,
            person=turn.person,
            text=sealed,
            cycle_code=group.cycle_code,
        )
        turn.finish()
        turn.say("complaint.sent", group=group.names.get(turn.language))
        await self._alert_commission(turn, group)

    async def _alert_commission(self, turn: Turn, group: Group) -> None:
        """Tell every pledged member of the group's commission that a complaint waits."""
        holders = await list_roles(turn.uow, group_code=group.code, cycle_code=group.cycle_code)
        for holder in holders:
            pledged = holder.role is Role.COMMISSION and holder.pledge_accepted_at is not None
            if pledged and holder.pseudonym != turn.person:
                name = await group_name_for(turn, group, holder.pseudonym)
                turn.notify(holder.pseudonym, "complaint.commission_told", group=name)
