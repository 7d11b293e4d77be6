"""Before a person declares anything: may they register as a voter in this group at all?

The conversation asks this first, so that a closed registration, an existing registration or a
cross-group rule is explained before the person picks a region or types an organisation's name.
`register_voter` checks all of it again when the registration is finally made.
"""

from __future__ import annotations

from core.eligibility import Role as Part
from core.errors import Refused
from core.model import Group
from core.ports import Clock, UnitOfWork
from core.reasons import Reason
from core.services import reason_codes as codes
from core.services.context import consenting_person, find_group, group_id
from core.services.holdings import refuse_conflicts
from core.stages import can_register_voter


def organisation_purpose(person: str) -> str:
    """Bind a voter's sealed organisation name to its owner's registration row."""
    return f"organisation:{person}"


async def check_can_register(
    uow: UnitOfWork,
    clock: Clock,
    *,
    group_code: str,
    person: str,
    cycle_code: str | None = None,
) -> Group:
    """Return the group if the person may register in it now; refuse with the reason if not."""
    now = clock.now()
    async with uow:
        await consenting_person(uow, person)
        group = await find_group(uow, group_code, cycle_code)
        refusal = can_register_voter(group.calendar, now)
        if refusal is not None:
            raise Refused(refusal)
        existing = await uow.voters.get(group_id(group), person)
        if existing is not None:
            params = {"group": group.code, "status": existing.status.value}
            raise Refused(Reason(codes.ALREADY_REGISTERED, params))
        groups = await uow.groups.for_cycle(group.cycle_code)
        await refuse_conflicts(uow, person, group, Part.VOTER, groups)
    return group
