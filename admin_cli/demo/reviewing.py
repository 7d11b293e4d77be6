"""The Mandate Commission at work during registration: the queue, opened item by item.

The three members share the queue (each takes the applicants whose code falls to them, candidates
first, since the ballot waits for them): every voter the group vets and every candidate is
admitted, except the one application the story has refused with a reason. Each member looks
again every few seconds until the admissions window (registration's opening to the candidate
list) is over, or registration has closed and nothing of theirs waits.
"""

from __future__ import annotations

import asyncio
import re

from admin_cli.demo.person import Person
from admin_cli.demo.theatre import Theatre
from core.services.context import candidate_code

QUEUE = ("review.queue", "review.queue_empty")
ITEM = (
    "review.voter",
    "review.voter_region",
    "review.voter_organisation",
    "review.voter_region_organisation",
    "review.decide_candidate",
    "review.gone",
)
APPLICANT = re.compile(r"^[VC]-[0-9A-Z]{4}-[0-9A-Z]{4}$")
LOOK_AGAIN = 2.0  # seconds between two looks at an empty queue
REASON = "Нет рекомендательного письма сообщества и не подтверждено участие в работе группы."


async def review(
    theatre: Theatre, member: Person, group: str, refused: set[str], share: tuple[int, int]
) -> None:
    """Settle this member's `share` (index, of how many) of the queue until the list is out."""
    calendar = theatre.calendar(group)
    refused_codes = {candidate_code(theatre.codes[who]) for who in refused}
    while theatre.clock.now() < calendar.candidate_list:
        await member.send("/review", *QUEUE, "reasons.admissions.closed")
        waiting = sorted(
            (b for b in member.buttons() if APPLICANT.match(b) and _mine(b, share)),
            key=lambda code: not code.startswith("C-"),
        )
        if not waiting or not member.last_says("review.queue"):
            if theatre.clock.now() >= calendar.registration_closes:
                return
            await asyncio.sleep(LOOK_AGAIN)
            continue
        for code in waiting:
            if theatre.clock.now() >= calendar.candidate_list:
                return
            await _decide(theatre, member, group, code, code in refused_codes)


def _mine(code: str, share: tuple[int, int]) -> bool:
    index, members = share
    return sum(map(ord, code)) % members == index


async def _decide(theatre: Theatre, member: Person, group: str, code: str, refuse: bool) -> None:
    await member.press(code, *ITEM)
    if member.last_says("review.gone"):
        return
    done = (*QUEUE, "reasons.admissions.closed")
    if refuse:
        await member.tap("review.refuse", "review.ask_reason")
        await member.send(REASON, *done)
        theatre.story.tell(f"The {group} commission refused candidate {code}, giving a reason.")
        theatre.story.count(group, "refused by the commission")
    else:
        await member.tap("review.admit", *done)
        theatre.story.count(group, "admitted by the commission")
