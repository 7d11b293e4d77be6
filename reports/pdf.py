"""The protocol as PDF (A4), with DejaVu Sans embedded so Cyrillic and Kazakh letters render
and extract as themselves on any machine.

The font comes with matplotlib, so nothing is downloaded. A draft carries its mark in the
header of every page; every page is numbered "page N of M".
"""

from __future__ import annotations

import io
from pathlib import Path

import matplotlib
from fpdf import FPDF
from fpdf.fonts import FontFace

from reports.document import Block, Document, Figure, Heading, Paragraph, SignatureLine, Table

FONT = "DejaVu"
_FONTS = Path(matplotlib.get_data_path()) / "fonts" / "ttf"
_LINE = 5.0
_DRAFT_RED = (178, 34, 34)


class _ProtocolPdf(FPDF):
    """FPDF with the protocol's header (draft mark) and footer (page numbers)."""

    def __init__(self, document: Document) -> None:
        super().__init__(format="A4")
        self.document = document
        self.add_font(FONT, "", _FONTS / "DejaVuSans.ttf")
        self.add_font(FONT, "B", _FONTS / "DejaVuSans-Bold.ttf")
        self.set_auto_page_break(auto=True, margin=18)
        self.set_margins(18, 16, 18)
        self.set_title(document.title)
        self.set_lang(document.language)
        self.set_creator("Saylau")

    def header(self) -> None:
        if self.document.draft_mark is None:
            return
        self.set_font(FONT, "B", 10)
        self.set_text_color(*_DRAFT_RED)
        self.cell(0, 6, self.document.draft_mark, align="C", new_x="LMARGIN", new_y="NEXT")
        self.set_text_color(0, 0, 0)
        self.ln(2)

    def footer(self) -> None:
        self.set_y(-13)
        self.set_font(FONT, "", 8)
        label = self.document.page_label.format(page=self.page_no(), pages=self.str_alias_nb_pages)
        self.cell(0, 6, label, align="C")


def pdf(document: Document) -> bytes:
    """Render the document as PDF bytes."""
    out = _ProtocolPdf(document)
    out.add_page()
    out.set_font(FONT, "B", 16)
    out.multi_cell(0, 9, document.title, align="C", new_x="LMARGIN", new_y="NEXT")
    out.set_font(FONT, "B", 11)
    out.multi_cell(0, 6, document.subtitle, align="C", new_x="LMARGIN", new_y="NEXT")
    out.ln(3)
    for block, following in zip(document.blocks, [*document.blocks[1:], None], strict=True):
        if isinstance(block, Heading) and out.will_page_break(_room_after(out, following)):
            out.add_page()  # a heading never ends a page apart from what it introduces
        _block(out, block)
    return bytes(out.output())


def _room_after(out: FPDF, following: Block | None) -> float:
    """The height a heading needs below it: the whole figure it introduces, or a few lines."""
    if isinstance(following, Figure):
        return out.epw * 0.4 + 20  # the figure is drawn 10 by 4
    return 30


def _block(out: FPDF, block: Block) -> None:
    if isinstance(block, Heading):
        out.ln(2 if block.level > 1 else 4)
        out.set_font(FONT, "B", 12 if block.level == 1 else 10.5)
        out.multi_cell(0, 6, block.text, align="L", new_x="LMARGIN", new_y="NEXT")
        out.ln(1)
    elif isinstance(block, Paragraph):
        out.set_font(FONT, "B" if block.bold else "", 9.5)
        out.multi_cell(0, _LINE, block.text, align="L", new_x="LMARGIN", new_y="NEXT")
        out.ln(1)
    elif isinstance(block, Table):
        _table(out, block)
    elif isinstance(block, Figure):
        out.image(io.BytesIO(block.png), w=out.epw)
        out.set_font(FONT, "", 8.5)
        out.multi_cell(0, 4.5, block.caption, align="L", new_x="LMARGIN", new_y="NEXT")
        out.ln(2)
    elif isinstance(block, SignatureLine):
        out.ln(5)
        out.set_font(FONT, "", 9.5)
        out.multi_cell(0, _LINE, block.text, align="L", new_x="LMARGIN", new_y="NEXT")
        out.set_font(FONT, "", 7.5)
        out.multi_cell(0, 4, block.hint, align="R", new_x="LMARGIN", new_y="NEXT")
    else:
        raise TypeError(f"no PDF for {type(block).__name__}")


def _table(out: FPDF, table: Table) -> None:
    out.set_font(FONT, "", 8.5)
    headed = any(table.headers)
    with out.table(
        first_row_as_headings=headed,
        headings_style=FontFace(emphasis="BOLD", fill_color=(235, 235, 235)),
        text_align="LEFT",
        col_widths=(35, 65) if len(table.headers) == 2 else None,
        line_height=4.6,
        padding=1,
    ) as grid:
        if headed:
            grid.row(table.headers)
        for values in table.rows:
            grid.row(values)
    if table.note:
        out.set_font(FONT, "", 7.5)
        out.multi_cell(0, 4, table.note, align="L", new_x="LMARGIN", new_y="NEXT")
    out.ln(2)
