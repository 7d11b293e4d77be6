"""A candidate's application form, as the person fills it in, and how it is kept sealed.

The form is a plain value: the conversation builds it step by step, `core.application_rules`
says what is wrong with it, and the candidacy use cases seal it as JSON into the candidates
table. Texts are kept as typed, only trimmed: emoji and right-to-left scripts are welcome.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field, replace
from typing import Any

# What the conflict-of-interest step stores when the person declares they have none.
NO_CONFLICTS = "none"
_FORMAT = 1


@dataclass(frozen=True)
class DocumentRef:
    """A file the person sent, as Telegram describes it; the file stays on Telegram's side."""

    requirement_code: str  # which of the regulation's document requirements it meets
    file_id: str
    file_name: str
    mime_type: str | None
    size: int  # bytes


@dataclass(frozen=True)
class Application:
    """The candidate application form; empty texts are steps not answered yet."""

    name: str = ""
    statement: str = ""  # priorities the candidate will defend in the CCM
    report_back: str = ""  # how they will report back to the community
    conflicts: str = ""  # a conflict-of-interest declaration, or NO_CONFLICTS
    accepted_duties: bool = False  # the rights and duties of a CCM member
    documents: tuple[DocumentRef, ...] = field(default=())

    def trimmed(self) -> Application:
        """Return the form with surrounding spaces removed from every text."""
        return replace(
            self,
            name=self.name.strip(),
            statement=self.statement.strip(),
            report_back=self.report_back.strip(),
            conflicts=self.conflicts.strip(),
        )

    def document(self, requirement_code: str) -> DocumentRef | None:
        """Return the file sent for a requirement, if any."""
        return next((d for d in self.documents if d.requirement_code == requirement_code), None)


@dataclass(frozen=True)
class SealedForm:
    """What is sealed into the candidates table: the form and the key of the name it bears.

    The name key travels with the form so that submission can check the term limit again
    without the pseudonymisation key, which only the edge holds.
    """

    application: Application
    name_key: str


def application_purpose(person: str) -> str:
    """Bind a sealed application to its owner, so that it cannot be moved to another row."""
    return f"application:{person}"


def to_json(form: SealedForm) -> str:
    """Serialise the form for sealing."""
    body: dict[str, Any] = {
        "format": _FORMAT,
        "name_key": form.name_key,
        "application": {
            "name": form.application.name,
            "statement": form.application.statement,
            "report_back": form.application.report_back,
            "conflicts": form.application.conflicts,
            "accepted_duties": form.application.accepted_duties,
            "documents": [vars(document) for document in form.application.documents],
        },
    }
    return json.dumps(body, ensure_ascii=False, sort_keys=True)


def from_json(text: str) -> SealedForm:
    """Read back what `to_json` wrote."""
    body = json.loads(text)
    if body.get("format") != _FORMAT:
        raise ValueError(f"unknown application format {body.get('format')!r}")
    fields = body["application"]
    documents = tuple(DocumentRef(**document) for document in fields["documents"])
    application = Application(
        name=fields["name"],
        statement=fields["statement"],
        report_back=fields["report_back"],
        conflicts=fields["conflicts"],
        accepted_duties=bool(fields["accepted_duties"]),
        documents=documents,
    )
    return SealedForm(application, body["name_key"])
