"""Joining: the deep link, the consent, and the group's menu.

```mermaid
stateDiagram-v2
    [*] --> consent: /start [link], first time
    [*] --> route: /start [link], consent given before
    consent --> route: Agree
    consent --> [*]: Decline (nothing about the person is kept)
    route --> [*]: role link r-… (the role is granted)
    route --> pick: no link
    route --> menu: group link g-…
    pick --> menu: a group is chosen
    menu --> voter: Register to vote
    menu --> candidate: Apply as a candidate
    menu --> complaint: Complain
```
"""

from __future__ import annotations

from bot.flows.flow import Flow
from bot.flows.groups import GROUP_LINK, ROLE_LINK, find_group, group_ref
from bot.flows.turn import Turn, rows
from bot.flows.vocabulary import Button
from core.privacy import readable_code
from core.services.invites import redeem_invite
from core.services.people import consent
from core.services.registration import open_groups

_MENU = (("voter", "start.register"), ("candidate", "start.apply"), ("complaint", "start.complain"))


class Start(Flow):
    name = "start"
    commands = ("start",)

    async def begin(self, turn: Turn) -> None:
        """Greet the person; ask for consent the first time, then follow the link."""
        turn.data["link"] = turn.argument
        person = await turn.uow.people.get(turn.person)
        if person is None or person.consent_at is None:
            turn.goto("consent")
            await self.resume(turn)
            return
        await self._follow(turn)

    async def resume(self, turn: Turn) -> None:
        """Show the current step again."""
        if turn.step == "consent":
            agree = Button("agree", key="start.agree")
            decline = Button("decline", key="start.decline")
            turn.say("start.consent", buttons=((agree, decline),))
        elif turn.step == "menu":
            await self._menu(turn, turn.data["group"])
        else:
            await self._pick(turn)

    async def on_action(self, turn: Turn, action: str) -> None:
        """Take consent, a chosen group, or a menu choice."""
        kind, _, value = action.partition(":")
        if kind == "agree" and turn.step == "consent":
            await consent(
                turn.uow,
                turn.clock,
                person=turn.person,
                language=turn.language,
                contact=turn.event.contact,
            )
            turn.say("start.thanks", code=readable_code(turn.person))
            await self._follow(turn)
        elif kind == "decline" and turn.step == "consent":
            turn.finish()
            turn.say("start.declined")
        elif kind == "group":
            await self._menu(turn, value)
        elif kind in {flow for flow, _ in _MENU} and turn.step == "menu":
            turn.hand_over(kind, turn.data["group"])
        else:
            turn.say("common.button_expired")

    async def _follow(self, turn: Turn) -> None:
        link = str(turn.data.get("link", ""))
        if link.startswith(ROLE_LINK):
            grant = await redeem_invite(turn.uow, turn.clock, link, turn.person)
            turn.finish()
            turn.say(f"start.role_granted.{grant.role.value}")
        elif link.startswith(GROUP_LINK):
            await self._menu(turn, link.removeprefix(GROUP_LINK))
        else:
            await self._pick(turn)

    async def _pick(self, turn: Turn) -> None:
        groups = await open_groups(turn.uow, turn.clock)
        if not groups:
            turn.finish()
            turn.say("start.no_open_groups")
            return
        turn.goto("pick")
        buttons = [
            Button(f"group:{group_ref(group)}", text=group.names.get(turn.language))
            for group in groups
        ]
        turn.say("start.pick_group", buttons=rows(buttons, width=1))

    async def _menu(self, turn: Turn, ref: str) -> None:
        group = await find_group(turn.uow, ref)
        turn.goto("menu")
        turn.data["group"] = group_ref(group)
        buttons = [Button(flow, key=key) for flow, key in _MENU]
        turn.say("start.menu", buttons=rows(buttons, width=1), group=group.names.get(turn.language))
