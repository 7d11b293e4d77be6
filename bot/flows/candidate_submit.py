"""The two decisions a candidate makes about the whole application: submit it, or withdraw it."""

from __future__ import annotations

from bot.flows.candidate_form import Place, explain, read_place
from bot.flows.candidate_preview import show_actions, show_preview
from bot.flows.turn import Turn
from bot.flows.vocabulary import Button
from core.errors import Refused
from core.services.candidacy import submit, withdraw


async def submit_application(turn: Turn) -> None:
    """Submit the saved form; what is missing is named in the person's language."""
    place = await read_place(turn)
    try:
        await submit(
            turn.uow,
            turn.clock,
            group_code=place.group.code,
            cycle_code=place.group.cycle_code,
            person=turn.person,
            sealer=turn.vault.sealer,
        )
    except Refused as refusal:
        explain(turn, refusal, place.group)
        show_actions(turn, place)  # a new message retires the old buttons: offer them again
        return
    turn.finish()
    _tell(turn, place, "candidate.submitted")


def confirm_withdrawal(turn: Turn) -> None:
    """Ask once more: withdrawing is a real decision, not a slip of the thumb."""
    turn.goto("withdraw")
    yes = Button("withdraw_yes", key="candidate.withdraw_yes")
    no = Button("withdraw_no", key="candidate.withdraw_no")
    turn.say("candidate.withdraw_confirm", buttons=((yes,), (no,)))


async def withdraw_application(turn: Turn, confirmed: bool) -> None:
    """Withdraw when confirmed; otherwise show the application again."""
    place = await read_place(turn)
    if not confirmed:
        show_preview(turn, place)
        return
    await withdraw(
        turn.uow,
        turn.clock,
        group_code=place.group.code,
        cycle_code=place.group.cycle_code,
        person=turn.person,
    )
    turn.finish()
    _tell(turn, place, "candidate.withdrawn")


def _tell(turn: Turn, place: Place, key: str) -> None:
    group = place.group
    closes_at = group.calendar.registration_closes
    turn.say(key, group=group.names.get(turn.language), closes_at=closes_at)
