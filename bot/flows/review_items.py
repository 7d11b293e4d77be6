"""One item of the queue opened for the commission: a voter, a candidate, or a complaint.

What applicants declared is opened here and shown only to the pledged commission member reading
it; the queue is read again on every opening, so an item settled by another member meanwhile is
reported gone instead of shown stale.
"""

from __future__ import annotations

import logging
from typing import Any

from bot.flows.review_queue import current_group, show_queue, waiting
from bot.flows.turn import Turn
from bot.flows.vocabulary import Button
from core.application import NO_CONFLICTS, Application
from core.complaints import complaint_purpose
from core.model import Group, VoterStatus
from core.privacy import SealError
from core.services.registration_checks import organisation_purpose
from core.services.review import PendingVoter, SubmittedCandidate

log = logging.getLogger(__name__)
BACK = Button("queue", key="review.back")
DECIDE = ((Button("admit", key="review.admit"), Button("refuse", key="review.refuse")), (BACK,))


async def open_item(turn: Turn, kind: str, key: str) -> None:
    """Show the item, or say it is gone and show the queue again."""
    group = await current_group(turn)
    now_waiting = await waiting(turn, group, open_applications=kind == "candidate")
    turn.data["target"] = [kind, key]
    turn.goto("item")
    if kind == "voter":
        voter = next((v for v in now_waiting.queue.voters if v.pseudonym == key), None)
        if voter is not None:
            _show_voter(turn, voter)
            return
    elif kind == "candidate":
        candidate = next((c for c in now_waiting.queue.candidates if c.pseudonym == key), None)
        if candidate is not None:
            _show_candidate(turn, group, candidate)
            return
    else:
        complaint = next((c for c in now_waiting.complaints if c.id == key), None)
        if complaint is not None:
            text = turn.vault.sealer.open(complaint.text, complaint_purpose(complaint.author))
            answer = Button("answer", key="review.answer")
            turn.say(
                "review.complaint", buttons=((answer,), (BACK,)), at=complaint.filed_at, text=text
            )
            return
    turn.say("review.gone")
    await show_queue(turn)


def _show_voter(turn: Turn, voter: PendingVoter) -> None:
    """Show what the voter declared, under the decision buttons."""
    organisation = _organisation(turn, voter)
    key = "review.voter" + ("_region" if voter.region else "")
    key += "_organisation" if organisation is not None else ""
    if voter.representative_change:
        turn.say("review.representative_change", code=voter.code)
    params: dict[str, Any] = {"region": voter.region, "organisation": organisation}
    turn.say(
        key,
        buttons=DECIDE,
        code=voter.code,
        status=VoterStatus.PENDING,
        registered_at=voter.registered_at,
        **{name: value for name, value in params.items() if value is not None},
    )


def _organisation(turn: Turn, voter: PendingVoter) -> str | None:
    """Open the organisation's name for the commission; None if there is none to open."""
    if voter.organisation is None:
        return None
    try:
        return turn.vault.sealer.open(voter.organisation, organisation_purpose(voter.pseudonym))
    except SealError:
        log.warning("a pending voter's organisation could not be opened")
        return None


def _show_candidate(turn: Turn, group: Group, candidate: SubmittedCandidate) -> None:
    """Show the application in parts a chat message holds, each document, then the decision."""
    form = candidate.application or Application()
    turn.say(
        "review.candidate",
        code=candidate.code,
        order=candidate.application_order or 0,
        submitted_at=candidate.submitted_at,
        name=form.name,
        statement=form.statement,
        documents=len(form.documents),
    )
    turn.say("review.report_back", text=form.report_back)
    if form.conflicts == NO_CONFLICTS:
        turn.say("review.no_conflicts")
    else:
        turn.say("review.conflicts", text=form.conflicts)
    names = {r.code: r.names.get(turn.language) for r in group.regulation.documents}
    for document in form.documents:
        requirement = names.get(document.requirement_code, document.requirement_code)
        turn.say(
            "review.document",
            document=document.file_id,
            requirement=requirement,
            file_name=document.file_name,
        )
    turn.say("review.decide_candidate", buttons=DECIDE, code=candidate.code)
