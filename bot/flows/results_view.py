"""The result as /results shows it: one version, its state, and the commission's next step."""

from __future__ import annotations

from bot.flows.results_text import candidate_names, describe, late_counts
from bot.flows.turn import Turn
from bot.flows.vocabulary import Button
from bot.flows.vote_text import cut
from core.errors import Refused
from core.model import Group
from core.ports_voting import StoredResult
from core.result_codec import result_from_json
from core.services.board import refuse_unless_watching

BACK = Button("back", key="results.back")


async def watching(turn: Turn, group: Group) -> bool:
    """Whether the person watches the group's election (and so sees an unconfirmed count)."""
    try:
        await refuse_unless_watching(turn.uow, group, turn.person)
    except Refused:
        return False
    return True


async def show_result(turn: Turn, group: Group, stored: StoredResult, commission: bool) -> None:
    """Show `stored`; the commission may confirm it, or record a withdrawal once confirmed."""
    result = result_from_json(stored.result)
    names = await candidate_names(turn.uow, group, turn.vault.sealer)
    late = await late_counts(turn.uow, group)
    details = describe(result, names, late, turn.language)
    confirmed = stored.confirmed_at is not None
    buttons: tuple[tuple[Button, ...], ...] = ()
    if commission:
        turn.goto("view")
        turn.data.update(version=stored.version, rule=group.regulation.withdrawal_rule.value)
        step = (
            Button("withdraw", key="results.withdraw_button")
            if confirmed
            else Button("confirm", key="results.confirm_button")
        )
        buttons = ((step,),)
    else:
        turn.finish()
    state = "confirmed" if confirmed else "awaiting"
    pieces = cut(details.split("\n\n"))
    for number, piece in enumerate(pieces):
        last = number == len(pieces) - 1
        turn.say(
            f"results.view.{state}" if number == 0 else "results.view_more",
            buttons=buttons if last else (),
            group=group.names.get(turn.language),
            version=stored.version,
            details=piece,
        )
