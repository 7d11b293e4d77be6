"""/review: the Mandate Commission's queue — admit or refuse applicants, answer complaints.

```mermaid
stateDiagram-v2
    [*] --> pick: /review, a member of several groups' commissions
    [*] --> pledge: /review, pledge not accepted yet
    [*] --> queue: /review, pledged
    pick --> pledge: a group is chosen
    pick --> queue: a group is chosen (pledged)
    pledge --> queue: I declare and accept
    queue --> queue: previous / next page
    queue --> item: an applicant or a complaint is opened
    item --> queue: Admit (the applicant is told)
    item --> reason: Refuse
    reason --> queue: the reason is typed (the applicant is told, with it)
    item --> answer: Answer (a complaint)
    answer --> queue: the answer is typed (the author is told)
    item --> queue: Back
    reason --> queue: Back
    answer --> queue: Back
```
Every decision and answer is audited by the use cases; nothing here writes the log.
"""

from __future__ import annotations

from collections.abc import Awaitable

from bot.flows.flow import Flow
from bot.flows.groups import find_group, group_ref
from bot.flows.review_decide import answer, decide
from bot.flows.review_groups import ask_for_group, groups_with_role
from bot.flows.review_items import BACK, open_item
from bot.flows.review_queue import show_queue
from bot.flows.turn import Turn
from bot.flows.vocabulary import Button
from core.complaint_rules import answer_problem
from core.errors import Refused
from core.model import Role
from core.services.context import candidate_code, voter_code
from core.services.reason_codes import REASON_REQUIRED, REASON_TOO_LONG
from core.services.roles import accept_pledge, active_grant

_RETYPE = {REASON_REQUIRED, REASON_TOO_LONG}  # refusals after which the member types again


class Review(Flow):
    name = "review"
    commands = ("review",)

    async def begin(self, turn: Turn) -> None:
        """Open the queue of the member's group, asking which one if they serve several."""
        groups = await groups_with_role(turn.uow, turn.person, {Role.COMMISSION})
        if not groups:
            turn.finish()
            turn.say("review.no_role")
        elif len(groups) == 1:
            await self._enter(turn, group_ref(groups[0]))
        else:
            ask_for_group(turn, "review.pick_group", groups)

    async def resume(self, turn: Turn) -> None:
        """Show the current step again."""
        target = turn.data.get("target")
        if turn.step == "pledge":
            await self._enter(turn, str(turn.data["group"]))
        elif turn.step in {"item", "reason", "answer"} and target:
            await open_item(turn, target[0], target[1])
        elif turn.step == "queue":
            await show_queue(turn)
        else:
            await self.begin(turn)

    async def on_action(self, turn: Turn, action: str) -> None:
        """Follow a button of the current step."""
        kind, _, value = action.partition(":")
        target = turn.data.get("target") or ["", ""]
        if kind == "group" and turn.step == "pick":
            await self._enter(turn, value)
        elif kind == "pledge" and turn.step == "pledge":
            group = await find_group(turn.uow, str(turn.data["group"]))
            await accept_pledge(turn.uow, turn.clock, group.code, turn.person, group.cycle_code)
            turn.say("review.pledge_accepted")
            await show_queue(turn, 0)
        elif kind == "page" and turn.step == "queue":
            await show_queue(turn, int(value))
        elif kind == "open" and turn.step == "queue" and int(value) < len(turn.data["items"]):
            item_kind, key = turn.data["items"][int(value)]
            await open_item(turn, item_kind, key)
        elif kind == "admit" and turn.step == "item" and target[0] != "complaint":
            await self._settle(turn, decide(turn, target[0], target[1], True, None))
        elif kind == "refuse" and turn.step == "item" and target[0] != "complaint":
            self._ask_reason(turn)
        elif kind == "answer" and turn.step == "item" and target[0] == "complaint":
            turn.goto("answer")
            turn.say("review.ask_answer", buttons=((BACK,),))
        elif kind == "queue" and turn.data.get("group"):
            await show_queue(turn)
        else:
            turn.say("common.button_expired")

    async def on_text(self, turn: Turn) -> None:
        """Take a refusal's reason, or a complaint's answer."""
        kind, key = turn.data.get("target") or ["", ""]
        text = turn.event.text
        if turn.step == "reason":
            await self._settle(turn, decide(turn, kind, key, False, text))
        elif turn.step == "answer":
            problem = answer_problem(text)
            if problem is not None:
                turn.say(problem.code, **problem.params)  # complaint.toml words it
                return
            await self._settle(turn, answer(turn, key, text))
        else:
            turn.say("common.use_buttons")

    async def _enter(self, turn: Turn, ref: str) -> None:
        """Ask for the pledge the first time; then open the queue."""
        group = await find_group(turn.uow, ref)
        turn.data.update(group=group_ref(group), page=0)
        grant = await active_grant(turn.uow, turn.person, Role.COMMISSION, group)
        if grant is not None and grant.pledge_accepted_at is not None:
            await show_queue(turn, 0)
            return
        turn.goto("pledge")
        accept = Button("pledge", key="review.pledge_accept")
        turn.say("review.pledge", buttons=((accept,),), group=group.names.get(turn.language))

    def _ask_reason(self, turn: Turn) -> None:
        kind, key = turn.data["target"]
        turn.goto("reason")
        code = voter_code(key) if kind == "voter" else candidate_code(key)
        turn.say("review.ask_reason", buttons=((BACK,),), code=code)

    async def _settle(self, turn: Turn, action: Awaitable[None]) -> None:
        """Run a decision or an answer; explain a refusal and carry on from where it leaves."""
        try:
            await action
        except Refused as refusal:
            turn.say(f"reasons.{refusal.reason.code}", **refusal.reason.params)
            if refusal.reason.code in _RETYPE:
                self._ask_reason(turn)
                return
        await show_queue(turn)
