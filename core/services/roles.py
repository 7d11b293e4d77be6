"""Who holds which role: revoking, listing (for the CLI), and the commission's pledge.

Refusals (Refused(Reason(code, params))):
    role.not_held   {role, group}   revoke or pledge for a role the person does not hold now
    role.not_held_anywhere {role}   (raised by the bot) the role is held in no group at all
Passed through: cycle.none, group.unknown (core.services.context).
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import datetime

from core.audit import AuditEvent
from core.errors import Refused
from core.model import Group, Role, RoleGrant
from core.ports import Clock, UnitOfWork
from core.reasons import Reason
from core.services.context import (
    actor,
    commission_code,
    current_cycle,
    find_group,
    group_id,
    person_code,
)

NOT_HELD = "role.not_held"
NOT_HELD_ANYWHERE = "role.not_held_anywhere"


@dataclass(frozen=True)
class RoleHolder:
    """One grant as the CLI lists it: the readable code to show, the pseudonym to act on."""

    code: str
    pseudonym: str
    role: Role
    group_code: str | None
    granted_at: datetime
    revoked_at: datetime | None
    pledge_accepted_at: datetime | None


def holder_code(role: Role, person: str) -> str:
    """Show the holder by the readable code their later actions are logged under."""
    return commission_code(person) if role is Role.COMMISSION else person_code(person)


def role_actor(role: Role, person: str) -> str:
    """Name the holder as the actor of an audit entry, as 'commission:M-7KQ4-9XPD'."""
    return actor(role.value, holder_code(role, person))


async def find_grant(
    uow: UnitOfWork, person: str, role: Role, group_id: int | None
) -> RoleGrant | None:
    """Return the person's grant of this role there, revoked or not."""
    for grant in await uow.roles.for_person(person):
        if (grant.role, grant.group_id) == (role, group_id):
            return grant
    return None


async def active_grant(
    uow: UnitOfWork, person: str, role: Role, group: Group | None
) -> RoleGrant | None:
    """Return the person's standing (not revoked) grant of this role in the group."""
    grant = await find_grant(uow, person, role, group.id if group else None)
    return grant if grant is not None and grant.revoked_at is None else None


async def held_grant(uow: UnitOfWork, person: str, role: Role, group: Group | None) -> RoleGrant:
    """Return the person's standing grant of this role in the group; refuse if there is none."""
    grant = await active_grant(uow, person, role, group)
    if grant is None:
        raise Refused(
            Reason(NOT_HELD, {"role": role.value, "group": group.code if group else None})
        )
    return grant


async def revoke_role(
    uow: UnitOfWork,
    clock: Clock,
    *,
    person: str,
    role: Role,
    group_code: str | None,
    cycle_code: str | None = None,
) -> RoleGrant:
    """End the person's role (the Secretariat's when group_code is None) and audit it."""
    now = clock.now()
    async with uow:
        group = await find_group(uow, group_code, cycle_code) if group_code else None
        grant = await held_grant(uow, person, role, group)
        await uow.roles.revoke(person, role, grant.group_id, now)
        payload = {"role": role.value, "holder": holder_code(role, person)}
        await uow.audit.append(AuditEvent("role.revoked", group=group_code, payload=payload), now)
        await uow.commit()
    return replace(grant, revoked_at=now)


async def list_roles(
    uow: UnitOfWork,
    *,
    group_code: str | None = None,
    cycle_code: str | None = None,
    include_revoked: bool = False,
) -> list[RoleHolder]:
    """List the grants of one group, or of the whole cycle and the Secretariat."""
    async with uow:
        cycle = await current_cycle(uow, cycle_code)
        if group_code is not None:
            groups = [await find_group(uow, group_code, cycle.code)]
            grants = await uow.roles.for_group(group_id(groups[0]))
        else:
            groups = await uow.groups.for_cycle(cycle.code)
            grants = await uow.roles.without_group()
            for group in groups:
                grants += await uow.roles.for_group(group_id(group))
    codes = {group.id: group.code for group in groups}
    return [
        RoleHolder(
            code=holder_code(grant.role, grant.pseudonym),
            pseudonym=grant.pseudonym,
            role=grant.role,
            group_code=codes.get(grant.group_id) if grant.group_id is not None else None,
            granted_at=grant.granted_at,
            revoked_at=grant.revoked_at,
            pledge_accepted_at=grant.pledge_accepted_at,
        )
        for grant in grants
        if include_revoked or grant.revoked_at is None
    ]


async def accept_pledge(
    uow: UnitOfWork, clock: Clock, group_code: str, person: str, cycle_code: str | None = None
) -> RoleGrant:
    """Record a commission member's confidentiality pledge; accepting again changes nothing."""
    now = clock.now()
    async with uow:
        group = await find_group(uow, group_code, cycle_code)
        grant = await held_grant(uow, person, Role.COMMISSION, group)
        if grant.pledge_accepted_at is not None:
            return grant
        pledged = replace(grant, pledge_accepted_at=now)
        await uow.roles.update(pledged)
        event = AuditEvent(
            "role.pledge_accepted", actor=role_actor(Role.COMMISSION, person), group=group.code
        )
        await uow.audit.append(event, now)
        await uow.commit()
    return pledged
