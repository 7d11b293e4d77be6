"""Voter registration: the region, the organisation where the regulation asks, a check, done.

```mermaid
stateDiagram-v2
    [*] --> pick: /register, no group named
    [*] --> region: group menu / a group picked (may register, the group asks for a region)
    [*] --> [*]: registration closed, already registered, another group forbids (the reason)
    pick --> region: a group is chosen
    region --> region: ◀ ▶ (8 regions a page)
    region --> organisation: a region (the group asks for an organisation)
    region --> confirm: a region
    organisation --> confirm: the organisation's name
    confirm --> region: Change
    confirm --> [*]: Register (pseudonym code and status; an NGO's new representative waits)
```
"""

from __future__ import annotations

from typing import Any

from bot.flows.flow import Flow
from bot.flows.groups import find_group, group_ref
from bot.flows.turn import Turn, rows
from bot.flows.vocabulary import Button
from core.errors import Refused
from core.model import Group, VoterStatus
from core.privacy import readable_code
from core.regions import find_by_name, region_name
from core.regulation import Declaration, VoterKind
from core.services import reason_codes as codes
from core.services.registration import OrganisationClaim, open_groups, register_voter
from core.services.registration_checks import check_can_register, organisation_purpose

PAGE = 8  # regions per page: four rows of two fit a phone screen without scrolling
ORGANISATION_MAX = 200  # characters; longer is a sentence, not an organisation's name


async def offer_open_groups(turn: Turn, key: str) -> None:
    """Ask which open group the person means; shared by /register and /apply."""
    groups = await open_groups(turn.uow, turn.clock)
    if not groups:
        turn.finish()
        turn.say("start.no_open_groups")
        return
    turn.goto("pick")
    names = [Button(f"group:{group_ref(g)}", text=g.names.get(turn.language)) for g in groups]
    turn.say(key, buttons=rows(names, width=1))


