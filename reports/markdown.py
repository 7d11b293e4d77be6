"""The protocol as Markdown, for review in a chat, a repository or an e-mail.

The figure is linked by file name: the command writes the PNG beside the Markdown file.
"""

from __future__ import annotations

from reports.document import Document, Figure, Heading, Paragraph, SignatureLine, Table


def markdown(document: Document) -> str:
    """Render the document; a draft says so at its top and its end."""
    lines = [f"# {document.title}", "", f"**{_escape(document.subtitle)}**", ""]
    if document.draft_mark:
        lines += [f"> **{document.draft_mark}**", ""]
    for block in document.blocks:
        lines += _block(block)
    if document.draft_mark:
        lines += [f"> **{document.draft_mark}**", ""]
    return "\n".join(lines).rstrip() + "\n"


def _block(block: object) -> list[str]:
    if isinstance(block, Heading):
        return [f"{'#' * (block.level + 1)} {block.text}", ""]
    if isinstance(block, Paragraph):
        text = _escape(block.text)
        return [f"**{text}**" if block.bold else text, ""]
    if isinstance(block, Table):
        return _table(block)
    if isinstance(block, Figure):
        return [f"![{_escape(block.caption)}]({block.name})", "", f"*{_escape(block.caption)}*", ""]
    if isinstance(block, SignatureLine):
        return [_escape(block.text), f"*{block.hint}*", ""]
    raise TypeError(f"no Markdown for {type(block).__name__}")


def _table(table: Table) -> list[str]:
    width = len(table.headers)
    lines = [
        "| " + " | ".join(_cell(h) for h in table.headers) + " |",
        "|" + "---|" * width,
        *("| " + " | ".join(_cell(value) for value in row) + " |" for row in table.rows),
        "",
    ]
    if table.note:
        lines += [f"*{_escape(table.note)}*", ""]
    return lines


def _cell(text: str) -> str:
    return _escape(text).replace("|", "\\|").replace("\n", "<br>")


def _escape(text: str) -> str:
    """Keep typed text (a complaint, a statement) from turning into Markdown markup."""
    for mark in ("\\", "*", "_", "`", "[", "]", "<", ">", "#"):
        text = text.replace(mark, "\\" + mark)
    return text
