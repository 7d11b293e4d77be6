"""One turn of a conversation: the event, the person's state, and what the flow decides."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from bot.flows.render import Renderer
from bot.flows.vocabulary import Button, Event, Keyboard, Notice, Say
from bot.vault import Vault
from core.ports import Clock
from core.ports_dialogue import DialogueUnitOfWork


@dataclass
class Turn:
    event: Event
    uow: DialogueUnitOfWork
    clock: Clock
    now: datetime
    language: str
    flow: str | None
    step: str | None
    data: dict[str, Any]
    vault: Vault
    renderer: Renderer  # the bot's catalogue, zone and default language, for composed copies
    said: list[Say] = field(default_factory=list)
    notices: list[Notice] = field(default_factory=list)
    chosen_language: str | None = None  # set when the person picks a language explicitly
    argument: str = ""  # what a flow is started with: a command's argument, or a hand-over's
    handover: tuple[str, str] | None = None  # (flow, argument) to start once this reaction ends
    speaker: str | None = None  # the flow reacting right now; set by the engine
    repeat: bool = False  # a second press of a button already acted on; set by the engine

    @property
    def person(self) -> str:
        return self.event.person

    def say(
        self,
        key: str,
        buttons: Keyboard = (),
        replace: bool = False,
        document: str | None = None,
        **params: Any,
    ) -> None:
        """Answer the sender with catalogue message `key` (as a file's caption with `document`)."""
        self.said.append(Say(key, params, buttons, replace, self.speaker, document))

    def send_file(self, key: str, name: str, content: bytes, **params: Any) -> None:
        """Upload a file the bot made (a protocol), with catalogue message `key` as its caption."""
        self.said.append(Say(key, params, origin=self.speaker, upload=(name, content)))

    def say_values(self, key: str, params: Mapping[str, Any], buttons: Keyboard = ()) -> None:
        """Answer with `key` filled from `params` as given (any names, even `document`)."""
        self.said.append(Say(key, dict(params), buttons, origin=self.speaker))

    def notify(self, person: str, key: str, **params: Any) -> None:
        """Tell someone else (by pseudonym) catalogue message `key` in their own language."""
        self.notices.append(Notice(person, Say(key, params)))

    def goto(self, step: str) -> None:
        """Wait for the person's next input at `step`."""
        self.step = step

    def begin(self, flow: str, step: str | None = None) -> None:
        """Start `flow` afresh, forgetting any half-finished one."""
        self.flow, self.step, self.data = flow, step, {}

    def hand_over(self, flow: str, argument: str = "") -> None:
        """Pass the person on to another flow (the group menu starting a registration)."""
        self.handover = (flow, argument)

    def finish(self) -> None:
        """End the flow; the next free text is answered with a hint, not taken as input."""
        self.flow, self.step, self.data = None, None, {}


def rows(buttons: list[Button], width: int = 2) -> Keyboard:
    """Lay buttons out `width` to a row, as a phone screen holds them comfortably."""
    return tuple(tuple(buttons[i : i + width]) for i in range(0, len(buttons), width))
