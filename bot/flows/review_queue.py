"""The commission's queue screen: what waits for a decision or an answer, a page at a time.

Buttons carry only an index into the page, kept in the sealed notes: a pseudonym never travels
to Telegram, and an item another member settled meanwhile is found gone when it is opened.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any

from bot.flows.groups import find_group
from bot.flows.turn import Turn, rows
from bot.flows.vocabulary import Button
from core.complaints import Complaint
from core.model import Group
from core.services.complaints import complaints_seen_by
from core.services.review import ReviewQueue, review_queue

PAGE_SIZE = 8  # a phone screen of buttons


@dataclass(frozen=True)
class Item:
    kind: str  # "voter", "candidate" or "complaint"
    key: str  # the applicant's pseudonym, or the complaint's id
    code: str | None = None  # an applicant's readable code, their button's label
    filed_at: datetime | None = None  # a complaint's, its button's label

    def button(self, action: str) -> Button:
        """Label applicants by code; complaints, which have none, by when they came."""
        if self.code is not None:
            return Button(action, text=self.code)
        return Button(action, key="review.complaint_button", params={"at": self.filed_at})


@dataclass(frozen=True)
class Waiting:
    queue: ReviewQueue
    complaints: tuple[Complaint, ...]  # unanswered, oldest first

    def items(self) -> list[Item]:
        """List everything waiting, applicants by readable code, oldest first in each kind."""
        voters = [Item("voter", v.pseudonym, code=v.code) for v in self.queue.voters]
        candidates = [Item("candidate", c.pseudonym, code=c.code) for c in self.queue.candidates]
        complaints = [Item("complaint", c.id, filed_at=c.filed_at) for c in self.complaints]
        return voters + candidates + complaints


async def current_group(turn: Turn) -> Group:
    """Return the group the member is reviewing now."""
    return await find_group(turn.uow, str(turn.data["group"]))


async def waiting(turn: Turn, group: Group, *, open_applications: bool = False) -> Waiting:
    """Read the queue and the unanswered complaints (applications opened only when asked)."""
    sealer = turn.vault.sealer if open_applications else None
    queue = await review_queue(
        turn.uow,
        turn.clock,
        group_code=group.code,
        reviewer=turn.person,
        sealer=sealer,
        cycle_code=group.cycle_code,
    )
    complaints = await complaints_seen_by(
        turn.uow, group_code=group.code, viewer=turn.person, cycle_code=group.cycle_code
    )
    return Waiting(queue, tuple(c for c in complaints if not c.answered))


async def show_queue(turn: Turn, page: int | None = None) -> None:
    """Show the counts and one button per waiting item on the requested (or current) page."""
    group = await current_group(turn)
    now_waiting = await waiting(turn, group)
    items = now_waiting.items()
    pages = max(1, -(-len(items) // PAGE_SIZE))
    page = min(max(page if page is not None else int(turn.data.get("page", 0)), 0), pages - 1)
    shown = items[page * PAGE_SIZE : (page + 1) * PAGE_SIZE]
    turn.goto("queue")
    turn.data.update(page=page, items=[[item.kind, item.key] for item in shown])
    turn.data.pop("target", None)
    buttons = [item.button(f"open:{i}") for i, item in enumerate(shown)]
    keyboard = rows(buttons, width=2) + _pager(page, pages)
    counts: dict[str, Any] = {
        "group": group.names.get(turn.language),
        "voters": len(now_waiting.queue.voters),
        "candidates": len(now_waiting.queue.candidates),
        "complaints": len(now_waiting.complaints),
    }
    key = "review.queue" if items else "review.queue_empty"
    turn.say(key, buttons=keyboard, page=page + 1, pages=pages, **counts)


def _pager(page: int, pages: int) -> tuple[tuple[Button, ...], ...]:
    """Offer the previous and next pages when there are any."""
    arrows = []
    if page > 0:
        arrows.append(Button(f"page:{page - 1}", key="review.previous"))
    if page + 1 < pages:
        arrows.append(Button(f"page:{page + 1}", key="review.next"))
    return (tuple(arrows),) if arrows else ()
