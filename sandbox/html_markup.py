"""Telegram's HTML parse mode: supported tags, balance checks and entity extraction."""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from sandbox.textbuilder import MarkupError, TextBuilder, byte_offset

SIMPLE_TAGS = {
    "b": "bold",
    "strong": "bold",
    "i": "italic",
    "em": "italic",
    "u": "underline",
    "ins": "underline",
    "s": "strikethrough",
    "strike": "strikethrough",
    "del": "strikethrough",
    "tg-spoiler": "spoiler",
    "code": "code",
    "pre": "pre",
    "blockquote": "blockquote",
}
SPECIAL_TAGS = {"a", "span", "tg-emoji"}
NAMED_ENTITIES = {"lt": "<", "gt": ">", "amp": "&", "quot": '"'}
ATTRIBUTE = re.compile(r"""([a-zA-Z-]+)(?:\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s"'>]+)))?""")
CHARACTER_REFERENCE = re.compile(r"&(#x[0-9a-fA-F]+|#[0-9]+|[a-zA-Z]+);")


@dataclass
class _OpenTag:
    name: str
    kind: str
    start: int
    extra: dict[str, Any]


def _entity_for(name: str, attributes: dict[str, str], where: int) -> tuple[str, dict[str, Any]]:
    """Map a start tag to an entity type and its extra fields."""
    if name in SIMPLE_TAGS:
        kind = SIMPLE_TAGS[name]
        if kind == "blockquote" and "expandable" in attributes:
            return "expandable_blockquote", {}
        return kind, {}
    if name == "a":
        return "text_link", {"url": attributes.get("href", "")}
    if name == "span" and attributes.get("class") == "tg-spoiler":
        return "spoiler", {}
    if name == "tg-emoji":
        return "custom_emoji", {"custom_emoji_id": attributes.get("emoji-id", "")}
    raise MarkupError(f'Unsupported start tag "{name}" at byte offset {where}')


def _parse_attributes(raw: str) -> dict[str, str]:
    """Parse a tag's attributes into a dictionary."""
    found: dict[str, str] = {}
    for match in ATTRIBUTE.finditer(raw):
        value = next((group for group in match.groups()[1:] if group is not None), "")
        found[match.group(1).lower()] = value
    return found


def _decode_reference(reference: str) -> str | None:
    """Decode ``&name;`` or ``&#n;``; None when Telegram would keep it literally."""
    if reference.startswith("#x"):
        return chr(int(reference[2:], 16))
    if reference.startswith("#"):
        return chr(int(reference[1:]))
    return NAMED_ENTITIES.get(reference)


def _close(text: str, index: int, end: int, stack: list[_OpenTag], builder: TextBuilder) -> None:
    """Handle an end tag, which must close the innermost open tag."""
    name = text[index + 2 : end].strip().lower()
    where = byte_offset(text, index)
    if not stack:
        raise MarkupError(f"Unexpected end tag at byte offset {where}")
    tag = stack.pop()
    if tag.name != name:
        raise MarkupError(
            f'Unmatched end tag at byte offset {where}, expected "</{tag.name}>", found "</{name}>"'
        )
    if tag.kind == "code" and stack and stack[-1].kind == "pre":
        language = tag.extra.get("language")
        if language:  # <pre><code class="language-x"> is one pre entity with a language
            stack[-1].extra["language"] = language
            return
    builder.emit(tag.kind, tag.start, **({} if tag.kind == "code" else tag.extra))


def parse_html(text: str) -> tuple[str, list[dict[str, Any]]]:
    """Parse Telegram HTML into plain text and entities, or raise MarkupError."""
    builder = TextBuilder()
    stack: list[_OpenTag] = []
    index, length = 0, len(text)
    while index < length:
        char = text[index]
        if char == "&":
            match = CHARACTER_REFERENCE.match(text, index)
            decoded = _decode_reference(match.group(1)) if match else None
            if match and decoded is not None:
                builder.add(decoded)
                index = match.end()
                continue
        if char != "<":
            builder.add(char)
            index += 1
            continue
        end = text.find(">", index)
        if end < 0:
            raise MarkupError(f"Unclosed start tag at byte offset {byte_offset(text, index)}")
        if text.startswith("</", index):
            _close(text, index, end, stack, builder)
        else:
            name, _, raw_attributes = text[index + 1 : end].strip().partition(" ")
            name = name.lower()
            attributes = _parse_attributes(raw_attributes)
            kind, extra = _entity_for(name, attributes, byte_offset(text, index))
            if name == "code" and attributes.get("class", "").startswith("language-"):
                extra = {"language": attributes["class"].removeprefix("language-")}
            stack.append(_OpenTag(name, kind, builder.position, extra))
        index = end + 1
    if stack:
        raise MarkupError(f'Can\'t find end tag corresponding to start tag "{stack[-1].name}"')
    return builder.result()
