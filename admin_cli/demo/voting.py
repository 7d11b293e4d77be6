"""Voting, a voter's side: /vote, a mark per contest (or a blank), the confirmation, the receipt.

Voters lean towards some candidates more than others, so the results are not a coin toss. The
late voter opens the ballot in time but taps Confirm only after the close: the bot refuses, and
the attempt is counted as late. Those who try to vote twice are shown their receipt again, or
vote again where the regulation allows it.
"""

from __future__ import annotations

import re
from datetime import timedelta

from admin_cli.demo.casting import Conduct, VoterPlan
from admin_cli.demo.person import Person
from admin_cli.demo.theatre import Theatre
from admin_cli.demo.words import keys_under

UNMARKED = "☐"  # how the ballot shows a candidate not marked yet
RECEIPT = re.compile(r"R-[0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]{4}")
LATE_BY = timedelta(seconds=1)


def _screens() -> tuple[tuple[str, ...], tuple[str, ...]]:
    """The selection screens, and the answers that end the ballot without one."""
    selections = keys_under("vote.select.")
    endings = ("vote.already_voted", *keys_under("reasons.voting."), *keys_under("reasons.ballot."))
    return selections, endings


async def vote(
    theatre: Theatre, person: Person, plan: VoterPlan, group: str, names: list[str]
) -> None:
    """Vote as `plan` says, at its time in the voting window."""
    calendar = theatre.calendar(group)
    await theatre.within(calendar.voting_opens, calendar.voting_closes, plan.votes_at)
    await _ballot(theatre, person, plan, group, names, plan.favourites)
    if plan.conduct is Conduct.VOTES_TWICE and theatre.clock.now() < calendar.voting_closes:
        await _ballot(theatre, person, plan, group, names, plan.favourites[::-1])


async def _ballot(
    theatre: Theatre,
    person: Person,
    plan: VoterPlan,
    group: str,
    names: list[str],
    favourites: tuple[int, int],
) -> None:
    selections, endings = _screens()
    await person.send("/vote", *selections, *endings)
    if not any(person.last_says(key) for key in selections):
        again = person.says("vote.already_voted")
        theatre.story.count(group, "shown their receipt again" if again else "could not vote")
        return
    contest = 0
    while any(person.last_says(key) for key in selections):
        if plan.conduct is Conduct.ABSTAINS:
            await person.tap("vote.abstain", *selections, "vote.confirm")
        else:
            await _mark(person, names, favourites[min(contest, 1)])
            onward = "vote.review" if person.has_button("vote.review") else "vote.next"
            await person.tap(onward, *selections, "vote.confirm")
        contest += 1
    if plan.conduct is Conduct.LATE:
        await theatre.until(theatre.calendar(group).voting_closes + LATE_BY)
    cast = ("vote.recorded", "vote.recorded_again", *endings)
    await person.tap("vote.confirm_button", *cast)
    found = RECEIPT.search(person.last_text())
    if found and (person.last_says("vote.recorded") or person.last_says("vote.recorded_again")):
        theatre.story.receipt(group, plan.who, found.group())
        what = "abstained" if plan.conduct is Conduct.ABSTAINS else "voted"
        theatre.story.count(
            group, what if not person.last_says("vote.recorded_again") else "voted again"
        )
    else:
        theatre.story.count(group, "late" if plan.conduct is Conduct.LATE else "refused a ballot")


async def _mark(person: Person, names: list[str], favourite: int) -> None:
    """Tick the favourite candidate, or the first on the ballot if they are not on it.

    The selection is edited in place, so the answer is the same screen, with the mark."""
    wanted = f"{UNMARKED} {names[favourite]}" if favourite < len(names) else None
    toggles = [b for b in person.buttons() if b.startswith(UNMARKED)]
    if toggles:  # no toggles: nobody stands, and the ballot can only be left blank
        await person.press(wanted if wanted in toggles else toggles[0], *keys_under("vote.select."))
