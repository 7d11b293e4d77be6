"""How long a complaint, and the commission's answer to it, may be.

The texts reach the core sealed, so the edge checks them before sealing, against these limits:
long enough to describe a problem, short enough for one chat message and the protocol.

Reasons (codes with their params):
    complaint.too_short  {min, length}
    complaint.too_long   {max, length}
"""

from __future__ import annotations

from core.reasons import Reason

MIN_COMPLAINT = 10
MAX_TEXT = 3000  # a complaint or an answer; with its message around it, within Telegram's 4096
TOO_SHORT = "complaint.too_short"
TOO_LONG = "complaint.too_long"


def complaint_problem(text: str) -> Reason | None:
    """Check a complaint's length, counted after trimming; None when it may be filed."""
    return _length_problem(text.strip(), MIN_COMPLAINT)


def answer_problem(text: str) -> Reason | None:
    """Check an answer's length, counted after trimming; None when it may be sent."""
    return _length_problem(text.strip(), 1)


def _length_problem(text: str, minimum: int) -> Reason | None:
    if len(text) < minimum:
        return Reason(TOO_SHORT, {"min": minimum, "length": len(text)})
    if len(text) > MAX_TEXT:
        return Reason(TOO_LONG, {"max": MAX_TEXT, "length": len(text)})
    return None
