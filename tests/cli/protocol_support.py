"""Reading back what `saylau protocol export` and `saylau archive` wrote, as a reader would."""

from __future__ import annotations

import io
import zipfile
from pathlib import Path

import pytest
from docx import Document
from pypdf import PdfReader

from tests.cli.cli_support import at, on_database
from tests.cli.election_script import CLOSED, Cast, finish_election


def finish(played: tuple[str, Cast], monkeypatch: pytest.MonkeyPatch, *, confirm: bool) -> Cast:
    """Play the scripted election on to the close (and the confirmation), and move the clock."""
    url, cast = played
    on_database(url, lambda factory: finish_election(factory, cast, confirm=confirm))
    at(monkeypatch, CLOSED)
    return cast


def pdf_pages(path: Path) -> list[str]:
    """The text of every page, extracted as a reader's PDF viewer would copy it."""
    return [page.extract_text() for page in PdfReader(path).pages]


def docx_text(path: Path) -> str:
    """The body's paragraphs and table cells, in order."""
    document = Document(str(path))
    parts = [p.text for p in document.paragraphs]
    for table in document.tables:
        parts += [" | ".join(cell.text for cell in row.cells) for row in table.rows]
    return "\n".join(parts)


def docx_headers(path: Path) -> list[str]:
    """The page header of every section: what the word processor repeats on each page."""
    document = Document(str(path))
    return ["\n".join(p.text for p in s.header.paragraphs) for s in document.sections]


def zip_members(path: Path) -> dict[str, bytes]:
    with zipfile.ZipFile(path) as archive:
        return {name: archive.read(name) for name in archive.namelist()}


def rewrite_zip(path: Path, members: dict[str, bytes]) -> None:
    """Write the archive again with these members, as someone tampering with it would."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for name, content in members.items():
            archive.writestr(name, content)
    path.write_bytes(buffer.getvalue())
