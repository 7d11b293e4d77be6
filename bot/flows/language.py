"""/language: pick Russian, Kazakh or English; the conversation in progress carries on.

```mermaid
stateDiagram-v2
    [*] --> choose: /language
    choose --> [*]: a language is chosen (the current step is shown again in it)
```
"""

from __future__ import annotations

from collections.abc import Callable, Mapping

from bot.flows.flow import Flow
from bot.flows.turn import Turn
from bot.flows.vocabulary import Button
from bot.i18n.catalogue import LANGUAGES
from core.services.people import set_language

# Each language is offered under its own name, whatever language the bot speaks now; so these
# names are not in the catalogues, where each text follows the reader's language.
_NAMES = {"ru": "Русский", "kk": "Қазақша", "en": "English"}


class Language(Flow):
    name = "language"
    commands = ("language",)
    takes_over = False

    def __init__(self, flows: Callable[[], Mapping[str, Flow]]) -> None:
        self._flows = flows  # to show the current step again, in the new language

    async def begin(self, turn: Turn) -> None:
        """Offer the three languages."""
        buttons = tuple(Button(code, text=_NAMES[code]) for code in LANGUAGES)
        turn.say("language.choose", buttons=(buttons,))

    async def on_action(self, turn: Turn, action: str) -> None:
        """Switch to the chosen language and pick the conversation up where it was."""
        if action not in LANGUAGES:
            turn.say("common.button_expired")
            return
        turn.chosen_language = turn.language = action
        if await turn.uow.people.get(turn.person) is not None:
            await set_language(turn.uow, person=turn.person, language=action)
        turn.say("language.chosen")
        current = self._flows().get(turn.flow or "")
        if current is not None:
            turn.speaker = current.name
            await current.resume(turn)
