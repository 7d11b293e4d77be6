"""/help: the election's help line — answers to the questions people ask most.

```mermaid
stateDiagram-v2
    [*] --> topics: /help
    topics --> topics: a topic is chosen (its answer, and the topics again)
```
"""

from __future__ import annotations

from bot.flows.flow import Flow
from bot.flows.turn import Turn, rows
from bot.flows.vocabulary import Button

TOPICS = ("ccm", "who_votes", "deadlines", "privacy", "complaints")


class Help(Flow):
    name = "help"
    commands = ("help",)
    takes_over = False

    async def begin(self, turn: Turn) -> None:
        """List the topics."""
        buttons = [Button(topic, key=f"help.topic.{topic}") for topic in TOPICS]
        turn.say("help.intro", buttons=rows(buttons, width=1))

    async def resume(self, turn: Turn) -> None:
        await self.begin(turn)

    async def on_action(self, turn: Turn, action: str) -> None:
        """Answer one topic, then offer the others."""
        if action not in TOPICS:
            turn.say("common.button_expired")
            return
        turn.say(f"help.answer.{action}")
        await self.begin(turn)


class Fallback(Flow):
    """Answers free text typed outside any conversation: a hint, never silence."""

    name = "fallback"
    takes_over = False

    async def begin(self, turn: Turn) -> None:
        turn.say("common.what_next")
