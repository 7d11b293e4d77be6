"""/observe: a group's election as observers follow it — stage, counts, decisions, audit log.

```mermaid
stateDiagram-v2
    [*] --> pick: /observe, a role in several groups (or the Secretariat)
    [*] --> overview: /observe, a role in one group
    pick --> overview: a group is chosen
    overview --> decisions: Decisions (latest first, a page at a time)
    overview --> audit: Audit log (latest first, a page at a time)
    decisions --> overview: Back
    audit --> overview: Back
```
Read-only: no button here changes anything. The commission, the Organizing Committee and the
Secretariat may look too; applicants appear only by readable code.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from bot.flows.flow import Flow
from bot.flows.groups import find_group, group_ref
from bot.flows.review_groups import (
    ask_for_group,
    cycle_groups,
    groups_taken_part_in,
    groups_with_role,
    holds_role,
)
from bot.flows.turn import Turn
from bot.flows.vocabulary import Button
from core.audit import AuditEntry
from core.errors import Refused
from core.model import Role
from core.services.audit import verify_audit
from core.services.complaints import complaints_seen_by
from core.services.observing import WATCHING_ROLES, Decision, GroupOverview, group_overview
from core.services.registration import open_groups

PAGE_SIZE = 5  # entries are one message each: five fit a phone screen
# Audit actions with their own sentence in observe.toml ("audit.<action with _>"); others are
# shown by their code, so that an entry added by a later feature is never hidden.
WORDED_ACTIONS = frozenset(
    {
        "voter.registered",
        "voter.admitted",
        "voter.refused",
        "candidate.draft_saved",
        "candidate.edited",
        "candidate.submitted",
        "candidate.withdrawn",
        "candidate.admitted",
        "candidate.refused",
        "complaint.filed",
        "complaint.answered",
        "role.invited",
        "role.granted",
        "role.revoked",
        "role.pledge_accepted",
    }
)
BACK = Button("overview", key="observe.back")


class Observe(Flow):
    name = "observe"
    commands = ("observe",)

    async def begin(self, turn: Turn) -> None:
        """Show the overview of the viewer's group, asking which one if there are several."""
        if turn.argument:
            await self._overview(turn, turn.argument)
            return
        if await holds_role(turn.uow, turn.person, Role.SECRETARIAT):
            groups = await cycle_groups(turn.uow)
        else:
            groups = await groups_with_role(turn.uow, turn.person, WATCHING_ROLES)
        if len(groups) == 1:
            await self._overview(turn, group_ref(groups[0]))
        elif groups:
            ask_for_group(turn, "observe.pick_group", groups)
        else:
            await self._refuse(turn)

    async def resume(self, turn: Turn) -> None:
        """Show the overview again (or the choice of groups)."""
        if turn.data.get("group"):
            await self._overview(turn, str(turn.data["group"]))
        else:
            await self.begin(turn)

    async def on_action(self, turn: Turn, action: str) -> None:
        """Follow a button: a group, a view, or a page of one."""
        kind, _, value = action.partition(":")
        ref = str(turn.data.get("group", ""))
        if kind == "group":
            await self._overview(turn, value)
        elif kind == "overview" and ref:
            await self._overview(turn, ref)
        elif kind == "decisions" and ref:
            overview = await self._read(turn, ref)
            decisions = list(reversed(overview.decisions))
            self._page(turn, "decisions", decisions, int(value), self._say_decision)
        elif kind == "audit" and ref:
            overview = await self._read(turn, ref)
            entries = list(reversed(overview.audit))
            intact = await verify_audit(turn.uow) is None
            self._page(turn, "audit", entries, int(value), self._say_entry, intact=intact)
        else:
            turn.say("common.button_expired")

    async def _refuse(self, turn: Turn) -> None:
        """Let the use case refuse someone without a role, naming a group they know of."""
        known = await groups_taken_part_in(turn.uow, turn.person)
        known = known or await open_groups(turn.uow, turn.clock)
        turn.finish()
        if not known:
            turn.say("observe.no_role")
            return
        await self._read(turn, group_ref(known[0]))  # refuses: overview.no_access
        turn.say("observe.no_role")  # unreachable while the use case refuses; never silent

    async def _read(self, turn: Turn, ref: str) -> GroupOverview:
        group = await find_group(turn.uow, ref)
        return await group_overview(
            turn.uow,
            turn.clock,
            group_code=group.code,
            viewer=turn.person,
            cycle_code=group.cycle_code,
        )

    async def _overview(self, turn: Turn, ref: str) -> None:
        """Show the stage with the calendar, the complaints if visible, then the counts."""
        overview = await self._read(turn, ref)
        turn.goto("overview")
        turn.data["group"] = ref
        name = overview.names.get(turn.language)
        instants: dict[str, Any] = dict(overview.instants)
        if overview.stage is None:
            turn.say("observe.overview_early", group=name, **instants)
        else:
            turn.say("observe.overview", group=name, stage=overview.stage, **instants)
        await self._say_complaints(turn, ref)
        voters = {f"v_{status}": n for status, n in overview.voters_by_status.items()}
        candidates = {f"c_{status}": n for status, n in overview.candidates_by_status.items()}
        counts: dict[str, Any] = {name: 0 for name in _COUNTS} | voters | candidates
        views = (
            Button("decisions:0", key="observe.decisions"),
            Button("audit:0", key="observe.audit"),
        )
        turn.say("observe.counts", buttons=(views,), **counts)

    async def _say_complaints(self, turn: Turn, ref: str) -> None:
        """Count the complaints for those who may read them (not the Organizing Committee)."""
        group = await find_group(turn.uow, ref)
        try:
            complaints = await complaints_seen_by(
                turn.uow, group_code=group.code, viewer=turn.person, cycle_code=group.cycle_code
            )
        except Refused:
            return
        answered = sum(1 for c in complaints if c.answered)
        turn.say("observe.complaints", filed=len(complaints), answered=answered)

    def _page(
        self, turn: Turn, view: str, entries: Sequence[Any], page: int, say: Any, **extra: Any
    ) -> None:
        """Say one page of entries, then where it stands, with the way to the others."""
        pages = max(1, -(-len(entries) // PAGE_SIZE))
        page = min(max(page, 0), pages - 1)
        for entry in entries[page * PAGE_SIZE : (page + 1) * PAGE_SIZE]:
            say(turn, entry)
        arrows = []
        if page > 0:
            arrows.append(Button(f"{view}:{page - 1}", key="observe.newer"))
        if page + 1 < pages:
            arrows.append(Button(f"{view}:{page + 1}", key="observe.older"))
        keyboard = ((tuple(arrows),) if arrows else ()) + ((BACK,),)
        if not entries:
            turn.say(f"observe.{view}_none", buttons=keyboard)
            return
        key = f"observe.{view}_page" + ("" if extra.get("intact", True) else "_broken")
        turn.say(key, buttons=keyboard, page=page + 1, pages=pages, total=len(entries))

    @staticmethod
    def _say_decision(turn: Turn, decision: Decision) -> None:
        params: dict[str, Any] = {
            "code": decision.code,
            "status": decision.status,
            "at": decision.decided_at,
        }
        if decision.reason:
            turn.say("observe.decision_reason", reason=decision.reason, **params)
        else:
            turn.say("observe.decision", **params)

    @staticmethod
    def _say_entry(turn: Turn, entry: AuditEntry) -> None:
        event = entry.event
        payload = event.payload
        subject = payload.get("voter") or payload.get("candidate") or payload.get("holder")
        params: dict[str, Any] = {
            "seq": entry.seq,
            "at": entry.at,
            "actor": event.actor.partition(":")[2] or event.actor,
            "subject": subject or "",
            "role": payload.get("role", ""),
        }
        if event.action in WORDED_ACTIONS:
            turn.say(f"observe.audit_entry.{event.action.replace('.', '_')}", **params)
        else:
            turn.say("observe.audit_entry.other", action=event.action, **params)


_COUNTS = (
    *(f"v_{s}" for s in ("registered", "pending", "admitted", "refused", "replaced")),
    *(f"c_{s}" for s in ("draft", "submitted", "admitted", "refused", "withdrawn")),
)
