"""Receipt codes and ballot ids: random, so neither says who voted, when, or how.

A receipt proves that a ballot was counted, never what it said: the bulletin board lists the
receipt codes of a contest sorted, and the ballots' choices separately and shuffled. The marker
keeps the current ballot id and receipt code sealed to (voter, contest) until the close, so a
revote can replace them and a second attempt can show the receipt again.
"""

from __future__ import annotations

import re
import secrets
import uuid

# Crockford's base32 without I, L, O, U, as core.privacy uses: a code read aloud is not misheard.
_READABLE = "0123456789ABCDEFGHJKMNPQRSTVWXYZ"
_GROUP = "[0-9A-HJKMNP-TV-Z]{4}"
RECEIPT_PATTERN = re.compile(rf"^R-{_GROUP}-{_GROUP}-{_GROUP}$")


def new_receipt_code() -> str:
    """Draw a receipt code like R-7KQ4-9XPD-M3TZ (60 random bits)."""
    text = "".join(secrets.choice(_READABLE) for _ in range(12))
    return f"R-{text[:4]}-{text[4:8]}-{text[8:]}"


def new_ballot_id() -> str:
    """Draw a ballot id; uuid4 is random, so ids do not reveal the order of casting."""
    return uuid.uuid4().hex


def ballot_purpose(voter: str, contest_id: int) -> str:
    """Bind a sealed ballot id to its voter and contest, so it cannot be moved elsewhere."""
    return f"vote-ballot:{voter}:{contest_id}"


def receipt_purpose(voter: str, contest_id: int) -> str:
    """Bind a sealed receipt code to its voter and contest."""
    return f"vote-receipt:{voter}:{contest_id}"
