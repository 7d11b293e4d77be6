"""Appointing people to roles by a one-time, expiring deep link.

The Secretariat creates an invite for a role in a group (or for the Secretariat itself) and hands
the link to the appointee; whoever opens it first, before it expires, and may hold the role under
the fixed and cross-group rules, gets the role. The clear token is returned once and never kept.

Refusals (Refused(Reason(code, params))):
    invite.unknown   {}              no invite has this token (mistyped, or never made)
    invite.used      {}              someone redeemed it already (who is not said)
    invite.expired   {expired_at}    aware UTC instant
Passed through: person.no_consent, cycle.none, group.unknown (core.services.context);
eligibility.* and cross_group.* (core.eligibility, through core.services.holdings).
"""

from __future__ import annotations

from datetime import timedelta

from core.audit import AuditEvent
from core.eligibility import Role as Part
from core.errors import Refused
from core.invites import Invite, invite_token_hash, is_invite_token, new_invite_token
from core.model import Group, Role, RoleGrant
from core.ports import AlreadyExists, Clock
from core.ports_dialogue import InvitesUnitOfWork
from core.reasons import Reason
from core.services.context import consenting_person, current_cycle, find_group
from core.services.holdings import refuse_conflicts
from core.services.roles import find_grant, role_actor

UNKNOWN = "invite.unknown"
USED = "invite.used"
EXPIRED = "invite.expired"
ALREADY_HOLDS = "eligibility.already_holds"


async def create_invite(
    uow: InvitesUnitOfWork,
    clock: Clock,
    *,
    group_code: str | None,
    cycle_code: str,
    role: Role,
    valid_for: timedelta,
) -> str:
    """Make a one-time invite to `role` and return its clear token, to be put in a deep link."""
    if valid_for <= timedelta(0):
        raise ValueError("an invite must stay valid for some time")
    if (role is Role.SECRETARIAT) != (group_code is None):
        raise ValueError("the Secretariat is invited without a group, every other role with one")
    now = clock.now()
    token = new_invite_token()
    async with uow:
        cycle = await current_cycle(uow, cycle_code)
        group = await find_group(uow, group_code, cycle.code) if group_code else None
        group_id = group.id if group else None
        invite = Invite(invite_token_hash(token), cycle.code, role, group_id, now, now + valid_for)
        await uow.invites.add(invite)
        payload = {
            "role": role.value,
            "invite": invite.reference,
            "expires_at": invite.expires_at.isoformat(timespec="seconds"),
        }
        await uow.audit.append(AuditEvent("role.invited", group=group_code, payload=payload), now)
        await uow.commit()
    return token


async def redeem_invite(uow: InvitesUnitOfWork, clock: Clock, token: str, person: str) -> RoleGrant:
    """Give `person` the role the invite names, once, if it is still valid and allowed."""
    now = clock.now()
    async with uow:
        invite = await uow.invites.get(invite_token_hash(token)) if is_invite_token(token) else None
        if invite is None:
            raise Refused(Reason(UNKNOWN))
        if invite.used_at is not None:
            raise Refused(Reason(USED))
        if now >= invite.expires_at:
            raise Refused(Reason(EXPIRED, {"expired_at": invite.expires_at}))
        await consenting_person(uow, person)
        group = await _group_of(uow, invite)
        earlier = await find_grant(uow, person, invite.role, invite.group_id)
        if earlier is not None and earlier.revoked_at is None:
            raise Refused(Reason(ALREADY_HOLDS, {"role": invite.role.value}))
        if group is not None:
            groups = await uow.groups.for_cycle(invite.cycle_code)
            await refuse_conflicts(uow, person, group, Part(invite.role.value), groups)
        if not await uow.invites.mark_used(invite.token_hash, person, now):
            raise Refused(Reason(USED))  # a concurrent redemption got there first
        grant = RoleGrant(person, invite.role, invite.group_id, granted_at=now)
        await _record(uow, grant, reappointed=earlier is not None)
        event = AuditEvent(
            "role.granted",
            actor=role_actor(invite.role, person),
            group=group.code if group else None,
            payload={"role": invite.role.value, "invite": invite.reference},
        )
        await uow.audit.append(event, now)
        await uow.commit()
    return grant


async def _group_of(uow: InvitesUnitOfWork, invite: Invite) -> Group | None:
    """The invite's group, or None for the Secretariat."""
    if invite.group_id is None:
        return None
    for group in await uow.groups.for_cycle(invite.cycle_code):
        if group.id == invite.group_id:
            return group
    raise Refused(Reason(UNKNOWN))  # unreachable while invites go with their group


async def _record(uow: InvitesUnitOfWork, grant: RoleGrant, *, reappointed: bool) -> None:
    """Store the grant; a person once revoked from this role gets their row back."""
    try:
        if reappointed:
            await uow.roles.update(grant)
        else:
            await uow.roles.grant(grant)
    except AlreadyExists:  # another invite for the same role was redeemed at the same moment
        raise Refused(Reason(ALREADY_HOLDS, {"role": grant.role.value})) from None
