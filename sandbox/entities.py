"""Turn a message's text and parse_mode into what Telegram stores: plain text plus entities."""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any

from sandbox.errors import bad_request
from sandbox.html_markup import parse_html
from sandbox.markdown_markup import parse_markdown_legacy, parse_markdown_v2
from sandbox.textbuilder import MarkupError, utf16_len

Parser = Callable[[str], tuple[str, list[dict[str, Any]]]]
PARSERS: dict[str, Parser] = {
    "html": parse_html,
    "markdownv2": parse_markdown_v2,
    "markdown": parse_markdown_legacy,
}
# Telegram highlights these in every message, formatted or not
AUTO_ENTITIES = re.compile(
    r"(?P<bot_command>(?<![\w/])/[A-Za-z0-9_]{1,32}(?:@[A-Za-z0-9_]{3,32})?(?![\w/]))"
    r"|(?P<url>https?://[^\s<>\"]+)"
    r"|(?P<mention>(?<![\w@])@[A-Za-z0-9_]{5,32})"
    r"|(?P<hashtag>(?<![\w#])#\w+)"
)
OPAQUE = frozenset({"code", "pre", "text_link", "url"})


def _auto_entities(text: str, existing: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Find commands, links, mentions and hashtags outside code and links."""
    if not any(mark in text for mark in "/@#"):
        return []
    found: list[dict[str, Any]] = []
    opaque = [(e["offset"], e["offset"] + e["length"]) for e in existing if e["type"] in OPAQUE]
    for match in AUTO_ENTITIES.finditer(text):
        offset = match.start() if text.isascii() else utf16_len(text[: match.start()])
        length = utf16_len(match.group())
        if any(start < offset + length and offset < end for start, end in opaque):
            continue
        found.append({"type": match.lastgroup, "offset": offset, "length": length})
    return found


def format_text(
    text: str, parse_mode: str | None, entities: list[dict[str, Any]] | None
) -> tuple[str, list[dict[str, Any]] | None]:
    """Return plain text and entities for a message, or raise Telegram's parse error."""
    parsed: list[dict[str, Any]] = list(entities or [])
    if parse_mode and entities is None:
        parser = PARSERS.get(parse_mode.lower())
        if parser is None:
            raise bad_request(f"unsupported parse_mode {parse_mode}")
        try:
            text, parsed = parser(text)
        except MarkupError as error:
            raise bad_request(f"can't parse entities: {error}") from error
    parsed += _auto_entities(text, parsed)
    if not parsed:
        return text, None
    parsed.sort(key=lambda entity: (entity["offset"], -entity["length"]))
    return text, parsed


def check_text(text: str, caption: bool = False) -> None:
    """Refuse an empty text or an over-long text or caption with Telegram's descriptions."""
    if not caption and not text.strip():
        raise bad_request("message text is empty")
    if caption and utf16_len(text) > 1024:
        raise bad_request("message caption is too long")
    if utf16_len(text) > 4096:
        raise bad_request("message is too long")
