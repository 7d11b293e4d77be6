"""/vote: the ballot in a private chat — the candidates, a selection per contest, a confirmation.

```mermaid
stateDiagram-v2
    [*] --> pick: /vote, voting open in several of the person's groups
    [*] --> select: /vote or the group menu's Vote (the candidates and statements first)
    [*] --> [*]: not an elector, voting not open or closed, voted (no revote: the receipt again)
    pick --> select: a group is chosen
    select --> select: ☐/☑ a candidate (never more marks than allowed)
    select --> select: Abstain / Next (the next contest)
    select --> confirm: Abstain / Next on the last contest
    confirm --> select: Change
    confirm --> [*]: Confirm (the ballot is cast; the receipt, sent after the commit)
    [*] --> [*]: Confirm pressed again (a double tap): the receipt again, nothing cast
```
The marks live only in the conversation's sealed notes until the cast; finishing the flow
empties them, and nothing here logs them.
"""

from __future__ import annotations

from bot.flows.flow import Flow
from bot.flows.groups import find_group, group_ref
from bot.flows.review_groups import ask_for_group, groups_taken_part_in
from bot.flows.turn import Turn
from bot.flows.vote_ballot import (
    choices,
    contest,
    marks,
    names,
    remember,
    show_candidates,
    show_confirm,
    show_selection,
)
from bot.flows.vote_text import plain
from core.errors import Refused
from core.model import BallotStatus, Group
from core.services.ballot import BallotPaper, ballot_paper
from core.services.voting import Receipt, cast_ballot


class Vote(Flow):
    name = "vote"
    commands = ("vote",)

    async def begin(self, turn: Turn) -> None:
        """Open the ballot of the group named, or of the one group voting now, or ask which."""
        if turn.argument:
            await self._open(turn, turn.argument)
            return
        voting = [
            group
            for group in await groups_taken_part_in(turn.uow, turn.person)
            if group.calendar.voting_open_at(turn.now)
        ]
        if not voting:
            turn.finish()
            turn.say("vote.nothing_open")
        elif len(voting) == 1:
            await self._open(turn, group_ref(voting[0]))
        else:
            ask_for_group(turn, "vote.pick_group", voting)

    async def resume(self, turn: Turn) -> None:
        """Show the current step again."""
        if turn.step == "select":
            show_selection(turn)
        elif turn.step == "confirm":
            show_confirm(turn)
        else:
            await self.begin(turn)

    async def on_action(self, turn: Turn, action: str) -> None:
        """Take a group, a mark, an abstention, a step on, a change or the confirmation."""
        kind, _, value = action.partition(":")
        if kind == "group" and turn.step == "pick":
            await self._open(turn, value)
        elif kind == "mark" and turn.step == "select" and value in names(turn):
            self._toggle(turn, value)
        elif kind == "blank" and turn.step == "select":
            turn.data["marks"][str(contest(turn)["id"])] = []
            self._onward(turn)
        elif kind == "next" and turn.step == "select":
            self._onward(turn)
        elif kind == "change" and turn.step == "confirm":
            turn.data["at"] = 0
            show_selection(turn)
        elif kind == "confirm" and turn.step == "confirm":
            await self._cast(turn)
        else:
            turn.say("common.button_expired")

    async def on_repeat(self, turn: Turn, action: str) -> None:
        """Answer a second press: Confirm shows the ballot kept and never casts another."""
        kind, _, ref = action.partition(":")
        if kind != "confirm" or not ref:
            turn.say("common.already_pressed")
            return
        # Only looked at, never cast: with a revote allowed, a second cast would replace the
        # ballot the voter just confirmed.
        group, paper = await _paper(turn, ref)
        if paper.voted:
            name = group.names.get(turn.language)
            turn.say("vote.already_recorded", group=name, receipt=paper.receipt)
        else:
            turn.say("common.already_pressed")  # the first press was refused, and said why

    async def on_text(self, turn: Turn) -> None:
        """Typed text is no mark: point to the buttons and show them again."""
        turn.say("common.use_buttons")
        await self.resume(turn)

    async def _open(self, turn: Turn, ref: str) -> None:
        """Show the ballot, or why the person cannot vote here (their receipt, if they voted)."""
        try:
            group, paper = await _paper(turn, ref)
        except Refused:
            turn.finish()
            raise
        if paper.voted and not paper.may_revote:
            turn.finish()
            turn.say(
                "vote.already_voted", group=group.names.get(turn.language), receipt=paper.receipt
            )
            return
        if paper.may_revote:
            turn.say("vote.revote_notice", receipt=paper.receipt, closes_at=paper.closes_at)
        remember(turn, group_ref(group), paper)
        show_candidates(turn, paper)
        if not paper.contests:
            turn.finish()
            return
        show_selection(turn)

    def _toggle(self, turn: Turn, code: str) -> None:
        """Mark or unmark a candidate; refuse a mark beyond the allowed number, keeping the rest."""
        marked, allowed = marks(turn), int(contest(turn)["choices"])
        if code in marked:
            marked.remove(code)
        elif len(marked) >= allowed:
            turn.say("vote.too_many", choices=allowed)
            show_selection(turn)
            return
        else:
            marked.append(code)
        turn.data["marks"][str(contest(turn)["id"])] = marked
        show_selection(turn, replace=True)

    def _onward(self, turn: Turn) -> None:
        turn.data["at"] = int(turn.data["at"]) + 1
        if turn.data["at"] < len(turn.data["contests"]):
            show_selection(turn)
        else:
            show_confirm(turn)

    async def _cast(self, turn: Turn) -> None:
        """Cast the ballot; the receipt goes out with the commit that records it, or not at all."""
        group = await find_group(turn.uow, turn.data["group"])
        marked = choices(turn)
        turn.finish()  # the marks are forgotten whatever the outcome
        receipt = await cast_ballot(
            turn.uow,
            turn.clock,
            group_code=group.code,
            cycle_code=group.cycle_code,
            person=turn.person,
            choices=marked,
            sealer=turn.vault.sealer,
        )
        key = "vote.recorded_again" if receipt.replaced_earlier else "vote.recorded"
        turn.say(key, replace=True, receipt=receipt.code, group=group.names.get(turn.language))
        self._flaws(turn, receipt)

    def _flaws(self, turn: Turn, receipt: Receipt) -> None:
        """Say where a contest's ballot was kept as invalid (a candidate withdrew meanwhile)."""
        for part in receipt.contests:
            if part.status is BallotStatus.INVALID and part.reason is not None:
                where = plain(turn.language, f"vote.contest.{part.kind.value}")
                why = plain(turn.language, f"reasons.{part.reason}")
                turn.say("vote.invalid", contest=where, reason=why)


async def _paper(turn: Turn, ref: str) -> tuple[Group, BallotPaper]:
    """The group a reference names, and the person's ballot paper in it."""
    group = await find_group(turn.uow, ref)
    paper = await ballot_paper(
        turn.uow,
        turn.clock,
        group_code=group.code,
        cycle_code=group.cycle_code,
        person=turn.person,
        sealer=turn.vault.sealer,
    )
    return group, paper
