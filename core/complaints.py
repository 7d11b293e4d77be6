"""A complaint to a group's Mandate Commission, and its answer.

Texts arrive sealed by the edge; the core only keeps and routes them. Who may answer is decided
in core.services.complaints.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime


@dataclass(frozen=True)
class Complaint:
    id: str  # random, so that ids say nothing about order
    group_id: int
    author: str  # pseudonym
    text: bytes  # sealed
    filed_at: datetime
    answer: bytes | None = None  # sealed
    answered_at: datetime | None = None
    answered_by: str | None = None  # pseudonym of the commission member

    @property
    def answered(self) -> bool:
        return self.answered_at is not None


def complaint_purpose(author: str) -> str:
    """Name what a complaint's text is sealed for, so the side that opens it names the same.

    A purpose binds a sealed value to its row: a complaint moved to another author's row, or an
    answer to another complaint, no longer opens. (The id does not exist before filing.)
    """
    return f"complaint:{author}"


def answer_purpose(complaint_id: str) -> str:
    """Name what the commission's answer to a complaint is sealed for."""
    return f"complaint-answer:{complaint_id}"
