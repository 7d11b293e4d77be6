"""Who may act as the Mandate Commission of a group, and what a decision may say."""

from __future__ import annotations

from core.errors import Refused
from core.model import Group, Role
from core.ports import UnitOfWork
from core.reasons import Reason
from core.services import reason_codes as codes
from core.services.context import group_id

# Long enough for the commission's reasoning about eligibility, short enough for a chat message
# and the protocol; the database column holds exactly this much.
MAX_REASON_LENGTH = 500


async def refuse_unless_commission(uow: UnitOfWork, group: Group, reviewer: str) -> None:
    """Only a serving commission member of the group, pledged to confidentiality, may review."""
    grants = [
        grant
        for grant in await uow.roles.for_person(reviewer)
        if grant.role is Role.COMMISSION
        and grant.group_id == group_id(group)
        and grant.revoked_at is None
    ]
    if not grants:
        raise Refused(Reason(codes.NOT_COMMISSION, {"group": group.code}))
    if all(grant.pledge_accepted_at is None for grant in grants):
        raise Refused(Reason(codes.PLEDGE_REQUIRED, {"group": group.code}))


def decision_reason(admit: bool, reason: str | None) -> str | None:
    """The reason to keep: required to refuse, optional to admit, never over the cap."""
    text = (reason or "").strip()
    if not text:
        if not admit:
            raise Refused(Reason(codes.REASON_REQUIRED))
        return None
    if len(text) > MAX_REASON_LENGTH:
        params = {"max": MAX_REASON_LENGTH, "length": len(text)}
        raise Refused(Reason(codes.REASON_TOO_LONG, params))
    return text
