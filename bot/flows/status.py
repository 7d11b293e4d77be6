"""/status: the person's own registrations, applications and roles, and what comes next.

```mermaid
stateDiagram-v2
    [*] --> [*]: /status (one line per standing, then each group's next deadline;
    [*] --> [*]: the conversation in progress carries on)
```
Only the asker's own standing is shown; nothing about anyone else.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping

from bot.flows.flow import Flow
from bot.flows.groups_overview import tell_monitoring
from bot.flows.turn import Turn
from core.model import Role
from core.privacy import readable_code
from core.regulation import Names
from core.services.context import current_cycle
from core.services.status import PersonStatus, person_status


class Status(Flow):
    name = "status"
    commands = ("status",)
    takes_over = False

    def __init__(self, flows: Callable[[], Mapping[str, Flow]]) -> None:
        self._flows = flows  # to show the step of the conversation in progress again

    async def begin(self, turn: Turn) -> None:
        """Tell the person where they stand, then pick up the conversation where it was."""
        standing = await person_status(turn.uow, turn.clock, person=turn.person)
        if not standing.consented:
            turn.say("status.no_consent")
            return
        code = readable_code(turn.person)
        if not (standing.registrations or standing.applications or standing.roles):
            turn.say("status.nothing", code=code)
        else:
            turn.say("status.header", code=code)
            self._tell(turn, standing, await self._group_names(turn))
            if any(held.role is Role.SECRETARIAT for held in standing.roles):
                await tell_monitoring(turn)  # the Secretariat's standing is every group's
        current = self._flows().get(turn.flow or "")
        if current is not None and turn.step is not None:
            turn.speaker = current.name
            await current.resume(turn)

    def _tell(self, turn: Turn, standing: PersonStatus, names: Mapping[str, Names]) -> None:
        def name(code: str | None) -> str:
            known = names.get(code or "")
            return known.get(turn.language) if known is not None else code or ""

        for voter in standing.registrations:
            shape = "change" if voter.representative_change else voter.status.value
            reason = voter.reason or ""
            turn.say(
                f"status.voter.{shape}", group=name(voter.group), status=voter.status, reason=reason
            )
        for application in standing.applications:
            turn.say(
                f"status.candidate.{application.status.value}",
                group=name(application.group),
                status=application.status,
                reason=application.reason or "",
            )
        for held in standing.roles:
            if held.role is Role.SECRETARIAT:
                turn.say("status.secretariat")
                continue
            pledge = held.role is Role.COMMISSION and not held.pledge_accepted
            key = "status.role_pledge_missing" if pledge else "status.role"
            turn.say(key, role=held.role, group=name(held.group))
        for deadline in standing.deadlines:
            turn.say(f"status.next.{deadline.instant}", group=name(deadline.group), at=deadline.at)

    async def _group_names(self, turn: Turn) -> dict[str, Names]:
        """Name the current cycle's groups, so that the person reads names, not codes."""
        cycle = await current_cycle(turn.uow)
        return {group.code: group.names for group in await turn.uow.groups.for_cycle(cycle.code)}
