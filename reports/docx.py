"""The protocol as DOCX, for a commission that edits or prints it in a word processor.

A draft carries its mark in the page header, which the word processor repeats on every page;
the footer numbers the pages with fields the word processor fills in.
"""

from __future__ import annotations

import io

from docx import Document as new_document
from docx.document import Document as Docx
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Cm, Pt, RGBColor
from docx.text.paragraph import Paragraph as DocxParagraph

from reports.document import Block, Document, Figure, Heading, Paragraph, SignatureLine, Table

# Ships with every word processor and has Cyrillic and the Kazakh letters.
FONT = "Arial"
_DRAFT_RED = RGBColor(0xB2, 0x22, 0x22)


def docx(document: Document) -> bytes:
    """Render the document as DOCX bytes."""
    out = new_document()
    normal = out.styles["Normal"]
    normal.font.name = FONT
    normal.font.size = Pt(10)
    _header_and_footer(out, document)
    out.core_properties.title = document.title
    out.core_properties.language = document.language
    out.add_heading(document.title, 0).alignment = WD_ALIGN_PARAGRAPH.CENTER
    subtitle = out.add_paragraph()
    subtitle.alignment = WD_ALIGN_PARAGRAPH.CENTER
    subtitle.add_run(document.subtitle).bold = True
    for block in document.blocks:
        _block(out, block)
    buffer = io.BytesIO()
    out.save(buffer)
    return buffer.getvalue()


def _header_and_footer(out: Docx, document: Document) -> None:
    for section in out.sections:
        if document.draft_mark is not None:
            mark = section.header.paragraphs[0]
            mark.alignment = WD_ALIGN_PARAGRAPH.CENTER
            run = mark.add_run(document.draft_mark)
            run.bold = True
            run.font.color.rgb = _DRAFT_RED
        footer = section.footer.paragraphs[0]
        footer.alignment = WD_ALIGN_PARAGRAPH.CENTER
        before, _, rest = document.page_label.partition("{page}")
        middle, _, after = rest.partition("{pages}")
        footer.add_run(before)
        _field(footer, "PAGE")
        footer.add_run(middle)
        _field(footer, "NUMPAGES")
        footer.add_run(after)


def _field(paragraph: DocxParagraph, instruction: str) -> None:
    """Insert a field the word processor computes, such as the page number."""
    run = paragraph.add_run()
    for kind, text in (("begin", None), (None, instruction), ("end", None)):
        if kind is not None:
            element = OxmlElement("w:fldChar")
            element.set(qn("w:fldCharType"), kind)
        else:
            element = OxmlElement("w:instrText")
            element.set(qn("xml:space"), "preserve")
            element.text = text
        run._r.append(element)


def _block(out: Docx, block: Block) -> None:
    if isinstance(block, Heading):
        out.add_heading(block.text, block.level)
    elif isinstance(block, Paragraph):
        out.add_paragraph().add_run(block.text).bold = block.bold
    elif isinstance(block, Table):
        _table(out, block)
    elif isinstance(block, Figure):
        out.add_picture(io.BytesIO(block.png), width=Cm(16.5))
        out.add_paragraph().add_run(block.caption).italic = True
    elif isinstance(block, SignatureLine):
        out.add_paragraph()
        out.add_paragraph(block.text)
        hint = out.add_paragraph()
        hint.alignment = WD_ALIGN_PARAGRAPH.RIGHT
        run = hint.add_run(block.hint)
        run.font.size = Pt(7.5)
    else:
        raise TypeError(f"no DOCX for {type(block).__name__}")


def _table(out: Docx, table: Table) -> None:
    headed = any(table.headers)
    rows = ([table.headers] if headed else []) + list(table.rows)
    grid = out.add_table(rows=len(rows), cols=len(table.headers))
    grid.style = "Table Grid"
    for cells, values in zip(grid.rows, rows, strict=True):
        for cell, value in zip(cells.cells, values, strict=True):
            cell.text = value
    if headed:
        for cell in grid.rows[0].cells:
            for run in cell.paragraphs[0].runs:
                run.bold = True
    if table.note:
        out.add_paragraph().add_run(table.note).italic = True
