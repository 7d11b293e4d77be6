"""How a group is named in deep links and buttons: `<cycle>_<GROUP>`, e.g. `ccm-2024_SW`.

Cycle codes never contain `_` and group codes never contain lower-case letters, so the split is
unambiguous, and the whole fits Telegram's deep-link alphabet ([A-Za-z0-9_-], 64 characters).
"""

from __future__ import annotations

from core.errors import Refused
from core.model import Group
from core.ports import UnitOfWork
from core.reasons import Reason

GROUP_LINK = "g-"  # /start g-ccm-2024_SW: the link an Organizing Committee posts in its chat
ROLE_LINK = "r-"  # /start r-<token>: a one-time invitation to a role


def group_ref(group: Group) -> str:
    return f"{group.cycle_code}_{group.code}"


async def find_group(uow: UnitOfWork, ref: str) -> Group:
    """The group a reference names, or a refusal a person can understand."""
    cycle, _, code = ref.partition("_")
    group = await uow.groups.get(cycle, code) if code else None
    if group is None:
        raise Refused(Reason("group.unknown"))
    return group
