"""A protocol as a language's sentences laid out in blocks, ready for any writer.

Markdown, PDF and DOCX render the same blocks, so the three can never disagree on a figure or
leave out a section: only the look differs.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Heading:
    text: str
    level: int = 1  # 1 for a section, 2 for a subsection


@dataclass(frozen=True)
class Paragraph:
    text: str
    bold: bool = False


@dataclass(frozen=True)
class Table:
    headers: tuple[str, ...]
    rows: tuple[tuple[str, ...], ...]
    note: str | None = None  # printed under the table, e.g. what "<5" means


@dataclass(frozen=True)
class Figure:
    png: bytes
    caption: str
    name: str  # the file a Markdown protocol links to


@dataclass(frozen=True)
class SignatureLine:
    text: str
    hint: str  # printed small under the line: what goes on it


Block = Heading | Paragraph | Table | Figure | SignatureLine


@dataclass(frozen=True)
class Document:
    language: str
    title: str
    subtitle: str
    draft_mark: str | None  # on every page while the commission has not confirmed the results
    page_label: str  # "Page {page} of {pages}"
    blocks: tuple[Block, ...]
