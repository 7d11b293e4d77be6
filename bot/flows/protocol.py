"""/protocol: the Mandate Commission receives its group's protocol as a PDF, to check and sign.

```mermaid
stateDiagram-v2
    [*] --> pick: /protocol (a member of several commissions)
    [*] --> [*]: /protocol (one group: the PDF in the member's language)
    pick --> [*]: a group is chosen (the PDF)
```
Until the commission confirms the results, every page of the PDF says DRAFT.
"""

from __future__ import annotations

from typing import cast

from bot.flows.flow import Flow
from bot.flows.groups import group_ref
from bot.flows.review_groups import ask_for_group, groups_with_role
from bot.flows.turn import Turn
from core.errors import Refused
from core.model import Group, Role
from core.ports_dialogue import ComplaintsUnitOfWork
from core.reasons import Reason
from core.services.roles import NOT_HELD_ANYWHERE
from reports.bundle import Format, protocol_files
from reports.protocol_data import gather_protocol
from reports.texts import Language


class Protocol(Flow):
    name = "protocol"
    commands = ("protocol",)

    async def begin(self, turn: Turn) -> None:
        """Send the protocol of the member's group, or ask which group."""
        groups = await groups_with_role(turn.uow, turn.person, {Role.COMMISSION}, pledged=True)
        if not groups:
            turn.finish()
            raise Refused(Reason(NOT_HELD_ANYWHERE, {"role": Role.COMMISSION.value}))
        if len(groups) > 1:
            ask_for_group(turn, "protocol.which_group", groups)
        else:
            await self._send(turn, groups[0])

    async def on_action(self, turn: Turn, action: str) -> None:
        """A group was chosen."""
        kind, _, value = action.partition(":")
        groups = await groups_with_role(turn.uow, turn.person, {Role.COMMISSION}, pledged=True)
        chosen = [g for g in groups if group_ref(g) == value]
        if kind == "group" and chosen:
            await self._send(turn, chosen[0])
        else:
            turn.say("common.button_expired")

    async def _send(self, turn: Turn, group: Group) -> None:
        uow = cast(ComplaintsUnitOfWork, turn.uow)
        data = await gather_protocol(
            uow, turn.clock, group_code=group.code, sealer=turn.vault.sealer
        )
        language = Language(turn.language)
        files = protocol_files(data, language, [Format.PDF])
        name, content = next((n, c) for n, c in files.items() if n.endswith(".pdf"))
        key = "protocol.draft" if data.draft else "protocol.final"
        turn.finish()
        turn.send_file(key, name, content, group=group.names.get(turn.language))
