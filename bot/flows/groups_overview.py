"""/groups: the Secretariat's monitoring in the bot — every group's stage, deadline and turnout.

```mermaid
stateDiagram-v2
    [*] --> [*]: /groups (Secretariat only; one short message per group)
```
The same figures as `saylau status`, without the regional breakdown (the CLI has it, with small
figures suppressed); the conversation in progress is not interrupted.
"""

from __future__ import annotations

from bot.flows.flow import Flow
from bot.flows.review_groups import holds_role
from bot.flows.turn import Turn
from core.errors import Refused
from core.model import CandidateStatus, Role, VoterStatus
from core.reasons import Reason
from core.services.monitoring import GroupStatus, election_status
from core.services.roles import NOT_HELD_ANYWHERE


class GroupsOverview(Flow):
    name = "groups"
    commands = ("groups",)
    takes_over = False

    async def begin(self, turn: Turn) -> None:
        """Show every group's progress, if the person holds the Secretariat role."""
        if not await holds_role(turn.uow, turn.person, Role.SECRETARIAT):
            raise Refused(Reason(NOT_HELD_ANYWHERE, {"role": Role.SECRETARIAT.value}))
        await tell_monitoring(turn)


async def tell_monitoring(turn: Turn) -> None:
    """Say every group's progress, one short message each (the Secretariat's /status too)."""
    status = await election_status(turn.uow, turn.clock)
    turn.say("groups.header", cycle=status.names.get(turn.language), at=status.at)
    for group in status.groups:
        _tell(turn, group)


def _tell(turn: Turn, group: GroupStatus) -> None:
    deadline = group.next_deadline
    turnout = f"{group.turnout:.0%}" if group.turnout is not None else "—"
    params: dict[str, object] = {
        "code": group.code,
        "group": group.names.get(turn.language),
        "stage": group.stage.value if group.stage else "preparation",
        "registered": sum(group.voters.values()),
        "admitted": group.voters.get(VoterStatus.ADMITTED.value, 0),
        "pending": group.voters.get(VoterStatus.PENDING.value, 0),
        "candidates": group.candidates.get(CandidateStatus.ADMITTED.value, 0),
        "submitted": group.candidates.get(CandidateStatus.SUBMITTED.value, 0),
        "voted": group.voted,
        "turnout": turnout,
    }
    if deadline is None:
        turn.say_values("groups.group_done", params)
    else:
        turn.say_values("groups.group", {**params, "instant": deadline[0], "at": deadline[1]})
