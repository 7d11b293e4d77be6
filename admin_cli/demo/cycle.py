"""One group's election from start to end, with everyone in it acting at once.

Each person is a task that does their steps in order at the times the stored calendar gives
(a voter registers, then later votes); the commission's first member keeps the review queue
moving meanwhile. A person who gets no answer in time is a problem the demo reports at the end,
not a crash: the others carry on.
"""

from __future__ import annotations

import asyncio
from collections.abc import Awaitable

from admin_cli.demo.applying import apply
from admin_cli.demo.appointing import appoint, link_chat, try_a_second_group
from admin_cli.demo.casting import Conduct, GroupPlan, VoterPlan
from admin_cli.demo.joining import register
from admin_cli.demo.person import NoAnswer
from admin_cli.demo.results import settle_results
from admin_cli.demo.reviewing import review
from admin_cli.demo.theatre import Theatre
from admin_cli.demo.voting import vote


async def attempt(theatre: Theatre, step: Awaitable[object]) -> None:
    """Run one person's part; a missing answer (or anything else) becomes a reported problem."""
    try:
        await step
    except NoAnswer as problem:
        theatre.story.problems.append(str(problem))
    except Exception as error:  # a script's own mistake must not stop everyone else
        theatre.story.problems.append(f"a simulated person stumbled: {error!r}")


async def run_group(theatre: Theatre, plan: GroupPlan, crossing: str | None) -> None:
    """Appoint, register, review, vote and settle the results of one group."""
    officials = await appoint(theatre, plan)
    await attempt(theatre, link_chat(theatre, plan.code, officials.committee))
    if crossing is not None:
        await attempt(theatre, try_a_second_group(theatre, officials.commission[0], crossing))
    standing = [c.name for c in plan.candidates if not (c.barred or c.refused)]
    refused = {c.who for c in plan.candidates if c.refused}
    people: list[Awaitable[object]] = [
        _voter_life(theatre, voter, plan.code, standing) for voter in plan.voters
    ]
    people += [apply(theatre, candidate, plan.code) for candidate in plan.candidates]
    commission = officials.commission
    people += [
        review(theatre, member, plan.code, refused, (n, len(commission)))
        for n, member in enumerate(commission)
    ]
    await asyncio.gather(*(attempt(theatre, part) for part in people))
    await attempt(theatre, settle_results(theatre, officials, plan))


async def _voter_life(theatre: Theatre, plan: VoterPlan, group: str, names: list[str]) -> None:
    person = await register(theatre, plan, group)
    if plan.conduct is not Conduct.NEVER:
        await vote(theatre, person, plan, group, names)
