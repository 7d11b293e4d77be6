"""Role appointments by a one-time, expiring deep link, and what is kept of them.

The clear token travels once, inside the link the Secretariat hands to the appointee; storage
keeps only its SHA-256, so a leaked table cannot be turned back into working links. The token is
short and URL-safe because Telegram passes it as a `/start` payload (at most 64 characters of
[A-Za-z0-9_-]), and it starts with `r-` so the bot tells a role invite from other deep links.
"""

from __future__ import annotations

import hashlib
import re
import secrets
from dataclasses import dataclass
from datetime import datetime

from core.model import Role

INVITE_PREFIX = "r-"
_TOKEN_BYTES = 24  # 192 bits: unguessable, and 32 characters once encoded
_SHAPE = re.compile(r"^r-[A-Za-z0-9_-]{16,62}$")


@dataclass(frozen=True)
class Invite:
    token_hash: str  # sha256 of the clear token, hex
    cycle_code: str
    role: Role
    group_id: int | None  # None only for the Secretariat
    created_at: datetime
    expires_at: datetime
    used_at: datetime | None = None
    used_by: str | None = None  # pseudonym of the person who redeemed it

    @property
    def reference(self) -> str:
        """Name the invite in the audit log without giving away anything that opens it."""
        return self.token_hash[:12]


def new_invite_token() -> str:
    """Make a fresh clear token, fit for a Telegram deep link."""
    return INVITE_PREFIX + secrets.token_urlsafe(_TOKEN_BYTES)


def is_invite_token(payload: str) -> bool:
    """Tell whether a `/start` payload has the shape of a role invite."""
    return bool(_SHAPE.match(payload))


def invite_token_hash(token: str) -> str:
    """Hash a clear token the way storage keeps it."""
    return hashlib.sha256(token.encode()).hexdigest()