class Voter(Flow):
    name = "voter"
    commands = ("register",)

    async def begin(self, turn: Turn) -> None:
        """Start with the group named by the menu or the command, or ask for one."""
        if turn.argument:
            await self._start(turn, turn.argument)
        else:
            await offer_open_groups(turn, "voter.pick_group")

    async def resume(self, turn: Turn) -> None:
        """Show the current step again."""
        if turn.step == "pick" or "group" not in turn.data:
            await offer_open_groups(turn, "voter.pick_group")
            return
        group = await find_group(turn.uow, turn.data["group"])
        if turn.step == "region":
            self._regions(turn, group, int(turn.data.get("page", 0)))
        elif turn.step == "organisation":
            self._ask_organisation(turn, group)
        else:
            self._confirm(turn, group)

    async def on_action(self, turn: Turn, action: str) -> None:
        """Take a group, a page turn, a region, a confirmation or a change."""
        kind, _, value = action.partition(":")
        if kind == "group" and turn.step == "pick":
            await self._start(turn, value)
        elif kind == "page" and turn.step == "region":
            group = await find_group(turn.uow, turn.data["group"])
            self._regions(turn, group, int(value), replace=True)
        elif kind == "region" and turn.step == "region":
            await self._take_region(turn, value)
        elif kind == "change" and turn.step == "confirm":
            await self._first_question(turn, await find_group(turn.uow, turn.data["group"]))
        elif kind == "register" and turn.step == "confirm":
            await self._register(turn)
        else:
            turn.say("common.button_expired")

    async def on_text(self, turn: Turn) -> None:
        """Take an organisation's name, or a region typed by its name."""
        text = turn.event.text
        if turn.step == "organisation" and text:
            if len(text) > ORGANISATION_MAX:
                turn.say("voter.organisation_too_long", max=ORGANISATION_MAX, length=len(text))
                return
            turn.data["organisation"] = text
            self._confirm(turn, await find_group(turn.uow, turn.data["group"]))
        elif turn.step == "region" and (found := find_by_name(text)) is not None:
            await self._take_region(turn, found.code)
        else:
            # Saying anything retires the buttons on screen, so the step is shown again.
            turn.say("voter.region_not_found" if turn.step == "region" else "common.use_buttons")
            await self.resume(turn)

    async def _start(self, turn: Turn, ref: str) -> None:
        """Explain at once why the person cannot register, or ask the first question."""
        try:
            group = await find_group(turn.uow, ref)
            await check_can_register(
                turn.uow,
                turn.clock,
                group_code=group.code,
                cycle_code=group.cycle_code,
                person=turn.person,
            )
        except Refused:
            turn.finish()
            raise
        turn.data = {"group": group_ref(group)}
        await self._first_question(turn, group)

    async def _first_question(self, turn: Turn, group: Group) -> None:
        declarations = group.regulation.declarations
        if Declaration.REGION in declarations:
            self._regions(turn, group, 0)
        elif Declaration.ORGANIZATION in declarations:
            self._ask_organisation(turn, group)
        else:
            self._confirm(turn, group)

    def _regions(self, turn: Turn, group: Group, page: int, replace: bool = False) -> None:
        """Show one page of the group's regions, by name, with ◀ ▶ to turn pages."""
        codes = group.regulation.regions
        last = (len(codes) - 1) // PAGE
        page = min(max(page, 0), last)
        turn.goto("region")
        turn.data["page"] = page
        shown = codes[page * PAGE : (page + 1) * PAGE]
        buttons = [Button(f"region:{c}", text=region_name(c, turn.language)) for c in shown]
        keyboard = rows(buttons, width=2)
        turning = []
        if page > 0:
            turning.append(Button(f"page:{page - 1}", key="voter.previous"))
        if page < last:
            turning.append(Button(f"page:{page + 1}", key="voter.next"))
        if turning:
            keyboard += (tuple(turning),)
        params: dict[str, Any] = {
            "group": group.names.get(turn.language),
            "page": page + 1,
            "pages": last + 1,
        }
        turn.say("voter.ask_region", buttons=keyboard, replace=replace, **params)

    async def _take_region(self, turn: Turn, code: str) -> None:
        group = await find_group(turn.uow, turn.data["group"])
        if code not in group.regulation.regions:
            regions = list(group.regulation.regions)
            turn.say(f"reasons.{codes.UNKNOWN_REGION}", region=code, regions=regions)
            await self.resume(turn)
            return
        turn.data["region"] = code
        if Declaration.ORGANIZATION in group.regulation.declarations:
            self._ask_organisation(turn, group)
        else:
            self._confirm(turn, group)

    def _ask_organisation(self, turn: Turn, group: Group) -> None:
        turn.goto("organisation")
        union = group.regulation.voter_kind is VoterKind.ORGANIZATION
        key = "voter.ask_organisation_union" if union else "voter.ask_organisation_member"
        turn.say(key, group=group.names.get(turn.language))

    def _confirm(self, turn: Turn, group: Group) -> None:
        """Show what will be registered, with Register and Change."""
        turn.goto("confirm")
        pairs = (
            ("region", turn.data.get("region")),
            ("organisation", turn.data.get("organisation")),
        )
        declared = {name: value for name, value in pairs if value}
        shape = "_".join(declared) or "nothing"
        buttons = (
            (Button("register", key="voter.register"),),
            (Button("change", key="voter.change"),),
        )
        turn.say(
            f"voter.confirm.{shape}",
            buttons=buttons,
            group=group.names.get(turn.language),
            **declared,
        )

    async def _register(self, turn: Turn) -> None:
        group = await find_group(turn.uow, turn.data["group"])
        name = turn.data.get("organisation")
        claim = None
        if name:
            sealed = turn.vault.sealer.seal(name, organisation_purpose(turn.person))
            claim = OrganisationClaim(sealed, turn.vault.name_key(name))
        done = await register_voter(
            turn.uow,
            turn.clock,
            group_code=group.code,
            cycle_code=group.cycle_code,
            person=turn.person,
            region=turn.data.get("region"),
            organisation=claim,
        )
        turn.finish()
        if done.representative_change:
            outcome = "change"
        else:
            outcome = "admitted" if done.status is VoterStatus.ADMITTED else "pending"
        turn.say(
            f"voter.registered.{outcome}",
            group=group.names.get(turn.language),
            code=readable_code(turn.person),
            status=done.status,
        )
