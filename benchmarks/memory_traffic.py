"""What a phone does to the bot while the memory is measured: /status, then a whole /vote.

Labels come from the bot's own Russian catalogue, so that a reworded button does not break the
benchmark. A step that times out counts as a failure and ends that phone's turn; the benchmark
goes on, since memory is what it measures.
"""

from __future__ import annotations

import re
from collections.abc import Awaitable, Callable
from typing import Any

from bot.i18n.catalogue import Catalogue
from sandbox.phone import Phone

STEP_TIMEOUT = 60.0  # generous: the bot may be writing 100,000 announcements meanwhile
_CATALOGUE = Catalogue.load()


def _label(key: str) -> str:
    return _CATALOGUE.messages["ru"][key]


def _plain(key: str) -> str:
    """The first words of a message as shown: tags stripped, up to its first placeholder."""
    text = re.sub(r"<[^>]+>", "", _label(key))
    return text.split("{")[0].split("(")[0].strip()


def _buttons(phone: Phone) -> set[str]:
    return {
        button["text"]
        for message in phone.messages()
        for row in (message.inline_markup or {}).get("inline_keyboard", [])
        for button in row
    }


async def _step(phone: Phone, action: Awaitable[Any], done: Callable[[], bool]) -> None:
    await action
    await phone.wait_until(done, timeout=STEP_TIMEOUT)


async def use_the_bot(phone: Phone, candidates: list[str]) -> bool:
    """Ask /status, then vote for the first candidate; True if every step got its answer."""
    name = candidates[0]
    answers = phone.conversation.bot_messages
    recorded = _plain("vote.recorded")
    try:
        before = len(answers)
        await _step(phone, phone.send("/status"), lambda: len(answers) > before)
        await _step(phone, phone.send("/vote"), lambda: f"☐ {name}" in _buttons(phone))
        await _step(phone, phone.tap(f"☐ {name}"), lambda: f"☑ {name}" in _buttons(phone))
        confirm = _label("vote.confirm_button")
        await _step(phone, phone.tap(_label("vote.review")), lambda: confirm in _buttons(phone))
        await _step(
            phone,
            phone.tap(confirm),
            lambda: any(recorded in (message.text or "") for message in answers),
        )
    except (TimeoutError, LookupError):
        return False
    return True
