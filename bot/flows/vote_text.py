"""Plain-text pieces for messages assembled from several catalogue lines (a ballot summary, a
result, a page of receipts), and the cutting of long text into messages Telegram accepts.

A piece is rendered in the reader's language without HTML, then placed into a catalogue message
as one parameter, where the renderer escapes it exactly once: people's names stay safe and are
never escaped twice. Piece templates (`vote.line.*`, `results.line.*`, `board.line.*`) therefore
hold no markup. Pieces carry no dates: those stay parameters of the outer message, which the
engine shows in the configured time zone.
"""

from __future__ import annotations

import html
from functools import cache
from typing import Any

from bot.flows.render import Renderer
from bot.i18n.catalogue import Catalogue

MESSAGE_CHARS = 3500  # of one piece of text, well under Telegram's 4096 with the header around it


@cache
def renderer() -> Renderer:
    """The catalogue's renderer for text composed outside a turn (pieces, announcements)."""
    return Renderer(Catalogue.load())


def plain(language: str, key: str, **params: Any) -> str:
    """Render catalogue piece `key` in `language` as text without markup."""
    shown_by = renderer()
    shown = shown_by.words(params, language)
    # The catalogue escapes each value for HTML; undoing it on a markup-free template gives the
    # exact text back, to be escaped once where it is finally shown.
    return html.unescape(shown_by.catalogue.text(language, key, shown))


def cut(entries: list[str], limit: int = MESSAGE_CHARS) -> list[str]:
    """Join `entries` with blank lines into as few pieces as fit `limit` characters each."""
    pieces: list[str] = []
    current = ""
    for entry in entries:
        entry = entry if len(entry) <= limit else entry[: limit - 1].rstrip() + "…"
        joined = f"{current}\n\n{entry}" if current else entry
        if current and len(joined) > limit:
            pieces.append(current)
            joined = entry
        current = joined
    if current:
        pieces.append(current)
    return pieces
