"""Telegram's MarkdownV2 and legacy Markdown parse modes, with their escaping rules."""

from __future__ import annotations

from typing import Any

from sandbox.textbuilder import MarkupError, TextBuilder, byte_offset

RESERVED_V2 = frozenset("_*[]()~`>#+-=|{}.!")
TOGGLES_V2: tuple[tuple[str, str], ...] = (
    ("||", "spoiler"),
    ("__", "underline"),
    ("*", "bold"),
    ("_", "italic"),
    ("~", "strikethrough"),
)
ENTITY_NAMES = {
    "bold": "Bold",
    "italic": "Italic",
    "underline": "Underline",
    "strikethrough": "Strikethrough",
    "spoiler": "Spoiler",
    "text_link": "TextUrl",
}


def _reserved(char: str) -> MarkupError:
    return MarkupError(
        f"Character '{char}' is reserved and must be escaped with the preceding '\\'"
    )


def _escapable(text: str, index: int, escapes: bool) -> bool:
    """Tell whether a backslash at ``index`` escapes the next character (any ASCII 1-126)."""
    return (
        escapes and text[index] == "\\" and index + 1 < len(text) and 0 < ord(text[index + 1]) < 127
    )


def _read_until(text: str, index: int, closing: str, escapes: bool) -> tuple[str, int] | None:
    """Read escaped text up to ``closing``; return it and the index after the closing mark."""
    chars: list[str] = []
    while index < len(text):
        if _escapable(text, index, escapes):
            chars.append(text[index + 1])
            index += 2
        elif text.startswith(closing, index):
            return "".join(chars), index + len(closing)
        else:
            chars.append(text[index])
            index += 1
    return None


def _read_code(text: str, index: int, builder: TextBuilder, escapes: bool) -> int:
    """Parse an inline code span or a pre block starting at ``index``."""
    fence = "```" if text.startswith("```", index) else "`"
    found = _read_until(text, index + len(fence), fence, escapes)
    if found is None:
        name = "Pre" if fence == "```" else "Code"
        raise MarkupError(
            f"Can't find end of {name} entity at byte offset {byte_offset(text, index)}"
        )
    body, after = found
    start = builder.position
    if fence == "`":
        builder.add(body)
        builder.emit("code", start)
        return after
    language, newline, rest = body.partition("\n")
    if newline and language and " " not in language:
        body = rest
    else:
        language = ""
    builder.add(body)
    builder.emit("pre", start, language=language)
    return after


def _read_link_url(text: str, index: int) -> tuple[str, int]:
    """Read the ``(url)`` part of an inline link that must follow ``]``."""
    if not text.startswith("(", index):
        raise _reserved("]")
    found = _read_until(text, index + 1, ")", True)
    if found is None:
        raise MarkupError(f"Can't find end of a URL at byte offset {byte_offset(text, index)}")
    return found


def parse_markdown_v2(text: str) -> tuple[str, list[dict[str, Any]]]:
    """Parse MarkdownV2 into plain text and entities, or raise MarkupError."""
    builder = TextBuilder()
    opened: dict[str, tuple[int, int]] = {}
    quote_start: int | None = None
    index = 0
    while index < len(text):
        char = text[index]
        if _escapable(text, index, True):
            builder.add(text[index + 1])
            index += 2
            continue
        if char == "`":
            index = _read_code(text, index, builder, True)
            continue
        if char == "\r":  # Telegram ignores it; it separates "_" from "__" in "___a_\r__"
            index += 1
            continue
        toggle = next((pair for pair in TOGGLES_V2 if text.startswith(pair[0], index)), None)
        if toggle is not None:
            mark, kind = toggle
            if kind in opened:
                builder.emit(kind, opened.pop(kind)[0])
            else:
                opened[kind] = (builder.position, index)
            index += len(mark)
            continue
        if char == "[":
            opened["text_link"] = (builder.position, index)
        elif char == "]" and "text_link" in opened:
            url, index = _read_link_url(text, index + 1)
            builder.emit("text_link", opened.pop("text_link")[0], url=url)
            continue
        elif char == ">" and (index == 0 or text[index - 1] == "\n"):
            quote_start = builder.position if quote_start is None else quote_start
        elif char == "\n" and quote_start is not None and not text.startswith(">", index + 1):
            builder.emit("blockquote", quote_start)
            quote_start = None
            builder.add(char)
        elif char in RESERVED_V2:
            raise _reserved(char)
        else:
            builder.add(char)
        index += 1
    if quote_start is not None:
        builder.emit("blockquote", quote_start)
    if opened:
        kind, (_, where) = min(opened.items(), key=lambda item: item[1][1])
        offset = byte_offset(text, where)
        raise MarkupError(f"Can't find end of {ENTITY_NAMES[kind]} entity at byte offset {offset}")
    return builder.result()


def parse_markdown_legacy(text: str) -> tuple[str, list[dict[str, Any]]]:
    """Parse legacy Markdown (bold, italic, code, pre, links; no nesting)."""
    builder = TextBuilder()
    index = 0
    while index < len(text):
        char = text[index]
        if char == "\\" and text[index + 1 : index + 2] in ("_", "*", "`", "["):
            builder.add(text[index + 1])
            index += 2
        elif char == "`":
            index = _read_code(text, index, builder, False)
        elif char in "*_":
            end = text.find(char, index + 1)
            if end < 0:
                where = byte_offset(text, index)
                raise MarkupError(f"Can't find end of the entity starting at byte offset {where}")
            start = builder.position
            builder.add(text[index + 1 : end])
            builder.emit("bold" if char == "*" else "italic", start)
            index = end + 1
        elif char == "[" and (close := text.find("](", index)) > 0 and ")" in text[close:]:
            end = text.index(")", close)
            start = builder.position
            builder.add(text[index + 1 : close])
            builder.emit("text_link", start, url=text[close + 2 : end])
            index = end + 1
        else:
            builder.add(char)
            index += 1
    return builder.result()
