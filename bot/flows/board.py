"""/board: the bulletin board — every contest's receipt codes, the totals once confirmed, and for
those who watch the election the anonymised ballots to recount.

```mermaid
stateDiagram-v2
    [*] --> pick: /board, voting has opened in several groups
    [*] --> receipts: /board (the totals first, once the commission has confirmed them)
    pick --> receipts: a group is chosen
    receipts --> receipts: ◀ ▶, the other contest, a receipt code typed (is it listed?)
    receipts --> ballots: Anonymised ballots (commission, observers, committee; after the close)
    ballots --> ballots: ◀ ▶, the other contest
    ballots --> receipts: Receipts
```
Read-only: nothing here changes anything, and no receipt is ever linked to a ballot.
"""

from __future__ import annotations

import re

from bot.flows.board_pages import show_ballots, show_receipts, totals_text
from bot.flows.flow import Flow
from bot.flows.groups import find_group, group_ref
from bot.flows.results_text import candidate_names
from bot.flows.results_view import watching
from bot.flows.review_groups import ask_for_group, cycle_groups, groups_taken_part_in
from bot.flows.turn import Turn
from bot.flows.vocabulary import Button
from bot.flows.vote_text import plain
from core.model import Group
from core.receipts import RECEIPT_PATTERN
from core.services.board import Board as BoardView
from core.services.board import anonymised_ballots, bulletin_board
from core.services.context import group_id

# Crockford's reading of letters people mistype for digits, as receipts are written.
_MISREAD = str.maketrans({"O": "0", "I": "1", "L": "1"})


def receipt_typed(text: str) -> str | None:
    """The receipt code in what the person typed (any case, spaces or dashes), if it is one."""
    letters = re.sub(r"[^0-9A-Za-z]", "", text).upper()
    if not letters.startswith("R"):
        return None
    body = letters[1:].translate(_MISREAD)
    code = f"R-{body[:4]}-{body[4:8]}-{body[8:]}"
    return code if RECEIPT_PATTERN.match(code) else None


class Board(Flow):
    name = "board"
    commands = ("board",)

    async def begin(self, turn: Turn) -> None:
        """Open the board of the group named, or of the person's group, or ask which."""
        if turn.argument:
            await self._open(turn, await find_group(turn.uow, turn.argument))
            return
        started = [g for g in await cycle_groups(turn.uow) if turn.now >= g.calendar.voting_opens]
        mine = {g.id for g in await groups_taken_part_in(turn.uow, turn.person)}
        offered = [g for g in started if g.id in mine] or started
        if not offered:
            turn.finish()
            turn.say("board.none_yet")
        elif len(offered) == 1:
            await self._open(turn, offered[0])
        else:
            ask_for_group(turn, "board.pick_group", offered)

    async def resume(self, turn: Turn) -> None:
        """Show the current page again."""
        if "group" not in turn.data:
            await self.begin(turn)
            return
        await self._page(turn, int(turn.data.get("page", 0)), replace=False)

    async def on_action(self, turn: Turn, action: str) -> None:
        """Turn a page, switch contest, or switch between receipts and ballots."""
        kind, _, value = action.partition(":")
        if kind == "group" and turn.step == "pick":
            await self._open(turn, await find_group(turn.uow, value))
        elif kind == "page" and "group" in turn.data and value.isdigit():
            await self._page(turn, int(value), replace=True)
        elif kind == "contest" and "group" in turn.data:
            count = len(turn.data["contests"])
            turn.data["contest"] = (int(turn.data["contest"]) + 1) % count
            await self._page(turn, 0, replace=True)
        elif kind in {"ballots", "receipts"} and "group" in turn.data:
            turn.data["view"] = kind
            await self._page(turn, 0, replace=True)
        else:
            turn.say("common.button_expired")

    async def on_text(self, turn: Turn) -> None:
        """Check that a typed receipt code is listed on the board."""
        code = receipt_typed(turn.event.text)
        if code is None or "group" not in turn.data:
            turn.say("board.type_receipt")
            return
        group = await find_group(turn.uow, turn.data["group"])
        board = await bulletin_board(turn.uow, group_code=group.code, cycle_code=group.cycle_code)
        found = [
            plain(turn.language, f"vote.contest.{c.kind.value}")
            for c in board.contests
            if code in c.receipts
        ]
        name = group.names.get(turn.language)
        if found:
            turn.say("board.found", receipt=code, group=name, contests=found)
        else:
            turn.say("board.not_found", receipt=code, group=name)

    async def _open(self, turn: Turn, group: Group) -> None:
        """Introduce the board, show the confirmed totals, then the first page of receipts."""
        board = await bulletin_board(turn.uow, group_code=group.code, cycle_code=group.cycle_code)
        turn.data = {
            "group": group_ref(group),
            "contests": [c.contest_id for c in board.contests],
            "contest": 0,
            "view": "receipts",
        }
        turn.goto("board")
        turn.say("board.header", group=group.names.get(turn.language))
        if board.confirmed_version is not None:
            names = await candidate_names(turn.uow, group, turn.vault.sealer)
            totals = "\n\n".join(totals_text(turn, c, names) for c in board.contests)
            turn.say("board.totals", version=board.confirmed_version, totals=totals)
        await self._page(turn, 0, replace=False, board=board)

    async def _page(
        self, turn: Turn, page: int, replace: bool, board: BoardView | None = None
    ) -> None:
        """Show a page of the current view of the current contest."""
        group = await find_group(turn.uow, turn.data["group"])
        if board is None:
            board = await bulletin_board(
                turn.uow, group_code=group.code, cycle_code=group.cycle_code
            )
        index = int(turn.data["contest"]) % max(1, len(board.contests))
        others = []
        if len(board.contests) > 1:
            others.append(Button("contest", key="board.other_contest"))
        may_recount = await self._may_recount(turn, group)
        if turn.data["view"] == "ballots" and may_recount:
            others.append(Button("receipts", key="board.receipts_button"))
            ballots = await anonymised_ballots(
                turn.uow, group_code=group.code, viewer=turn.person, cycle_code=group.cycle_code
            )
            names = await candidate_names(turn.uow, group, turn.vault.sealer)
            show_ballots(turn, ballots[index], names, page, others, replace)
            return
        if may_recount:
            others.append(Button("ballots", key="board.ballots_button"))
        show_receipts(turn, board.contests[index], page, others, replace)

    async def _may_recount(self, turn: Turn, group: Group) -> bool:
        """Ballots are shown after the count, to those who watch the election."""
        counted = bool(await turn.uow.results.versions(group_id(group)))
        return counted and await watching(turn, group)
