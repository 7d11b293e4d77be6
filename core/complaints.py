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
