"""Lay a protocol out in one language: the sections in the order a commission signs them."""

from __future__ import annotations

from reports import sections, sections_results
from reports.chart import CHART_FILE, turnout_chart
from reports.csv_annexes import prefixed
from reports.document import Document, Figure, Paragraph
from reports.model import ProtocolData
from reports.texts import Language, Texts


def build_document(data: ProtocolData, language: Language, *, chart: bool = True) -> Document:
    """Write the protocol's sentences and tables; `chart` draws the figure (PDF, DOCX, Markdown)."""
    t = Texts(language, data.timezone)
    figure = None
    if chart:
        figure = Figure(turnout_chart(data, t), t("chart", "caption"), prefixed(data, CHART_FILE))
    head = [
        Paragraph(
            t("document", "cycle", cycle=data.cycle_names.get(language.value), code=data.cycle)
        ),
        Paragraph(t("document", "generated", at=data.generated_at, timezone=data.timezone)),
    ]
    if data.draft:
        head.append(Paragraph(t("document", "draft_note"), bold=True))
    blocks = [
        *head,
        *sections.general(data, t),
        *sections.process(data, t),
        *sections.voters(data, t, figure),
        *sections.candidates(data, t),
        *sections_results.votes(data, t),
        *sections_results.observers(data, t),
        *sections_results.decision(data, t),
        *sections_results.complaints(data, t),
        *sections_results.signatures(data, t),
        *sections_results.annexes(data, t),
    ]
    return Document(
        language=language.value,
        title=t("document", "title"),
        subtitle=t("document", "subtitle", group=data.names.get(language.value), code=data.group),
        draft_mark=t("document", "draft") if data.draft else None,
        page_label=t("document", "page", page="{page}", pages="{pages}"),
        blocks=tuple(blocks),
    )
