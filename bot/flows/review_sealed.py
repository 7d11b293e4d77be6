"""What complaints and answers are sealed for, so that the side that opens them names the same.

A purpose binds a sealed value to its row: a complaint moved to another author's row, or an
answer to another complaint, no longer opens. (Organisations: core.services.registration_checks.)
"""

from __future__ import annotations


def complaint_purpose(author: str) -> str:
    """Name what a complaint's text was sealed for (its id does not exist before filing)."""
    return f"complaint:{author}"


def answer_purpose(complaint_id: str) -> str:
    """Name what the commission's answer to a complaint was sealed for."""
    return f"complaint-answer:{complaint_id}"
