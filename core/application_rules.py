"""What a user may type into the application form, and what the regulation asks to be attached.

Each check returns a Reason (codes in core.services.reason_codes) or None. A draft may be
incomplete but never malformed: `draft_problem` checks only what has been filled in, and
`submission_problem` also asks for everything a complete application needs.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import PurePath

from core.application import Application, DocumentRef
from core.reasons import Reason
from core.regulation import DocumentRequirement, Regulation

MEGABYTE = 1024 * 1024


@dataclass(frozen=True)
class TextLimit:
    field: str
    minimum: int
    maximum: int


# Counted in characters after trimming; long enough for a real statement, short enough to read
# in a chat and to publish in the candidate list.
LIMITS: tuple[TextLimit, ...] = (
    TextLimit("name", 3, 120),
    TextLimit("statement", 20, 3000),
    TextLimit("report_back", 10, 2000),
    TextLimit("conflicts", 1, 2000),
)

# MIME types Telegram reports, by the file types a regulation may list.
_MIME_TYPES: dict[str, frozenset[str]] = {
    "application/pdf": frozenset({"pdf"}),
    "image/jpeg": frozenset({"jpg", "jpeg"}),
    "image/png": frozenset({"png"}),
    "image/heic": frozenset({"heic"}),
    "application/msword": frozenset({"doc"}),
    "application/vnd.openxmlformats-officedocument.wordprocessingml.document": frozenset({"docx"}),
    "application/vnd.oasis.opendocument.text": frozenset({"odt"}),
    "text/plain": frozenset({"txt"}),
}


def text_problem(limit: TextLimit, text: str, required: bool) -> Reason | None:
    """Check one text field against its limits; empty is wrong only when it is required."""
    length = len(text.strip())
    if length == 0:
        return Reason("application.empty", {"field": limit.field}) if required else None
    if length < limit.minimum:
        params = {"field": limit.field, "min": limit.minimum, "length": length}
        return Reason("application.too_short", params)
    if length > limit.maximum:
        params = {"field": limit.field, "max": limit.maximum, "length": length}
        return Reason("application.too_long", params)
    return None


def file_types(document: DocumentRef) -> frozenset[str]:
    """The types a file may be: by its name, which a known MIME type must agree with.

    Without a name (a photo) the MIME type alone decides. "letter.pdf" that Telegram says is a
    picture or a program is no type at all; an unknown MIME type (application/octet-stream)
    leaves the name to decide.
    """
    suffix = PurePath(document.file_name).suffix.lower().lstrip(".")
    by_mime = _MIME_TYPES.get((document.mime_type or "").lower())
    if not suffix:
        return by_mime or frozenset()
    if by_mime is not None and suffix not in by_mime:
        return frozenset()
    return frozenset({suffix})


def document_problem(document: DocumentRef, requirement: DocumentRequirement) -> Reason | None:
    """Check a file's type (by name and MIME type) and size against its requirement."""
    allowed = {kind.lower() for kind in requirement.types}
    if not file_types(document) & allowed:
        suffix = PurePath(document.file_name).suffix.lower().lstrip(".")
        shown = suffix or (document.mime_type or "")
        wrong = {"document": requirement.code, "file_type": shown, "allowed": sorted(allowed)}
        return Reason("application.document_type", wrong)
    if document.size > requirement.max_megabytes * MEGABYTE:
        megabytes = round(document.size / MEGABYTE, 1)
        params: dict[str, object] = {
            "document": requirement.code,
            "max_megabytes": requirement.max_megabytes,
            "megabytes": megabytes,
        }
        return Reason("application.document_too_large", params)
    return None


def _documents_problem(application: Application, regulation: Regulation) -> Reason | None:
    requirements = {requirement.code: requirement for requirement in regulation.documents}
    seen: set[str] = set()
    for document in application.documents:
        code = document.requirement_code
        if code not in requirements:
            return Reason("application.document_unknown", {"document": code})
        if code in seen:
            return Reason("application.document_repeated", {"document": code})
        seen.add(code)
        problem = document_problem(document, requirements[code])
        if problem is not None:
            return problem
    return None


def draft_problem(application: Application, regulation: Regulation) -> Reason | None:
    """The first thing wrong in what has been filled in so far; the name is always needed."""
    for limit in LIMITS:
        text: str = getattr(application, limit.field)
        problem = text_problem(limit, text, required=limit.field == "name")
        if problem is not None:
            return problem
    return _documents_problem(application, regulation)


def submission_problem(application: Application, regulation: Regulation) -> Reason | None:
    """The first thing that keeps the application from being submitted."""
    for limit in LIMITS:
        problem = text_problem(limit, getattr(application, limit.field), required=True)
        if problem is not None:
            return problem
    problem = _documents_problem(application, regulation)
    if problem is not None:
        return problem
    for requirement in regulation.documents:
        if requirement.required and application.document(requirement.code) is None:
            return Reason("application.document_missing", {"document": requirement.code})
    if not application.accepted_duties:
        return Reason("application.duties_not_accepted")
    return None
