"""Formatted text becomes plain text plus entities, exactly as Telegram parses it."""

from __future__ import annotations

import html

import pytest
from aiogram.types import MessageEntity
from aiogram.utils.text_decorations import html_decoration, markdown_decoration
from hypothesis import given
from hypothesis import strategies as st
from telegram.helpers import escape_markdown

from sandbox.entities import format_text
from sandbox.errors import BotApiError
from sandbox.html_markup import parse_html
from sandbox.markdown_markup import parse_markdown_legacy, parse_markdown_v2
from sandbox.textbuilder import MarkupError

# MarkdownV2 drops "\r" (it is the separator in "___a_\r__"), so texts here leave it out
TEXT = st.text(
    st.characters(min_codepoint=1, exclude_categories=("Cs",), exclude_characters="\r"),
    max_size=60,
)


def spans(entities: list[dict[str, object]]) -> list[tuple[object, ...]]:
    return [(e["type"], e["offset"], e["length"]) for e in entities]


def test_sandbox_html_tags_become_entities_with_utf16_offsets() -> None:
    text, entities = parse_html("😀 <b>Сәлем</b> <a href='https://x.kz'>site</a> &lt;3 &amp; &#33;")
    assert text == "😀 Сәлем site <3 & !"
    assert spans(entities) == [("bold", 3, 5), ("text_link", 9, 4)]
    assert entities[1]["url"] == "https://x.kz"


def test_sandbox_html_pre_with_language_and_spoiler() -> None:
    text, entities = parse_html(
        '<pre><code class="language-python">x = 1</code></pre><tg-spoiler>s</tg-spoiler>'
    )
    assert text == "x = 1s"
    assert entities == [
        {"type": "pre", "offset": 0, "length": 5, "language": "python"},
        {"type": "spoiler", "offset": 5, "length": 1},
    ]


@pytest.mark.parametrize(
    ("markup", "message"),
    [
        ("<b>open", 'Can\'t find end tag corresponding to start tag "b"'),
        ("<b><i>x</b></i>", 'Unmatched end tag at byte offset 7, expected "</i>", found "</b>"'),
        ("x</b>", "Unexpected end tag at byte offset 1"),
        ("<div>x</div>", 'Unsupported start tag "div" at byte offset 0'),
        ("a <b", "Unclosed start tag at byte offset 2"),
    ],
)
def test_sandbox_unbalanced_html_is_refused(markup: str, message: str) -> None:
    with pytest.raises(MarkupError, match="^" + message.replace("(", r"\(")):
        parse_html(markup)


def test_sandbox_markdown_v2_styles() -> None:
    text, entities = parse_markdown_v2(
        "*b* _i_ __u__ ~s~ ||p|| `c\\`` [l](https://x.kz/a\\)b) \\. ok"
    )
    assert text == "b i u s p c` l . ok"
    kinds = ["bold", "italic", "underline", "strikethrough", "spoiler", "code", "text_link"]
    assert [e["type"] for e in entities] == kinds
    assert entities[-1]["url"] == "https://x.kz/a)b"


def test_sandbox_markdown_v2_pre_and_quote() -> None:
    text, entities = parse_markdown_v2("```python\nprint(1)\n```\n>quoted\n>lines\nafter")
    assert text == "print(1)\n\nquoted\nlines\nafter"
    assert entities[0] == {"type": "pre", "offset": 0, "length": 9, "language": "python"}
    assert spans(entities[1:]) == [("blockquote", 10, 12)]


@pytest.mark.parametrize(
    ("markup", "message"),
    [
        ("Version 1.5", "Character '.' is reserved and must be escaped with the preceding '\\'"),
        ("a *bold", "Can't find end of Bold entity at byte offset 2"),
        ("`code", "Can't find end of Code entity at byte offset 0"),
        ("[link](x", "Can't find end of a URL at byte offset 6"),
    ],
)
def test_sandbox_bad_markdown_v2_is_refused(markup: str, message: str) -> None:
    with pytest.raises(MarkupError) as raised:
        parse_markdown_v2(markup)
    assert str(raised.value) == message


def test_sandbox_legacy_markdown() -> None:
    text, entities = parse_markdown_legacy("*b* _i_ `c` [l](https://x.kz) 1.5")
    assert text == "b i c l 1.5"
    assert [e["type"] for e in entities] == ["bold", "italic", "code", "text_link"]


def test_sandbox_commands_links_and_mentions_are_detected() -> None:
    text, entities = format_text("/start@saylau_bot hi @someone #vote https://x.kz", None, None)
    assert text == "/start@saylau_bot hi @someone #vote https://x.kz"
    kinds = [e["type"] for e in entities or []]
    assert kinds == ["bot_command", "mention", "hashtag", "url"]


def test_sandbox_unknown_parse_mode_is_refused() -> None:
    with pytest.raises(BotApiError, match="unsupported parse_mode"):
        format_text("x", "BBCode", None)


@given(TEXT)
def test_sandbox_text_escaped_by_either_framework_reads_back_unchanged(text: str) -> None:
    assert parse_html(html.escape(text, quote=False)) == (text, [])
    assert parse_html(html_decoration.quote(text)) == (text, [])
    assert parse_markdown_v2(escape_markdown(text, version=2)) == (text, [])
    assert parse_markdown_v2(markdown_decoration.quote(text)) == (text, [])


STYLES = st.sampled_from([None, "bold", "italic", "underline", "strikethrough", "code"])


@given(st.lists(st.tuples(TEXT.filter(bool), STYLES), max_size=6))
def test_sandbox_entities_rendered_by_aiogram_parse_back(
    parts: list[tuple[str, str | None]],
) -> None:
    text, entities, offset = "", [], 0
    for chunk, style in parts:
        length = len(chunk.encode("utf-16-le")) // 2
        if style is not None:
            entities.append(MessageEntity(type=style, offset=offset, length=length))
        text, offset = text + chunk, offset + length
    expected = sorted(
        ({"type": e.type, "offset": e.offset, "length": e.length} for e in entities),
        key=lambda e: (e["offset"], -e["length"]),
    )
    assert parse_html(html_decoration.unparse(text, entities)) == (text, expected)
    assert parse_markdown_v2(markdown_decoration.unparse(text, entities)) == (text, expected)
