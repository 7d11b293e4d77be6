"""What a conversation is to the engine: a named step machine that reacts to one event at a time."""

from __future__ import annotations

from typing import ClassVar

from bot.flows.turn import Turn


class Flow:
    """Base of every conversation; a subclass overrides the reactions it has."""

    name: ClassVar[str]
    commands: ClassVar[tuple[str, ...]] = ()
    # Side flows (/language, /help) answer without abandoning the conversation in progress.
    takes_over: ClassVar[bool] = True
    # Only a flow that says so answers a command sent in a group chat (/link); registration
    # and voting stay private.
    group_chat: ClassVar[bool] = False

    async def begin(self, turn: Turn) -> None:
        """Start: the person sent one of `commands` (its argument is `turn.event.text`)."""
        raise NotImplementedError

    async def resume(self, turn: Turn) -> None:
        """Show the current step again (after a language switch, or a stale button)."""
        turn.say("common.what_next")

    async def on_text(self, turn: Turn) -> None:
        """React to free text typed at the current step."""
        turn.say("common.use_buttons")

    async def on_action(self, turn: Turn, action: str) -> None:
        """React to one of this flow's buttons."""
        turn.say("common.button_expired")

    async def on_document(self, turn: Turn) -> None:
        """React to a file sent at the current step."""
        turn.say("common.no_file_expected")
