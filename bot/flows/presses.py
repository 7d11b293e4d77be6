"""What a pressed button is to the engine: live, spent (a double tap) or stale.

Whenever the bot answers, the buttons shown before retire, so that an old screen cannot act
again. The one button just acted on is remembered apart, until the next action: two taps on it
arrive one after the other, and the second is a repeat, answered as the flow answers a repeated
action, not as a stale button. It is remembered sealed, under a key no token can be, because
which button someone pressed can be their choice (a ballot's mark), and the buttons map is stored
in the clear; a fresh seal each time keeps stored states from being matched to one another.
"""

from __future__ import annotations

import base64
import json
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Protocol, runtime_checkable

from bot.flows.flow import Flow
from bot.flows.turn import Turn
from bot.flows.vocabulary import EventKind
from bot.vault import Vault

SPENT = "~spent"  # a token is URL-safe base64, so never this


@runtime_checkable
class AnswersRepeats(Protocol):
    """A flow with an answer of its own to a second press (/vote shows the receipt again)."""

    async def on_repeat(self, turn: Turn, action: str) -> None: ...


@dataclass(frozen=True)
class Press:
    target: str | None  # "flow:action", or None for a stale or forged button
    repeat: bool = False  # the button was acted on already


async def press(
    turn: Turn, buttons: Mapping[str, str], flows: Mapping[str, Flow], vault: Vault
) -> None:
    """Hand a pressed button to its flow: to act, to answer a repeat, or call it stale."""
    found = look_up(buttons, turn.event.token, vault, turn.person)
    flow_name, _, action = (found.target or "").partition(":")
    if found.target is None or flow_name not in flows:
        turn.say("common.button_expired")
        return
    turn.speaker, flow = flow_name, flows[flow_name]
    if not found.repeat:
        await flow.on_action(turn, action)
        return
    # A double tap: the first press acted; this one must neither act again nor be called stale.
    turn.repeat = True
    if isinstance(flow, AnswersRepeats):
        await flow.on_repeat(turn, action)
    else:
        turn.say("common.already_pressed")


def look_up(buttons: Mapping[str, str], token: str | None, vault: Vault, person: str) -> Press:
    """Tell what the button with `token` stands for, and whether it was pressed before."""
    if not token or token == SPENT:
        return Press(None)
    if token in buttons:
        return Press(buttons[token])
    target = _spent(buttons, vault, person).get(token)
    return Press(target, repeat=target is not None)


def remaining(
    buttons: Mapping[str, str], fresh: dict[str, str], turn: Turn, vault: Vault
) -> dict[str, str]:
    """The buttons valid once `turn` is answered; `fresh` are those of its messages."""
    event = turn.event
    if not (turn.said and event.private):
        # Nothing said, or said in a group chat: the private chat's screen is unchanged.
        return dict(buttons)
    if turn.repeat:
        # A repeat acted on nothing, so the screen it answers over stays valid.
        return {**buttons, **fresh}
    pressed = event.token if event.kind is EventKind.BUTTON else None
    if pressed is None or pressed == SPENT or pressed not in buttons:
        return fresh
    sealed = vault.sealer.seal(json.dumps({pressed: buttons[pressed]}), _purpose(turn.person))
    return {**fresh, SPENT: base64.b64encode(sealed).decode()}


def _spent(buttons: Mapping[str, str], vault: Vault, person: str) -> dict[str, str]:
    if SPENT not in buttons:
        return {}
    try:
        opened = vault.sealer.open(base64.b64decode(buttons[SPENT]), _purpose(person))
    except ValueError:  # a SealError too: unreadable (a key rotated), so the press is stale
        return {}
    return {str(token): str(target) for token, target in json.loads(opened).items()}


def _purpose(person: str) -> str:
    return f"pressed:{person}"
