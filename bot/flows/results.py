"""/results: the count after the close; the commission confirms it, which publishes it, and
records the withdrawal of an elected person.

```mermaid
stateDiagram-v2
    [*] --> pick: /results, several groups have closed their vote
    [*] --> view: /results (the commission; the vote is counted now if the scheduler has not)
    [*] --> [*]: anyone else: the confirmed result (watchers also see one awaiting confirmation)
    pick --> view: a group is chosen
    view --> [*]: Confirm results (published to the group's chat and members)
    view --> withdraw: Record a withdrawal (a confirmed result)
    withdraw --> withdrawing: an elected person is chosen
    withdrawing --> view: Record it (a new version, to confirm)
    withdraw --> view: Back
    withdrawing --> view: Back
```
Every confirmation and withdrawal is audited by the use cases; nothing here writes the log.
"""

from __future__ import annotations

from bot.flows.flow import Flow
from bot.flows.groups import find_group, group_ref
from bot.flows.results_publish import changes_text, publish
from bot.flows.results_text import candidate_names, who
from bot.flows.results_view import BACK, show_result, watching
from bot.flows.review_groups import ask_for_group, cycle_groups, groups_taken_part_in
from bot.flows.turn import Turn, rows
from bot.flows.vocabulary import Button
from bot.flows.vote_text import plain
from core.election import Seat
from core.errors import Refused
from core.model import Group, Role
from core.result_codec import result_from_json
from core.services.closing import close_voting
from core.services.context import group_id
from core.services.results import confirm_results, latest_result, withdraw_elected
from core.services.review_access import refuse_unless_commission
from core.services.roles import active_grant


class Results(Flow):
    name = "results"
    commands = ("results",)

    async def begin(self, turn: Turn) -> None:
        """Show the result of the group named, or of the person's closed group, or ask which."""
        if turn.argument:
            await self._show(turn, await find_group(turn.uow, turn.argument))
            return
        closed = [g for g in await cycle_groups(turn.uow) if turn.now >= g.calendar.voting_closes]
        mine = {g.id for g in await groups_taken_part_in(turn.uow, turn.person)}
        offered = [g for g in closed if g.id in mine] or closed
        if not offered:
            turn.finish()
            turn.say("results.none_yet")
        elif len(offered) == 1:
            await self._show(turn, offered[0])
        else:
            ask_for_group(turn, "results.pick_group", offered)

    async def resume(self, turn: Turn) -> None:
        """Show the current step again."""
        if "group" in turn.data:
            await self._show(turn, await find_group(turn.uow, turn.data["group"]))
        else:
            await self.begin(turn)

    async def on_action(self, turn: Turn, action: str) -> None:
        """Take a group, a confirmation, or a step of recording a withdrawal."""
        kind, _, value = action.partition(":")
        if kind == "group" and turn.step == "pick":
            await self._show(turn, await find_group(turn.uow, value))
        elif kind == "confirm" and turn.step == "view":
            await self._confirm(turn)
        elif kind == "withdraw" and turn.step == "view":
            await self._ask_who(turn)
        elif kind == "who" and turn.step == "withdraw" and value in turn.data["elected"]:
            self._ask_sure(turn, value)
        elif kind == "record" and turn.step == "withdrawing":
            await self._withdraw(turn)
        elif kind == "back" and turn.step in {"withdraw", "withdrawing"}:
            await self.resume(turn)
        else:
            turn.say("common.button_expired")

    async def _show(self, turn: Turn, group: Group) -> None:
        """The latest version the person may see, with the commission's buttons."""
        turn.data = {"group": group_ref(group)}
        name = group.names.get(turn.language)
        if turn.now < group.calendar.voting_closes:
            turn.finish()
            turn.say("results.not_closed", group=name, closes_at=group.calendar.voting_closes)
            return
        commission = await active_grant(turn.uow, turn.person, Role.COMMISSION, group)
        if commission is not None:
            try:
                await refuse_unless_commission(turn.uow, group, turn.person)
            except Refused:
                turn.finish()
                raise
            if not await turn.uow.results.versions(group_id(group)):
                # The scheduler closes the vote; should it lag, the commission need not wait.
                await close_voting(
                    turn.uow,
                    turn.clock,
                    group_code=group.code,
                    sealer=turn.vault.sealer,
                    cycle_code=group.cycle_code,
                )
        versions = await turn.uow.results.versions(group_id(group))
        if commission is None and not await watching(turn, group):
            versions = [v for v in versions if v.confirmed_at is not None]
        if not versions:
            turn.finish()
            closed_at = group.calendar.voting_closes
            turn.say("results.not_published", group=name, closed_at=closed_at)
            return
        await show_result(turn, group, versions[-1], commission is not None)

    async def _confirm(self, turn: Turn) -> None:
        """Confirm the version on screen and publish it; a newer one is shown instead."""
        group = await find_group(turn.uow, turn.data["group"])
        latest = await latest_result(turn.uow, group)
        if latest.version != turn.data.get("version"):
            turn.say("results.changed_meanwhile")
            await self._show(turn, group)
            return
        confirmation = await confirm_results(
            turn.uow,
            turn.clock,
            group_code=group.code,
            cycle_code=group.cycle_code,
            member=turn.person,
        )
        sent = await publish(turn, group, confirmation)
        turn.finish()
        name = group.names.get(turn.language)
        turn.say("results.confirmed", group=name, version=confirmation.version, sent=sent)

    async def _ask_who(self, turn: Turn) -> None:
        """Offer the elected, members first, to choose who withdraws."""
        group = await find_group(turn.uow, turn.data["group"])
        result = result_from_json((await latest_result(turn.uow, group)).result)
        names = await candidate_names(turn.uow, group, turn.vault.sealer)
        elected = sorted(
            result.elected, key=lambda e: (e.place.seat is Seat.ALTERNATE, e.place.position)
        )
        turn.data["elected"] = [e.candidate_id for e in elected]
        turn.data["names"] = {e.candidate_id: who(names, e.candidate_id) for e in elected}
        turn.goto("withdraw")
        buttons = [
            Button(f"who:{e.candidate_id}", text=who(names, e.candidate_id)) for e in elected
        ]
        turn.say("results.pick_withdrawn", buttons=(*rows(buttons, width=1), (BACK,)))

    def _ask_sure(self, turn: Turn, candidate: str) -> None:
        """Say what the group's withdrawal rule will do, and ask before recording it."""
        group_rule = turn.data["rule"]
        turn.data["candidate"] = candidate
        turn.goto("withdrawing")
        record = Button("record", key="results.record_withdrawal")
        rule = plain(turn.language, f"results.line.rule.{group_rule}")
        shown = turn.data["names"][candidate]
        turn.say("results.withdraw_sure", buttons=((record, BACK),), who=shown, rule=rule)

    async def _withdraw(self, turn: Turn) -> None:
        """Record the withdrawal as a new version and show it, waiting for confirmation."""
        group = await find_group(turn.uow, turn.data["group"])
        withdrawal = await withdraw_elected(
            turn.uow,
            turn.clock,
            group_code=group.code,
            cycle_code=group.cycle_code,
            candidate=turn.data["candidate"],
            actor=turn.person,
        )
        names = await candidate_names(turn.uow, group, turn.vault.sealer)
        changes = changes_text(withdrawal.changes, [withdrawal.candidate], names, turn.language)
        turn.say("results.withdrawal_recorded", version=withdrawal.version, changes=changes)
        await show_result(turn, group, await latest_result(turn.uow, group), True)
