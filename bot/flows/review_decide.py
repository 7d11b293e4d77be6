"""The commission's decisions and answers, and who is told of them, each in their own language.

The use cases check everything (a refusal needs a reason, the item must still wait, the stage
must allow it) and audit it; here the outcome becomes notices to the people it concerns.
"""

from __future__ import annotations

from bot.flows.review_queue import current_group
from bot.flows.turn import Turn
from core.complaints import answer_purpose
from core.model import Group, VoterStatus
from core.ports import UnitOfWork
from core.services.complaints import answer_complaint
from core.services.context import candidate_code, voter_code
from core.services.review import decide_candidate, decide_voter


async def language_of(uow: UnitOfWork, person: str) -> str:
    """Return the language the person reads the bot in."""
    stored = await uow.people.get(person)
    return stored.language if stored is not None else "ru"


async def group_name_for(turn: Turn, group: Group, person: str) -> str:
    """Name the group as the person reads it."""
    return group.names.get(await language_of(turn.uow, person))


async def decide(turn: Turn, kind: str, applicant: str, admit: bool, reason: str | None) -> None:
    """Record the decision on the applicant, tell them, and confirm it to the member."""
    group = await current_group(turn)
    if kind == "voter":
        await _decide_voter(turn, group, applicant, admit, reason)
    else:
        await _decide_candidate(turn, group, applicant, admit, reason)


async def _decide_voter(
    turn: Turn, group: Group, voter: str, admit: bool, reason: str | None
) -> None:
    decision = await decide_voter(
        turn.uow,
        turn.clock,
        group_code=group.code,
        reviewer=turn.person,
        voter=voter,
        admit=admit,
        reason=reason,
        cycle_code=group.cycle_code,
    )
    name = await group_name_for(turn, group, voter)
    if decision.status is VoterStatus.REFUSED:
        turn.notify(voter, "review.told.voter_refused", group=name, reason=decision.reason)
    elif decision.replaced is not None:
        turn.notify(voter, "review.told.representative_admitted", group=name)
        gone = await group_name_for(turn, group, decision.replaced)
        turn.notify(decision.replaced, "review.told.replaced", group=gone)
    else:
        turn.notify(voter, "review.told.voter_admitted", group=name)
    turn.say("review.decided", code=voter_code(voter), status=decision.status)


async def _decide_candidate(
    turn: Turn, group: Group, candidate: str, admit: bool, reason: str | None
) -> None:
    decision = await decide_candidate(
        turn.uow,
        turn.clock,
        group_code=group.code,
        reviewer=turn.person,
        candidate=candidate,
        admit=admit,
        reason=reason,
        cycle_code=group.cycle_code,
    )
    name = await group_name_for(turn, group, candidate)
    if admit:
        turn.notify(candidate, "review.told.candidate_admitted", group=name)
    else:
        turn.notify(candidate, "review.told.candidate_refused", group=name, reason=decision.reason)
    turn.say("review.decided", code=candidate_code(candidate), status=decision.status)


async def answer(turn: Turn, complaint_id: str, text: str) -> None:
    """Keep the sealed answer, send it to the complaint's author, and confirm it to the member."""
    group = await current_group(turn)
    answered = await answer_complaint(
        turn.uow,
        turn.clock,
        group_code=group.code,
        complaint_id=complaint_id,
        commission_member=turn.person,
        answer=turn.vault.sealer.seal(text, answer_purpose(complaint_id)),
        cycle_code=group.cycle_code,
    )
    name = await group_name_for(turn, group, answered.author)
    turn.notify(answered.author, "complaint.answered", group=name, answer=text)
    turn.say("review.answer_sent")
