"""The bot's own words, read from its catalogues, so the simulated people recognise its screens.

Scripts name buttons and screens by catalogue key, never by a literal sentence: the same script
then works for a person who reads Russian, Kazakh or English, and keeps working when a sentence
is reworded.
"""

from __future__ import annotations

import html
import re
from functools import cache
from typing import Any

from bot.flows.render import Renderer
from bot.i18n.catalogue import Catalogue

_NOT_LITERAL = re.compile(r"\{[^}]*\}|<[^>]*>|\n")


@cache
def _renderer() -> Renderer:
    return Renderer(Catalogue.load())


def label(language: str, key: str, **params: Any) -> str:
    """The text of the button the bot labels with `key`."""
    renderer = _renderer()
    return renderer.catalogue.text(language, key, renderer.words(params, language))


@cache
def fragment(language: str, key: str) -> str:
    """The longest stretch of message `key` that never varies and that no other message has:
    what to look for on screen (the longest stretch, if every one is shared)."""
    messages = _renderer().catalogue.messages[language]
    pieces = [
        html.unescape(piece).strip(' .,:;!?"«»()') for piece in _NOT_LITERAL.split(messages[key])
    ]
    pieces.sort(key=len, reverse=True)
    others = [text for name, text in messages.items() if name != key]
    for piece in pieces:
        if len(piece) >= 4 and not any(piece in html.unescape(text) for text in others):
            return piece
    return pieces[0]


def keys_under(prefix: str) -> tuple[str, ...]:
    """Every catalogue key starting with `prefix`, e.g. each contest's selection screen."""
    messages = _renderer().catalogue.messages["ru"]
    return tuple(sorted(key for key in messages if key.startswith(prefix)))
