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
    menu --> voter: Register to vote (while registration is open)
    menu --> candidate: Apply as a candidate (while registration is open)
    menu --> vote: Vote (while voting is open)
    menu --> complaint: Complain
```
"""

from __future__ import annotations

from datetime import datetime

from bot.flows.flow import Flow
from bot.flows.groups import GROUP_LINK, ROLE_LINK, find_group, group_ref
from bot.flows.review_groups import cycle_groups
from bot.flows.turn import Turn, rows
from bot.flows.vocabulary import Button
from core.model import Group
from core.privacy import readable_code
from core.services.invites import redeem_invite
from core.services.people import consent
from core.services.registration import open_groups

_MENU = (
    ("voter", "start.register"),
    ("candidate", "start.apply"),
    ("vote", "vote.menu_entry"),
    ("complaint", "start.complain"),
)
_REGISTRATION = frozenset({"voter", "candidate"})  # offered only while registration is open


def _offered(group: Group, now: datetime) -> list[tuple[str, str]]:
    """The menu entries that make sense now: register and apply, or vote, only while open."""
    calendar = group.calendar
    return [
        (flow, key)
        for flow, key in _MENU
        if (flow not in _REGISTRATION or calendar.registration_open_at(now))
        and (flow != "vote" or calendar.voting_open_at(now))
    ]


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
        registering = {group.id for group in groups}
        groups += [
            group
            for group in await cycle_groups(turn.uow)
            if group.calendar.voting_open_at(turn.now) and group.id not in registering
        ]
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
        buttons = [Button(flow, key=key) for flow, key in _offered(group, turn.now)]
        turn.say("start.menu", buttons=rows(buttons, width=1), group=group.names.get(turn.language))
