"""The files a protocol export writes: the protocol in the chosen formats, its figure when it
is linked rather than embedded, and the CSV annexes."""

from __future__ import annotations

from collections.abc import Iterable
from enum import StrEnum

from reports.csv_annexes import annexes, prefixed
from reports.document import Figure
from reports.markdown import markdown
from reports.model import ProtocolData
from reports.protocol_json import protocol_json
from reports.texts import Language


class Format(StrEnum):
    PDF = "pdf"
    DOCX = "docx"
    MD = "md"
    JSON = "json"


def protocol_files(
    data: ProtocolData, language: Language, formats: Iterable[Format]
) -> dict[str, bytes]:
    """Render the protocol in each format, with its annexes, by file name."""
    # The writers pull in matplotlib, fpdf and python-docx: loaded when a protocol is written,
    # not each time the `saylau` command starts (the bot's own start included).
    from reports.chart import CHART_FILE
    from reports.docx import docx
    from reports.pdf import pdf
    from reports.protocol_document import build_document

    chosen = list(dict.fromkeys(formats))
    document = None
    if any(f is not Format.JSON for f in chosen):
        document = build_document(data, language)
    files: dict[str, bytes] = {}
    for kind in chosen:
        name = prefixed(data, f"protocol-{language.value}.{kind.value}")
        if kind is Format.JSON:
            files[name] = protocol_json(data, language.value)
            continue
        assert document is not None
        if kind is Format.PDF:
            files[name] = pdf(document)
        elif kind is Format.DOCX:
            files[name] = docx(document)
        else:
            files[name] = markdown(document).encode("utf-8")
            figure = next(b for b in document.blocks if isinstance(b, Figure))
            files[prefixed(data, CHART_FILE)] = figure.png
    files.update({prefixed(data, name): content for name, content in annexes(data).items()})
    return files
